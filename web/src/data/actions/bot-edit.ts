import type { EngagementStyle } from '../bots';

/** The bot fields a person may change from the dashboard, with their database column types. */
export const BOT_EDIT_COLUMNS = {
  name: 'text',
  origin_story: 'text',
  traits: 'text[]',
  communication_style: 'text',
  interests: 'text[]',
  quirks: 'text[]',
  creativity: 'smallint',
  leadership: 'smallint',
  skepticism: 'smallint',
  aggression: 'smallint',
  shyness: 'smallint',
  engagement_style: 'text',
  provider: 'text',
  model: 'text',
  memory_model: 'text',
  temperature: 'numeric',
  max_tokens: 'integer',
  daily_token_cap: 'bigint',
  daily_usd_cap: 'numeric',
  avatar_color: 'text',
} as const;

export type BotEditColumn = keyof typeof BOT_EDIT_COLUMNS;

export interface BotEdit {
  name?: string;
  origin_story?: string;
  traits?: string[];
  communication_style?: string;
  interests?: string[];
  quirks?: string[];
  creativity?: number;
  leadership?: number;
  skepticism?: number;
  aggression?: number;
  shyness?: number;
  engagement_style?: EngagementStyle;
  provider?: string;
  model?: string;
  memory_model?: string | null;
  temperature?: number;
  max_tokens?: number;
  /** null puts the bot back on the global default. */
  daily_token_cap?: number | null;
  daily_usd_cap?: number | null;
  avatar_color?: string;
}

export interface NewBot {
  handle: string;
  name: string;
  origin_story: string;
  traits: string[];
  communication_style: string;
  interests: string[];
  quirks: string[];
  creativity: number;
  leadership: number;
  skepticism: number;
  aggression: number;
  shyness: number;
  engagement_style: EngagementStyle;
  provider: string;
  model: string;
  temperature: number;
  max_tokens: number;
  daily_token_cap: number | null;
  daily_usd_cap: number | null;
  avatar_color: string;
}

export class InvalidEditError extends Error {
  override name = 'InvalidEditError';
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

const HANDLE = /^[a-z0-9][a-z0-9_-]{1,31}$/;
const COLOR = /^#[0-9a-fA-F]{6}$/;

/**
 * The same limits as the Postgres checks, applied before anything is written locally so an
 * edit the server would refuse is caught while the person is still looking at the form.
 */
export function validateBotEdit(edit: BotEdit): void {
  const level = (field: string, v: number | undefined) => {
    if (v !== undefined && (!Number.isInteger(v) || v < 0 || v > 100)) {
      throw new InvalidEditError(field, `${field} must be a whole number from 0 to 100`);
    }
  };
  if (edit.name !== undefined && (edit.name.trim().length < 1 || edit.name.length > 80)) {
    throw new InvalidEditError('name', 'name must be 1 to 80 characters');
  }
  if (edit.origin_story !== undefined && edit.origin_story.length > 4000) {
    throw new InvalidEditError('origin_story', 'origin story must be at most 4000 characters');
  }
  if (edit.communication_style !== undefined && edit.communication_style.length > 2000) {
    throw new InvalidEditError('communication_style', 'communication style must be at most 2000 characters');
  }
  level('creativity', edit.creativity);
  level('leadership', edit.leadership);
  level('skepticism', edit.skepticism);
  level('aggression', edit.aggression);
  level('shyness', edit.shyness);
  if (edit.temperature !== undefined && !(edit.temperature >= 0 && edit.temperature <= 2)) {
    throw new InvalidEditError('temperature', 'temperature must be between 0 and 2');
  }
  if (edit.max_tokens !== undefined && (!Number.isInteger(edit.max_tokens) || edit.max_tokens < 16 || edit.max_tokens > 32768)) {
    throw new InvalidEditError('max_tokens', 'max tokens must be a whole number from 16 to 32768');
  }
  if (edit.daily_token_cap != null && (!Number.isInteger(edit.daily_token_cap) || edit.daily_token_cap < 0)) {
    throw new InvalidEditError('daily_token_cap', 'token cap must be a whole number, 0 or more');
  }
  if (edit.daily_usd_cap != null && !(edit.daily_usd_cap >= 0)) {
    throw new InvalidEditError('daily_usd_cap', 'USD cap must be 0 or more');
  }
  if (edit.avatar_color !== undefined && !COLOR.test(edit.avatar_color)) {
    throw new InvalidEditError('avatar_color', 'colour must look like #3366ff');
  }
  if (edit.provider !== undefined && edit.provider.trim() === '') {
    throw new InvalidEditError('provider', 'choose a provider');
  }
  if (edit.model !== undefined && edit.model.trim() === '') {
    throw new InvalidEditError('model', 'choose a model');
  }
}

export function validateNewBot(bot: NewBot): void {
  if (!HANDLE.test(bot.handle)) {
    throw new InvalidEditError('handle', 'handle: 2–32 characters, lowercase letters, digits, "-" or "_", starting with a letter or digit');
  }
  validateBotEdit(bot);
}

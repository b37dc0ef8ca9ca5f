/**
 * The mutations the dashboard records. The server validates and applies them through
 * POST /api/mutations; when a shared definition of mutation types exists (sync/ or server/),
 * these names and payloads are to be imported from it instead of declared here.
 */
import type { BotId } from '../ids';
import type { FlagResolution } from '../moderation';
import type { BotEdit, NewBot } from './bot-edit';
import type { SettingsEdit } from './settings-edit';

export interface MutationPayloads {
  'bot.update': { bot_id: BotId; changes: BotEdit };
  'bot.create': { bot: NewBot & { id: BotId } };
  'bot.set_paused': { bot_id: BotId; paused: boolean };
  'settings.update': { changes: SettingsEdit };
  'flag.resolve': { flag_id: string; resolution: FlagResolution };
}

export type MutationType = keyof MutationPayloads;

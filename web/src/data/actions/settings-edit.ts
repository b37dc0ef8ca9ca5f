import type { Pace } from '../settings';
import { InvalidEditError } from './bot-edit';

export interface SettingsEdit {
  default_daily_token_cap?: number;
  default_daily_usd_cap?: number;
  pace?: Pace;
  pace_custom_seconds?: number | null;
  orchestrator_paused?: boolean;
}

export const SETTINGS_EDIT_COLUMNS = {
  default_daily_token_cap: 'bigint',
  default_daily_usd_cap: 'numeric',
  pace: 'text',
  pace_custom_seconds: 'integer',
  orchestrator_paused: 'boolean',
} as const;

export function validateSettingsEdit(edit: SettingsEdit): void {
  if (edit.default_daily_token_cap !== undefined && (!Number.isInteger(edit.default_daily_token_cap) || edit.default_daily_token_cap < 0)) {
    throw new InvalidEditError('default_daily_token_cap', 'default token cap must be a whole number, 0 or more');
  }
  if (edit.default_daily_usd_cap !== undefined && !(edit.default_daily_usd_cap >= 0)) {
    throw new InvalidEditError('default_daily_usd_cap', 'default USD cap must be 0 or more');
  }
  if (edit.pace_custom_seconds != null && !(edit.pace_custom_seconds >= 10 && edit.pace_custom_seconds <= 604800)) {
    throw new InvalidEditError('pace_custom_seconds', 'a custom pace must be between 10 seconds and 7 days');
  }
}

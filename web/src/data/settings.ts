import type { Accessor } from 'solid-js';
import { useDb } from './db';
import { createLiveRow } from './live-query';

export type Pace = 'slow' | 'normal' | 'fast' | 'turbo' | 'custom';

/** The presets' heartbeat intervals, as the orchestrator applies them. */
export const PACE_PRESETS: readonly { pace: Exclude<Pace, 'custom'>; label: string; seconds: number }[] = [
  { pace: 'slow', label: 'Slow · every 4 h', seconds: 4 * 60 * 60 },
  { pace: 'normal', label: 'Normal · every hour', seconds: 60 * 60 },
  { pace: 'fast', label: 'Fast · every 15 min', seconds: 15 * 60 },
  { pace: 'turbo', label: 'Turbo · every 5 min', seconds: 5 * 60 },
];

export interface Settings {
  id: 'global';
  default_daily_token_cap: number;
  default_daily_usd_cap: number;
  pace: Pace;
  pace_custom_seconds: number | null;
  orchestrator_paused: boolean;
  max_bots: number;
  updated_at: Date;
}

export function createSettings(): { row: Accessor<Settings | undefined>; ready: Accessor<boolean> } {
  const db = useDb();
  return createLiveRow<Settings>(db, () => ({
    sql: `SELECT id, default_daily_token_cap::float8 AS default_daily_token_cap,
                 default_daily_usd_cap::float8 AS default_daily_usd_cap, pace, pace_custom_seconds,
                 orchestrator_paused, max_bots, updated_at
            FROM settings WHERE id = 'global'`,
  }));
}

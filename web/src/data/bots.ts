import type { Accessor } from 'solid-js';
import { useDb } from './db';
import { createLiveQuery, createLiveRow, type LiveRows } from './live-query';
import type { BotId } from './ids';
import { BOT_STATE_CTE } from './sql';

export type BotStatus = 'active' | 'paused' | 'capped' | 'error';

export interface BotSummary {
  id: BotId;
  handle: string;
  name: string;
  avatar_color: string;
  reputation: number;
  upvotes: number;
  downvotes: number;
  paused: boolean;
  provider: string;
  model: string;
  status: BotStatus;
  tokens_today: number;
  usd_today: number;
  token_cap: number;
  usd_cap: number;
}

/** Every bot with its live status, best reputation first. */
export function createBots(): LiveRows<BotSummary> {
  const db = useDb();
  return createLiveQuery<BotSummary>(db, () => ({
    sql: `WITH ${BOT_STATE_CTE}
      SELECT b.id, b.handle, b.name, b.avatar_color, b.reputation, b.upvotes, b.downvotes, b.paused,
             b.provider, b.model, s.status, s.tokens_today, s.usd_today, s.token_cap, s.usd_cap
        FROM bots b JOIN bot_state s ON s.bot_id = b.id
       ORDER BY b.reputation DESC, b.name`,
  }));
}

export type EngagementStyle = 'lurker' | 'balanced' | 'conversationalist' | 'instigator' | 'curator';
export const ENGAGEMENT_STYLES: readonly EngagementStyle[] = ['lurker', 'balanced', 'conversationalist', 'instigator', 'curator'];

export const BEHAVIOUR_LEVELS = ['creativity', 'leadership', 'skepticism', 'aggression', 'shyness'] as const;
export type BehaviourLevel = (typeof BEHAVIOUR_LEVELS)[number];

/** Everything the config panel edits, as the local database holds it now (edits included). */
export interface BotConfig {
  id: BotId;
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
  memory_model: string | null;
  temperature: number;
  max_tokens: number;
  /** null means "the global default". */
  daily_token_cap: number | null;
  daily_usd_cap: number | null;
  default_token_cap: number;
  default_usd_cap: number;
  paused: boolean;
  reputation: number;
  upvotes: number;
  downvotes: number;
  avatar_color: string;
  source: 'demo' | 'custom';
  last_error: string | null;
  last_error_at: Date | null;
  last_heartbeat_at: Date | null;
  next_heartbeat_at: Date | null;
  created_at: Date;
  status: BotStatus;
  tokens_today: number;
  usd_today: number;
  followers: number;
  following: number;
}

export function createBot(id: Accessor<BotId | undefined>): { row: Accessor<BotConfig | undefined>; ready: Accessor<boolean> } {
  const db = useDb();
  return createLiveRow<BotConfig>(db, () => {
    const botId = id();
    if (!botId) return undefined;
    return {
      sql: `WITH ${BOT_STATE_CTE}
        SELECT b.id, b.handle, b.name, b.origin_story, b.traits, b.communication_style, b.interests, b.quirks,
               b.creativity, b.leadership, b.skepticism, b.aggression, b.shyness, b.engagement_style,
               b.provider, b.model, b.memory_model, b.temperature::float8 AS temperature, b.max_tokens,
               b.daily_token_cap::float8 AS daily_token_cap, b.daily_usd_cap::float8 AS daily_usd_cap,
               coalesce((SELECT default_daily_token_cap::float8 FROM settings WHERE id = 'global'), 100000) AS default_token_cap,
               coalesce((SELECT default_daily_usd_cap::float8 FROM settings WHERE id = 'global'), 1) AS default_usd_cap,
               b.paused, b.reputation, b.upvotes, b.downvotes, b.avatar_color, b.source,
               b.last_error, b.last_error_at, b.last_heartbeat_at, b.next_heartbeat_at, b.created_at,
               s.status, s.tokens_today, s.usd_today,
               (SELECT count(*)::int FROM follows f WHERE f.followee_id = b.id) AS followers,
               (SELECT count(*)::int FROM follows f WHERE f.follower_id = b.id) AS following
          FROM bots b JOIN bot_state s ON s.bot_id = b.id
         WHERE b.id = $1`,
      params: [botId],
    };
  });
}

export interface ModelChoice {
  provider: string;
  model: string;
  simulated: boolean;
}

/** Provider/model pairs with a known price, for the model pickers. */
export function createModelChoices(): LiveRows<ModelChoice> {
  const db = useDb();
  return createLiveQuery<ModelChoice>(db, () => ({
    sql: `SELECT provider || '/' || model AS id, provider, model, simulated FROM model_prices ORDER BY simulated DESC, provider, model`,
  }));
}

/** Bot count against the configured maximum, for the create form. */
export function createBotCapacity(): { row: Accessor<{ id: string; bots: number; max_bots: number } | undefined> } {
  const db = useDb();
  return createLiveRow(db, () => ({
    sql: `SELECT 'capacity' AS id, (SELECT count(*)::int FROM bots) AS bots,
                 coalesce((SELECT max_bots FROM settings WHERE id = 'global'), 12) AS max_bots`,
  }));
}

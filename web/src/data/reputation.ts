import type { Accessor } from 'solid-js';
import { useDb } from './db';
import { createLiveQuery, type LiveRows } from './live-query';
import type { BotId } from './ids';

export interface ReputationPoint {
  id: string;
  bot_id: BotId;
  bot_name: string;
  avatar_color: string;
  day: string;
  reputation: number;
  upvotes: number;
  downvotes: number;
}

/** Daily reputation, oldest first; for one bot, or for all when botId is undefined. */
export function createReputationHistory(botId: Accessor<BotId | undefined> = () => undefined): LiveRows<ReputationPoint> {
  const db = useDb();
  return createLiveQuery<ReputationPoint>(db, () => ({
    sql: `SELECT h.bot_id || ':' || h.day AS id, h.bot_id, b.name AS bot_name, b.avatar_color,
                 to_char(h.day, 'YYYY-MM-DD') AS day, h.reputation, h.upvotes, h.downvotes
            FROM reputation_history h JOIN bots b ON b.id = h.bot_id
           WHERE h.bot_id = coalesce($1::uuid, h.bot_id)
           ORDER BY h.day, b.name`,
    params: [botId() ?? null],
  }));
}

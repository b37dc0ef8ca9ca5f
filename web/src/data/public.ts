import { useDb } from './db';
import { createLiveQuery, type LiveRows } from './live-query';
import type { ActivityEntry } from './activity';
import type { BotId } from './ids';

/**
 * What the read-only public view may show of a bot. It selects only these columns, so no
 * configuration, usage or memory can reach the public page by accident.
 */
export interface PublicBot {
  id: BotId;
  handle: string;
  name: string;
  avatar_color: string;
  reputation: number;
  interests: string[];
  threads: number;
  followers: number;
}

export function createPublicBots(): LiveRows<PublicBot> {
  const db = useDb();
  return createLiveQuery<PublicBot>(db, () => ({
    sql: `SELECT b.id, b.handle, b.name, b.avatar_color, b.reputation, b.interests,
                 (SELECT count(*)::int FROM threads t WHERE t.bot_id = b.id) AS threads,
                 (SELECT count(*)::int FROM follows f WHERE f.followee_id = b.id) AS followers
            FROM bots b ORDER BY b.reputation DESC, b.name`,
  }));
}

/**
 * The newest public activity (the public database holds only community actions, without reasons
 * or costs); shaped like the dashboard's feed so the same component shows it.
 */
export function createPublicActivity(limit: number): LiveRows<ActivityEntry> {
  const db = useDb();
  return createLiveQuery<ActivityEntry>(db, () => ({
    sql: `SELECT a.id, a.bot_id, b.name AS bot_name, b.handle AS bot_handle, b.avatar_color,
                 a.action, a.summary, NULL::text AS reason, a.thread_id, a.created_at
            FROM activity a JOIN bots b ON b.id = a.bot_id
           ORDER BY a.created_at DESC, a.id
           LIMIT $1`,
    params: [limit],
  }));
}

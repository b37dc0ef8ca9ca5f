import type { Accessor } from 'solid-js';
import { useDb } from './db';
import { createLiveQuery, type LiveRows } from './live-query';
import type { BotId, ThreadId } from './ids';

export const ACTIVITY_ACTIONS = ['create_thread', 'reply', 'vote', 'follow', 'web_search', 'do_nothing', 'error'] as const;
export type ActivityAction = (typeof ACTIVITY_ACTIONS)[number];

export interface ActivityEntry {
  id: string;
  bot_id: BotId;
  bot_name: string;
  bot_handle: string;
  avatar_color: string;
  action: ActivityAction;
  summary: string;
  reason: string | null;
  thread_id: ThreadId | null;
  created_at: Date;
}

export interface ActivityFilter {
  botId?: BotId | undefined;
  /** Only these actions; all of them when absent. */
  action?: ActivityAction | undefined;
  limit?: number;
}

/** The newest activity first, optionally for one bot and one kind of action. */
export function createActivityFeed(filter: Accessor<ActivityFilter> = () => ({})): LiveRows<ActivityEntry> {
  const db = useDb();
  return createLiveQuery<ActivityEntry>(db, () => {
    const f = filter();
    return {
      sql: `SELECT a.id, a.bot_id, b.name AS bot_name, b.handle AS bot_handle, b.avatar_color,
                   a.action, a.summary, a.reason, a.thread_id, a.created_at
              FROM activity a JOIN bots b ON b.id = a.bot_id
             WHERE a.bot_id = coalesce($1::uuid, a.bot_id)
               AND a.action = coalesce($2::text, a.action)
             ORDER BY a.created_at DESC, a.id
             LIMIT $3`,
      params: [f.botId ?? null, f.action ?? null, f.limit ?? 50],
    };
  });
}

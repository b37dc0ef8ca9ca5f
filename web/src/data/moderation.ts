import type { Accessor } from 'solid-js';
import { useDb } from './db';
import { createLiveQuery, type LiveRows } from './live-query';
import type { BotId, ThreadId } from './ids';

export type FlagReason = 'low_quality' | 'repetitive' | 'frequency';
export type FlagResolution = 'dismissed' | 'deleted' | 'bot_paused';

export interface ContentFlag {
  id: string;
  bot_id: BotId;
  bot_name: string;
  avatar_color: string;
  bot_paused: boolean;
  reason: FlagReason;
  /** The flagged post's thread (for a reply, the thread it is in). */
  thread_id: ThreadId | null;
  reply_id: string | null;
  thread_title: string | null;
  excerpt: string | null;
  resolved: boolean;
  resolution: FlagResolution | null;
  resolved_at: Date | null;
  created_at: Date;
}

/** Content flags, open ones or resolved ones, newest first. */
export function createFlags(show: Accessor<'open' | 'resolved'>): LiveRows<ContentFlag> {
  const db = useDb();
  return createLiveQuery<ContentFlag>(db, () => ({
    sql: `SELECT f.id, f.bot_id, b.name AS bot_name, b.avatar_color, b.paused AS bot_paused, f.reason,
                 coalesce(f.thread_id, r.thread_id) AS thread_id, f.reply_id, t.title AS thread_title,
                 left(coalesce(r.body, t.body), 240) AS excerpt,
                 f.resolved, f.resolution, f.resolved_at, f.created_at
            FROM content_flags f
            JOIN bots b ON b.id = f.bot_id
            LEFT JOIN replies r ON r.id = f.reply_id
            LEFT JOIN threads t ON t.id = coalesce(f.thread_id, r.thread_id)
           WHERE f.resolved = $1
           ORDER BY f.created_at DESC, f.id`,
    params: [show() === 'resolved'],
  }));
}

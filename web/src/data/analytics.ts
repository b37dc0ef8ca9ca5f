import type { Accessor } from 'solid-js';
import { useDb } from './db';
import { createLiveQuery, type LiveRows } from './live-query';
import type { BotId } from './ids';
import { UTC_TODAY } from './sql';

/**
 * The analytics panel, from the local copy. Each figure covers the last `days` UTC days, today
 * included, and is defined as the server's GET /api/stats/analytics defines it, so the two agree:
 * posts per day count threads and replies by the UTC day they were written; a bot's actions are
 * its activity rows other than idling and errors.
 */

/** The period's days, bound once (a live query may use each placeholder only once). */
const PERIOD = `p AS (SELECT $1::int AS days),
  span AS (SELECT d::date AS day FROM p, generate_series(${UTC_TODAY} - (p.days - 1), ${UTC_TODAY}, interval '1 day') AS d),
  since AS (SELECT (min(day)::timestamp AT TIME ZONE 'UTC') AS at FROM span)`;

export interface PostsDay {
  id: string;
  day: string;
  threads: number;
  replies: number;
  /** Replies the threads started that day have now (their reply_count), for the average. */
  thread_replies: number;
}

/** One row per UTC day of the period, zero-filled, oldest first. */
export function createPostsByDay(days: Accessor<number>): LiveRows<PostsDay> {
  const db = useDb();
  return createLiveQuery<PostsDay>(db, () => ({
    sql: `WITH ${PERIOD},
          t AS (SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n, sum(reply_count) AS got
                  FROM threads, since WHERE created_at >= since.at GROUP BY 1),
          r AS (SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n
                  FROM replies, since WHERE created_at >= since.at GROUP BY 1)
          SELECT to_char(s.day, 'YYYY-MM-DD') AS id, to_char(s.day, 'YYYY-MM-DD') AS day,
                 coalesce(t.n, 0)::int AS threads, coalesce(r.n, 0)::int AS replies, coalesce(t.got, 0)::int AS thread_replies
            FROM span s LEFT JOIN t ON t.day = s.day LEFT JOIN r ON r.day = s.day
           ORDER BY s.day`,
    params: [days()],
  }));
}

export interface BotEngagement {
  id: BotId;
  name: string;
  avatar_color: string;
  threads: number;
  replies: number;
  votes: number;
  follows: number;
  /** Everything but idling and errors, as the server's analytics counts a bot's actions. */
  actions: number;
}

/** Per bot, what it did in the period, the most active first (by actions, then name). */
export function createEngagementByBot(days: Accessor<number>): LiveRows<BotEngagement> {
  const db = useDb();
  return createLiveQuery<BotEngagement>(db, () => ({
    sql: `WITH ${PERIOD}
          SELECT b.id, b.name, b.avatar_color,
                 count(a.id) FILTER (WHERE a.action = 'create_thread')::int AS threads,
                 count(a.id) FILTER (WHERE a.action = 'reply')::int AS replies,
                 count(a.id) FILTER (WHERE a.action = 'vote')::int AS votes,
                 count(a.id) FILTER (WHERE a.action = 'follow')::int AS follows,
                 count(a.id) FILTER (WHERE a.action NOT IN ('do_nothing', 'error'))::int AS actions
            FROM bots b CROSS JOIN since
            LEFT JOIN activity a ON a.bot_id = b.id AND a.created_at >= since.at
           GROUP BY b.id, b.name, b.avatar_color
           ORDER BY actions DESC, b.name`,
    params: [days()],
  }));
}

export interface PostsSummary {
  threads: number;
  replies: number;
  /** Replies per thread started in the period, or null when none was started. */
  averageReplies: number | null;
}

/** Totals of the period from its days. */
export function summarisePosts(days: readonly PostsDay[]): PostsSummary {
  const threads = days.reduce((s, d) => s + d.threads, 0);
  const replies = days.reduce((s, d) => s + d.replies, 0);
  const got = days.reduce((s, d) => s + d.thread_replies, 0);
  return { threads, replies, averageReplies: threads > 0 ? got / threads : null };
}

/** The bot with the most actions in the period; none when no bot acted. */
export function mostActive<T extends { actions: number; name: string }>(bots: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const b of bots) {
    if (b.actions > 0 && (!best || b.actions > best.actions || (b.actions === best.actions && b.name < best.name))) best = b;
  }
  return best;
}

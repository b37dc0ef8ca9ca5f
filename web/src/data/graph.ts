import { useDb } from './db';
import { createLiveQuery, type LiveRows } from './live-query';
import type { BotId } from './ids';

export interface InteractionEdge {
  id: string;
  source: BotId;
  target: BotId;
  replies: number;
  votes: number;
  follows: number;
  weight: number;
}

/**
 * Who interacts with whom: replies to another bot's thread or reply, votes on another bot's posts,
 * and follows, counted per ordered pair of bots.
 */
export function createInteractionGraph(): LiveRows<InteractionEdge> {
  const db = useDb();
  return createLiveQuery<InteractionEdge>(db, () => ({
    sql: `WITH reply_edges AS (
            SELECT r.bot_id AS source, coalesce(p.bot_id, t.bot_id) AS target
              FROM replies r
              LEFT JOIN replies p ON p.id = r.parent_reply_id
              JOIN threads t ON t.id = r.thread_id
          ),
          edges AS (
            SELECT source, target, 1 AS replies, 0 AS votes, 0 AS follows FROM reply_edges
            UNION ALL SELECT voter_id, target_bot_id, 0, 1, 0 FROM votes
            UNION ALL SELECT follower_id, followee_id, 0, 0, 1 FROM follows
          )
          SELECT e.source || '>' || e.target AS id, e.source, e.target,
                 sum(e.replies)::int AS replies, sum(e.votes)::int AS votes, sum(e.follows)::int AS follows,
                 count(*)::int AS weight
            FROM edges e
           WHERE e.source <> e.target
           GROUP BY e.source, e.target
           ORDER BY weight DESC`,
  }));
}

import type { Sql } from '../../db/client.ts';

export interface GraphEdge {
  source: string;
  target: string;
  replies: number;
  votes: number;
  upvotes: number;
  downvotes: number;
  /** Average of the source's votes on the target's posts, -1…1; null when it never voted on them. */
  sentiment: number | null;
  follows: boolean;
  /** Interactions: replies to the target's posts plus votes on them. A follow alone weighs 0. */
  weight: number;
}

/**
 * Who interacts with whom, read from the posts themselves rather than from the activity log, so
 * the graph always agrees with what is in the database (deleted posts take their edges with them).
 * A reply is addressed to the author of the reply it answers, or of the thread when it answers the
 * thread, the same rule the heartbeat uses for a reply's target bot.
 */
export async function relationshipGraph(sql: Sql) {
  const [nodes, edges] = await Promise.all([
    sql`SELECT b.id, b.handle, b.name, b.avatar_color, b.reputation, b.upvotes, b.downvotes,
               (SELECT count(*)::int FROM follows WHERE followee_id = b.id) AS followers,
               (SELECT count(*)::int FROM follows WHERE follower_id = b.id) AS following
          FROM bots b ORDER BY b.handle`,
    sql<GraphEdge[]>`
      WITH reply_edges AS (
        SELECT r.bot_id AS source, coalesce(p.bot_id, t.bot_id) AS target, count(*)::int AS replies
          FROM replies r
          JOIN threads t ON t.id = r.thread_id
          LEFT JOIN replies p ON p.id = r.parent_reply_id
         GROUP BY 1, 2),
      vote_edges AS (
        SELECT voter_id AS source, target_bot_id AS target, count(*)::int AS votes,
               count(*) FILTER (WHERE value = 1)::int AS upvotes,
               count(*) FILTER (WHERE value = -1)::int AS downvotes,
               avg(value)::float8 AS sentiment
          FROM votes GROUP BY 1, 2),
      follow_edges AS (SELECT follower_id AS source, followee_id AS target FROM follows),
      pairs AS (
        SELECT source, target FROM reply_edges UNION SELECT source, target FROM vote_edges
        UNION SELECT source, target FROM follow_edges)
      SELECT p.source, p.target,
             coalesce(re.replies, 0) AS replies, coalesce(ve.votes, 0) AS votes,
             coalesce(ve.upvotes, 0) AS upvotes, coalesce(ve.downvotes, 0) AS downvotes,
             round(ve.sentiment::numeric, 4)::float8 AS sentiment,
             (fe.source IS NOT NULL) AS follows,
             coalesce(re.replies, 0) + coalesce(ve.votes, 0) AS weight
        FROM pairs p
        LEFT JOIN reply_edges re ON re.source = p.source AND re.target = p.target
        LEFT JOIN vote_edges ve ON ve.source = p.source AND ve.target = p.target
        LEFT JOIN follow_edges fe ON fe.source = p.source AND fe.target = p.target
       -- Replying to oneself is conversation, not a relationship.
       WHERE p.source <> p.target
       ORDER BY weight DESC, p.source, p.target`,
  ]);
  return { nodes, edges };
}

/**
 * Checks of the community's invariants recomputed straight from the tables, written independently
 * of the services they check (so a mistake in one is not repeated in the other).
 */
import type { Sql } from '../../src/db/client.ts';
import type { GraphEdge } from '../../src/modules/graph/service.ts';

// The shape of an edge comes from the service; its values are recomputed here independently.
export type { GraphEdge } from '../../src/modules/graph/service.ts';

/**
 * Relationship-graph edges, one correlated count per ordered pair of bots: a reply counts towards
 * the author of what it answers (its parent reply, or else its thread); a vote towards the author
 * of the post, found by joining the post rather than trusting votes.target_bot_id.
 */
export async function edgesFromSql(sql: Sql): Promise<GraphEdge[]> {
  const rows = await sql`
    SELECT s.id AS source, t.id AS target,
           (SELECT count(*)::int FROM replies r
             WHERE r.bot_id = s.id
               AND t.id = CASE WHEN r.parent_reply_id IS NULL THEN (SELECT bot_id FROM threads WHERE id = r.thread_id)
                               ELSE (SELECT bot_id FROM replies WHERE id = r.parent_reply_id) END) AS replies,
           (SELECT count(*)::int FROM votes v LEFT JOIN threads th ON th.id = v.thread_id LEFT JOIN replies re ON re.id = v.reply_id
             WHERE v.voter_id = s.id AND coalesce(th.bot_id, re.bot_id) = t.id) AS votes,
           (SELECT count(*)::int FROM votes v LEFT JOIN threads th ON th.id = v.thread_id LEFT JOIN replies re ON re.id = v.reply_id
             WHERE v.voter_id = s.id AND coalesce(th.bot_id, re.bot_id) = t.id AND v.value = 1) AS upvotes,
           EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = s.id AND f.followee_id = t.id) AS follows
      FROM bots s CROSS JOIN bots t WHERE s.id <> t.id`;
  return rows
    .map((r) => {
      const downvotes = r.votes - r.upvotes;
      return {
        source: r.source,
        target: r.target,
        replies: r.replies,
        votes: r.votes,
        upvotes: r.upvotes,
        downvotes,
        sentiment: r.votes ? Math.round(((r.upvotes - downvotes) / r.votes) * 10_000) / 10_000 : null,
        follows: r.follows,
        weight: r.replies + r.votes,
      };
    })
    .filter((e) => e.weight > 0 || e.follows)
    .sort(byEdge);
}

export const byEdge = (a: GraphEdge, b: GraphEdge) => `${a.source}>${a.target}`.localeCompare(`${b.source}>${b.target}`);

/** Every bot whose reputation, up or down count is not what the votes it received add up to. */
export async function reputationDrift(sql: Sql) {
  return [
    ...(await sql`
      SELECT b.handle, b.reputation, coalesce(sum(v.value), 0)::int AS sum
        FROM bots b
        LEFT JOIN (SELECT v.value, coalesce(th.bot_id, re.bot_id) AS author FROM votes v
                     LEFT JOIN threads th ON th.id = v.thread_id LEFT JOIN replies re ON re.id = v.reply_id) v ON v.author = b.id
       GROUP BY b.id
      HAVING b.reputation <> coalesce(sum(v.value), 0)
          OR b.upvotes <> count(*) FILTER (WHERE v.value = 1) OR b.downvotes <> count(*) FILTER (WHERE v.value = -1)`),
  ];
}

/**
 * A strict RFC 4180 reader: it throws on anything a conforming writer would never produce (a quote
 * inside an unquoted field, text after a closing quote, a bare LF between records, no final CRLF).
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else field += text[i++];
      }
      if (i < text.length && text[i] !== ',' && text[i] !== '\r') throw new Error(`text after a closing quote at ${i}`);
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`unquoted special character at ${i}`);
        field += text[i++];
      }
    }
    record.push(field);
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (i >= text.length) throw new Error('the last record must end with CRLF');
    if (text[i] !== '\r' || text[i + 1] !== '\n') throw new Error(`expected CRLF at ${i}`);
    i += 2;
    records.push(record);
    record = [];
    if (i >= text.length) return records;
  }
}

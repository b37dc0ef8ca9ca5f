import type { Sql } from '../db/client.ts';
import { RECENCY_DECAY_PER_HOUR, RECENCY_MIN_SPREAD_HOURS, RETRIEVAL_WEIGHTS, RETRIEVED_ITEMS } from './constants.ts';

const STOP = new Set(['that', 'this', 'with', 'from', 'have', 'what', 'about', 'there', 'their', 'would', 'could', 'should', 'which', 'when', 'where', 'your', 'just', 'like', 'more', 'than', 'then', 'into', 'some', 'been', 'were', 'they', 'them', 'will', 'here']);

/** An OR query of the feed's content words, safe to hand to to_tsquery (letters and digits only). */
export function feedQuery(text: string, maxWords = 40): string | null {
  const words = [...new Set(text.toLowerCase().match(/[a-z0-9]{4,}/g) ?? [])].filter((w) => !STOP.has(w)).slice(0, maxWords);
  return words.length ? words.join(' | ') : null;
}

export interface Candidate {
  id: string;
  kind: string;
  content: string;
  importance: number;
  hoursSinceAccess: number;
  relevance: number;
}

const normalise = (xs: number[], minSpread = 0) => {
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  const spread = Math.max(max - min, minSpread);
  return xs.map((x) => (spread > 0 ? (x - min) / spread : max > 0 ? 1 : 0));
};

/**
 * Ranks by recency (decay per hour since last access), importance and relevance to the feed,
 * each min–max normalised over the candidates and weighted (as in Generative Agents).
 */
export function rank(candidates: Candidate[], limit = RETRIEVED_ITEMS): Candidate[] {
  if (!candidates.length) return [];
  const recency = normalise(candidates.map((c) => RECENCY_DECAY_PER_HOUR ** c.hoursSinceAccess), 1 - RECENCY_DECAY_PER_HOUR ** RECENCY_MIN_SPREAD_HOURS);
  const importance = normalise(candidates.map((c) => c.importance));
  const relevance = normalise(candidates.map((c) => c.relevance));
  const w = RETRIEVAL_WEIGHTS;
  return candidates
    .map((c, i) => ({ c, score: w.recency * recency[i]! + w.importance * importance[i]! + w.relevance * relevance[i]! }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((x) => x.c);
}

/** The warm memories most relevant to the feed; using them refreshes their last-access time. */
export async function retrieveWarm(sql: Sql, botId: string, feedText: string, limit = RETRIEVED_ITEMS) {
  const q = feedQuery(feedText);
  const rows = await sql<{ id: string; kind: string; content: string; importance: number; hours: number; relevance: number }[]>`
    SELECT id, kind, content, importance,
           extract(epoch FROM now() - last_accessed_at)::float8 / 3600 AS hours,
           ${q ? sql`ts_rank(search, to_tsquery('english', ${q}))` : sql`0`}::float8 AS relevance
      FROM memory_items WHERE bot_id = ${botId}
     -- Equal scores keep this order (the sort is stable): one that does not depend on random ids.
     ORDER BY created_at, kind, content`;
  const top = rank(rows.map((r) => ({ id: r.id, kind: r.kind, content: r.content, importance: r.importance, hoursSinceAccess: r.hours, relevance: r.relevance })), limit);
  if (top.length) await sql`UPDATE memory_items SET last_accessed_at = now() WHERE id = ANY(${top.map((t) => t.id)}::uuid[])`;
  return top.map((t) => ({ kind: t.kind, content: t.content, importance: t.importance }));
}

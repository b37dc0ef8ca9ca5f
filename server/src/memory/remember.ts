import type { Sql, Tx } from '../db/client.ts';
import { NEAR_DUPLICATE_SIMILARITY } from './constants.ts';

/** A warm item to remember; relationships go through recordInteraction instead. */
export interface NewMemory {
  kind: 'fact' | 'interest' | 'opinion' | 'episode' | 'reflection';
  content: string;
  importance: number;
  topic?: string | null;
  stance?: string | null;
  confidence?: number | null;
  /** Facts: where it was learned (a URL, or "conversation"). */
  source?: string | null;
}

const STOP = new Set(['the', 'and', 'for', 'that', 'this', 'with', 'about', 'from', 'have', 'what', 'into', 'than', 'then', 'they', 'them', 'their', 'there', 'would', 'could', 'should']);
// Numbers count whatever their length: "part 1" and "part 2" are different things.
const contentWords = (s: string) => new Set((s.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => /\d/.test(w) || (w.length > 2 && !STOP.has(w))));

/** Jaccard similarity of two texts' content words: 1 for the same words in any order. */
export function similarity(a: string, b: string): number {
  const x = contentWords(a);
  const y = contentWords(b);
  if (!x.size || !y.size) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / (x.size + y.size - shared);
}

/**
 * Merges an item into what the bot already knows. A near-duplicate of an item of the same kind
 * (same words, give or take a few) or an item with the same memory_key (migration 0008: same
 * topic for interests and opinions, same words otherwise) is updated in place: seen once more,
 * now, as important as the more important of the two, and for opinions the latest stance with a
 * confidence that grows when the stance holds. The unique index is the guarantee under
 * concurrency; the similarity check only catches rewordings the key cannot.
 */
export async function remember(sql: Sql | Tx, botId: string, item: NewMemory): Promise<'added' | 'merged'> {
  const known = await sql<{ id: string; content: string; source: string | null }[]>`
    SELECT id, content, source FROM memory_items WHERE bot_id = ${botId} AND kind = ${item.kind}
     ORDER BY last_seen_at DESC LIMIT 200`;
  // Facts from two different pages are two facts, however alike their words.
  const sameSource = (k: { source: string | null }) => !item.source || !k.source || k.source === item.source;
  const near = known.find((k) => sameSource(k) && similarity(k.content, item.content) >= NEAR_DUPLICATE_SIMILARITY);
  const topic = item.topic?.trim() || null;
  const stance = item.stance ?? null;
  const confidence = item.confidence ?? null;
  if (near) {
    await sql`UPDATE memory_items m SET ${merged(sql, item.importance, stance, confidence)} WHERE m.id = ${near.id}`;
    return 'merged';
  }
  const fact = item.kind === 'fact';
  const [row] = await sql<{ inserted: boolean }[]>`
    INSERT INTO memory_items AS m (bot_id, kind, content, importance, topic, stance, confidence, source, learned_on)
    VALUES (${botId}, ${item.kind}, ${item.content}, ${item.importance}, ${topic}, ${stance}, ${confidence},
            ${fact ? (item.source ?? 'conversation') : null}, ${fact ? sql`chorus_utc_today()` : null})
    ON CONFLICT (bot_id, kind, memory_key) WHERE memory_key IS NOT NULL DO UPDATE SET
      ${merged(sql, item.importance, stance, confidence)},
      -- an opinion is restated in its latest words
      content = CASE WHEN m.kind = 'opinion' THEN excluded.content ELSE m.content END
    RETURNING (xmax = 0) AS inserted`;
  return row?.inserted ? 'added' : 'merged';
}

function merged(sql: Sql | Tx, importance: number, stance: string | null, confidence: number | null) {
  return sql`
    seen_count = m.seen_count + 1,
    last_seen_at = now(),
    last_accessed_at = now(),
    importance = greatest(m.importance, ${importance}),
    confidence = CASE
      WHEN ${confidence}::real IS NULL THEN m.confidence
      WHEN m.stance IS NOT DISTINCT FROM ${stance}::text THEN least(1, greatest(coalesce(m.confidence, 0), ${confidence}::real) + 0.05)
      ELSE ${confidence}::real END,
    stance = coalesce(${stance}::text, m.stance)`;
}

/** Auto-moderation rules, pure so they can be tested without a database. */

export const MIN_POST_CHARS = 20;
export const REPETITION_THRESHOLD = 0.6;
export const REPETITION_WINDOW_POSTS = 3;
export const FREQUENCY_LIMIT_PER_HOUR = 5;

export type FlagReason = 'low_quality' | 'repetitive' | 'frequency';

const wordSet = (s: string) => new Set(s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean));

/** Jaccard similarity of the two texts' word sets (0 when either is empty). */
export function wordOverlap(a: string, b: string): number {
  const x = wordSet(a);
  const y = wordSet(b);
  if (!x.size || !y.size) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / (x.size + y.size - shared);
}

export interface PostFacts {
  text: string;
  /** The author's previous posts, newest first (only the first REPETITION_WINDOW_POSTS count). */
  previous: string[];
  /** Posts by the author in the last hour, this one included. */
  postsLastHour: number;
}

export interface Finding {
  reason: FlagReason;
  details: Record<string, unknown>;
}

export function checkPost(p: PostFacts): Finding[] {
  const out: Finding[] = [];
  const length = p.text.trim().length;
  if (length < MIN_POST_CHARS) out.push({ reason: 'low_quality', details: { length, minimum: MIN_POST_CHARS } });
  const overlaps = p.previous.slice(0, REPETITION_WINDOW_POSTS).map((prev) => wordOverlap(p.text, prev));
  const worst = Math.max(0, ...overlaps);
  if (worst > REPETITION_THRESHOLD) out.push({ reason: 'repetitive', details: { overlap: Math.round(worst * 100) / 100, threshold: REPETITION_THRESHOLD } });
  if (p.postsLastHour >= FREQUENCY_LIMIT_PER_HOUR) out.push({ reason: 'frequency', details: { posts_last_hour: p.postsLastHour, limit: FREQUENCY_LIMIT_PER_HOUR } });
  return out;
}

/** Hostile and malformed inputs for fuzzing, drawn from a seeded generator so a failure replays. */
import { createRng, pick, type Rng } from '../../src/llm/sim/random.ts';

export { createRng, pick, type Rng };

const STRINGS = [
  '', ' ', '\u0000', 'null', 'undefined', 'NaN', '-1', '0', '1e309', '9'.repeat(40), '-0', 'true',
  "' OR 1=1 --", "'; DROP TABLE bots; --", '") OR ("1"="1', '$1', '%00', '../../etc/passwd', '<script>alert(1)</script>',
  '{{7*7}}', '${7*7}', '\\', '"', "'", '%', '_', '*', '🦜', '👩‍👩‍👧‍👦', '\u202e\u0631\u0644', 'Z̸̢̛a̴l̷g̶o̷', '\ud800', 'ﬃ', '\r\n\t',
  'x'.repeat(5000), 'é'.repeat(3000), '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b', 'public.bots', 'pg_catalog.pg_authid', 'bots; SELECT 1',
];

export function hostileString(rng: Rng): string {
  const base = pick(rng, STRINGS);
  return rng() < 0.2 ? base + pick(rng, STRINGS) : base;
}

export function hostileValue(rng: Rng, depth = 0): unknown {
  const r = rng();
  if (r < 0.35) return hostileString(rng);
  if (r < 0.5) return pick(rng, [0, -1, 1, 101, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, -1e-308, 0.5, NaN, Infinity]);
  if (r < 0.6) return pick(rng, [null, true, false]);
  if (r < 0.8 && depth < 3) return Array.from({ length: Math.floor(rng() * 4) }, () => hostileValue(rng, depth + 1));
  if (depth < 3) return hostileObject(rng, depth + 1);
  return null;
}

export function hostileObject(rng: Rng, depth = 0, keys: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const n = Math.floor(rng() * 5);
  for (let i = 0; i < n; i++) out[rng() < 0.6 && keys.length ? pick(rng, keys) : hostileString(rng).slice(0, 40)] = hostileValue(rng, depth);
  return out;
}

/** A request body: valid-looking JSON with hostile values, or not JSON at all. */
export function hostileBody(rng: Rng, keys: string[]): string {
  const r = rng();
  if (r < 0.1) return '{"unterminated": ';
  if (r < 0.15) return '\u0000\u0001\u0002';
  if (r < 0.2) return JSON.stringify({ big: 'x'.repeat(1_500_000) });
  if (r < 0.25) return '['.repeat(5000) + ']'.repeat(5000);
  if (r < 0.3) return JSON.stringify(hostileValue(rng));
  return JSON.stringify(hostileObject(rng, 0, keys));
}

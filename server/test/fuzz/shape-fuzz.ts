/**
 * `/v1/shape` with forged and hostile parameters: unknown tables and columns, where-clause
 * injection, forged handles, offsets and cursors. Every answer must be a 4xx with Electric's
 * error body, a 409 must-refetch, or a valid 200, never a 5xx or a hang.
 */
import { hostileString, pick, type Rng } from './inputs.ts';
import type { FuzzRow } from './http-fuzz.ts';

const TABLES = ['bots', 'threads', 'settings', 'llm_calls', 'applied_mutations', 'pg_authid', 'public.bots', '"bots"', 'bots;--', ''];
const WHERES = [
  "name = 'x'", "1=1; DROP TABLE bots", "name = $1", "id IN (SELECT id FROM bots)", "pg_sleep(10) IS NULL",
  "name ILIKE '%a%' OR paused", "NOT (creativity > 50)", "creativity BETWEEN 1 AND 2", "lower(name) = 'x'", "name = 'x' --",
  "(((((((((((((((((((((((((((((((1=1)))))))))))))))))))))))))))))))", "'", "creativity > 'abc'", "unknown_col = 1",
];

export async function fuzzShapes(opts: { shapeUrl: string; iterations: number; rng: Rng }): Promise<FuzzRow> {
  const row: FuzzRow = { target: 'GET /v1/shape', tried: 0, refused: 0, accepted: 0, failures: [] };
  for (let i = 0; i < opts.iterations; i++) {
    const p = new URLSearchParams();
    const r = opts.rng;
    p.set('table', r() < 0.8 ? pick(r, TABLES) : hostileString(r).slice(0, 100));
    p.set('offset', pick(r, ['-1', '-1', 'now', '0_0', '0_inf', '123_4', '99999999999999999999_0', 'abc', '-2', '1_-1', hostileString(r).slice(0, 50)]));
    if (r() < 0.5) p.set('handle', pick(r, ['abc', '0-0', hostileString(r).slice(0, 80)]));
    if (r() < 0.5) p.set('where', r() < 0.8 ? pick(r, WHERES) : hostileString(r).slice(0, 500));
    if (r() < 0.3) p.set('params[1]', hostileString(r).slice(0, 200));
    if (r() < 0.3) p.set('columns', pick(r, ['id', 'id,name', '"id","name"', 'name', 'nope', '*', hostileString(r).slice(0, 50)]));
    if (r() < 0.2) p.set('replica', pick(r, ['full', 'default', 'half', '']));
    if (r() < 0.2) p.set('live', pick(r, ['true', 'false', 'yes']));
    if (r() < 0.1) p.set('cursor', hostileString(r).slice(0, 50));
    if (r() < 0.1) p.set('live_sse', 'true');
    const url = `${opts.shapeUrl}?${p}`;
    row.tried++;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(15_000) });
      const text = await res.text();
      if (res.status >= 500) row.failures.push(`${res.status} ${url.slice(0, 300)} → ${text.slice(0, 200)}`);
      else if (res.status >= 400) {
        row.refused++;
        if (res.status !== 409) {
          try {
            const body = JSON.parse(text) as { message?: unknown };
            if (typeof body.message !== 'string') row.failures.push(`${res.status} without a message: ${url.slice(0, 200)}`);
          } catch {
            row.failures.push(`${res.status} without a JSON body: ${url.slice(0, 200)}`);
          }
        }
      } else if (res.status === 200) {
        // A 200 must be a shape answer the clients can use: a JSON array of messages and the
        // headers they continue from.
        let messages: unknown;
        try {
          messages = JSON.parse(text);
        } catch {
          messages = null;
        }
        const wellFormed = Array.isArray(messages) && messages.every((m) => m && typeof m === 'object' && typeof (m as { headers?: unknown }).headers === 'object');
        if (!wellFormed) row.failures.push(`200 that is not an array of messages: ${url.slice(0, 200)} → ${text.slice(0, 120)}`);
        else if (!res.headers.get('electric-offset') || !res.headers.get('electric-handle')) row.failures.push(`200 without electric-handle/offset: ${url.slice(0, 200)}`);
        else row.accepted++;
      } else row.failures.push(`unexpected ${res.status}: ${url.slice(0, 200)}`);
    } catch (e) {
      row.failures.push(`${(e as Error).message}: ${url.slice(0, 300)}`);
    }
  }
  return row;
}

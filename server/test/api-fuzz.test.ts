import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { insertBot, insertThread } from './support/bots.ts';
import { testApp } from './support/app.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.ts';

// Random, hostile input at every community route: the answer is never a 500, an error is always
// JSON naming what is wrong, and a refused write leaves every table as it was.
let db: TestDatabase;
let api: Awaited<ReturnType<typeof testApp>>;
let ids: Record<string, string> = {};

function rng(seed: number) {
  return () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

const state = async () =>
  (await db.sql`
    SELECT md5(concat_ws('|',
      (SELECT string_agg(t::text, ',' ORDER BY id) FROM threads t), (SELECT string_agg(r::text, ',' ORDER BY id) FROM replies r),
      (SELECT string_agg(v::text, ',' ORDER BY id) FROM votes v), (SELECT string_agg(f::text, ',' ORDER BY id) FROM follows f),
      (SELECT string_agg(c::text, ',' ORDER BY id) FROM content_flags c), (SELECT count(*) FROM activity),
      (SELECT string_agg(concat(id, reputation, paused), ',' ORDER BY id) FROM bots))) AS h`)[0]!.h as string;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await testApp(db);
  const a = await insertBot(db.sql, { handle: 'fuzz-a' });
  const b = await insertBot(db.sql, { handle: 'fuzz-b' });
  const thread = await insertThread(db.sql, a);
  const [reply] = await db.sql`INSERT INTO replies (thread_id, bot_id, body) VALUES (${thread}, ${b}, 'a reply to fuzz') RETURNING id`;
  const [flag] = await db.sql`INSERT INTO content_flags (bot_id, thread_id, reason) VALUES (${a}, ${thread}, 'low_quality') RETURNING id`;
  ids = { a, b, thread, reply: reply!.id, flag: flag!.id };
});
afterAll(() => db.drop());

describe('fuzzed input', () => {
  test('writes: never a 500, errors are JSON, refusals write nothing', async () => {
    const rand = rng(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const strings = ['', ' ', '"', "'; DROP TABLE bots; --", 'a\u0000b', '\ud800', 'x'.repeat(20_001), '🎉', '<script>', 'null', '1', 'not-a-uuid', '00000000-0000-4000-8000-000000000000'];
    const value = (depth = 0): unknown => {
      const r = rand();
      if (r < 0.3) return pick(strings);
      if (r < 0.4) return pick([0, -1, 1, 2, 1.5, 1e300, -0]);
      if (r < 0.5) return pick([null, true, false]);
      if (r < 0.7) return pick(Object.values(ids));
      if (r < 0.85 && depth < 2) return Array.from({ length: Math.floor(rand() * 3) }, () => value(depth + 1));
      if (depth < 2) return { k: value(depth + 1) };
      return 'deep';
    };
    const pathIds = ['not-a-uuid', '00000000-0000-4000-8000-000000000000', '"', ' ', '🎉', '..', ids.reply!];
    const fields = ['bot_id', 'title', 'body', 'tags', 'parent_reply_id', 'voter_id', 'value', 'follower_id', 'resolution'];
    const routes = () => [
      ['POST', '/api/threads'], ['POST', `/api/threads/${ids.thread}/replies`], ['POST', `/api/threads/${ids.thread}/vote`],
      ['POST', `/api/replies/${ids.reply}/vote`], ['POST', `/api/follow/${ids.b}`], ['DELETE', `/api/follow/${ids.b}`],
      ['POST', `/api/moderation/flags/${ids.flag}/resolve`], ['POST', `/api/threads/${encodeURIComponent(pick(pathIds))}/replies`],
    ] as const;
    let refused = 0;
    for (let i = 0; i < 300; i++) {
      const [method, path] = pick(routes());
      const body: Record<string, unknown> = {};
      for (const f of fields) if (rand() < 0.5) body[f] = value();
      const raw = rand() < 0.1 ? pick(['{', '[]', 'null', '"str"', '{"a":']) : body;
      const before = await state();
      const res = await api.request(method, path, raw);
      const text = await res.text();
      expect(res.status, `${method} ${path} ${text}`).toBeLessThan(500);
      if (res.status >= 400) {
        refused++;
        const err = JSON.parse(text);
        expect(typeof err.error).toBe('string');
        expect(err.message.length).toBeGreaterThan(0);
        expect(await state(), `${method} ${path} ${JSON.stringify(raw).slice(0, 200)}`).toBe(before);
      }
    }
    expect(refused).toBeGreaterThan(250);
  }, 120_000);

  test('reads: never a 500 whatever the query string', async () => {
    const rand = rng(11);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const paths = ['/api/threads', '/api/public/threads', '/api/public/activity', '/api/moderation/flags', '/api/stats/reputation-history', '/api/stats/analytics', '/api/export/threads', '/api/export/bots'];
    const params = ['q', 'bot_id', 'tag', 'sort', 'limit', 'offset', 'days', 'resolved', 'reason', 'format'];
    const values = ['', '0', '-1', '1', '90', '91', '1e9', 'abc', '%00', '%22', 'true', 'new', 'csv', 'xml', encodeURIComponent('"; --'), encodeURIComponent('日本'), ids.a!];
    for (let i = 0; i < 200; i++) {
      const qs = params.filter(() => rand() < 0.3).map((p) => `${p}=${pick(values)}`).join('&');
      const path = `${pick(paths)}?${qs}`;
      const res = await api.request('GET', path);
      expect(res.status, path).toBeLessThan(500);
      await res.text();
    }
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { loadConfig } from '../src/config/index.ts';
import { silentLogger } from '../src/log.ts';
import { COMPRESS_BATCH, WARM_LIMITS } from '../src/memory/constants.ts';
import { createMemory } from '../src/memory/index.ts';
import { feedQuery, rank } from '../src/memory/retrieval.ts';
import { createServices } from '../src/services.ts';
import { insertBot, insertThread } from './support/bots.ts';
import { startFakeLlm, type FakeLlm } from './support/fake-servers.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.ts';

let db: TestDatabase;
let broken: FakeLlm;
beforeAll(async () => {
  db = await createTestDatabase();
  broken = startFakeLlm({ kind: 'status', status: 500 });
});
afterAll(async () => {
  broken.stop();
  await db.drop();
});

const services = () =>
  createServices(loadConfig({ CHORUS_WEB_SEARCH: 'off', CHORUS_PROVIDERS: `broken=${broken.baseURL}`, CHORUS_LLM_MAX_RETRIES: '0' }), db.sql, silentLogger);

async function addItems(botId: string, n: number, opts: { daysAgo?: number; importance?: number; kind?: string } = {}) {
  await db.sql`
    INSERT INTO memory_items (bot_id, kind, content, importance, created_at, last_accessed_at, last_seen_at)
    SELECT ${botId}, ${opts.kind ?? 'episode'}, 'Memory number ' || i || ' about tides and @forge', ${opts.importance ?? 0.3},
           now() - make_interval(days => ${opts.daysAgo ?? 0}) - make_interval(secs => i),
           now() - make_interval(days => ${opts.daysAgo ?? 0}),
           now() - make_interval(days => ${opts.daysAgo ?? 0}) - make_interval(secs => i)
      FROM generate_series(1, ${n}) i`;
}
const count = async (botId: string, extra = db.sql`TRUE`) =>
  ((await db.sql`SELECT count(*)::int AS n FROM memory_items WHERE bot_id = ${botId} AND ${extra}`)[0] as { n: number }).n;

describe('retrieval', () => {
  test('ranks by normalised recency, importance and relevance', () => {
    const c = (id: string, hours: number, importance: number, relevance: number) => ({ id, kind: 'fact', content: id, hoursSinceAccess: hours, importance, relevance });
    const ranked = rank([c('old-dull', 500, 0.1, 0), c('relevant', 100, 0.3, 0.9), c('important', 200, 1, 0), c('fresh', 0, 0.2, 0)], 2);
    expect(ranked.map((r) => r.id)).toEqual(['relevant', 'important']);
    // Used milliseconds apart, memories are equally recent: the gap is not stretched to 0–1.
    const ms = 1 / 3_600_000;
    const close = [c('important', 3 * ms, 0.9, 0), c('fresh', 0, 0.5, 0), c('dull', 2 * ms, 0.1, 0)];
    expect(rank(close, 3).map((r) => r.id)).toEqual(['important', 'fresh', 'dull']);
    expect(feedQuery("The tide's turning; TIDES and ʻokina it's DROP TABLE")).toBe('tide | turning | tides | okina | drop | table');
    expect(feedQuery('a an of')).toBeNull();
  });

  test('prefers memories relevant to the feed and refreshes their last access', async () => {
    const bot = await insertBot(db.sql);
    await db.sql`INSERT INTO memory_items (bot_id, kind, content, importance, last_accessed_at) VALUES
      (${bot}, 'fact', 'Octopuses can taste with their arms', 0.4, now() - interval '3 days'),
      (${bot}, 'fact', 'Compound interest rewards patience', 0.4, now() - interval '3 days'),
      (${bot}, 'opinion', 'Meetings should be shorter', 0.4, now() - interval '3 days')`;
    const got = await createMemory({ sql: db.sql, llm: services().llm, log: silentLogger, memoryModel: null }).warmLoader(bot, 'A thread about octopuses and their arms');
    expect(got[0]!.content).toBe('Octopuses can taste with their arms');
    const [fresh] = await db.sql`SELECT count(*)::int AS n FROM memory_items WHERE bot_id = ${bot} AND last_accessed_at > now() - interval '1 minute'`;
    expect(fresh!.n).toBe(3);
  });
});

describe('relationships and extraction', () => {
  test('replies and votes update the relationship with the other bot', async () => {
    const s = services();
    const author = await insertBot(db.sql, { handle: 'rel-author' });
    await insertThread(db.sql, author);
    const bot = await insertBot(db.sql, { handle: 'rel-bot', shyness: 0, leadership: 0 });
    for (let i = 0; i < 25; i++) await s.orchestrator.runNow(bot);
    const [rel] = await db.sql`
      SELECT interaction_count, sentiment, jsonb_array_length(interaction_history) AS history, last_interaction_at
        FROM memory_items WHERE bot_id = ${bot} AND about_bot_id = ${author} AND kind = 'relationship'`;
    const [expected] = await db.sql`
      SELECT (SELECT count(*) FROM replies r WHERE r.bot_id = ${bot}
                 AND coalesce((SELECT p.bot_id FROM replies p WHERE p.id = r.parent_reply_id), (SELECT t.bot_id FROM threads t WHERE t.id = r.thread_id)) = ${author})
           + (SELECT count(*) FROM votes v WHERE v.voter_id = ${bot} AND v.target_bot_id = ${author})
           + (SELECT count(*) FROM follows f WHERE f.follower_id = ${bot} AND f.followee_id = ${author}) AS n`;
    expect(Number(expected!.n)).toBeGreaterThan(0);
    expect(rel!.interaction_count).toBe(Number(expected!.n));
    expect(rel!.history).toBe(Math.min(20, rel!.interaction_count));
    // the simulated model's extraction left warm items of several kinds
    const kinds = await db.sql`SELECT DISTINCT kind FROM memory_items WHERE bot_id = ${bot}`;
    expect(kinds.length).toBeGreaterThanOrEqual(3);
  });
});

describe('compression', () => {
  test('too many warm items: the oldest become a cold summary in one transaction', async () => {
    const bot = await insertBot(db.sql);
    await addItems(bot, WARM_LIMITS.episode + 5);
    const oldest = await db.sql`SELECT id FROM memory_items WHERE bot_id = ${bot} ORDER BY created_at LIMIT ${COMPRESS_BATCH}`;
    const r = await services().memory.compress(bot);
    expect(r).toEqual({ summarised: COMPRESS_BATCH, method: 'llm' });
    expect(await count(bot)).toBe(WARM_LIMITS.episode + 5 - COMPRESS_BATCH);
    expect(await count(bot, db.sql`id = ANY(${oldest.map((o) => o.id)}::uuid[])`)).toBe(0);
    const [cold] = await db.sql`SELECT summary, item_count, method, key_relationships FROM memory_summaries WHERE bot_id = ${bot}`;
    expect(cold).toMatchObject({ item_count: COMPRESS_BATCH, method: 'llm' });
    expect(cold!.key_relationships[0].handle).toBe('forge');
    const found = await db.sql`SELECT 1 FROM memory_summaries WHERE bot_id = ${bot} AND search @@ websearch_to_tsquery('english', 'memories')`;
    expect(found.length).toBe(1);
    const [call] = await db.sql`SELECT purpose, status FROM llm_calls WHERE bot_id = ${bot}`;
    expect(call).toEqual({ purpose: 'summary', status: 'ok' });
  });

  test('items not seen for 30 days are compressed even when there are few', async () => {
    const bot = await insertBot(db.sql);
    await addItems(bot, 3, { daysAgo: 40 });
    await db.sql`INSERT INTO memory_items (bot_id, kind, content) VALUES (${bot}, 'fact', 'Fresh fact one'), (${bot}, 'fact', 'Fresh fact two')`;
    expect(await services().memory.compress(bot)).toEqual({ summarised: 3, method: 'llm' });
    expect(await count(bot)).toBe(2);
    expect(await services().memory.compress(bot)).toBeNull();
  });

  test('when the model fails, a plain summary is written and no item is lost', async () => {
    const bot = await insertBot(db.sql, { provider: 'broken', model: 'm' });
    await addItems(bot, 4, { daysAgo: 31 });
    expect(await services().memory.compress(bot)).toEqual({ summarised: 4, method: 'fallback' });
    const [cold] = await db.sql`SELECT summary, item_count FROM memory_summaries WHERE bot_id = ${bot}`;
    expect(cold!.item_count).toBe(4);
    expect(cold!.summary).toContain('4 episodes (Memory number 4 about tides and @forge;');
  });

  test('when the budget is spent, compression still runs, without a model', async () => {
    const bot = await insertBot(db.sql, { daily_token_cap: 0 });
    await addItems(bot, 2, { daysAgo: 35 });
    expect(await services().memory.compress(bot)).toEqual({ summarised: 2, method: 'fallback' });
    const [calls] = await db.sql`SELECT count(*)::int AS n FROM llm_calls WHERE bot_id = ${bot}`;
    expect(calls!.n).toBe(0);
  });
});

describe('reflection', () => {
  test('runs once enough important things happened, and writes insights', async () => {
    const bot = await insertBot(db.sql, { interests: ['tides'] });
    await addItems(bot, 5, { importance: 0.5 });
    expect(await services().memory.reflect(bot)).toBe(0); // 2.5 < threshold
    await addItems(bot, 5, { importance: 0.5, kind: 'fact' });
    const n = await services().memory.reflect(bot);
    expect(n).toBeGreaterThanOrEqual(1);
    const insights = await db.sql`SELECT content FROM memory_items WHERE bot_id = ${bot} AND kind = 'reflection'`;
    expect(insights.length).toBe(n);
    expect(insights[0]!.content).toContain('tides');
    const [b] = await db.sql`SELECT last_reflection_at IS NOT NULL AS done FROM bots WHERE id = ${bot}`;
    expect(b!.done).toBe(true);
    expect(await services().memory.reflect(bot)).toBe(0); // nothing new since
    const [call] = await db.sql`SELECT count(*)::int AS n FROM llm_calls WHERE bot_id = ${bot} AND purpose = 'reflection'`;
    expect(call!.n).toBe(1);
  });
});

describe('memory API', () => {
  test('warm is paged and filtered by kind; cold is paged and searchable', async () => {
    const { testApp } = await import('./support/app.ts');
    const api = await testApp(db);
    const bot = await insertBot(db.sql);
    await addItems(bot, 7, { kind: 'fact' });
    await addItems(bot, 2, { kind: 'opinion' });
    const warm = await api.json('GET', `/api/stats/bots/${bot}/memory/warm?limit=5`);
    expect(warm.body.total).toBe(9);
    expect(warm.body.items.length).toBe(5);
    expect((await api.json('GET', `/api/stats/bots/${bot}/memory/warm?kind=opinion`)).body.total).toBe(2);
    expect((await api.json('GET', `/api/stats/bots/${bot}/memory/warm?kind=secret`)).status).toBe(422);
    await db.sql`INSERT INTO memory_summaries (bot_id, period_start, period_end, summary, item_count, method) VALUES
      (${bot}, now() - interval '60 days', now() - interval '50 days', 'A long argument about lighthouses.', 10, 'llm'),
      (${bot}, now() - interval '49 days', now() - interval '40 days', 'Quiet weeks reading about bees.', 8, 'fallback')`;
    const all = await api.json('GET', `/api/stats/bots/${bot}/memory/cold?limit=1`);
    expect(all.body).toMatchObject({ total: 2 });
    expect(all.body.items[0].summary).toContain('bees'); // newest first
    const found = await api.json('GET', `/api/stats/bots/${bot}/memory/cold?q=lighthouse`);
    expect(found.body.total).toBe(1);
    expect(found.body.items[0].summary).toContain('lighthouses');
    expect((await api.json('GET', `/api/stats/bots/${bot}/memory/cold?q=${encodeURIComponent("') OR 1=1 --")}`)).status).toBe(200);
    expect((await api.json('GET', '/api/stats/bots/00000000-0000-4000-8000-000000000000/memory/cold')).status).toBe(404);
  });
});

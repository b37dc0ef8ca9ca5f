import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { insertBot, insertThread } from './support/bots.ts';
import { testApp } from './support/app.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.ts';

let db: TestDatabase;
let api: Awaited<ReturnType<typeof testApp>>;
let bot: string;

const snapshot = async () => JSON.stringify(await db.sql`SELECT * FROM bots ORDER BY id`) + JSON.stringify(await db.sql`SELECT * FROM settings`);

beforeAll(async () => {
  db = await createTestDatabase();
  api = await testApp(db);
  bot = await insertBot(db.sql, { handle: 'msg-bot', name: 'Msg Bot' });
});
afterAll(() => db.drop());

describe('API messages name the real field and say what is allowed', () => {
  test('an enum error lists the allowed values', async () => {
    const pace = await api.json('PUT', '/api/pace', { pace: 'warp' });
    expect(pace.status).toBe(422);
    expect(pace.body.message).toBe("body.pace: must be one of: 'slow', 'normal', 'fast', 'turbo', 'custom'");
    const style = await api.json('PUT', `/api/bots/${bot}/config`, { engagement_style: 'loud' });
    expect(style.body.message).toBe("body.engagement_style: must be one of: 'lurker', 'balanced', 'conversationalist', 'instigator', 'curator'");
    const period = await api.json('GET', '/api/stats/usage?period=yearly');
    expect(period.body.errors).toEqual([{ path: 'query.period', message: "must be one of: 'daily', 'weekly', 'monthly'" }]);
  });

  test('unknown body fields are refused with a 422 naming them, and nothing changes', async () => {
    const before = await snapshot();
    for (const [method, path, body, field] of [
      ['PUT', `/api/bots/${bot}/config`, { bogus: 1 }, 'body.bogus'],
      ['PUT', `/api/bots/${bot}/config`, { personality: { creativity: 3 } }, 'body.personality'],
      ['PUT', `/api/bots/${bot}/config`, { creativity: 10, extra: true }, 'body.extra'],
      ['PUT', '/api/pace', { pace: 'fast', turbo: true }, 'body.turbo'],
      ['PUT', `/api/bots/${bot}/cost-cap`, { daily_token_cap: 5, cap: 1 }, 'body.cap'],
      ['POST', '/api/bots', { handle: 'extra-field', name: 'Extra', colour: 'red' }, 'body.colour'],
    ] as const) {
      const res = await api.json(method, path, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.message, JSON.stringify(body)).toStartWith(`${field}: unknown field`);
      expect(res.body.errors[0].path).toBe(field);
    }
    expect(await snapshot()).toBe(before);
  });

  test('paging range errors name query.limit and query.offset', async () => {
    for (const [path, field] of [
      [`/api/stats/bots/${bot}/memory/warm?limit=0`, 'query.limit'],
      [`/api/stats/bots/${bot}/memory/warm?limit=201`, 'query.limit'],
      [`/api/stats/bots/${bot}/memory/cold?limit=101`, 'query.limit'],
      [`/api/stats/bots/${bot}/memory/cold?offset=-1`, 'query.offset'],
      [`/api/bots/${bot}/posts?limit=500`, 'query.limit'],
      ['/api/activity?limit=501', 'query.limit'],
      ['/api/export/threads?days=0', 'query.days'],
    ] as const) {
      const res = await api.json('GET', path);
      expect(res.status, path).toBe(422);
      expect(res.body.message, path).toStartWith(`${field}: `);
      expect(res.body.message, path).not.toContain('property');
    }
    expect((await api.json('GET', `/api/stats/bots/${bot}/memory/cold?limit=100`)).status).toBe(200);
  });

  test('a query number says its range, and the one out of range is named among several', async () => {
    for (const [path, errors] of [
      ['/api/threads?limit=0&offset=0', [{ path: 'query.limit', message: 'must be between 1 and 200' }]],
      ['/api/threads?offset=-1&limit=5', [{ path: 'query.offset', message: 'must be between 0 and 1000000' }]],
      ['/api/threads?limit=abc', [{ path: 'query.limit', message: 'must be an integer between 1 and 200' }]],
      ['/api/threads?limit=2.5', [{ path: 'query.limit', message: 'must be an integer between 1 and 200' }]],
      ['/api/stats/reputation-history?days=91', [{ path: 'query.days', message: 'must be between 1 and 90' }]],
      ['/api/export/bots?days=-3&format=csv', [{ path: 'query.days', message: 'must be between 1 and 3650' }]],
      ['/api/export/bots?days=week', [{ path: 'query.days', message: 'must be an integer between 1 and 3650' }]],
    ] as const) {
      const res = await api.json('GET', path);
      expect({ path, status: res.status, errors: res.body.errors }).toEqual({ path, status: 422, errors: [...errors] });
      expect(res.body.message).toBe(`${errors[0].path}: ${errors[0].message}`);
    }
  });

  test('a nullable number out of range says its range, and an empty patch names the fields', async () => {
    const interval = await api.json('PUT', `/api/bots/${bot}/config`, { heartbeat_interval_seconds: 1 });
    expect(interval.body.message).toBe('body.heartbeat_interval_seconds: must be between 10 and 604800, or null');
    const model = await api.json('PUT', `/api/bots/${bot}/config`, { memory_model: 5 });
    expect(model.body.message).toBe('body.memory_model: must be a string, or null');
    const empty = await api.json('PUT', '/api/pace', {});
    expect(empty.status).toBe(422);
    expect(empty.body.message).toBe('body: must name at least one field; the fields are: pace, pace_custom_seconds, orchestrator_paused, default_daily_token_cap, default_daily_usd_cap, max_bots');
  });

  test('the outbox path words its refusals the same way', async () => {
    const send = (m: Record<string, unknown>) => api.json('POST', '/api/mutations', { mutations: [{ id: crypto.randomUUID(), ...m }] });
    const pace = await send({ type: 'settings.update', patch: { pace: 'warp' } });
    expect(pace.status).toBe(422);
    expect(pace.body).toMatchObject({ field: 'patch.pace', reason: "must be one of: 'slow', 'normal', 'fast', 'turbo', 'custom'" });
    const unknown = await send({ type: 'bot.update_config', bot_id: bot, patch: { personality: { creativity: 3 } } });
    expect(unknown.body.field).toBe('patch.personality');
    expect(unknown.body.reason).toStartWith('unknown field; the fields are: name, origin_story,');
    const range = await send({ type: 'bot.update_config', bot_id: bot, patch: { creativity: 101 } });
    expect(range.body.message).toBe('mutations[0].patch.creativity: must be between 0 and 100');
    const id = await send({ type: 'bot.set_paused', bot_id: 'nope', paused: true });
    expect(id.body.message).toBe('mutations[0].bot_id: must be a uuid');
  });
});

describe('settings, usage and exports', () => {
  test('max_bots is settable through the API and through the outbox, and enforced', async () => {
    const set = await api.json('PUT', '/api/pace', { max_bots: 2 });
    expect(set.status).toBe(200);
    expect(set.body.max_bots).toBe(2);
    // msg-bot is one; one more fits, the next is refused.
    expect((await api.json('POST', '/api/bots', { handle: 'second', name: 'Second' })).status).toBe(201);
    const third = await api.json('POST', '/api/bots', { handle: 'third', name: 'Third' });
    expect(third.status).toBe(409);
    expect(third.body.message).toContain('settings.max_bots = 2');
    const id = crypto.randomUUID();
    const outbox = await api.json('POST', '/api/mutations', { mutations: [{ id, type: 'settings.update', patch: { max_bots: 20 } }] });
    expect(outbox.status).toBe(200);
    expect((await db.sql`SELECT max_bots FROM settings`)[0]!.max_bots).toBe(20);
    const bad = await api.json('PUT', '/api/pace', { max_bots: 0 });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('body.max_bots');
  });

  test('max_bots below the number of bots is refused on both paths, naming the field, and changes nothing', async () => {
    await insertBot(db.sql, { handle: 'counted', name: 'Counted' });
    const n = (await db.sql`SELECT count(*)::int AS n FROM bots`)[0]!.n as number;
    const before = await snapshot();
    const rest = await api.json('PUT', '/api/pace', { max_bots: n - 1, pace: 'fast' });
    expect(rest.status).toBe(422);
    expect(rest.body.message).toBe(`body.max_bots: must be at least ${n}, the number of bots the community has`);
    expect(rest.body.errors).toEqual([{ path: 'body.max_bots', message: `must be at least ${n}, the number of bots the community has` }]);
    const id = crypto.randomUUID();
    const outbox = await api.json('POST', '/api/mutations', { mutations: [{ id, type: 'settings.update', patch: { max_bots: 1 } }] });
    expect(outbox.status).toBe(422);
    expect(outbox.body).toMatchObject({ field: 'patch.max_bots', reason: `must be at least ${n}, the number of bots the community has`, mutation_id: id });
    expect(outbox.body.message).toBe(`mutations[0].patch.max_bots: must be at least ${n}, the number of bots the community has`);
    expect(await snapshot()).toBe(before);
    expect((await api.json('PUT', '/api/pace', { max_bots: n })).body.max_bots).toBe(n);
  });

  test("usage carries each bot's caps, today's use and whether a cap is exceeded", async () => {
    await db.sql`INSERT INTO daily_usage (bot_id, day, calls, input_tokens, output_tokens, tokens, cost_usd)
                 VALUES (${bot}, chorus_utc_today(), 3, 900, 300, 1200, 0.01)`;
    await api.json('PUT', `/api/bots/${bot}/cost-cap`, { daily_token_cap: 1000 });
    const res = await api.json('GET', '/api/stats/usage?period=weekly');
    const row = res.body.by_bot.find((r: { bot_id: string }) => r.bot_id === bot);
    expect(row).toMatchObject({ daily_token_cap: 1000, token_cap_custom: true, usd_cap_custom: false, tokens_today: 1200, cap_exceeded: true });
    const other = res.body.by_bot.find((r: { handle: string }) => r.handle === 'second');
    expect(other).toMatchObject({ cap_exceeded: false, tokens_today: 0, token_cap_custom: false });
  });

  test('exports take days, and the bots export counts threads and replies', async () => {
    const old = await insertThread(db.sql, bot, 'An old thread');
    await db.sql`UPDATE threads SET created_at = now() - interval '10 days' WHERE id = ${old}`;
    await insertThread(db.sql, bot, 'A new thread');
    const all = await api.json('GET', '/api/export/threads');
    const recent = await api.json('GET', '/api/export/threads?days=3');
    expect(all.body.map((t: { title: string }) => t.title).sort()).toEqual(['A new thread', 'An old thread']);
    expect(recent.body.map((t: { title: string }) => t.title)).toEqual(['A new thread']);
    const bots = await api.json('GET', '/api/export/bots');
    expect(bots.body.find((b: { id: string }) => b.id === bot)).toMatchObject({ thread_count: 2, reply_count: 0 });
    const botsRecent = await api.json('GET', '/api/export/bots?days=3');
    expect(botsRecent.body.find((b: { id: string }) => b.id === bot)).toMatchObject({ thread_count: 1 });
    const csv = await api.request('GET', '/api/export/bots?format=csv&days=3');
    expect((await csv.text()).split('\r\n')[0]).toContain('thread_count,reply_count');
  });
});

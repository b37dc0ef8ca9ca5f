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
  bot = await insertBot(db.sql, { handle: 'api-bot', name: 'API Bot' });
});
afterAll(() => db.drop());

describe('bots API', () => {
  test('list and get show configuration, reputation and status', async () => {
    const list = await api.json('GET', '/api/bots');
    expect(list.status).toBe(200);
    expect(list.body.find((b: { id: string }) => b.id === bot)).toMatchObject({ handle: 'api-bot', status: 'active', reputation: 0, simulated: true });
    const one = await api.json('GET', `/api/bots/${bot}`);
    expect(one.body).toMatchObject({ id: bot, name: 'API Bot', creativity: 50, temperature: 0.8 });
    expect((await api.json('GET', '/api/bots/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const bad = await api.json('GET', '/api/bots/not-a-uuid');
    expect(bad.status).toBe(422);
    expect(bad.body.message).toContain('params.id');
  });

  test('config: a partial update changes only the named fields; a slider at 0 stays 0', async () => {
    const res = await api.json('PUT', `/api/bots/${bot}/config`, { creativity: 0, communication_style: 'Terse.' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ creativity: 0, communication_style: 'Terse.', leadership: 50, name: 'API Bot' });
    expect((await api.json('GET', `/api/bots/${bot}/config`)).body.creativity).toBe(0);
  });

  test('bad config gets a 4xx naming the field, and nothing is written', async () => {
    const before = await snapshot();
    const cases: [unknown, string][] = [
      [{ creativity: 101 }, 'body.creativity'],
      [{ temperature: 2.5 }, 'body.temperature'],
      [{ engagement_style: 'loud' }, 'body.engagement_style'],
      [{ name: '' }, 'body.name'],
      [{ secret_field: 1 }, 'body'],
      [{}, 'body'],
      [{ provider: 'nowhere' }, 'provider'],
      [{ max_tokens: 5000, model: 'chorus-sim-1', provider: 'sim' }, 'max_tokens'],
    ];
    for (const [body, field] of cases) {
      const res = await api.json('PUT', `/api/bots/${bot}/config`, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.message, JSON.stringify(body)).toContain(field);
    }
    const malformed = await api.request('PUT', `/api/bots/${bot}/config`, '{"creativity": ');
    expect(malformed.status).toBe(400);
    expect(await snapshot()).toBe(before);
  });

  test('cost caps: set, answer effective values with custom flags, clear back to defaults', async () => {
    const set = await api.json('PUT', `/api/bots/${bot}/cost-cap`, { daily_token_cap: 5000 });
    expect(set.body).toMatchObject({ daily_token_cap: 5000, token_cap_custom: true, daily_usd_cap: 1, usd_cap_custom: false });
    const usd = await api.json('PUT', `/api/bots/${bot}/cost-cap`, { daily_usd_cap: 0.25, daily_token_cap: null });
    expect(usd.body).toMatchObject({ daily_token_cap: 100000, token_cap_custom: false, daily_usd_cap: 0.25, usd_cap_custom: true });
    expect((await api.json('PUT', `/api/bots/${bot}/cost-cap`, { daily_usd_cap: -1 })).status).toBe(422);
    const cleared = await api.json('DELETE', `/api/bots/${bot}/cost-cap`);
    expect(cleared.body).toMatchObject({ token_cap_custom: false, usd_cap_custom: false, daily_usd_cap: 1 });
  });

  test('pause and unpause', async () => {
    expect((await api.json('POST', `/api/bots/${bot}/pause`)).body).toMatchObject({ paused: true, status: 'paused' });
    expect((await api.json('POST', `/api/bots/${bot}/unpause`)).body).toMatchObject({ paused: false, status: 'active' });
  });

  test('create a custom bot, up to the bot limit', async () => {
    const created = await api.json('POST', '/api/bots', { handle: 'newbie', name: 'Newbie', interests: ['tea'], shyness: 90 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ handle: 'newbie', source: 'custom', provider: 'sim', model: 'chorus-sim-1', shyness: 90 });
    expect((await api.json('POST', '/api/bots', { handle: 'newbie', name: 'Again' })).status).toBe(409);
    expect((await api.json('POST', '/api/bots', { handle: 'Bad Handle', name: 'x' })).status).toBe(422);
    await db.sql`UPDATE settings SET max_bots = (SELECT count(*) FROM bots)`;
    const full = await api.json('POST', '/api/bots', { handle: 'one-too-many', name: 'Extra' });
    expect(full.status).toBe(409);
    expect(full.body.error).toBe('bot_limit');
    await db.sql`UPDATE settings SET max_bots = 12`;
  });

  test("a bot's posts", async () => {
    await insertThread(db.sql, bot, 'My first thread');
    const posts = await api.json('GET', `/api/bots/${bot}/posts`);
    expect(posts.body.map((p: { title: string }) => p.title)).toContain('My first thread');
  });
});

describe('pace, heartbeats, activity and stats', () => {
  test('pace presets, custom pace, orchestrator pause', async () => {
    expect((await api.json('GET', '/api/pace/presets')).body).toEqual([
      { name: 'slow', interval_seconds: 14400 }, { name: 'normal', interval_seconds: 3600 },
      { name: 'fast', interval_seconds: 900 }, { name: 'turbo', interval_seconds: 300 },
    ]);
    expect((await api.json('PUT', '/api/pace', { pace: 'turbo' })).body).toMatchObject({ pace: 'turbo', interval_seconds: 300 });
    expect((await api.json('PUT', '/api/pace', { pace: 'custom' })).status).toBe(422);
    expect((await api.json('PUT', '/api/pace', { pace: 'custom', pace_custom_seconds: 30 })).body.interval_seconds).toBe(30);
    expect((await api.json('PUT', '/api/pace', { orchestrator_paused: true })).body).toMatchObject({ orchestrator_paused: true, pace: 'custom' });
    expect((await api.json('PUT', '/api/pace', { pace: 'warp' })).status).toBe(422);
    expect((await api.json('GET', '/api/pace')).body.orchestrator_paused).toBe(true);
    await api.json('PUT', '/api/pace', { orchestrator_paused: false, pace: 'normal' });
  });

  test('triggers make bots due now', async () => {
    await db.sql`UPDATE bots SET next_heartbeat_at = now() + interval '1 day'`;
    expect((await api.json('POST', `/api/pace/trigger/${bot}`)).body).toEqual({ triggered: 1 });
    const [b] = await db.sql`SELECT next_heartbeat_at <= now() AS due FROM bots WHERE id = ${bot}`;
    expect(b!.due).toBe(true);
    const all = await api.json('POST', '/api/pace/trigger');
    const [{ n }] = (await db.sql`SELECT count(*)::int AS n FROM bots`) as unknown as [{ n: number }];
    expect(all.body.triggered).toBe(n);
  });

  test('POST /api/heartbeat/:botId runs one heartbeat and returns its activity', async () => {
    const res = await api.json('POST', `/api/heartbeat/${bot}`);
    expect(res.status).toBe(200);
    expect(res.body.heartbeat).toMatchObject({ trigger: 'manual', outcome: 'acted' });
    expect(res.body.activity).toMatchObject({ bot_id: bot, bot_handle: 'api-bot' });
  });

  test('activity is paged and filtered by bot', async () => {
    const other = await insertBot(db.sql, { handle: 'quiet' });
    for (let i = 0; i < 3; i++) await api.json('POST', `/api/heartbeat/${other}`);
    const page = await api.json('GET', `/api/activity?limit=2&bot_id=${other}`);
    expect(page.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(page.body.items.length).toBe(2);
    expect(page.body.items.every((a: { bot_id: string }) => a.bot_id === other)).toBe(true);
    expect((await api.json('GET', '/api/activity?limit=0')).status).toBe(422);
    expect((await api.json('GET', '/api/activity?bot_id=%27%3B--')).status).toBe(422);
  });

  test('usage stats by period', async () => {
    const res = await api.json('GET', '/api/stats/usage?period=weekly');
    expect(res.body).toMatchObject({ period: 'weekly', days: 7 });
    const mine = res.body.by_bot.find((b: { bot_id: string }) => b.bot_id === bot);
    expect(mine.calls).toBeGreaterThanOrEqual(1);
    expect(res.body.totals.tokens).toBeGreaterThan(0);
    expect(res.body.by_model[0]).toMatchObject({ provider: 'sim', model: 'chorus-sim-1', cost_usd: 0 });
    expect((await api.json('GET', '/api/stats/usage?period=yearly')).status).toBe(422);
  });
});

describe('access', () => {
  test('without the admin token no write route changes anything', async () => {
    const before = await snapshot();
    const writes: [string, string, unknown?][] = [
      ['PUT', `/api/bots/${bot}/config`, { creativity: 99 }],
      ['PUT', `/api/bots/${bot}/cost-cap`, { daily_token_cap: 1 }],
      ['DELETE', `/api/bots/${bot}/cost-cap`],
      ['POST', `/api/bots/${bot}/pause`],
      ['POST', '/api/bots', { handle: 'intruder', name: 'Intruder' }],
      ['PUT', '/api/pace', { pace: 'turbo' }],
      ['POST', '/api/pace/trigger'],
      ['POST', `/api/heartbeat/${bot}`],
    ];
    for (const [method, path, body] of writes) {
      for (const auth of ['', 'Bearer wrong-token-wrong-token']) {
        const res = await api.request(method, path, body, { authorization: auth });
        expect(res.status, `${method} ${path}`).toBe(401);
        expect((await res.json()).error).toBe('unauthorized');
      }
    }
    expect(await snapshot()).toBe(before);
  });

  test('with no token configured, writes from an unknown peer are refused', async () => {
    const open = await testApp(db, { CHORUS_ADMIN_TOKEN: '' });
    const res = await open.request('POST', `/api/bots/${bot}/pause`);
    expect(res.status).toBe(403);
    expect((await res.json()).message).toContain('only from this machine');
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { randomUUID } from 'node:crypto';
import { insertBot } from './support/bots.ts';
import { testApp } from './support/app.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.ts';

let db: TestDatabase;
let api: Awaited<ReturnType<typeof testApp>>;
let bot: string;

const snapshot = async () =>
  JSON.stringify([await db.sql`SELECT * FROM bots ORDER BY id`, await db.sql`SELECT * FROM settings`, await db.sql`SELECT * FROM applied_mutations ORDER BY id`]);
const send = (mutations: unknown[]) => api.json('POST', '/api/mutations', { mutations });

beforeAll(async () => {
  db = await createTestDatabase();
  api = await testApp(db);
  bot = await insertBot(db.sql, { handle: 'mutable' });
});
afterAll(() => db.drop());

describe('POST /api/mutations', () => {
  test('applies a batch in one transaction and answers its txid', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const res = await send([
      { id: ids[0], type: 'bot.update_config', bot_id: bot, patch: { creativity: 0, name: 'Renamed' } },
      { id: ids[1], type: 'bot.set_caps', bot_id: bot, caps: { daily_usd_cap: 0.5 } },
      { id: ids[2], type: 'settings.update', patch: { pace: 'fast' } },
    ]);
    expect(res.status).toBe(200);
    expect(typeof res.body.txid).toBe('number');
    expect(res.body.results).toEqual(ids.map((id) => ({ id, status: 'applied', txid: res.body.txid })));
    const [b] = await db.sql`SELECT creativity, name, daily_usd_cap::float8 AS usd, xmin::text::bigint AS xmin FROM bots WHERE id = ${bot}`;
    expect(b).toMatchObject({ creativity: 0, name: 'Renamed', usd: 0.5 });
    // the txid is the one the row carries, which is what comes back in the shape stream
    expect(b!.xmin).toBe(res.body.txid);
    expect((await db.sql`SELECT pace FROM settings`)[0]!.pace).toBe('fast');
  });

  test('a resent batch is acknowledged without being applied again', async () => {
    const id = randomUUID();
    const newBot = randomUUID();
    const batch = [{ id, type: 'bot.create', bot_id: newBot, bot: { handle: 'from-outbox', name: 'From the outbox' } }];
    const first = await send(batch);
    expect(first.body.results[0].status).toBe('applied');
    const again = await send(batch);
    expect(again.status).toBe(200);
    expect(again.body.results).toEqual([{ id, status: 'duplicate', txid: first.body.txid }]);
    const [n] = await db.sql`SELECT count(*)::int AS n FROM bots WHERE handle = 'from-outbox'`;
    expect(n!.n).toBe(1);
    const [created] = await db.sql`SELECT id, source FROM bots WHERE handle = 'from-outbox'`;
    expect(created).toEqual({ id: newBot, source: 'custom' });
  });

  test('the same batch sent twice at once is applied once', async () => {
    const id = randomUUID();
    const batch = [{ id, type: 'bot.set_paused', bot_id: bot, paused: true }];
    const [a, b] = await Promise.all([send(batch), send(batch)]);
    expect([a.body.results[0].status, b.body.results[0].status].sort()).toEqual(['applied', 'duplicate']);
    const [m] = await db.sql`SELECT count(*)::int AS n FROM applied_mutations WHERE id = ${id}`;
    expect(m!.n).toBe(1);
    await send([{ id: randomUUID(), type: 'bot.set_paused', bot_id: bot, paused: false }]);
  });

  test('batches touching the same two bots in opposite orders, all at once: every one applied, no 500', async () => {
    const [x, y] = [await insertBot(db.sql, { handle: 'order-x' }), await insertBot(db.sql, { handle: 'order-y' })];
    const ids: string[] = [];
    const batch = (first: string, second: string, i: number) => {
      const [a, b] = [randomUUID(), randomUUID()];
      ids.push(a, b);
      return [
        { id: a, type: 'bot.update_config', bot_id: first, patch: { creativity: i % 100 } },
        { id: b, type: 'bot.update_config', bot_id: second, patch: { creativity: (i + 1) % 100 } },
      ];
    };
    const statuses: number[] = [];
    for (let round = 0; round < 10; round++) {
      const sent = Array.from({ length: 20 }, (_, i) => send(i % 2 ? batch(x, y, i) : batch(y, x, i)));
      for (const res of await Promise.all(sent)) statuses.push(res.status);
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const [n] = await db.sql`SELECT count(*)::int AS n FROM applied_mutations WHERE id IN ${db.sql(ids)}`;
    expect(n!.n).toBe(ids.length);
  });

  test('two clients editing different fields of one bot both win', async () => {
    await Promise.all([
      send([{ id: randomUUID(), type: 'bot.update_config', bot_id: bot, patch: { skepticism: 11 } }]),
      send([{ id: randomUUID(), type: 'bot.update_config', bot_id: bot, patch: { aggression: 77 } }]),
    ]);
    const [b] = await db.sql`SELECT skepticism, aggression FROM bots WHERE id = ${bot}`;
    expect(b).toEqual({ skepticism: 11, aggression: 77 });
  });

  test('a bad batch gets a 4xx naming the failing mutation and field, and writes nothing', async () => {
    const before = await snapshot();
    const good = { id: randomUUID(), type: 'bot.update_config', bot_id: bot, patch: { creativity: 42 } };
    const cases: [unknown[], number, number, string][] = [
      [[good, { id: randomUUID(), type: 'bot.update_config', bot_id: bot, patch: { creativity: 101 } }], 422, 1, 'patch.creativity'],
      [[good, { id: randomUUID(), type: 'bot.teleport', bot_id: bot }], 422, 1, 'type'],
      [[{ id: 'nope', type: 'bot.set_paused', bot_id: bot, paused: true }], 422, 0, 'id'],
      [[good, { id: randomUUID(), type: 'bot.set_caps', bot_id: bot, caps: { daily_token_cap: -5 } }], 422, 1, 'caps.daily_token_cap'],
      [[good, { id: randomUUID(), type: 'bot.set_paused', bot_id: randomUUID(), paused: true }], 404, 1, 'bot_id'],
      [[good, { id: randomUUID(), type: 'bot.wake', bot_id: randomUUID() }], 404, 1, 'bot_id'],
      [[good, { id: randomUUID(), type: 'bot.wake', bot_id: bot, extra: 1 }], 422, 1, 'extra'],
      [[good, { id: randomUUID(), type: 'bot.update_config', bot_id: bot, patch: { provider: 'nowhere' } }], 422, 1, 'patch.provider'],
      [[good, { id: randomUUID(), type: 'settings.update', patch: { pace: 'custom' } }], 422, 1, 'patch.pace_custom_seconds'],
      [[good, { ...good }], 422, 1, 'id'],
      [[good, { id: randomUUID(), type: 'bot.create', bot_id: randomUUID(), bot: { handle: 'mutable', name: 'Dup' } }], 409, 1, ''],
    ];
    for (const [mutations, status, index, field] of cases) {
      const res = await send(mutations);
      expect(res.status, JSON.stringify(mutations[index])).toBe(status);
      expect(res.body).toMatchObject({ index, field });
      expect(res.body.message).toContain(`mutations[${index}]`);
      // The reason alone, for a person looking at that one edit.
      expect(res.body.reason.length).toBeGreaterThan(3);
      expect(res.body.message.endsWith(`: ${res.body.reason}`)).toBe(true);
      expect(res.body.reason).not.toContain('mutations[');
    }
    expect((await api.json('POST', '/api/mutations', { mutations: [] })).status).toBe(422);
    expect((await api.request('POST', '/api/mutations', '{"mutations": [')).status).toBe(400);
    expect(await snapshot()).toBe(before);
  });

  test('bot.wake refuses a paused bot, naming it, and writes nothing', async () => {
    const paused = await insertBot(db.sql, { handle: 'wake-paused', paused: true });
    const before = await snapshot();
    const res = await send([{ id: randomUUID(), type: 'bot.wake', bot_id: paused }]);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ index: 0, field: 'bot_id', reason: 'this bot is paused: resume it to run a heartbeat' });
    expect(await snapshot()).toBe(before);
  });

  test('without the admin token nothing is applied', async () => {
    const before = await snapshot();
    const res = await api.request('POST', '/api/mutations', { mutations: [{ id: randomUUID(), type: 'bot.set_paused', bot_id: bot, paused: true }] }, { authorization: '' });
    expect(res.status).toBe(401);
    expect(await snapshot()).toBe(before);
  });
});

describe('bot.wake', () => {
  test("runs the bot's heartbeat on the orchestrator's next round, however far off it was due", async () => {
    const own = await createTestDatabase();
    const app = await testApp(own);
    const orchestrator = app.deps.services.orchestrator;
    try {
      const later = await insertBot(own.sql, { handle: 'wake-me', next_heartbeat_at: new Date(Date.now() + 86_400_000) });
      orchestrator.start();
      const round = orchestrator.rounds;
      while (orchestrator.rounds === round) await Bun.sleep(20);
      expect((await own.sql`SELECT id FROM heartbeats WHERE bot_id = ${later}`).length).toBe(0);

      const res = await app.json('POST', '/api/mutations', { mutations: [{ id: randomUUID(), type: 'bot.wake', bot_id: later }] });
      expect(res.status).toBe(200);
      const end = Date.now() + 20_000;
      let beats: { trigger: string }[] = [];
      while (Date.now() < end && beats.length === 0) {
        beats = await own.sql<{ trigger: string }[]>`SELECT trigger FROM heartbeats WHERE bot_id = ${later} AND finished_at IS NOT NULL`;
        if (!beats.length) await Bun.sleep(50);
      }
      expect(beats.map((b) => b.trigger)).toEqual(['schedule']);
      // and it is due again at its pace, not left due now
      const [b] = await own.sql<{ due: boolean }[]>`SELECT next_heartbeat_at > now() AS due FROM bots WHERE id = ${later}`;
      expect(b!.due).toBe(true);
    } finally {
      await orchestrator.stop();
      await own.drop();
    }
  });
});

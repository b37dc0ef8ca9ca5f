import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { insertBot, insertThread } from './support/bots.ts';
import { testApp } from './support/app.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.ts';

let db: TestDatabase;
let api: Awaited<ReturnType<typeof testApp>>;
let ada: string;
let bo: string;

const MISSING = '00000000-0000-4000-8000-000000000000';

/** Everything a post can touch, so a rejected request can be shown to have written nothing. */
const snapshot = async () =>
  JSON.stringify(await db.sql`
    SELECT (SELECT json_agg(t ORDER BY id) FROM threads t) AS threads, (SELECT json_agg(r ORDER BY id) FROM replies r) AS replies,
           (SELECT json_agg(a ORDER BY id) FROM activity a) AS activity, (SELECT json_agg(f ORDER BY id) FROM content_flags f) AS flags`);

beforeAll(async () => {
  db = await createTestDatabase();
  api = await testApp(db);
  ada = await insertBot(db.sql, { handle: 'ada', name: 'Ada' });
  bo = await insertBot(db.sql, { handle: 'bo', name: 'Bo', model: 'secret-model-x' });
});
afterAll(() => db.drop());

describe('POST /api/threads', () => {
  test('creates a moderated thread with normalised tags and an activity row like a heartbeat', async () => {
    const res = await api.json('POST', '/api/threads', {
      bot_id: ada,
      title: '  Tidal energy and the statistics of waves  ',
      body: 'Waves carry far more energy than most people think; measuring it is the hard part.',
      tags: ['#Oceans', 'energy', 'oceans'],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      bot_id: ada,
      title: 'Tidal energy and the statistics of waves',
      tags: ['oceans', 'energy'],
      score: 0,
      reply_count: 0,
      replies: [],
      flags: [],
      author: { id: ada, handle: 'ada', name: 'Ada' },
    });
    const [activity] = await db.sql`SELECT * FROM activity WHERE id = ${res.body.activity_id}`;
    expect(activity).toMatchObject({ bot_id: ada, action: 'create_thread', thread_id: res.body.id, heartbeat_id: null });
    expect(activity!.details.via).toBe('api');
  });

  test('a too-short post is flagged by auto-moderation in the same write', async () => {
    const res = await api.json('POST', '/api/threads', { bot_id: bo, title: 'Hm', body: 'ok' });
    expect(res.status).toBe(201);
    expect(res.body.flags).toContain('low_quality');
    const flags = await db.sql`SELECT reason FROM content_flags WHERE thread_id = ${res.body.id}`;
    expect(flags.map((f) => f.reason)).toContain('low_quality');
  });

  test('bad input gets a 4xx naming the field, and nothing is written', async () => {
    const before = await snapshot();
    const good = { bot_id: ada, title: 'A fine title', body: 'A body long enough to be a post.' };
    const cases: [unknown, number, string][] = [
      [{ ...good, bot_id: 'nope' }, 422, 'body.bot_id'],
      [{ ...good, bot_id: MISSING }, 422, 'body.bot_id'],
      [{ ...good, title: '' }, 422, 'body.title'],
      [{ ...good, title: '   ' }, 422, 'body.title'],
      [{ ...good, title: 'x'.repeat(301) }, 422, 'body.title'],
      [{ ...good, body: 'nul \u0000 byte' }, 422, 'body.body'],
      [{ ...good, body: 'x'.repeat(20_001) }, 422, 'body.body'],
      [{ ...good, tags: 'oceans' }, 422, 'body.tags'],
      [{ ...good, tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, 422, 'body.tags'],
      [{ ...good, tags: [''] }, 422, 'body.tags'],
      [{ title: 'no author', body: 'nobody wrote this' }, 422, 'body.bot_id'],
    ];
    for (const [body, status, field] of cases) {
      const res = await api.json('POST', '/api/threads', body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(res.body.message, JSON.stringify(body).slice(0, 80)).toContain(field);
    }
    expect((await api.request('POST', '/api/threads', '{"bot_id": ')).status).toBe(400);
    // Unknown fields are dropped by the schema, never stored: nothing in the table can receive them.
    const extra = await api.json('POST', '/api/threads', { ...good, bot_id: MISSING, score: 1000 });
    expect(extra.status).toBe(422);
    expect(await snapshot()).toBe(before);
  });

  test('writes need the admin token', async () => {
    const before = await snapshot();
    const res = await api.json('POST', '/api/threads', { bot_id: ada, title: 'Sneaky', body: 'Should not be written.' }, { authorization: 'Bearer wrong' });
    expect(res.status).toBe(401);
    expect(await snapshot()).toBe(before);
  });
});

describe('replies and the nested tree', () => {
  let thread: string;
  test('replies nest under their parents with authors, depth and scores', async () => {
    thread = await insertThread(db.sql, ada, 'Nested conversation');
    const r1 = await api.json('POST', `/api/threads/${thread}/replies`, { bot_id: bo, body: 'A first answer to the thread itself.' });
    expect(r1.status).toBe(201);
    expect(r1.body).toMatchObject({ thread_id: thread, parent_reply_id: null, depth: 0, author: { handle: 'bo' } });
    const r2 = await api.json('POST', `/api/threads/${thread}/replies`, { bot_id: ada, body: 'An answer to the first answer.', parent_reply_id: r1.body.id });
    expect(r2.body).toMatchObject({ parent_reply_id: r1.body.id, depth: 1 });
    const r3 = await api.json('POST', `/api/threads/${thread}/replies`, { bot_id: bo, body: 'And one more level down, to be sure.', parent_reply_id: r2.body.id });
    expect(r3.body.depth).toBe(2);
    const r4 = await api.json('POST', `/api/threads/${thread}/replies`, { bot_id: bo, body: 'A second top-level answer here.', parent_reply_id: null });
    expect(r4.status).toBe(201);

    const [activity] = await db.sql`SELECT * FROM activity WHERE id = ${r2.body.activity_id}`;
    expect(activity).toMatchObject({ action: 'reply', reply_id: r2.body.id, thread_id: thread, target_bot_id: bo });

    const got = await api.json('GET', `/api/threads/${thread}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: thread, reply_count: 4, author: { handle: 'ada' } });
    expect(got.body.replies.map((r: { id: string }) => r.id)).toEqual([r1.body.id, r4.body.id]);
    const first = got.body.replies[0];
    expect(first.replies.map((r: { id: string }) => r.id)).toEqual([r2.body.id]);
    expect(first.replies[0].replies.map((r: { id: string }) => r.id)).toEqual([r3.body.id]);
    expect(first.replies[0].replies[0]).toMatchObject({ depth: 2, score: 0, upvotes: 0, downvotes: 0, author: { handle: 'bo' }, replies: [] });
    // Authors carry identity only: the thread view is shared with the public API.
    expect(JSON.stringify(got.body)).not.toContain('secret-model-x');
  });

  test('bad replies: unknown thread 404, parent elsewhere or missing 422, nothing written', async () => {
    const other = await insertThread(db.sql, bo, 'Another thread');
    const [elsewhere] = await db.sql`INSERT INTO replies (thread_id, bot_id, body) VALUES (${other}, ${ada}, 'in the other thread') RETURNING id`;
    const before = await snapshot();
    const body = { bot_id: bo, body: 'A perfectly reasonable reply.' };
    const missingThread = await api.json('POST', `/api/threads/${MISSING}/replies`, body);
    expect(missingThread.status).toBe(404);
    expect(missingThread.body.message).toContain(MISSING);
    const cases: [string, unknown, number, string][] = [
      [thread, { ...body, parent_reply_id: elsewhere!.id }, 422, 'body.parent_reply_id'],
      [thread, { ...body, parent_reply_id: MISSING }, 422, 'body.parent_reply_id'],
      [thread, { ...body, parent_reply_id: 'x' }, 422, 'body.parent_reply_id'],
      [thread, { ...body, bot_id: MISSING }, 422, 'body.bot_id'],
      [thread, { ...body, body: '' }, 422, 'body.body'],
      [thread, { ...body, body: ' \n\t ' }, 422, 'body.body'],
      [thread, { bot_id: bo }, 422, 'body.body'],
      ['not-a-uuid', body, 422, 'params.id'],
    ];
    for (const [id, b, status, field] of cases) {
      const res = await api.json('POST', `/api/threads/${id}/replies`, b);
      expect(res.status, JSON.stringify(b)).toBe(status);
      expect(res.body.message, JSON.stringify(b)).toContain(field);
    }
    expect(await snapshot()).toBe(before);
  });

  test('unknown thread is a JSON 404, a malformed id a 422', async () => {
    const missing = await api.json('GET', `/api/threads/${MISSING}`);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe('not_found');
    expect((await api.json('GET', '/api/threads/123')).status).toBe(422);
  });
});

describe('GET /api/threads', () => {
  let whales: string;
  let tea: string;
  beforeAll(async () => {
    whales = (await api.json('POST', '/api/threads', { bot_id: bo, title: 'Whales sing in dialects', body: 'Humpback whales in different oceans sing different songs.', tags: ['biology', 'oceans'] })).body.id;
    tea = (await api.json('POST', '/api/threads', { bot_id: ada, title: 'The chemistry of tea', body: 'Tannins, temperature and steeping time decide the taste.', tags: ['chemistry'] })).body.id;
  });

  test('paged, newest activity first, with total', async () => {
    const page = await api.json('GET', '/api/threads?limit=2');
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ limit: 2, offset: 0 });
    expect(page.body.items).toHaveLength(2);
    const n = (await db.sql`SELECT count(*)::int AS n FROM threads`)[0]!.n;
    expect(page.body.total).toBe(n);
    expect(page.body.items[0].id).toBe(tea);
    const next = await api.json('GET', '/api/threads?limit=2&offset=1');
    expect(next.body.items[0].id).toBe(page.body.items[1].id);
  });

  test('full-text search with web-search syntax, stemming, and a headline', async () => {
    const res = await api.json('GET', `/api/threads?q=${encodeURIComponent('singing whale')}`);
    expect(res.body.items.map((t: { id: string }) => t.id)).toEqual([whales]);
    expect(res.body.total).toBe(1);
    expect(res.body.items[0].rank).toBeGreaterThan(0);
    expect(typeof res.body.items[0].headline).toBe('string');
    const or = await api.json('GET', `/api/threads?q=${encodeURIComponent('whales or tannins')}`);
    expect(or.body.items.map((t: { id: string }) => t.id).sort()).toEqual([whales, tea].sort());
    const not = await api.json('GET', `/api/threads?q=${encodeURIComponent('whales -humpback')}`);
    expect(not.body.total).toBe(0);
  });

  test('filters by bot and tag, combined with search', async () => {
    const byBot = await api.json('GET', `/api/threads?bot_id=${bo}&limit=200`);
    expect(byBot.body.items.length).toBeGreaterThan(0);
    expect(byBot.body.items.every((t: { bot_id: string }) => t.bot_id === bo)).toBe(true);
    const byTag = await api.json('GET', '/api/threads?tag=%23Chemistry');
    expect(byTag.body.items.map((t: { id: string }) => t.id)).toEqual([tea]);
    const both = await api.json('GET', `/api/threads?tag=oceans&bot_id=${ada}&q=tea`);
    expect(both.body.total).toBe(0);
  });

  test('hostile search text never errors', async () => {
    for (const q of ['"', '!!!', '& | !', "'; DROP TABLE threads; --", '(((', '-', 'or', '日本語 ü']) {
      const res = await api.json('GET', `/api/threads?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
    }
    const n = (await db.sql`SELECT count(*)::int AS n FROM threads`)[0]!.n;
    expect(n).toBeGreaterThan(0);
  });

  test('bad query parameters are 422s naming the parameter', async () => {
    for (const [qs, field] of [['limit=0', 'query.limit'], ['limit=201', 'query.limit'], ['limit=abc', 'query.limit'], ['offset=-1', 'query.offset'], ['bot_id=x', 'query.bot_id'], ['sort=random', 'query.sort'], [`q=${'a'.repeat(201)}`, 'query.q']]) {
      const res = await api.json('GET', `/api/threads?${qs}`);
      expect(res.status, qs).toBe(422);
      expect(res.body.message, qs).toContain(field!);
    }
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { insertBot } from './support/bots.ts';
import { testApp } from './support/app.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.ts';

let db: TestDatabase;
let api: Awaited<ReturnType<typeof testApp>>;
let ada: string;
let bo: string;
let thread: string;

/** Keys that name configuration, usage, memory or errors: none may appear anywhere in a public answer. */
const FORBIDDEN_KEYS = [
  'provider', 'model', 'memory_model', 'temperature', 'max_tokens', 'daily_token_cap', 'daily_usd_cap',
  'creativity', 'leadership', 'skepticism', 'aggression', 'shyness', 'engagement_style', 'heartbeat_interval_seconds',
  'next_heartbeat_at', 'last_heartbeat_at', 'last_error', 'last_error_at', 'last_reflection_at', 'paused', 'status',
  'tokens', 'cost_usd', 'details', 'reason', 'heartbeat_id', 'usage', 'memory', 'memories', 'simulated', 'source',
];
/** Values planted in forbidden columns and tables: none may leak through any public route. */
const SECRET = 'SECRET';

function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, into);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysOf(v, into);
    }
  }
  return into;
}

beforeAll(async () => {
  db = await createTestDatabase();
  api = await testApp(db);
  ada = await insertBot(db.sql, {
    handle: 'ada', name: 'Ada', origin_story: 'Grew up reading tide tables.', traits: ['curious'], communication_style: 'Warm and exact.',
    quirks: ['counts waves'], provider: 'secretprovider', model: 'SECRET-MODEL', memory_model: 'SECRET-MEMORY-MODEL', temperature: 1.37,
    max_tokens: 1234, daily_token_cap: 98765, daily_usd_cap: 4.321, last_error: 'SECRET-LAST-ERROR', last_error_at: new Date(), paused: true,
  });
  bo = await insertBot(db.sql, { handle: 'bo', name: 'Bo' });
  thread = (await api.json('POST', '/api/threads', { bot_id: ada, title: 'Tide tables are poetry', body: 'Every harbour keeps a different rhythm of water.', tags: ['oceans'] })).body.id;
  await api.json('POST', `/api/threads/${thread}/replies`, { bot_id: bo, body: 'And every rhythm has its own statistics.' });
  await api.json('POST', `/api/threads/${thread}/vote`, { voter_id: bo, value: 1 });
  await api.json('POST', `/api/follow/${ada}`, { follower_id: bo });
  // Everything a public reader must not see: usage, memory, raw answers, errors, caps.
  await db.sql`UPDATE activity SET tokens = 777, cost_usd = 0.987, reason = 'SECRET-REASON', details = ${db.sql.json({ raw: 'SECRET-RAW' })}`;
  await db.sql`INSERT INTO activity (bot_id, action, summary, reason) VALUES
    (${ada}, 'do_nothing', 'did nothing: daily USD cap reached SECRET-CAP', 'SECRET-CAP-REASON'),
    (${ada}, 'error', 'could not think: SECRET-PROVIDER-ERROR', 'SECRET-PROVIDER-ERROR')`;
  await db.sql`INSERT INTO activity (bot_id, action, summary, details) VALUES
    (${bo}, 'web_search', 'searched for tides but it failed: SECRET-SEARCH-ERROR', ${db.sql.json({ error: 'SECRET-SEARCH-ERROR' })}),
    (${bo}, 'web_search', 'searched for “tides” and learned 2 facts', ${db.sql.json({ query: 'tides', results: [] })})`;
  await db.sql`INSERT INTO memory_items (bot_id, kind, content, importance) VALUES (${ada}, 'fact', 'SECRET-MEMORY-ITEM', 0.9)`;
  await db.sql`INSERT INTO memory_summaries (bot_id, period_start, period_end, summary, item_count, method)
               VALUES (${ada}, now() - interval '1 day', now(), 'SECRET-COLD-SUMMARY', 3, 'fallback')`;
  await db.sql`INSERT INTO llm_calls (bot_id, purpose, provider, model, status, input_tokens, output_tokens, cost_usd)
               VALUES (${ada}, 'action', 'secretprovider', 'SECRET-MODEL', 'ok', 100, 20, 0.5)`;
});
afterAll(() => db.drop());

const ROUTES = () => [
  '/api/public/bots',
  `/api/public/bots/${ada}`,
  '/api/public/threads',
  '/api/public/threads?q=harbour%20rhythm',
  `/api/public/threads?bot_id=${ada}&tag=oceans`,
  `/api/public/threads/${thread}`,
  '/api/public/activity',
  `/api/public/activity?bot_id=${ada}&limit=5`,
];

describe('public API', () => {
  test('bots: identity, personality and reputation', async () => {
    const list = await api.json('GET', '/api/public/bots');
    expect(list.status).toBe(200);
    expect(list.body[0]).toMatchObject({
      id: ada, handle: 'ada', name: 'Ada', origin_story: 'Grew up reading tide tables.', traits: ['curious'],
      communication_style: 'Warm and exact.', quirks: ['counts waves'], reputation: 1, upvotes: 1, downvotes: 0,
    });
    expect((await api.json('GET', `/api/public/bots/${bo}`)).body).toMatchObject({ handle: 'bo', reputation: 0 });
  });

  test('threads: list, search and detail with nested replies', async () => {
    const list = await api.json('GET', '/api/public/threads');
    expect(list.body).toMatchObject({ total: 1, items: [{ id: thread, title: 'Tide tables are poetry', score: 1, author: { handle: 'ada' } }] });
    expect((await api.json('GET', '/api/public/threads?q=harbour%20rhythm')).body.total).toBe(1);
    const one = await api.json('GET', `/api/public/threads/${thread}`);
    expect(one.body.replies).toHaveLength(1);
    expect(one.body.replies[0]).toMatchObject({ body: 'And every rhythm has its own statistics.', author: { handle: 'bo' } });
  });

  test('activity: what bots did, without do_nothing, errors or failed searches', async () => {
    const feed = await api.json('GET', '/api/public/activity');
    expect(feed.status).toBe(200);
    expect(feed.body.items.map((a: { action: string }) => a.action).sort()).toEqual(['create_thread', 'follow', 'reply', 'vote', 'web_search']);
    expect(feed.body.total).toBe(5);
    expect(Object.keys(feed.body.items[0]).sort()).toEqual(['action', 'bot_handle', 'bot_id', 'bot_name', 'created_at', 'id', 'reply_id', 'summary', 'target_bot_id', 'thread_id']);
  });

  test('no public answer contains a forbidden field or a planted secret', async () => {
    for (const path of ROUTES()) {
      const res = await api.request('GET', path);
      expect(res.status, path).toBe(200);
      const text = await res.text();
      expect(text, path).not.toContain(SECRET);
      expect(text, path).not.toContain('secretprovider');
      const leaked = [...keysOf(JSON.parse(text))].filter((k) => FORBIDDEN_KEYS.includes(k));
      expect(leaked, path).toEqual([]);
    }
    // The same data is reachable through the admin API, so the planted values really are there.
    expect(JSON.stringify((await api.json('GET', `/api/bots/${ada}`)).body)).toContain('SECRET-MODEL');
  });

  test('read-only: writes and unknown routes under /api/public are refused; bad input is a 4xx', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      expect((await api.json(method, '/api/public/threads', { bot_id: ada, title: 'x', body: 'y' })).status, method).toBe(404);
    }
    expect((await api.json('GET', '/api/public/bots/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await api.json('GET', '/api/public/threads/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const bad = await api.json('GET', '/api/public/activity?limit=1000');
    expect(bad.status).toBe(422);
    expect(bad.body.message).toContain('query.limit');
    expect((await api.json('GET', '/api/public/bots/x')).body.message).toContain('params.id');
    expect((await api.json('GET', '/api/public/memory')).status).toBe(404);
  });
});

describe('OpenAPI', () => {
  test('every new route is described with a tag and a summary', async () => {
    const doc = (await api.json('GET', '/api/openapi.json')).body;
    const expected: [string, string][] = [
      ['/api/threads/', 'get'], ['/api/threads/', 'post'], ['/api/threads/{id}', 'get'], ['/api/threads/{id}/replies', 'post'],
      ['/api/threads/{id}/vote', 'post'], ['/api/replies/{id}/vote', 'post'],
      ['/api/follow/{botId}', 'post'], ['/api/follow/{botId}', 'delete'], ['/api/follow/{botId}/followers', 'get'],
      ['/api/follow/{botId}/following', 'get'], ['/api/follow/{botId}/stats', 'get'],
      ['/api/stats/reputation', 'get'], ['/api/stats/reputation-history', 'get'], ['/api/stats/analytics', 'get'],
      ['/api/stats/relationship-graph', 'get'],
      ['/api/moderation/flags', 'get'], ['/api/moderation/flags/count', 'get'], ['/api/moderation/flags/{id}/resolve', 'post'],
      ['/api/moderation/bots/{id}/pause', 'post'], ['/api/moderation/bots/{id}/unpause', 'post'],
      ['/api/moderation/threads/{id}', 'delete'], ['/api/moderation/replies/{id}', 'delete'],
      ['/api/export/{what}', 'get'],
      ['/api/public/bots', 'get'], ['/api/public/bots/{id}', 'get'], ['/api/public/threads', 'get'],
      ['/api/public/threads/{id}', 'get'], ['/api/public/activity', 'get'],
    ];
    const paths = doc.paths as Record<string, Record<string, { tags?: string[]; summary?: string }>>;
    for (const [path, method] of expected) {
      const op = paths[path]?.[method] ?? paths[path.replace(/\/$/, '')]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op!.tags?.length, `${method} ${path}`).toBeGreaterThan(0);
      expect(op!.summary, `${method} ${path}`).toBeTruthy();
    }
    const tagNames = (doc.tags as { name: string }[]).map((t) => t.name);
    for (const tag of ['threads', 'votes', 'follows', 'social graph', 'moderation', 'export', 'public']) expect(tagNames).toContain(tag);
  });
});

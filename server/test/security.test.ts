import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createSql } from '../src/db/client.ts';
import { databaseDigest } from './fuzz/http-fuzz.ts';
import { testApp } from './support/app.ts';
import { createTestDatabase, freePort, tempDir, type TestDatabase } from './support/postgres.ts';
import { startServer, type ServerProcess } from './support/process.ts';

describe('without the admin token', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.sql`INSERT INTO bots (handle, name) VALUES ('guarded', 'Guarded')`;
  });
  afterAll(() => db.drop());

  test('no write route changes anything', async () => {
    const api = await testApp(db);
    const doc = await (await api.request('GET', '/api/openapi.json')).json();
    const [bot] = await db.sql`SELECT id FROM bots`;
    const before = await databaseDigest(db.sql);
    let writes = 0;
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(methods)) {
        // Signing in is how a browser gets to write, not a write (see the session tests below).
        if (method === 'get' || !path.startsWith('/api/') || path.startsWith('/api/session')) continue;
        writes++;
        const url = path.replace(/\{[^}]+\}/g, bot!.id);
        for (const authorization of ['', 'Bearer not-the-token-not-the-token']) {
          const res = await api.request(method.toUpperCase(), url, { name: 'x', handle: 'intruder', mutations: [] }, { authorization });
          expect(res.status, `${method} ${path}`).toBe(401);
        }
      }
    }
    expect(writes).toBeGreaterThan(20);
    expect(await databaseDigest(db.sql)).toBe(before);
  });
});

describe('with an admin token, on a real server', () => {
  let proc: ServerProcess;
  let dir: string;
  let base: string;
  let pgPort: number;
  const KEY = 'sk-test-NEVER-SHOW-THIS-KEY-0123456789';
  const OTHER = 'other-provider-secret-value-42';
  const ADMIN = 'admin-token-NEVER-SHOW-0123456789';
  // A provider that answers 401 with its key in the message, as some real ones do.
  const ECHOED = 'pk-test-PROVSECRET456';
  let echo: ReturnType<typeof Bun.serve>;
  beforeAll(async () => {
    echo = Bun.serve({
      port: 0,
      hostname: '127.0.0.1',
      fetch: async (req) => {
        await req.arrayBuffer();
        const key = (req.headers.get('authorization') ?? '').replace(/^Bearer /, '');
        return Response.json(
          { error: { message: `Incorrect API key provided: ${key}. You can find your API key at https://example.test/keys`, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } },
          { status: 401, headers: { 'x-echo-key': key } },
        );
      },
    });
    dir = await tempDir();
    const port = await freePort();
    pgPort = await freePort();
    proc = startServer({
      PORT: String(port),
      CHORUS_DATA_DIR: join(dir, 'data'),
      CHORUS_PG_PORT: String(pgPort),
      CHORUS_LOG_LEVEL: 'debug',
      CHORUS_ADMIN_TOKEN: ADMIN,
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
      CHORUS_PROVIDERS: `other=http://127.0.0.1:9/v1,echo=http://127.0.0.1:${echo.port}/v1`,
      CHORUS_PROVIDER_OTHER_API_KEY: OTHER,
      CHORUS_PROVIDER_ECHO_API_KEY: ECHOED,
      CHORUS_DEFAULT_PROVIDER: 'sim',
      CHORUS_LLM_MAX_RETRIES: '0',
    });
    await proc.waitFor(/Chorus is running at/, 60_000);
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    proc.kill('SIGINT');
    await proc.exited;
    echo.stop(true);
    await rm(dir, { recursive: true, force: true });
  });

  test('API keys and the admin token reach no table, shape, route, export or log line, even from a provider that echoes its key', async () => {
    const auth = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
    const bots = await (await fetch(`${base}/api/bots`, { headers: auth })).json();
    // bots on real providers that fail: unreachable ones, and one whose 401 carries its key
    await fetch(`${base}/api/bots/${bots[0].id}/config`, { method: 'PUT', headers: auth, body: JSON.stringify({ provider: 'openai', model: 'gpt-4o-mini' }) });
    await fetch(`${base}/api/bots/${bots[1].id}/config`, { method: 'PUT', headers: auth, body: JSON.stringify({ provider: 'other', model: 'm' }) });
    await fetch(`${base}/api/bots/${bots[2].id}/config`, { method: 'PUT', headers: auth, body: JSON.stringify({ provider: 'echo', model: 'm' }) });
    for (const b of bots.slice(0, 3)) await fetch(`${base}/api/heartbeat/${b.id}`, { method: 'POST', headers: auth });
    const errors = (await (await fetch(`${base}/api/activity?limit=10`, { headers: auth })).json()).items.filter((a: { action: string }) => a.action === 'error');
    expect(errors.length).toBeGreaterThanOrEqual(3); // the calls really failed against those providers
    expect(JSON.stringify(errors)).toContain('echo: HTTP 401: the provider refused the API key');

    // every GET route of the API, with real ids in its path, and every export in every format
    const doc = await (await fetch(`${base}/api/openapi.json`)).json();
    const [thread] = (await (await fetch(`${base}/api/threads?limit=1`, { headers: auth })).json()).items ?? [];
    const paths = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .filter(([p, m]) => 'get' in m && p.startsWith('/api/') && !p.startsWith('/api/docs'))
      .map(([p]) => p.replace(/\{(\w+)\}/g, (_, name: string) => (/thread/.test(name) ? thread?.id ?? bots[2].id : name === 'what' ? 'activity' : bots[2].id)));
    for (const what of ['threads', 'activity', 'bots']) for (const format of ['json', 'csv']) paths.push(`/api/export/${what}?format=${format}`);
    paths.push(`/api/bots/${bots[2].id}`, '/api/activity?limit=200', `/api/activity?bot_id=${bots[2].id}`);
    expect(paths.length).toBeGreaterThan(25);
    const responses = await Promise.all(paths.map(async (p) => {
      const res = await fetch(`${base}${p}`, { headers: { authorization: `Bearer ${ADMIN}` } });
      return `${p} ${res.status} ${[...res.headers].join(' ')} ${await res.text()}`;
    }));
    // every synced table, through the shape endpoint, as the dashboard syncs it
    const { DASHBOARD_TABLES } = await import('@chorus/sync/src/browser/shapes.ts');
    const shapes = await Promise.all(DASHBOARD_TABLES.map(async (t) => (await fetch(`${base}/v1/shape?table=${t}&offset=-1`, { headers: { authorization: `Bearer ${ADMIN}` } })).text()));
    expect(shapes.join('')).toContain('echo: HTTP 401');

    // every row of every table, as text
    const { password } = JSON.parse(readFileSync(join(dir, 'data', 'postgres.auth.json'), 'utf8'));
    const sql = createSql(`postgres://postgres:${password}@127.0.0.1:${pgPort}/chorus`, { max: 1 });
    const tables = await sql<{ t: string }[]>`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`;
    const dumps = await Promise.all(tables.map(async ({ t }) => JSON.stringify(await sql.unsafe(`SELECT * FROM "${t}"`))));
    await sql.end();
    expect(dumps.join('').length).toBeGreaterThan(1000);
    expect(proc.output()).toContain('model call failed');
    const everything = [proc.output(), ...responses, ...shapes, ...dumps].join('\n');
    for (const secret of [KEY, OTHER, ADMIN, ECHOED, 'PROVSECRET456']) expect(everything).not.toContain(secret);
  });

  test('a dashboard session: signing in sets an HttpOnly cookie, not the token, and opens writes', async () => {
    const session = (headers: Record<string, string> = {}) => fetch(`${base}/api/session`, { headers }).then((r) => r.json());
    expect(await session()).toEqual({ token_required: true, can_write: false });
    const signIn = (token: unknown) =>
      fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });

    const wrong = await signIn('not-the-token-at-all');
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error).toBe('unauthorized');
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect((await signIn(42)).status).toBe(422);

    const ok = await signIn(ADMIN);
    expect(ok.status).toBe(200);
    const setCookie = ok.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^chorus_session=[\w-]{43}; Path=\/; Max-Age=2592000; HttpOnly; SameSite=Strict$/);
    expect(setCookie).not.toContain(ADMIN);
    const cookie = setCookie.split(';')[0]!;
    expect(await session({ cookie })).toEqual({ token_required: true, can_write: true });

    // The cookie writes like the token does, from this server's own page; without it, or with a
    // made-up one, nothing changes.
    const own = { origin: base };
    const pace = (headers: Record<string, string>, pace: string) =>
      fetch(`${base}/api/pace`, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ pace }) });
    expect((await pace(own, 'slow')).status).toBe(401);
    expect((await pace({ ...own, cookie: `chorus_session=${'A'.repeat(43)}` }, 'slow')).status).toBe(401);
    expect((await pace({ ...own, cookie: `${cookie}x` }, 'slow')).status).toBe(401);
    expect((await (await fetch(`${base}/api/pace`, { headers: { cookie } })).json()).pace).not.toBe('slow');
    expect((await pace({ ...own, cookie }, 'slow')).status).toBe(200);
    expect((await (await fetch(`${base}/api/pace`, { headers: { cookie } })).json()).pace).toBe('slow');

    const out = await fetch(`${base}/api/session`, { method: 'DELETE', headers: { cookie } });
    expect(out.headers.get('set-cookie')).toMatch(/^chorus_session=; Path=\/; Max-Age=0;/);
    // Signed out for good: the old cookie, kept by anyone, neither reads nor writes.
    expect((await pace({ ...own, cookie }, 'normal')).status).toBe(401);
    expect((await fetch(`${base}/api/bots`, { headers: { cookie } })).status).toBe(401);
    expect((await fetch(`${base}/v1/shape?table=bots&offset=-1`, { headers: { cookie } })).status).toBe(401);
    expect(await session({ cookie })).toEqual({ token_required: true, can_write: false });
  });

  test('a session cookie writes only with a same-origin proof; reads and the WebSocket refuse other sites', async () => {
    const signIn = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: ADMIN }) });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const pace = (headers: Record<string, string>) =>
      fetch(`${base}/api/pace`, { method: 'PUT', headers: { 'content-type': 'application/json', cookie, ...headers }, body: JSON.stringify({ pace: 'fast' }) });
    const before = await (await fetch(`${base}/api/pace`, { headers: { cookie } })).json();
    // Another port of this host is the same *site* (SameSite=Strict lets the cookie through), not the same origin.
    const sibling = base.replace(/:\d+$/, ':1');
    for (const headers of [{}, { origin: 'https://evil.example' }, { origin: sibling }, { origin: 'null' }, { 'sec-fetch-site': 'same-site' }, { 'sec-fetch-site': 'cross-site' }]) {
      const res = await pace(headers as Record<string, string>);
      expect(res.status, JSON.stringify(headers)).toBe(403);
    }
    expect(await (await fetch(`${base}/api/pace`, { headers: { cookie } })).json()).toEqual(before);
    // A form POST from another site's page, cookie attached as SameSite allows on the same site.
    const form = await fetch(`${base}/api/threads`, { method: 'POST', headers: { cookie, origin: sibling, 'content-type': 'application/x-www-form-urlencoded' }, body: 'title=x&body=y' });
    expect(form.status).toBe(403);
    expect((await form.json()).error).toBe('cross_origin');
    expect((await pace({ 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await fetch(`${base}/api/bots`, { headers: { cookie, origin: 'https://evil.example' } })).status).toBe(403);
    const ws = (origin: string) => new WebSocket(`${base.replace('http', 'ws')}/ws/activity`, { headers: { cookie, origin } } as unknown as string[]);
    const opened = (s: WebSocket) => new Promise((resolve) => { s.onopen = () => (s.close(), resolve('open')); s.onerror = () => resolve('refused'); });
    expect(await opened(ws('https://evil.example'))).toBe('refused');
    expect(await opened(ws(base))).toBe('open');
  });

  test('reads: configuration, memory, usage and raw activity need the token or a session; the public API, health and docs do not', async () => {
    const signIn = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: ADMIN }) });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const [bot] = await (await fetch(`${base}/api/public/bots`)).json();
    for (const path of ['/api/bots', `/api/bots/${bot.id}/config`, `/api/stats/bots/${bot.id}/memory/warm`, '/api/activity', '/api/stats/usage', '/api/pace', '/api/export/bots?format=json', '/api/moderation/flags']) {
      const anonymous = await fetch(`${base}${path}`);
      expect(anonymous.status, path).toBe(401);
      expect((await anonymous.json()).error).toBe('unauthorized');
      expect((await fetch(`${base}${path}`, { headers: { cookie } })).status, path).toBe(200);
    }
    for (const path of ['/api/public/bots', '/api/public/activity', '/api/health', '/api/metrics', '/api/openapi.json', '/api/docs', '/api/session']) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(200);
    }
    // The activity WebSocket too: refused without, open with the cookie.
    const refused = new WebSocket(`${base.replace('http', 'ws')}/ws/activity`);
    expect(await new Promise((resolve) => { refused.onopen = () => resolve('open'); refused.onerror = () => resolve('refused'); })).toBe('refused');
    const opened = new WebSocket(`${base.replace('http', 'ws')}/ws/activity`, { headers: { cookie } } as unknown as string[]);
    expect(await new Promise((resolve) => { opened.onopen = () => resolve('open'); opened.onerror = () => resolve('refused'); })).toBe('open');
    opened.close();
  });

  test('shapes: a session or the token opens every synced table; anyone gets the public shapes and nothing more', async () => {
    const { PUBLIC_SHAPES } = await import('@chorus/sync/src/browser/shapes.ts');
    const signIn = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: ADMIN }) });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const shape = (params: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(`${base}/v1/shape?${new URLSearchParams({ offset: '-1', ...params })}`, { headers });

    const refused = await shape({ table: 'bots' });
    expect(refused.status).toBe(401);
    expect((await refused.json()).message).toContain('sign in');
    expect((await shape({ table: 'bots' }, { cookie })).status).toBe(200);
    expect((await shape({ table: 'memory_items' }, { authorization: `Bearer ${ADMIN}` })).status).toBe(200);
    expect((await shape({ table: 'daily_usage', secret: ADMIN })).status).toBe(200);

    for (const p of PUBLIC_SHAPES) {
      const params: Record<string, string> = { table: p.table, columns: p.columns.join(',') };
      if ('where' in p) params.where = p.where;
      const res = await shape(params);
      expect(res.status, p.table).toBe(200);
      expect(Object.keys(JSON.parse(res.headers.get('electric-schema')!)).sort()).toEqual([...p.columns].sort());
      // One more column, another filter, or none: not public.
      const extra = ({ bots: 'daily_token_cap', activity: 'details' } as Record<string, string>)[p.table] ?? 'nosuch';
      expect((await shape({ ...params, columns: `${params.columns},${extra}` })).status).toBe(401);
      if ('where' in p) {
        expect((await shape({ ...params, where: "action IN ('do_nothing')" })).status).toBe(401);
        expect((await shape({ table: p.table, columns: params.columns! })).status).toBe(401);
        const rows = (await res.json()) as { value?: { action: string } }[];
        const actions = rows.filter((r) => r.value).map((r) => r.value!.action);
        // An empty answer would pass any .every(): the community has public activity to check.
        expect(actions.length).toBeGreaterThan(0);
        expect(actions.filter((a) => !['create_thread', 'reply', 'vote', 'follow'].includes(a))).toEqual([]);
      }
    }
    for (const table of ['settings', 'memory_items', 'daily_usage', 'content_flags', 'applied_mutations', 'model_usage']) {
      expect((await shape({ table, columns: 'id' })).status, table).toBe(401);
    }
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { electricProxy } from '../src/modules/shapes/electric-proxy.ts';
import { insertBot } from './support/bots.ts';
import { testApp } from './support/app.ts';
import { createTestDatabase, freePort, tempDir, type TestDatabase } from './support/postgres.ts';
import { shapeServerActive, startServer, type ServerProcess } from './support/process.ts';

describe('metrics and health', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  test('/api/metrics speaks Prometheus text with heartbeats, calls, tokens, cost and latency', async () => {
    const api = await testApp(db);
    const bot = await insertBot(db.sql);
    await api.json('POST', `/api/heartbeat/${bot}`);
    await api.request('GET', '/api/bots');
    const res = await api.request('GET', '/api/metrics');
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await res.text();
    expect(text).toMatch(/^chorus_heartbeats_total\{outcome="acted"\} 1$/m);
    expect(text).toMatch(/^chorus_llm_calls_total\{purpose="action",status="ok"\} 1$/m);
    expect(text).toMatch(/^chorus_llm_tokens_total\{provider="sim",model="chorus-sim-1",kind="input"\} \d+$/m);
    expect(text).toContain('# TYPE chorus_replication_lag_bytes gauge');
    expect(text).toMatch(/chorus_http_request_duration_seconds_count\{method="GET",route="\/api\/bots\/",status="2xx"\} 1/);
    for (const line of text.split('\n').filter((l) => l && !l.startsWith('#'))) expect(line).toMatch(/^[a-z_]+(\{.*\})? -?[\d.e+-]+$/);
  });

  test('/api/health reports every role', async () => {
    const api = await testApp(db);
    const { body } = await api.json('GET', '/api/health');
    expect(body).toMatchObject({ status: 'ok', roles: ['api', 'orchestrator', 'sync'], orchestrator: 'running', sync: 'off' });
    expect(body.llm).toEqual([{ provider: 'sim', simulated: true, reachable: true }]);
    expect(Array.isArray(body.replication)).toBe(true);
    await db.sql`UPDATE settings SET orchestrator_paused = true`;
    expect((await api.json('GET', '/api/health')).body.orchestrator).toBe('paused');
    const apiOnly = await testApp(db, { CHORUS_ROLES: 'api' });
    expect((await apiOnly.json('GET', '/api/health')).body).toMatchObject({ roles: ['api'], orchestrator: 'off' });
  });
});

describe('the Electric proxy', () => {
  let electric: ReturnType<typeof Bun.serve>;
  const seen: URL[] = [];
  beforeAll(() => {
    electric = Bun.serve({
      port: 0,
      hostname: '127.0.0.1',
      fetch(req) {
        const url = new URL(req.url);
        seen.push(url);
        if (url.pathname === '/v1/health') return Response.json({ status: 'active' });
        return new Response('[]', {
          headers: { 'content-type': 'application/json', 'electric-handle': 'h-1', 'electric-offset': '0_0', 'electric-schema': '{}', 'x-upstream': 'electric' },
        });
      },
    });
  });
  afterAll(() => electric.stop(true));

  test('adds the secret server-side, forwards only protocol and shape params, passes the headers back', async () => {
    const proxy = electricProxy({ url: `http://127.0.0.1:${electric.port}`, secret: 'electric-secret', adminToken: null });
    const res = await proxy(new Request('http://localhost/v1/shape?table=bots&offset=-1&columns=id&secret=from-browser&evil=1&params[1]=x&cursor=5'));
    expect(res.status).toBe(200);
    expect(res.headers.get('electric-handle')).toBe('h-1');
    expect(res.headers.get('x-upstream')).toBe('electric');
    expect(res.headers.get('content-encoding')).toBeNull();
    const url = seen.at(-1)!;
    expect(url.searchParams.get('secret')).toBe('electric-secret');
    expect(url.searchParams.getAll('secret')).toEqual(['electric-secret']);
    expect(url.searchParams.has('evil')).toBe(false);
    expect([url.searchParams.get('table'), url.searchParams.get('offset'), url.searchParams.get('params[1]'), url.searchParams.get('cursor')]).toEqual(['bots', '-1', 'x', '5']);
    expect(await (await proxy(new Request('http://localhost/v1/health'))).json()).toEqual({ status: 'active' });
  });

  test('refuses tables the dashboard does not sync, and requests without the admin token', async () => {
    const before = seen.length;
    const proxy = electricProxy({ url: `http://127.0.0.1:${electric.port}`, secret: 's', adminToken: 'admin-token-0123456789' });
    const bad = await proxy(new Request('http://localhost/v1/shape?table=heartbeats&offset=-1', { headers: { authorization: 'Bearer admin-token-0123456789' } }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.table[0]).toContain('not synced');
    expect((await proxy(new Request('http://localhost/v1/shape?table=bots&offset=-1'))).status).toBe(401);
    expect((await proxy(new Request('http://localhost/v1/shape?table=bots&offset=-1', { method: 'DELETE' }))).status).toBe(405);
    expect(seen.length).toBe(before);
  });
});

describe('roles', () => {
  let dir: string;
  const procs: ServerProcess[] = [];
  beforeAll(async () => {
    dir = await tempDir();
  });
  afterAll(async () => {
    for (const p of procs) {
      p.kill('SIGINT');
      await p.exited;
    }
    await rm(dir, { recursive: true, force: true });
  });

  test('a sync-only and an api-only process share one database, each serving its part', async () => {
    const pgPort = await freePort();
    const syncPort = await freePort();
    const sync = startServer({ PORT: String(syncPort), CHORUS_DATA_DIR: join(dir, 'data'), CHORUS_PG_PORT: String(pgPort), CHORUS_ROLES: 'sync' });
    procs.push(sync);
    await sync.waitFor(/Chorus is running at/, 60_000);
    const { password } = JSON.parse(readFileSync(join(dir, 'data', 'postgres.auth.json'), 'utf8'));
    const apiPort = await freePort();
    const api = startServer({
      PORT: String(apiPort),
      DATABASE_URL: `postgres://postgres:${password}@127.0.0.1:${pgPort}/chorus`,
      CHORUS_DATA_DIR: join(dir, 'api-data'),
      CHORUS_ROLES: 'api,orchestrator',
    });
    procs.push(api);
    await api.waitFor(/Chorus is running at/, 60_000);

    const s = `http://127.0.0.1:${syncPort}`;
    const a = `http://127.0.0.1:${apiPort}`;
    expect((await fetch(`${s}/api/bots`)).status).toBe(404);
    expect(await shapeServerActive(s)).toEqual({ status: 'active' });
    expect((await (await fetch(`${s}/api/health`)).json()).roles).toEqual(['sync']);
    expect((await fetch(`${a}/v1/shape?table=bots&offset=-1`)).status).toBe(404);
    expect((await (await fetch(`${a}/api/bots`)).json()).length).toBe(7);
    expect(await (await fetch(`${a}/api/health`)).json()).toMatchObject({ roles: ['api', 'orchestrator'], orchestrator: 'running', sync: 'off' });
    // a write through the api process reaches a shape served by the sync process
    const first = await fetch(`${s}/v1/shape?table=bots&offset=-1&columns=id,name`);
    await first.arrayBuffer();
    const bots = await (await fetch(`${a}/api/bots`)).json();
    await fetch(`${a}/api/bots/${bots[0].id}/config`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Seen Across Roles' }) });
    let found = false;
    for (let i = 0; i < 50 && !found; i++) {
      const res = await fetch(`${s}/v1/shape?table=bots&offset=-1&columns=id,name`);
      let handle = res.headers.get('electric-handle')!;
      let offset = res.headers.get('electric-offset')!;
      let text = await res.text();
      for (let j = 0; j < 5 && !text.includes('Seen Across Roles'); j++) {
        const next = await fetch(`${s}/v1/shape?table=bots&columns=id,name&handle=${handle}&offset=${offset}`);
        handle = next.headers.get('electric-handle')!;
        offset = next.headers.get('electric-offset')!;
        text = await next.text();
      }
      found = text.includes('Seen Across Roles');
      if (!found) await Bun.sleep(100);
    }
    expect(found).toBe(true);
  });
});

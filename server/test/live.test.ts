import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createSql, type Sql } from '../src/db/client.ts';
import { shapeServerActive, startServer, type ServerProcess } from './support/process.ts';
import { freePort, tempDir } from './support/postgres.ts';

// The whole server as `npm start` runs it: demo community, simulated model, orchestrator on.
let proc: ServerProcess;
let base: string;

/** GET with the path sent exactly as given (fetch would resolve `..`); the raw response text. */
function rawGet(url: string, path: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`));
    let out = '';
    socket.on('data', (d) => (out += d.toString()));
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
  });
}
let sql: Sql;
let dir: string;

beforeAll(async () => {
  dir = await tempDir();
  const port = await freePort();
  const pgPort = await freePort();
  // A stand-in for the built dashboard, so static serving is checked without a build.
  const web = join(dir, 'web');
  await mkdir(join(web, '_build', 'assets'), { recursive: true });
  await writeFile(join(web, 'index.html'), '<!doctype html><title>Chorus</title>');
  await writeFile(join(web, '_build', 'assets', 'app-3f2a.js'), 'console.log(1)');
  await writeFile(join(web, 'pglite.wasm'), new Uint8Array([0, 97, 115, 109]));
  proc = startServer({
    PORT: String(port),
    CHORUS_DATA_DIR: join(dir, 'data'),
    CHORUS_PG_PORT: String(pgPort),
    CHORUS_WEB_SEARCH: 'off',
    CHORUS_WEB_DIR: web,
  });
  await proc.waitFor(/Chorus is running at/, 60_000);
  base = `http://127.0.0.1:${port}`;
  const { password } = JSON.parse(readFileSync(join(dir, 'data', 'postgres.auth.json'), 'utf8'));
  sql = createSql(`postgres://postgres:${password}@127.0.0.1:${pgPort}/chorus`, { max: 2 });
});

afterAll(async () => {
  await sql?.end();
  proc.kill('SIGINT');
  await proc.exited;
  await rm(dir, { recursive: true, force: true });
});

const post = (path: string, body?: unknown, method = 'POST') =>
  fetch(`${base}${path}`, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined }).then((r) => r.json());

describe('one process serves everything', () => {
  test('the shape endpoint speaks Electric\'s protocol and serves only synced tables', async () => {
    // The shape server reports `active` once replication is connected, moments after boot.
    expect(await shapeServerActive(base)).toEqual({ status: 'active' });
    const res = await fetch(`${base}/v1/shape?table=bots&offset=-1&columns=id,handle`);
    expect(res.status).toBe(200);
    expect(res.headers.get('electric-handle')).toBeTruthy();
    expect(JSON.parse(res.headers.get('electric-schema')!).id).toMatchObject({ type: 'uuid', pk_index: 0 });
    const refused = await fetch(`${base}/v1/shape?table=heartbeats&offset=-1`);
    expect(refused.status).toBe(400);
  });

  test('the dashboard: files, SPA routes, a 404 for missing assets, caching by kind', async () => {
    const index = await fetch(`${base}/`);
    expect(await index.text()).toContain('<title>Chorus</title>');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(await (await fetch(`${base}/bots/123`)).text()).toContain('<title>Chorus</title>');
    const asset = await fetch(`${base}/_build/assets/app-3f2a.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/pglite.wasm`)).headers.get('content-type')).toBe('application/wasm');
    const missing = await fetch(`${base}/_build/assets/gone.js`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toBe('not_found');
    expect((await fetch(`${base}/api/nope`)).status).toBe(404);
    // fetch() resolves the dots itself; a raw request line keeps them, as an attacker would send it.
    const traversal = await rawGet(base, '/../../etc/passwd');
    expect(traversal).not.toContain('root:x:0:0');
    // Refused, or answered with the dashboard's own page (the SPA fallback): never a file.
    if (!/^HTTP\/1\.1 (400|404) /.test(traversal)) expect(traversal).toContain('<title>Chorus</title>');
  });
});

describe('the running community', () => {
  test('the WebSocket streams every committed activity, whoever wrote it', async () => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}/ws/activity`);
    const events: { type: string; activity?: { bot_handle: string; action: string; summary: string } }[] = [];
    ws.onmessage = (m) => events.push(JSON.parse(String(m.data)));
    await new Promise((resolve, reject) => {
      ws.onopen = resolve;
      ws.onerror = reject;
    });
    await Bun.sleep(100);
    await post('/api/pace', { pace: 'turbo' }, 'PUT');
    const { triggered } = await post('/api/pace/trigger');
    expect(triggered).toBe(7);
    const end = Date.now() + 20_000;
    while (events.filter((e) => e.type === 'activity').length < 7 && Date.now() < end) await Bun.sleep(50);
    const activity = events.filter((e) => e.type === 'activity').map((e) => e.activity!);
    expect(new Set(activity.map((a) => a.bot_handle)).size).toBe(7);

    // A row written by another process (here: straight into Postgres) reaches the stream too.
    const [bot] = await sql`SELECT id FROM bots WHERE handle = 'lumen'`;
    await sql`INSERT INTO activity (bot_id, action, summary) VALUES (${bot!.id}, 'do_nothing', 'written elsewhere')`;
    const until = Date.now() + 5000;
    while (!events.some((e) => e.activity?.summary === 'written elsewhere') && Date.now() < until) await Bun.sleep(20);
    expect(events.some((e) => e.activity?.summary === 'written elsewhere')).toBe(true);
    ws.close();
  });

  test('at turbo pace the bots build a community in their own voices', async () => {
    for (let round = 0; round < 6; round++) {
      await post('/api/pace/trigger');
      const target = (round + 2) * 7;
      const end = Date.now() + 20_000;
      while (Date.now() < end) {
        const [r] = await sql`SELECT count(*)::int AS n FROM heartbeats WHERE finished_at IS NOT NULL`;
        if (r!.n >= target) break;
        await Bun.sleep(50);
      }
    }
    const kinds = await sql`SELECT action, count(*)::int AS n FROM activity GROUP BY action`;
    const seen = new Set(kinds.map((k) => k.action));
    for (const k of ['create_thread', 'reply', 'vote']) expect(seen.has(k)).toBe(true);
    const [threads] = await sql`SELECT count(DISTINCT bot_id)::int AS authors, count(*)::int AS n FROM threads`;
    expect(threads!.n).toBeGreaterThan(3);
    // no two bots wrote the same thread
    const [dups] = await sql`SELECT count(*)::int AS n FROM (SELECT title, body FROM threads GROUP BY title, body HAVING count(DISTINCT bot_id) > 1) d`;
    expect(dups!.n).toBe(0);
    // reputation equals the sum of votes received, for every bot
    const [bad] = await sql`
      SELECT count(*)::int AS n FROM bots b
       WHERE b.reputation <> coalesce((SELECT sum(value) FROM votes v WHERE v.target_bot_id = b.id), 0)`;
    expect(bad!.n).toBe(0);
  });

  test('a cap of a few hundred tokens stops a bot with the reason, and its usage stays under the cap', async () => {
    const [bot] = await sql`SELECT id FROM bots WHERE handle = 'forge'`;
    // Hold the turbo-paced orchestrator and let forge's heartbeat in flight (if any) finish, so the
    // usage read below is final and the manual run is not refused as busy.
    await post('/api/pace', { orchestrator_paused: true }, 'PUT');
    const end = Date.now() + 30_000;
    while ((await sql`SELECT 1 FROM heartbeats WHERE bot_id = ${bot!.id} AND finished_at IS NULL`).length && Date.now() < end) await Bun.sleep(50);
    const [used] = await sql`SELECT coalesce(sum(tokens), 0)::int AS n FROM daily_usage WHERE bot_id = ${bot!.id} AND day = chorus_utc_today()`;
    const cap = used!.n + 300;
    await post(`/api/bots/${bot!.id}/cost-cap`, { daily_token_cap: cap }, 'PUT');
    const res = await post(`/api/heartbeat/${bot!.id}`);
    expect(res.activity).toMatchObject({ action: 'do_nothing', summary: 'did nothing: daily token cap reached' });
    const [after] = await sql`SELECT coalesce(sum(tokens), 0)::int AS n FROM daily_usage WHERE bot_id = ${bot!.id} AND day = chorus_utc_today()`;
    expect(after!.n).toBeLessThanOrEqual(cap);
    const bots = await (await fetch(`${base}/api/bots`)).json();
    expect(bots.find((b: { handle: string }) => b.handle === 'forge').status).toBe('capped');
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSql, type Sql } from '../src/db/client.ts';
import { REPO_ROOT, startServer, type ServerProcess } from './support/process.ts';
import { freePort, tempDir } from './support/postgres.ts';

// The real Caddy (Debian's package) with the root Caddyfile, in front of the real server.
let server: ServerProcess;
let caddy: ChildProcess;
let base: string;
let dir: string;
let sql: Sql;

async function until(check: () => Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await Bun.sleep(50);
  }
  throw new Error('not reached in time');
}

beforeAll(async () => {
  dir = await tempDir();
  const web = join(dir, 'web');
  await mkdir(join(web, '_build', 'assets'), { recursive: true });
  await writeFile(join(web, 'index.html'), '<!doctype html><title>Chorus</title>');
  await writeFile(join(web, '_build', 'assets', 'app-3f2a.js'), `console.log(${JSON.stringify('x'.repeat(5000))});`);
  await writeFile(join(web, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  await writeFile(join(web, 'manifest.webmanifest'), '{"name":"Chorus"}');
  await writeFile(join(web, 'pglite.wasm'), new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  const port = await freePort();
  const pgPort = await freePort();
  server = startServer({ PORT: String(port), CHORUS_DATA_DIR: join(dir, 'data'), CHORUS_PG_PORT: String(pgPort), CHORUS_ROLES: 'api,sync' });
  await server.waitFor(/Chorus is running at/, 60_000);
  const { password } = JSON.parse(readFileSync(join(dir, 'data', 'postgres.auth.json'), 'utf8'));
  sql = createSql(`postgres://postgres:${password}@127.0.0.1:${pgPort}/chorus`, { max: 2 });

  const caddyPort = await freePort();
  base = `http://127.0.0.1:${caddyPort}`;
  caddy = spawn('caddy', ['run', '--config', 'Caddyfile', '--adapter', 'caddyfile'], {
    cwd: REPO_ROOT,
    env: { ...process.env, CHORUS_SITE_ADDRESS: base, CHORUS_UPSTREAM: `127.0.0.1:${port}`, CHORUS_SHAPES_UPSTREAM: `127.0.0.1:${port}`, CHORUS_WEB_ROOT: web },
    stdio: 'ignore',
  });
  await until(async () => (await fetch(`${base}/api/health`)).ok);
});

afterAll(async () => {
  if (caddy?.pid && caddy.exitCode === null) process.kill(caddy.pid, 'SIGTERM');
  await sql?.end();
  server.kill('SIGINT');
  await server.exited;
  await rm(dir, { recursive: true, force: true });
});

describe('Caddy in front', () => {
  test('the dashboard: SPA fallback for routes, 404 for missing assets, caching by kind', async () => {
    const index = await fetch(`${base}/`);
    expect(await index.text()).toContain('<title>Chorus</title>');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const route = await fetch(`${base}/bots/123`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>Chorus</title>');
    expect(route.headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${base}/_build/assets/gone.js`)).status).toBe(404);
    expect((await fetch(`${base}/_build/assets/app-3f2a.js`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${base}/sw.js`)).headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${base}/manifest.webmanifest`)).headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${base}/pglite.wasm`)).headers.get('content-type')).toBe('application/wasm');
  });

  test('compression, security headers and HTTP/2', async () => {
    for (const enc of ['zstd', 'gzip']) {
      const res = await fetch(`${base}/_build/assets/app-3f2a.js`, { headers: { 'accept-encoding': enc }, decompress: false } as RequestInit);
      expect(res.headers.get('content-encoding')).toBe(enc);
    }
    const res = await fetch(`${base}/`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("'wasm-unsafe-eval'");
    expect(csp).toContain('worker-src');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const h2 = spawnSync('curl', ['-s', '-o', '/dev/null', '-w', '%{http_version}', '--http2-prior-knowledge', `${base}/api/health`], { encoding: 'utf8' });
    expect(h2.stdout).toBe('2');
  });

  test('the API and a WebSocket pass through', async () => {
    expect(await (await fetch(`${base}/api/health`)).json()).toMatchObject({ status: 'ok' });
    const ws = new WebSocket(`${base.replace('http', 'ws')}/ws/activity`);
    const messages: { type: string; activity?: { summary: string } }[] = [];
    ws.onmessage = (m) => messages.push(JSON.parse(String(m.data)));
    await until(async () => messages.some((m) => m.type === 'hello'));
    const [bot] = await sql`SELECT id FROM bots LIMIT 1`;
    await sql`INSERT INTO activity (bot_id, action, summary) VALUES (${bot!.id}, 'do_nothing', 'through caddy')`;
    await until(async () => messages.some((m) => m.activity?.summary === 'through caddy'));
    ws.close();
  });

  test('a live shape request is held, then answered with the change, unbuffered', async () => {
    const first = await fetch(`${base}/v1/shape?table=bots&offset=-1&columns=id,name`);
    let handle = first.headers.get('electric-handle')!;
    let offset = first.headers.get('electric-offset')!;
    await first.arrayBuffer();
    // catch up to the end of the snapshot
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${base}/v1/shape?table=bots&columns=id,name&handle=${handle}&offset=${offset}`);
      handle = res.headers.get('electric-handle')!;
      offset = res.headers.get('electric-offset')!;
      const upToDate = res.headers.has('electric-up-to-date');
      await res.arrayBuffer();
      if (upToDate) break;
    }
    const started = Date.now();
    const live = fetch(`${base}/v1/shape?table=bots&columns=id,name&handle=${handle}&offset=${offset}&live=true&cursor=1`);
    await Bun.sleep(700);
    const [bot] = await sql`SELECT id FROM bots LIMIT 1`;
    await sql`UPDATE bots SET name = 'Renamed Through Caddy' WHERE id = ${bot!.id}`;
    const res = await live;
    const body = await res.json();
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    expect(res.headers.get('electric-cursor')).toBeTruthy();
    expect(JSON.stringify(body)).toContain('Renamed Through Caddy');
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { createSql, type Sql } from '../src/db/client.ts';
import { REPO_ROOT, startServer, type ServerProcess } from './support/process.ts';
import { freePort, tempDir } from './support/postgres.ts';
import { requireProgram } from './support/system.ts';

// The real Caddy (Debian's package) with the root Caddyfile, in front of the real server.
let server: ServerProcess;
let caddy: ChildProcess;
let base: string;
let direct: string;
let caddyPort: number;
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
  requireProgram('caddy');
  requireProgram('curl');
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

  direct = `http://127.0.0.1:${port}`;
  caddyPort = await freePort();
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
  server?.kill('SIGINT');
  await server?.exited;
  if (dir) await rm(dir, { recursive: true, force: true });
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

/** Whether a TCP connection to host:port is accepted. */
const reachable = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect({ host, port });
    s.setTimeout(3000, () => (s.destroy(), resolve(false)));
    s.on('connect', () => (s.destroy(), resolve(true)));
    s.on('error', () => resolve(false));
  });

describe('Caddy in front of a server without an admin token', () => {
  test('a proxied request is never "from loopback": it cannot write, and the session says so', async () => {
    const [bot] = await sql`SELECT id FROM bots LIMIT 1`;
    const before = await sql`SELECT pace FROM settings`;
    for (const headers of [{}, { 'x-forwarded-for': '203.0.113.9' }] as Record<string, string>[]) {
      const pace = await fetch(`${base}/api/pace`, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ pace: 'fast' }) });
      expect(pace.status).toBe(403);
      expect((await pace.json()).error).toBe('forbidden');
      expect((await fetch(`${base}/api/bots/${bot!.id}/unpause`, { method: 'POST', headers })).status).toBe(403);
      expect((await fetch(`${base}/api/mutations`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ mutations: [] }) })).status).toBe(403);
      expect(await (await fetch(`${base}/api/session`, { headers })).json()).toEqual({ token_required: false, can_write: false });
    }
    expect(await sql`SELECT pace FROM settings`).toEqual(before);
    // The same server, reached on loopback without the proxy, still lets this machine write.
    expect(await (await fetch(`${direct}/api/session`)).json()).toEqual({ token_required: false, can_write: true });
    // A header a client adds itself only makes its own request count as proxied.
    expect(await (await fetch(`${direct}/api/session`, { headers: { 'x-forwarded-for': '127.0.0.1' } })).json()).toEqual({ token_required: false, can_write: false });
  });

  test('the default site listens on loopback only; a site given on purpose listens everywhere', async () => {
    const outside = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    expect(await reachable('127.0.0.1', caddyPort)).toBe(true);
    if (outside) expect(await reachable(outside, caddyPort)).toBe(false);
    const adapt = (env: Record<string, string>) => {
      const res = spawnSync('caddy', ['adapt', '--config', 'Caddyfile', '--adapter', 'caddyfile'], { cwd: REPO_ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
      return Object.values(JSON.parse(res.stdout).apps.http.servers as Record<string, { listen: string[] }>).flatMap((s) => s.listen);
    };
    expect(adapt({})).toEqual(['127.0.0.1:8080', '[::1]:8080']);
    expect(adapt({ CHORUS_SITE_ADDRESS: 'chorus.example.com', CHORUS_CADDY_LISTEN: 'everywhere' })).toContain(':443');
  });
});

describe('errors through Caddy and straight from Bun', () => {
  test('headers too large: Bun answers a bare 431 itself; through Caddy it is JSON', async () => {
    const big = { 'x-filler': 'a'.repeat(20_000) };
    const bare = await fetch(`${direct}/api/health`, { headers: big });
    // Bun refuses before the app sees the request, with no body at all: this cannot be JSON.
    expect(bare.status).toBe(431);
    expect(await bare.text()).toBe('');
    for (const path of ['/api/health', '/v1/shape?table=bots&offset=-1', '/ws/activity']) {
      const res = await fetch(`${base}${path}`, { headers: big });
      expect(res.status, path).toBe(431);
      expect(res.headers.get('content-type'), path).toStartWith('application/json');
      expect((await res.json()).error, path).toBe('headers_too_large');
    }
  });

  test('an inherited mutation type is a JSON 422 on the real server, directly and through Caddy, never a debug page', async () => {
    for (const at of [direct, base]) {
      for (const type of ['toString', 'constructor', '__proto__']) {
        const res = await fetch(`${at}/api/mutations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mutations: [{ type, id: 'x' }] }) });
        // Through Caddy a write without a token is refused first; directly it reaches validation.
        expect(res.status, `${at} ${type}`).toBe(at === direct ? 422 : 403);
        expect(res.headers.get('content-type')).toStartWith('application/json');
        expect(await res.text()).not.toContain(REPO_ROOT);
      }
    }
  });
});

describe('without a token, only its own origin', () => {
  const evil = 'https://evil.example';
  test('another site\'s page cannot write: foreign Origin, cross-site fetch metadata, a form POST', async () => {
    const [bot] = await sql`SELECT id FROM bots LIMIT 1`;
    const threads = await sql`SELECT count(*)::int AS n FROM threads`;
    const form = await fetch(`${direct}/api/threads`, { method: 'POST', headers: { origin: evil, 'content-type': 'application/x-www-form-urlencoded' }, body: `bot_id=${bot!.id}&title=pwned&body=pwned` });
    expect(form.status).toBe(403);
    expect((await form.json()).error).toBe('cross_origin');
    for (const headers of [{ origin: evil }, { origin: 'null' }, { origin: direct.replace(/:\d+$/, ':1') }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: direct, 'sec-fetch-site': 'cross-site' }] as Record<string, string>[]) {
      const res = await fetch(`${direct}/api/bots/${bot!.id}/pause`, { method: 'POST', headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
    }
    expect(await sql`SELECT count(*)::int AS n FROM threads`).toEqual(threads);
    expect((await sql`SELECT paused FROM bots WHERE id = ${bot!.id}`)[0]!.paused).toBe(false);
    // The dashboard's own page still writes.
    const own = await fetch(`${direct}/api/bots/${bot!.id}/pause`, { method: 'POST', headers: { origin: direct, 'sec-fetch-site': 'same-origin' } });
    expect(own.status).toBe(200);
    expect((await fetch(`${direct}/api/bots/${bot!.id}/unpause`, { method: 'POST', headers: { 'sec-fetch-site': 'same-origin' } })).status).toBe(200);
  });

  test('a foreign Host name (DNS rebinding) is refused everywhere; loopback names are not', () => {
    const curl = (host: string, path: string) =>
      spawnSync('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code} %{content_type}', '-H', `Host: ${host}`, `${direct}${path}`], { encoding: 'utf8' }).stdout;
    for (const path of ['/api/health', '/api/bots', '/v1/shape?table=bots&offset=-1', '/']) {
      expect(curl('evil.example', path), path).toMatch(/^421 application\/json/);
      expect(curl(`evil.example:${new URL(direct).port}`, path), path).toMatch(/^421 /);
    }
    for (const host of ['localhost', `127.0.0.1:${new URL(direct).port}`, 'chorus.localhost', '[::1]']) expect(curl(host, '/api/health'), host).toMatch(/^200 /);
  });

  test('private reads and shapes refuse other sites\' pages, and CORS is answered for the own origin only', async () => {
    const stolen = await fetch(`${direct}/v1/shape?table=memory_items&offset=-1`, { headers: { origin: evil } });
    expect(stolen.status).toBe(403);
    expect(stolen.headers.get('access-control-allow-origin')).toBeNull();
    expect((await fetch(`${direct}/api/bots`, { headers: { origin: evil } })).status).toBe(403);
    const preflight = await fetch(`${direct}/v1/shape`, { method: 'OPTIONS', headers: { origin: evil, 'access-control-request-method': 'GET' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const own = await fetch(`${direct}/v1/shape?table=memory_items&offset=-1`, { headers: { origin: direct } });
    expect(own.status).toBe(200);
    expect(own.headers.get('access-control-allow-origin')).toBe(direct);
    await own.arrayBuffer();
    // The public API stays readable (without CORS, another page cannot read the answer anyway).
    expect((await fetch(`${direct}/api/public/bots`, { headers: { origin: evil } })).status).toBe(200);
  });

  test('the activity WebSocket checks Origin', async () => {
    const opened = (origin?: string) => {
      const s = new WebSocket(`${direct.replace('http', 'ws')}/ws/activity`, (origin ? { headers: { origin } } : {}) as unknown as string[]);
      return new Promise((resolve) => { s.onopen = () => (s.close(), resolve('open')); s.onerror = () => resolve('refused'); });
    };
    expect(await opened(evil)).toBe('refused');
    expect(await opened(direct)).toBe('open');
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT, startServer, type ServerProcess } from './support/process.ts';
import { freePort, tempDir } from './support/postgres.ts';

// The api and orchestrator roles under Deno (the `deno` npm package), against the Postgres of a
// Bun process that holds the sync role: one database, two runtimes.
const TOKEN = 'deno-admin-token-0123456789';
let bunProc: ServerProcess;
let deno: ChildProcess;
let denoOut = '';
let dir: string;
let base: string;

beforeAll(async () => {
  dir = await tempDir();
  const pgPort = await freePort();
  bunProc = startServer({ PORT: String(await freePort()), CHORUS_DATA_DIR: join(dir, 'data'), CHORUS_PG_PORT: String(pgPort), CHORUS_ROLES: 'sync', CHORUS_ADMIN_TOKEN: TOKEN });
  await bunProc.waitFor(/Chorus is running at/, 60_000);
  const { password } = JSON.parse(readFileSync(join(dir, 'data', 'postgres.auth.json'), 'utf8'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  deno = spawn(join(REPO_ROOT, 'node_modules/.bin/deno'), ['run', '-A', 'server/src/runtime/deno.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: `postgres://postgres:${password}@127.0.0.1:${pgPort}/chorus`,
      PORT: String(port),
      CHORUS_ROLES: 'api,orchestrator',
      CHORUS_ADMIN_TOKEN: TOKEN,
      DENO_NO_UPDATE_CHECK: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  deno.stdout!.on('data', (d) => (denoOut += d));
  deno.stderr!.on('data', (d) => (denoOut += d));
  const end = Date.now() + 60_000;
  while (!denoOut.includes('is running at')) {
    if (Date.now() > end || deno.exitCode !== null) throw new Error(`Deno did not start:\n${denoOut}`);
    await Bun.sleep(100);
  }
});

afterAll(async () => {
  if (deno?.pid && deno.exitCode === null) {
    process.kill(deno.pid, 'SIGTERM');
    await new Promise((r) => deno.on('exit', r));
  }
  bunProc.kill('SIGINT');
  await bunProc.exited;
  await rm(dir, { recursive: true, force: true });
});

const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

describe('under Deno', () => {
  test('the main routes answer', async () => {
    expect(await (await fetch(`${base}/api/health`)).json()).toMatchObject({ status: 'ok', roles: ['api', 'orchestrator'], orchestrator: 'running' });
    expect((await fetch(`${base}/api/bots`)).status).toBe(401); // private reads need the token here
    const bots = await (await fetch(`${base}/api/bots`, { headers: auth })).json();
    expect(bots.length).toBe(7);
    const doc = await (await fetch(`${base}/api/openapi.json`)).json();
    expect(Object.keys(doc.paths).length).toBeGreaterThan(30);
    const put = await fetch(`${base}/api/bots/${bots[0].id}/config`, { method: 'PUT', headers: auth, body: JSON.stringify({ creativity: 0 }) });
    expect((await put.json()).creativity).toBe(0);
    expect((await fetch(`${base}/api/bots/${bots[0].id}/config`, { method: 'PUT', headers: auth, body: JSON.stringify({ creativity: 500 }) })).status).toBe(422);
    const m = await fetch(`${base}/api/mutations`, { method: 'POST', headers: auth, body: JSON.stringify({ mutations: [{ id: randomUUID(), type: 'bot.set_paused', bot_id: bots[1].id, paused: true }] }) });
    expect((await m.json()).results[0].status).toBe('applied');
    const beat = await (await fetch(`${base}/api/heartbeat/${bots[2].id}`, { method: 'POST', headers: auth })).json();
    expect(beat.heartbeat.outcome).toBe('acted');
    // With an admin token set, private reads need it (without, this was a 401 the old check missed).
    const list = (await (await fetch(`${base}/api/threads`, { headers: auth })).json()) as { items: { id: unknown; title: unknown }[]; total: unknown };
    expect(Array.isArray(list.items)).toBe(true);
    expect(typeof list.total).toBe('number');
    expect(list.total as number).toBeGreaterThanOrEqual(list.items.length);
    expect(list.items.every((t) => typeof t.id === 'string' && typeof t.title === 'string')).toBe(true);
    expect((await fetch(`${base}/api/nope`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${base}/api/bots`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
  });
});

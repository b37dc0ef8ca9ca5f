import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createSql, type Sql } from '../src/db/client.ts';
import { startServer, type ServerProcess } from './support/process.ts';
import { freePort, tempDir } from './support/postgres.ts';

// The whole server as `npm start` runs it: demo community, simulated model, orchestrator on.
let proc: ServerProcess;
let base: string;
let sql: Sql;
let dir: string;

beforeAll(async () => {
  dir = await tempDir();
  const port = await freePort();
  const pgPort = await freePort();
  proc = startServer({ PORT: String(port), CHORUS_DATA_DIR: join(dir, 'data'), CHORUS_PG_PORT: String(pgPort), CHORUS_WEB_SEARCH: 'off' });
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

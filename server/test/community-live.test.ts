import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { byEdge, edgesFromSql, parseCsv, reputationDrift, type GraphEdge } from './support/community.ts';
import { startServer, type ServerProcess } from './support/process.ts';
import { createTestDatabase, freePort, type TestDatabase } from './support/postgres.ts';

// The real server over HTTP, with the demo community acting at turbo pace through the simulated
// model while the API writes at the same time: the community's invariants must hold throughout.
const TOKEN = 'live-community-token-0123456789';
let db: TestDatabase;
let proc: ServerProcess;
let base: string;

const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as any };
};

beforeAll(async () => {
  db = await createTestDatabase();
  const port = await freePort();
  proc = startServer({ PORT: String(port), DATABASE_URL: db.url, CHORUS_ADMIN_TOKEN: TOKEN, CHORUS_WEB_SEARCH: 'off', CHORUS_SIM_SEED: 'community-live' });
  await proc.waitFor(/Chorus is running at/, 60_000);
  base = `http://127.0.0.1:${port}`;
}, 90_000);

afterAll(async () => {
  proc?.kill('SIGINT');
  await proc?.exited;
  await db?.drop();
}, 30_000);

describe('a live community', () => {
  test('heartbeats and API writes together keep reputation, graph, export and public API consistent', async () => {
    expect((await call('PUT', '/api/pace', { pace: 'turbo' })).status).toBe(200);
    const bots = (await call('GET', '/api/public/bots')).body as { id: string; handle: string }[];
    expect(bots.length).toBeGreaterThan(3);

    // Rounds of heartbeats for every bot, with API votes and replies landing in between.
    for (let round = 0; round < 6; round++) {
      await call('POST', '/api/pace/trigger');
      const threads = (await call('GET', '/api/threads?limit=20')).body.items as { id: string; bot_id: string }[];
      const writes: Promise<{ status: number }>[] = [];
      for (const t of threads) {
        for (const b of bots) {
          if (b.id !== t.bot_id) writes.push(call('POST', `/api/threads/${t.id}/vote`, { voter_id: b.id, value: (b.handle.length + round) % 3 ? 1 : -1 }));
        }
        const author = bots[round % bots.length]!;
        writes.push(call('POST', `/api/threads/${t.id}/replies`, { bot_id: author.id, body: `Round ${round}: a considered answer from @${author.handle}.` }));
      }
      const statuses = (await Promise.all(writes)).map((r) => r.status);
      expect(statuses.filter((s) => s >= 300)).toEqual([]);
      await Bun.sleep(300);
    }
    // Let the heartbeats in flight finish before checking.
    for (let i = 0; i < 100; i++) {
      const [open] = await db.sql`SELECT count(*)::int AS n FROM heartbeats WHERE finished_at IS NULL`;
      if (open!.n === 0) break;
      await Bun.sleep(100);
    }

    const [counts] = await db.sql`SELECT (SELECT count(*)::int FROM threads) AS threads, (SELECT count(*)::int FROM replies) AS replies,
                                         (SELECT count(*)::int FROM votes) AS votes, (SELECT count(*)::int FROM activity) AS activity`;
    expect(counts!.threads).toBeGreaterThan(0);
    expect(counts!.votes).toBeGreaterThan(0);
    // The heartbeats really acted alongside the API, or this would only test the API against itself.
    const [beats] = await db.sql`SELECT count(*)::int AS n FROM activity WHERE heartbeat_id IS NOT NULL AND action IN ('create_thread', 'reply', 'vote', 'follow')`;
    expect(beats!.n).toBeGreaterThan(0);
    console.log(`live community: ${JSON.stringify(counts)}, ${beats!.n} heartbeat actions`);

    expect(await reputationDrift(db.sql)).toEqual([]);

    const graph = (await call('GET', '/api/stats/relationship-graph')).body;
    expect(graph.nodes).toHaveLength(bots.length);
    expect([...(graph.edges as GraphEdge[])].sort(byEdge)).toEqual(await edgesFromSql(db.sql));

    const admin = { headers: { authorization: `Bearer ${TOKEN}` } };
    const csv = await fetch(`${base}/api/export/threads?format=csv`, admin);
    expect(csv.headers.get('content-disposition')).toStartWith('attachment;');
    expect(parseCsv(await csv.text())).toHaveLength(1 + counts!.threads);
    const activity = (await (await fetch(`${base}/api/export/activity`, admin)).json()) as unknown[];
    expect(activity.length).toBeGreaterThanOrEqual(counts!.activity);

    const board = (await call('GET', '/api/stats/reputation')).body as { id: string; reputation: number }[];
    const stored = await db.sql`SELECT id, reputation FROM bots`;
    for (const s of stored) expect(board.find((b) => b.id === s.id)!.reputation).toBe(s.reputation);

    for (const path of ['/api/public/bots', '/api/public/threads', '/api/public/activity?limit=200']) {
      const text = await (await fetch(`${base}${path}`)).text();
      for (const key of ['"model"', '"provider"', '"cost_usd"', '"tokens"', '"details"', '"daily_usd_cap"', '"last_error"']) expect(text, path).not.toContain(key);
    }
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { insertBot } from './support/bots.ts';
import { byEdge, edgesFromSql, type GraphEdge } from './support/community.ts';
import { testApp } from './support/app.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.ts';

let db: TestDatabase;
let api: Awaited<ReturnType<typeof testApp>>;
let bots: string[] = [];

/** A small deterministic PRNG, so a failing community can be rebuilt exactly. */
function rng(seed: number) {
  return () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

beforeAll(async () => {
  db = await createTestDatabase();
  api = await testApp(db);
  for (let i = 0; i < 6; i++) bots.push(await insertBot(db.sql, { handle: `g${i}` }));
  const rand = rng(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  // A community built through the API, so the graph is checked against what the routes write.
  const threads: string[] = [];
  for (let i = 0; i < 8; i++) {
    const res = await api.json('POST', '/api/threads', { bot_id: pick(bots), title: `Thread number ${i}`, body: `An opening post about topic ${i} with enough words.` });
    threads.push(res.body.id);
  }
  const replies: { id: string; thread: string; bot: string }[] = [];
  for (let i = 0; i < 40; i++) {
    const thread = pick(threads);
    const inThread = replies.filter((r) => r.thread === thread);
    const parent = inThread.length && rand() < 0.5 ? pick(inThread).id : null;
    const bot = pick(bots);
    const res = await api.json('POST', `/api/threads/${thread}/replies`, { bot_id: bot, body: `Reply ${i}: a thought on the matter at hand.`, parent_reply_id: parent });
    expect(res.status).toBe(201);
    replies.push({ id: res.body.id, thread, bot });
  }
  for (let i = 0; i < 80; i++) {
    const voter = pick(bots);
    const onThread = rand() < 0.4;
    const target = onThread ? pick(threads) : pick(replies).id;
    const res = await api.json('POST', `/api/${onThread ? 'threads' : 'replies'}/${target}/vote`, { voter_id: voter, value: rand() < 0.7 ? 1 : -1 });
    expect([200, 422]).toContain(res.status); // 422: the voter drew its own post
  }
  for (let i = 0; i < 8; i++) {
    const [a, b] = [pick(bots), pick(bots)];
    if (a !== b) await api.json('POST', `/api/follow/${b}`, { follower_id: a });
  }
}, 60_000);
afterAll(() => db.drop());

describe('GET /api/stats/relationship-graph', () => {
  test('nodes are every bot with its reputation', async () => {
    const res = await api.json('GET', '/api/stats/relationship-graph');
    expect(res.status).toBe(200);
    expect(res.body.nodes).toHaveLength(6);
    const reps = await db.sql`SELECT id, reputation FROM bots`;
    for (const r of reps) expect(res.body.nodes.find((n: { id: string }) => n.id === r.id).reputation).toBe(r.reputation);
  });

  test('edges match the replies, votes and follows in the database', async () => {
    const res = await api.json('GET', '/api/stats/relationship-graph');
    const expected = await edgesFromSql(db.sql);
    expect(expected.length).toBeGreaterThan(5);
    expect([...res.body.edges].sort(byEdge)).toEqual(expected);
    // Totals across all edges account for every reply to someone else and every vote.
    const [totals] = await db.sql`SELECT (SELECT count(*)::int FROM votes) AS votes`;
    expect(res.body.edges.reduce((s: number, e: GraphEdge) => s + e.votes, 0)).toBe(totals!.votes);
  });

  test('deleting a post takes its interactions out of the graph', async () => {
    const [reply] = await db.sql`SELECT r.id FROM replies r WHERE EXISTS (SELECT 1 FROM votes v WHERE v.reply_id = r.id) LIMIT 1`;
    expect((await api.json('DELETE', `/api/moderation/replies/${reply!.id}`)).status).toBe(200);
    const res = await api.json('GET', '/api/stats/relationship-graph');
    expect([...res.body.edges].sort(byEdge)).toEqual(await edgesFromSql(db.sql));
  });
});

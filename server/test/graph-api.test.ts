import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { insertBot } from './support/bots.ts';
import { testApp } from './support/app.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.ts';

let db: TestDatabase;
let api: Awaited<ReturnType<typeof testApp>>;
let bots: string[] = [];

/** A small deterministic PRNG, so a failing community can be rebuilt exactly. */
function rng(seed: number) {
  return () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

interface Edge {
  source: string;
  target: string;
  replies: number;
  votes: number;
  upvotes: number;
  downvotes: number;
  sentiment: number | null;
  follows: boolean;
  weight: number;
}

/**
 * The edges recomputed from the tables pair by pair, written differently from the service (one
 * correlated count per ordered pair of bots) so a mistake in one is not repeated in the other.
 */
async function edgesFromSql(): Promise<Edge[]> {
  const rows = await db.sql`
    SELECT s.id AS source, t.id AS target,
           (SELECT count(*)::int FROM replies r
             WHERE r.bot_id = s.id
               AND t.id = CASE WHEN r.parent_reply_id IS NULL THEN (SELECT bot_id FROM threads WHERE id = r.thread_id)
                               ELSE (SELECT bot_id FROM replies WHERE id = r.parent_reply_id) END) AS replies,
           (SELECT count(*)::int FROM votes v LEFT JOIN threads th ON th.id = v.thread_id LEFT JOIN replies re ON re.id = v.reply_id
             WHERE v.voter_id = s.id AND coalesce(th.bot_id, re.bot_id) = t.id) AS votes,
           (SELECT count(*)::int FROM votes v WHERE v.voter_id = s.id AND v.target_bot_id = t.id AND v.value = 1) AS upvotes,
           (SELECT count(*)::int FROM votes v WHERE v.voter_id = s.id AND v.target_bot_id = t.id AND v.value = -1) AS downvotes,
           EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = s.id AND f.followee_id = t.id) AS follows
      FROM bots s CROSS JOIN bots t WHERE s.id <> t.id`;
  return rows
    .map((r) => ({
      source: r.source,
      target: r.target,
      replies: r.replies,
      votes: r.votes,
      upvotes: r.upvotes,
      downvotes: r.downvotes,
      sentiment: r.votes ? Math.round(((r.upvotes - r.downvotes) / r.votes) * 10_000) / 10_000 : null,
      follows: r.follows,
      weight: r.replies + r.votes,
    }))
    .filter((e) => e.weight > 0 || e.follows);
}

const key = (e: { source: string; target: string }) => `${e.source}>${e.target}`;
const byKey = (a: Edge, b: Edge) => key(a).localeCompare(key(b));

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
});
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
    const expected = (await edgesFromSql()).sort(byKey);
    expect(expected.length).toBeGreaterThan(5);
    expect([...res.body.edges].sort(byKey)).toEqual(expected);
    // Totals across all edges account for every reply to someone else and every vote.
    const [totals] = await db.sql`SELECT (SELECT count(*)::int FROM votes) AS votes`;
    expect(res.body.edges.reduce((s: number, e: Edge) => s + e.votes, 0)).toBe(totals!.votes);
  });

  test('deleting a post takes its interactions out of the graph', async () => {
    const [reply] = await db.sql`SELECT r.id FROM replies r WHERE EXISTS (SELECT 1 FROM votes v WHERE v.reply_id = r.id) LIMIT 1`;
    expect((await api.json('DELETE', `/api/moderation/replies/${reply!.id}`)).status).toBe(200);
    const res = await api.json('GET', '/api/stats/relationship-graph');
    expect([...res.body.edges].sort(byKey)).toEqual((await edgesFromSql()).sort(byKey));
  });
});

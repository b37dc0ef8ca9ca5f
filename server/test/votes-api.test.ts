import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { insertBot, insertThread } from './support/bots.ts';
import { testApp } from './support/app.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.ts';

let db: TestDatabase;
let api: Awaited<ReturnType<typeof testApp>>;
let author: string;
let voter: string;
let thread: string;
let reply: string;

const MISSING = '00000000-0000-4000-8000-000000000000';

const bot = async (id: string) => (await db.sql`SELECT reputation, upvotes, downvotes FROM bots WHERE id = ${id}`)[0]!;
const votesSnapshot = async () =>
  JSON.stringify(await db.sql`SELECT (SELECT json_agg(v ORDER BY id) FROM votes v) AS v,
    (SELECT json_agg(json_build_array(id, reputation, upvotes, downvotes) ORDER BY id) FROM bots) AS b,
    (SELECT json_agg(json_build_array(id, score) ORDER BY id) FROM threads) AS t, (SELECT count(*) FROM activity) AS a`);

/** Reputation, up and down of every bot, recomputed from the votes themselves. */
async function expectReputationIsSumOfVotes() {
  const drift = await db.sql`
    SELECT b.handle, b.reputation, coalesce(sum(v.value), 0)::int AS sum,
           b.upvotes, count(v.id) FILTER (WHERE v.value = 1)::int AS up, b.downvotes, count(v.id) FILTER (WHERE v.value = -1)::int AS down
      FROM bots b LEFT JOIN votes v ON v.target_bot_id = b.id GROUP BY b.id
    HAVING b.reputation <> coalesce(sum(v.value), 0) OR b.upvotes <> count(v.id) FILTER (WHERE v.value = 1)
        OR b.downvotes <> count(v.id) FILTER (WHERE v.value = -1)`;
  expect([...drift]).toEqual([]);
}

beforeAll(async () => {
  db = await createTestDatabase();
  api = await testApp(db);
  author = await insertBot(db.sql, { handle: 'author' });
  voter = await insertBot(db.sql, { handle: 'voter' });
  thread = await insertThread(db.sql, author);
  reply = (await db.sql`INSERT INTO replies (thread_id, bot_id, body) VALUES (${thread}, ${author}, 'the author answers') RETURNING id`)[0]!.id;
});
afterAll(() => db.drop());

describe('votes', () => {
  test('upvote, change to a downvote (the difference is applied), vote the same again', async () => {
    const up = await api.json('POST', `/api/threads/${thread}/vote`, { voter_id: voter, value: 1 });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ outcome: 'created', previous_value: null, vote: { voter_id: voter, thread_id: thread, target_bot_id: author, value: 1 }, target: { type: 'thread', score: 1, upvotes: 1, downvotes: 0 }, author_reputation: 1 });
    const down = await api.json('POST', `/api/threads/${thread}/vote`, { voter_id: voter, value: -1 });
    expect(down.body).toMatchObject({ outcome: 'changed', previous_value: 1, target: { score: -1, upvotes: 0, downvotes: 1 }, author_reputation: -1 });
    const again = await api.json('POST', `/api/threads/${thread}/vote`, { voter_id: voter, value: -1 });
    expect(again.body).toMatchObject({ outcome: 'unchanged', previous_value: -1, author_reputation: -1 });
    expect(await bot(author)).toEqual({ reputation: -1, upvotes: 0, downvotes: 1 });
    expect((await db.sql`SELECT count(*)::int AS n FROM votes WHERE voter_id = ${voter}`)[0]!.n).toBe(1);
    const activity = await db.sql`SELECT action, target_bot_id, details FROM activity WHERE bot_id = ${voter} ORDER BY created_at`;
    expect(activity.map((a) => a.action)).toEqual(['vote', 'vote', 'vote']);
    expect(activity[0]!.target_bot_id).toBe(author);
  });

  test('votes on replies move the reply score and the author reputation', async () => {
    const res = await api.json('POST', `/api/replies/${reply}/vote`, { voter_id: voter, value: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ vote: { reply_id: reply, thread_id: null, value: 1 }, target: { type: 'reply', id: reply, score: 1 }, author_reputation: 0 });
    await expectReputationIsSumOfVotes();
  });

  test('self-votes, unknown targets and bad values are refused, and nothing is written', async () => {
    const before = await votesSnapshot();
    const self = await api.json('POST', `/api/threads/${thread}/vote`, { voter_id: author, value: 1 });
    expect(self.status).toBe(422);
    expect(self.body.message).toContain('body.voter_id');
    expect(self.body.message).toContain('own posts');
    expect((await api.json('POST', `/api/replies/${reply}/vote`, { voter_id: author, value: -1 })).status).toBe(422);
    const missing = await api.json('POST', `/api/threads/${MISSING}/vote`, { voter_id: voter, value: 1 });
    expect(missing.status).toBe(404);
    expect((await api.json('POST', `/api/replies/${MISSING}/vote`, { voter_id: voter, value: 1 })).status).toBe(404);
    const cases: [unknown, string][] = [
      [{ voter_id: voter, value: 2 }, 'body.value'],
      [{ voter_id: voter, value: 0 }, 'body.value'],
      [{ voter_id: voter, value: '1' }, 'body.value'],
      [{ voter_id: voter }, 'body.value'],
      [{ voter_id: 'me', value: 1 }, 'body.voter_id'],
      [{ voter_id: MISSING, value: 1 }, 'body.voter_id'],
    ];
    for (const [body, field] of cases) {
      const res = await api.json('POST', `/api/threads/${thread}/vote`, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.message, JSON.stringify(body)).toContain(field);
    }
    expect((await api.json('POST', `/api/threads/${thread}/vote`, { voter_id: voter, value: 1 }, { authorization: '' })).status).toBe(401);
    expect(await votesSnapshot()).toBe(before);
  });

  test('200 concurrent votes by 200 bots on one post: one vote each, score and reputation exact', async () => {
    const target = await insertThread(db.sql, author, 'A very popular thread');
    const voters: string[] = [];
    for (let i = 0; i < 200; i++) voters.push(await insertBot(db.sql, { handle: `crowd-${i}` }));
    const repBefore = (await bot(author)).reputation;
    const value = (i: number) => (i % 4 === 0 ? -1 : 1);
    const results = await Promise.all(voters.map((v, i) => api.json('POST', `/api/threads/${target}/vote`, { voter_id: v, value: value(i) })));
    expect(results.filter((r) => r.status !== 200).map((r) => r.body)).toEqual([]);
    const [row] = await db.sql`SELECT count(*)::int AS votes, count(DISTINCT voter_id)::int AS voters, sum(value)::int AS sum FROM votes WHERE thread_id = ${target}`;
    expect(row).toEqual({ votes: 200, voters: 200, sum: 100 });
    expect((await db.sql`SELECT score, upvotes, downvotes FROM threads WHERE id = ${target}`)[0]).toEqual({ score: 100, upvotes: 150, downvotes: 50 });
    expect((await bot(author)).reputation).toBe(repBefore + 100);
    await expectReputationIsSumOfVotes();
  }, 60_000);

  test('200 concurrent votes by one bot on one post, flipping: exactly one vote, the last applied', async () => {
    const target = await insertThread(db.sql, author, 'A contested thread');
    const fickle = await insertBot(db.sql, { handle: 'fickle' });
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => api.json('POST', `/api/threads/${target}/vote`, { voter_id: fickle, value: i % 2 ? 1 : -1 })),
    );
    expect(results.filter((r) => r.status !== 200).map((r) => r.body)).toEqual([]);
    expect(results.filter((r) => r.body.outcome === 'created')).toHaveLength(1);
    const votes = await db.sql`SELECT value FROM votes WHERE thread_id = ${target}`;
    expect(votes).toHaveLength(1);
    const [t] = await db.sql`SELECT score, upvotes, downvotes FROM threads WHERE id = ${target}`;
    expect(t!.score).toBe(votes[0]!.value);
    expect(t!.upvotes + t!.downvotes).toBe(1);
    await expectReputationIsSumOfVotes();
  }, 60_000);

  test('two bots voting on each other at once do not deadlock the API', async () => {
    const a = await insertBot(db.sql, { handle: 'mutual-a' });
    const b = await insertBot(db.sql, { handle: 'mutual-b' });
    const ta = await insertThread(db.sql, a, 'by a');
    const tb = await insertThread(db.sql, b, 'by b');
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2
          ? api.json('POST', `/api/threads/${ta}/vote`, { voter_id: b, value: i % 4 === 1 ? 1 : -1 })
          : api.json('POST', `/api/threads/${tb}/vote`, { voter_id: a, value: i % 4 === 0 ? 1 : -1 }),
      ),
    );
    expect(results.filter((r) => r.status !== 200).map((r) => r.body)).toEqual([]);
    await expectReputationIsSumOfVotes();
  }, 30_000);
});

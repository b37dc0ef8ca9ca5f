import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { insertBot, insertThread } from './support/bots.ts';
import { testApp } from './support/app.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.ts';

let db: TestDatabase;
let api: Awaited<ReturnType<typeof testApp>>;
let ada: string;
let bo: string;
let cy: string;

const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  db = await createTestDatabase();
  api = await testApp(db);
  ada = await insertBot(db.sql, { handle: 'ada', name: 'Ada' });
  bo = await insertBot(db.sql, { handle: 'bo', name: 'Bo' });
  cy = await insertBot(db.sql, { handle: 'cy', name: 'Cy' });
  const t1 = (await api.json('POST', '/api/threads', { bot_id: ada, title: 'Oceans at night', body: 'Bioluminescence is everywhere once you look.', tags: ['oceans', 'biology'] })).body.id;
  const t2 = (await api.json('POST', '/api/threads', { bot_id: bo, title: 'Deep sea vents', body: 'Life without sunlight, powered by chemistry.', tags: ['oceans'] })).body.id;
  await api.json('POST', `/api/threads/${t1}/replies`, { bot_id: bo, body: 'I have seen this on a night dive, it is unreal.' });
  await api.json('POST', `/api/threads/${t1}/vote`, { voter_id: bo, value: 1 });
  await api.json('POST', `/api/threads/${t1}/vote`, { voter_id: cy, value: 1 });
  await api.json('POST', `/api/threads/${t2}/vote`, { voter_id: cy, value: -1 });
  await api.json('POST', `/api/follow/${ada}`, { follower_id: cy });
});
afterAll(() => db.drop());

describe('GET /api/stats/reputation', () => {
  test('leaderboard ordered by reputation, with up, down and post counts', async () => {
    const res = await api.json('GET', '/api/stats/reputation');
    expect(res.status).toBe(200);
    expect(res.body.map((b: { handle: string }) => b.handle)).toEqual(['ada', 'cy', 'bo']);
    expect(res.body[0]).toMatchObject({ rank: 1, id: ada, reputation: 2, upvotes: 2, downvotes: 0, threads: 1, replies: 0 });
    expect(res.body[2]).toMatchObject({ rank: 3, handle: 'bo', reputation: -1, upvotes: 0, downvotes: 1, threads: 1, replies: 1 });
  });
});

describe('GET /api/stats/reputation-history', () => {
  test('one point per bot per UTC day, carrying the last value across days without change', async () => {
    // Two days of history written as the trigger would have on those days.
    await db.sql`INSERT INTO reputation_history (bot_id, day, reputation, upvotes, downvotes)
                 VALUES (${ada}, ${daysAgo(4)}::date, 5, 6, 1), (${ada}, ${daysAgo(2)}::date, -3, 1, 4)`;
    const res = await api.json('GET', '/api/stats/reputation-history?days=7');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ days: 7, from: daysAgo(6), to: today() });
    const a = res.body.series.find((s: { bot_id: string }) => s.bot_id === ada);
    expect(a.points.map((p: { day: string }) => p.day)).toEqual([daysAgo(4), daysAgo(3), daysAgo(2), daysAgo(1), today()]);
    expect(a.points.map((p: { reputation: number }) => p.reputation)).toEqual([5, 5, -3, -3, 2]);
    expect(a.points.at(-1)).toEqual({ day: today(), reputation: 2, upvotes: 2, downvotes: 0 });
    const b = res.body.series.find((s: { bot_id: string }) => s.bot_id === bo);
    expect(b.points).toEqual([{ day: today(), reputation: -1, upvotes: 0, downvotes: 1 }]);
    const one = await api.json('GET', '/api/stats/reputation-history?days=1');
    expect(one.body.series.find((s: { bot_id: string }) => s.bot_id === ada).points).toHaveLength(1);
    const fallback = await api.json('GET', '/api/stats/reputation-history');
    expect(fallback.body.days).toBe(30);
  });

  test('days outside 1–90 or not a whole number are 422s naming days', async () => {
    for (const d of ['0', '91', '-5', '2.5', 'week']) {
      const res = await api.json('GET', `/api/stats/reputation-history?days=${d}`);
      expect(res.status, d).toBe(422);
      expect(res.body.message, d).toContain('query.days');
    }
    expect((await api.json('GET', '/api/stats/reputation-history?days=90')).status).toBe(200);
  });
});

describe('GET /api/stats/analytics', () => {
  test('counts by action and day, posts, votes, top tags, bots, flags; all agree with the tables', async () => {
    const res = await api.json('GET', '/api/stats/analytics?days=7');
    expect(res.status).toBe(200);
    const body = res.body;
    expect(body).toMatchObject({ days: 7, from: daysAgo(6), to: today() });
    expect(body.totals).toMatchObject({ threads: 2, replies: 1, votes: 3, upvotes: 2, downvotes: 1, follows: 1, active_bots: 3 });
    const [{ n: actions }] = (await db.sql`SELECT count(*)::int AS n FROM activity`) as unknown as [{ n: number }];
    expect(body.totals.actions).toBe(actions);
    expect(Object.fromEntries(body.by_action.map((a: { action: string; count: number }) => [a.action, a.count]))).toEqual({ create_thread: 2, reply: 1, vote: 3, follow: 1 });
    expect(body.activity_by_day.filter((r: { day: string }) => r.day === today()).reduce((s: number, r: { count: number }) => s + r.count, 0)).toBe(actions);
    expect(body.posts_by_day).toHaveLength(7);
    expect(body.posts_by_day.at(-1)).toEqual({ day: today(), threads: 2, replies: 1 });
    expect(body.posts_by_day[0]).toEqual({ day: daysAgo(6), threads: 0, replies: 0 });
    expect(body.votes_by_day.at(-1)).toEqual({ day: today(), up: 2, down: 1 });
    expect(body.top_tags[0]).toEqual({ tag: 'oceans', threads: 2, replies: 1, score: 1 });
    expect(body.top_tags.map((t: { tag: string }) => t.tag)).toContain('biology');
    expect(body.top_threads[0]).toMatchObject({ title: 'Oceans at night', score: 2, reply_count: 1, handle: 'ada' });
    expect(body.bots.find((b: { handle: string }) => b.handle === 'bo')).toMatchObject({ actions: 3, posts: 2, votes_cast: 1 });
    expect(Array.isArray(body.flags_by_reason)).toBe(true);
  });

  test('the window excludes what happened before it', async () => {
    const old = await insertThread(db.sql, cy, 'An old thread');
    await db.sql`UPDATE threads SET created_at = now() - interval '10 days' WHERE id = ${old}`;
    const week = await api.json('GET', '/api/stats/analytics?days=7');
    expect(week.body.totals.threads).toBe(2);
    const month = await api.json('GET', '/api/stats/analytics?days=30');
    expect(month.body.totals.threads).toBe(3);
    expect(month.body.posts_by_day).toHaveLength(30);
    expect(month.body.posts_by_day.find((d: { day: string }) => d.day === daysAgo(10))).toEqual({ day: daysAgo(10), threads: 1, replies: 0 });
    expect(week.body.posts_by_day.reduce((n: number, d: { threads: number }) => n + d.threads, 0)).toBe(2);
  });

  test('bad days are 422s naming days', async () => {
    for (const d of ['0', '91', 'x']) {
      const res = await api.json('GET', `/api/stats/analytics?days=${d}`);
      expect(res.status, d).toBe(422);
      expect(res.body.message, d).toContain('query.days');
    }
  });
});

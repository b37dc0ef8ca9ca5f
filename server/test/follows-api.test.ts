import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { insertBot } from './support/bots.ts';
import { testApp } from './support/app.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.ts';

let db: TestDatabase;
let api: Awaited<ReturnType<typeof testApp>>;
let ada: string;
let bo: string;
let cy: string;

const MISSING = '00000000-0000-4000-8000-000000000000';
const follows = async () => JSON.stringify(await db.sql`SELECT follower_id, followee_id FROM follows ORDER BY follower_id, followee_id`);

beforeAll(async () => {
  db = await createTestDatabase();
  api = await testApp(db);
  ada = await insertBot(db.sql, { handle: 'ada' });
  bo = await insertBot(db.sql, { handle: 'bo' });
  cy = await insertBot(db.sql, { handle: 'cy' });
});
afterAll(() => db.drop());

describe('follows', () => {
  test('follow: 201 when new, 200 when already following, one row either way, and an activity row', async () => {
    const first = await api.json('POST', `/api/follow/${bo}`, { follower_id: ada });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ follower_id: ada, followee_id: bo, following: true, created: true });
    const again = await api.json('POST', `/api/follow/${bo}`, { follower_id: ada });
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(false);
    expect((await db.sql`SELECT count(*)::int AS n FROM follows WHERE follower_id = ${ada} AND followee_id = ${bo}`)[0]!.n).toBe(1);
    const [activity] = await db.sql`SELECT action, target_bot_id FROM activity WHERE bot_id = ${ada} ORDER BY created_at LIMIT 1`;
    expect(activity).toEqual({ action: 'follow', target_bot_id: bo });
  });

  test('followers, following and stats', async () => {
    await api.json('POST', `/api/follow/${bo}`, { follower_id: cy });
    await api.json('POST', `/api/follow/${ada}`, { follower_id: bo });
    const followers = await api.json('GET', `/api/follow/${bo}/followers`);
    expect(followers.status).toBe(200);
    expect(followers.body.map((b: { handle: string }) => b.handle).sort()).toEqual(['ada', 'cy']);
    expect(followers.body[0]).toHaveProperty('followed_at');
    const following = await api.json('GET', `/api/follow/${bo}/following`);
    expect(following.body.map((b: { handle: string }) => b.handle)).toEqual(['ada']);
    expect((await api.json('GET', `/api/follow/${bo}/stats`)).body).toEqual({ bot_id: bo, followers: 2, following: 1, mutual: 1 });
    expect((await api.json('GET', `/api/follow/${cy}/stats`)).body).toEqual({ bot_id: cy, followers: 0, following: 1, mutual: 0 });
  });

  test('unfollow removes the row; unfollowing again is not an error', async () => {
    const res = await api.json('DELETE', `/api/follow/${bo}`, { follower_id: cy });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ follower_id: cy, followee_id: bo, following: false, removed: true });
    expect((await api.json('DELETE', `/api/follow/${bo}`, { follower_id: cy })).body.removed).toBe(false);
    expect((await api.json('GET', `/api/follow/${bo}/stats`)).body.followers).toBe(1);
  });

  test('concurrent follows of the same pair leave one row', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, () => api.json('POST', `/api/follow/${cy}`, { follower_id: ada })));
    expect(results.map((r) => r.status).sort()).toEqual([...Array(29).fill(200), 201]);
    expect((await db.sql`SELECT count(*)::int AS n FROM follows WHERE follower_id = ${ada} AND followee_id = ${cy}`)[0]!.n).toBe(1);
  });

  test('self-follow, unknown bots and bad bodies are refused with the field named; nothing written', async () => {
    const before = await follows();
    const activityBefore = (await db.sql`SELECT count(*)::int AS n FROM activity`)[0]!.n;
    const self = await api.json('POST', `/api/follow/${ada}`, { follower_id: ada });
    expect(self.status).toBe(422);
    expect(self.body.message).toContain('body.follower_id');
    expect((await api.json('POST', `/api/follow/${MISSING}`, { follower_id: ada })).status).toBe(404);
    const cases: [string, string, unknown, number, string][] = [
      ['POST', bo, { follower_id: MISSING }, 422, 'body.follower_id'],
      ['POST', bo, { follower_id: 'x' }, 422, 'body.follower_id'],
      ['POST', bo, {}, 422, 'body.follower_id'],
      ['POST', 'x', { follower_id: ada }, 422, 'params.botId'],
      ['DELETE', bo, { follower_id: MISSING }, 422, 'body.follower_id'],
      ['DELETE', bo, {}, 422, 'body.follower_id'],
    ];
    for (const [method, id, body, status, field] of cases) {
      const res = await api.json(method, `/api/follow/${id}`, body);
      expect(res.status, `${method} ${JSON.stringify(body)}`).toBe(status);
      expect(res.body.message, `${method} ${JSON.stringify(body)}`).toContain(field);
    }
    expect((await api.json('POST', `/api/follow/${cy}`, { follower_id: bo }, { authorization: '' })).status).toBe(401);
    expect((await api.json('DELETE', `/api/follow/${bo}`, { follower_id: ada }, { authorization: '' })).status).toBe(401);
    for (const path of ['followers', 'following', 'stats']) expect((await api.json('GET', `/api/follow/${MISSING}/${path}`)).status).toBe(404);
    expect(await follows()).toBe(before);
    expect((await db.sql`SELECT count(*)::int AS n FROM activity`)[0]!.n).toBe(activityBefore);
  });
});

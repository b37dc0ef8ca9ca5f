import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { insertBot } from './support/bots.ts';
import { reputationDrift } from './support/community.ts';
import { testApp } from './support/app.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.ts';

let db: TestDatabase;
let api: Awaited<ReturnType<typeof testApp>>;
let ada: string;
let bo: string;
let cy: string;

const MISSING = '00000000-0000-4000-8000-000000000000';

const post = async (path: string, body: unknown) => {
  const res = await api.json('POST', path, body);
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body;
};
const everything = async () =>
  JSON.stringify(await db.sql`SELECT (SELECT json_agg(f ORDER BY id) FROM content_flags f) AS f, (SELECT json_agg(t.id ORDER BY id) FROM threads t) AS t,
    (SELECT json_agg(r.id ORDER BY id) FROM replies r) AS r, (SELECT json_agg(json_build_array(id, paused, reputation) ORDER BY id) FROM bots) AS b`);

beforeAll(async () => {
  db = await createTestDatabase();
  api = await testApp(db);
  ada = await insertBot(db.sql, { handle: 'ada' });
  bo = await insertBot(db.sql, { handle: 'bo' });
  cy = await insertBot(db.sql, { handle: 'cy' });
});
afterAll(() => db.drop());

describe('flags', () => {
  test('list, filter, count and resolve (dismissed) with resolved_at set', async () => {
    await post('/api/threads', { bot_id: ada, title: 'Hi', body: 'short' });
    await post('/api/threads', { bot_id: bo, title: 'Yo', body: 'tiny' });
    const list = await api.json('GET', '/api/moderation/flags?resolved=false');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items[0]).toMatchObject({ bot_handle: 'bo', reason: 'low_quality', resolved: false, post_type: 'thread', thread_title: 'Yo', excerpt: 'tiny' });
    expect((await api.json('GET', '/api/moderation/flags/count')).body).toEqual({ open: 2, resolved: 0, total: 2, open_by_reason: { low_quality: 2, repetitive: 0, frequency: 0 } });

    const flag = list.body.items[1];
    const res = await api.json('POST', `/api/moderation/flags/${flag.id}/resolve`, { resolution: 'dismissed' });
    expect(res.status).toBe(200);
    expect(res.body.flag).toMatchObject({ id: flag.id, resolved: true, resolution: 'dismissed' });
    expect(res.body.flag.resolved_at).toBeTruthy();
    expect(res.body.deleted).toBeNull();
    const [row] = await db.sql`SELECT resolved, resolution, resolved_at FROM content_flags WHERE id = ${flag.id}`;
    expect(row!.resolved).toBe(true);
    expect(row!.resolved_at).toBeInstanceOf(Date);

    expect((await api.json('GET', '/api/moderation/flags?resolved=true')).body.items.map((f: { id: string }) => f.id)).toEqual([flag.id]);
    expect((await api.json('GET', '/api/moderation/flags?resolved=false')).body.total).toBe(1);
    expect((await api.json('GET', '/api/moderation/flags')).body.total).toBe(2);
    expect((await api.json('GET', `/api/moderation/flags?bot_id=${bo}`)).body.total).toBe(1);
    expect((await api.json('GET', '/api/moderation/flags?reason=repetitive')).body.total).toBe(0);
    const page = await api.json('GET', '/api/moderation/flags?limit=1&offset=1');
    expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(page.body.items).toHaveLength(1);
    expect((await api.json('GET', '/api/moderation/flags/count')).body).toMatchObject({ open: 1, resolved: 1, total: 2 });

    const twice = await api.json('POST', `/api/moderation/flags/${flag.id}/resolve`, { resolution: 'deleted' });
    expect(twice.status).toBe(409);
  });

  test('resolving as bot_paused pauses the author; as deleted deletes the post', async () => {
    const thread = await post('/api/threads', { bot_id: cy, title: 'Ok', body: 'meh' });
    const [flag] = await db.sql`SELECT id FROM content_flags WHERE thread_id = ${thread.id}`;
    const paused = await api.json('POST', `/api/moderation/flags/${flag!.id}/resolve`, { resolution: 'bot_paused' });
    expect(paused.status).toBe(200);
    expect(paused.body.flag).toMatchObject({ resolution: 'bot_paused', bot_paused: true });
    expect((await db.sql`SELECT paused FROM bots WHERE id = ${cy}`)[0]!.paused).toBe(true);

    const reply = await post(`/api/threads/${thread.id}/replies`, { bot_id: ada, body: 'nope' });
    await post(`/api/replies/${reply.id}/vote`, { voter_id: bo, value: -1 });
    const [replyFlag] = await db.sql`SELECT id FROM content_flags WHERE reply_id = ${reply.id}`;
    const deleted = await api.json('POST', `/api/moderation/flags/${replyFlag!.id}/resolve`, { resolution: 'deleted' });
    expect(deleted.status).toBe(200);
    expect(deleted.body.deleted).toEqual({ type: 'reply', id: reply.id, replies: 0, votes: 1 });
    expect(await db.sql`SELECT id FROM replies WHERE id = ${reply.id}`).toHaveLength(0);
    expect(await reputationDrift(db.sql)).toEqual([]);
  });

  test('bad input: unknown flag 404, bad resolution or filters 422, nothing written', async () => {
    const before = await everything();
    const [open] = await db.sql`SELECT id FROM content_flags WHERE NOT resolved LIMIT 1`;
    expect((await api.json('POST', `/api/moderation/flags/${MISSING}/resolve`, { resolution: 'dismissed' })).status).toBe(404);
    for (const [body, field] of [[{ resolution: 'ignored' }, 'body.resolution'], [{}, 'body.resolution'], [{ resolution: null }, 'body.resolution']] as const) {
      const res = await api.json('POST', `/api/moderation/flags/${open!.id}/resolve`, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.message).toContain(field);
    }
    expect((await api.json('POST', `/api/moderation/flags/${open!.id}/resolve`, { resolution: 'dismissed' }, { authorization: 'Bearer nope' })).status).toBe(401);
    for (const [qs, field] of [['resolved=maybe', 'query.resolved'], ['reason=rude', 'query.reason'], ['limit=0', 'query.limit'], ['bot_id=1', 'query.bot_id']]) {
      const res = await api.json('GET', `/api/moderation/flags?${qs}`);
      expect(res.status, qs).toBe(422);
      expect(res.body.message, qs).toContain(field!);
    }
    expect(await everything()).toBe(before);
  });
});

describe('pause and unpause', () => {
  test('pause and unpause a bot; unknown bot 404; admin token needed', async () => {
    expect((await api.json('POST', `/api/moderation/bots/${ada}/pause`)).body).toMatchObject({ id: ada, paused: true, status: 'paused' });
    expect((await api.json('POST', `/api/moderation/bots/${ada}/unpause`)).body).toMatchObject({ id: ada, paused: false });
    expect((await api.json('POST', `/api/moderation/bots/${MISSING}/pause`)).status).toBe(404);
    expect((await api.json('POST', '/api/moderation/bots/nope/pause')).status).toBe(422);
    expect((await api.json('POST', `/api/moderation/bots/${ada}/pause`, undefined, { authorization: '' })).status).toBe(401);
    expect((await db.sql`SELECT paused FROM bots WHERE id = ${ada}`)[0]!.paused).toBe(false);
  });
});

describe('deleting posts', () => {
  test('deleting a thread removes its replies and votes, and reputation stays the sum of votes', async () => {
    const thread = await post('/api/threads', { bot_id: ada, title: 'A thread that will be deleted', body: 'With replies and votes all over it.' });
    const r1 = await post(`/api/threads/${thread.id}/replies`, { bot_id: bo, body: 'A reply that collects votes of its own.' });
    const r2 = await post(`/api/threads/${thread.id}/replies`, { bot_id: cy, body: 'A nested reply under the first one.', parent_reply_id: r1.id });
    await post(`/api/threads/${thread.id}/vote`, { voter_id: bo, value: 1 });
    await post(`/api/threads/${thread.id}/vote`, { voter_id: cy, value: 1 });
    await post(`/api/replies/${r1.id}/vote`, { voter_id: ada, value: 1 });
    await post(`/api/replies/${r1.id}/vote`, { voter_id: cy, value: -1 });
    await post(`/api/replies/${r2.id}/vote`, { voter_id: ada, value: -1 });
    // A vote elsewhere that must survive.
    const other = await post('/api/threads', { bot_id: bo, title: 'A thread that stays', body: 'Nothing to see here, it simply stays.' });
    await post(`/api/threads/${other.id}/vote`, { voter_id: ada, value: 1 });
    const repBefore = Object.fromEntries((await db.sql`SELECT id, reputation FROM bots`).map((b) => [b.id, b.reputation]));

    const res = await api.json('DELETE', `/api/moderation/threads/${thread.id}`);
    expect(res.status).toBe(200);
    expect(res.body.deleted).toEqual({ type: 'thread', id: thread.id, replies: 2, votes: 5 });
    expect(await db.sql`SELECT id FROM replies WHERE thread_id = ${thread.id}`).toHaveLength(0);
    expect(await db.sql`SELECT id FROM votes WHERE thread_id = ${thread.id} OR reply_id IN (${r1.id}, ${r2.id})`).toHaveLength(0);
    expect(await reputationDrift(db.sql)).toEqual([]);
    const repAfter = Object.fromEntries((await db.sql`SELECT id, reputation FROM bots`).map((b) => [b.id, b.reputation]));
    expect(repAfter[ada]).toBe(repBefore[ada] - 2);
    expect(repAfter[bo]).toBe(repBefore[bo]);
    expect(repAfter[cy]).toBe(repBefore[cy] + 1);
    expect((await db.sql`SELECT score FROM threads WHERE id = ${other.id}`)[0]!.score).toBe(1);
    // The feed keeps its history; its links to the deleted posts are cleared by the schema.
    expect((await db.sql`SELECT count(*)::int AS n FROM activity WHERE thread_id = ${thread.id}`)[0]!.n).toBe(0);
    expect((await api.json('GET', `/api/threads/${thread.id}`)).status).toBe(404);
  });

  test('deleting a reply removes the replies below it and their votes; reply_count follows', async () => {
    const thread = await post('/api/threads', { bot_id: ada, title: 'Replies to prune', body: 'A tree of replies to cut a branch from.' });
    const top = await post(`/api/threads/${thread.id}/replies`, { bot_id: bo, body: 'The branch to cut starts here.' });
    const child = await post(`/api/threads/${thread.id}/replies`, { bot_id: cy, body: 'Under the branch, goes with it.', parent_reply_id: top.id });
    const keep = await post(`/api/threads/${thread.id}/replies`, { bot_id: cy, body: 'A sibling that stays in place.' });
    await post(`/api/replies/${top.id}/vote`, { voter_id: ada, value: 1 });
    await post(`/api/replies/${child.id}/vote`, { voter_id: bo, value: 1 });
    await post(`/api/replies/${keep.id}/vote`, { voter_id: ada, value: -1 });
    const res = await api.json('DELETE', `/api/moderation/replies/${top.id}`);
    expect(res.status).toBe(200);
    expect(res.body.deleted).toEqual({ type: 'reply', id: top.id, replies: 1, votes: 2 });
    const got = await api.json('GET', `/api/threads/${thread.id}`);
    expect(got.body.reply_count).toBe(1);
    expect(got.body.replies.map((r: { id: string }) => r.id)).toEqual([keep.id]);
    expect(await reputationDrift(db.sql)).toEqual([]);
  });

  test('unknown or malformed ids and missing token: nothing deleted', async () => {
    const thread = await post('/api/threads', { bot_id: ada, title: 'A thread that stays put', body: 'No one may delete this without the token.' });
    const before = await everything();
    expect((await api.json('DELETE', `/api/moderation/threads/${MISSING}`)).status).toBe(404);
    expect((await api.json('DELETE', `/api/moderation/replies/${MISSING}`)).status).toBe(404);
    const bad = await api.json('DELETE', '/api/moderation/threads/xyz');
    expect(bad.status).toBe(422);
    expect(bad.body.message).toContain('params.id');
    expect((await api.json('DELETE', `/api/moderation/threads/${thread.id}`, undefined, { authorization: '' })).status).toBe(401);
    expect(await everything()).toBe(before);
  });
});

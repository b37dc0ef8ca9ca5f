import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { startServer, type ServerProcess } from './support/process.ts';
import { createTestDatabase, freePort, type TestDatabase } from './support/postgres.ts';

// A first start as a new user makes it: a fresh database, the demo community at its default
// pace, nobody touching anything. The forum must not be empty, and the feed must move.
let db: TestDatabase;
let proc: ServerProcess;
let runningAt: number;
let base: string;

beforeAll(async () => {
  db = await createTestDatabase({ migrated: false });
  const port = await freePort();
  proc = startServer({ PORT: String(port), DATABASE_URL: db.url, CHORUS_ROLES: 'api,orchestrator', CHORUS_WEB_SEARCH: 'offline' });
  await proc.waitFor(/Chorus is running at/, 60_000);
  runningAt = Date.now();
  base = `http://127.0.0.1:${port}`;
}, 90_000);

afterAll(async () => {
  proc?.kill('SIGINT');
  await proc?.exited;
  await db?.drop();
}, 30_000);

describe('the demo community on a first start', () => {
  test('the forum already holds conversations: at least six threads from several bots, with replies', async () => {
    const threads = await db.sql<{ title: string; author: string; replies: number; repliers: number }[]>`
      SELECT t.title, b.handle AS author, t.reply_count AS replies,
             (SELECT count(DISTINCT r.bot_id)::int FROM replies r WHERE r.thread_id = t.id AND r.bot_id <> t.bot_id) AS repliers
        FROM threads t JOIN bots b ON b.id = t.bot_id WHERE t.created_at < now() - interval '5 minutes'`;
    expect(threads.length).toBeGreaterThanOrEqual(6);
    expect(new Set(threads.map((t) => t.author)).size).toBeGreaterThanOrEqual(5);
    for (const t of threads) {
      expect(t.replies).toBeGreaterThan(0);
      expect(t.repliers).toBeGreaterThan(0);
    }
    const [pace] = await db.sql`SELECT pace, pace_custom_seconds FROM settings WHERE id = 'global'`;
    expect(pace).toEqual({ pace: 'custom', pace_custom_seconds: 300 });
  });

  test('the public feed already tells those conversations, each entry dated with its post', async () => {
    const res = await fetch(`${base}/api/public/activity?limit=100`);
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: { action: string; summary: string; created_at: string }[] };
    const old = items.filter((a) => Date.parse(a.created_at) < runningAt - 5 * 60_000);
    const [{ threads, replies }] = (await db.sql`
      SELECT (SELECT count(*)::int FROM threads WHERE created_at < now() - interval '5 minutes') AS threads,
             (SELECT count(*)::int FROM replies WHERE created_at < now() - interval '5 minutes') AS replies`) as unknown as [{ threads: number; replies: number }];
    expect(old.filter((a) => a.action === 'create_thread').length).toBe(threads);
    expect(old.filter((a) => a.action === 'reply').length).toBe(replies);
    expect(old.every((a) => /^(started|replied to @[a-z-]+ in) “/.test(a.summary))).toBe(true);
  });

  test('at the default pace a new thread and a new reply appear within 90 s, untouched', async () => {
    const deadline = runningAt + 90_000;
    let seen = { thread: false, reply: false };
    while (Date.now() < deadline && !(seen.thread && seen.reply)) {
      const rows = await db.sql<{ action: string }[]>`
        SELECT DISTINCT action FROM activity WHERE action IN ('create_thread', 'reply')`;
      seen = { thread: rows.some((r) => r.action === 'create_thread'), reply: rows.some((r) => r.action === 'reply') };
      if (!(seen.thread && seen.reply)) await Bun.sleep(500);
    }
    const feed = await db.sql`SELECT a.action, a.summary, round(extract(epoch FROM a.created_at - now()))::int AS age FROM activity a ORDER BY a.created_at`;
    if (!(seen.thread && seen.reply)) console.error('the feed after 90 s:', feed);
    expect(seen).toEqual({ thread: true, reply: true });
  }, 100_000);
});

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { migrate, readMigrations } from '../src/db/migrate.ts';
import { silentLogger } from '../src/log.ts';
import { WARM_LIMITS } from '../src/memory/constants.ts';
import { remember } from '../src/memory/remember.ts';
import { insertBot } from './support/bots.ts';
import { memoryRepeats, runDemoCommunity } from './support/community-writing.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.ts';

let db: TestDatabase;
let community: TestDatabase;
let wiki: ReturnType<typeof Bun.serve>;
const failing = new Map<string, boolean>();
beforeAll(async () => {
  db = await createTestDatabase();
  community = await createTestDatabase();
  // Wikipedia's page search where every other query (in the order first asked) fails, always:
  // the same query always gets the same answer, retries included, so both repeats and failures
  // come up in a long run.
  wiki = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch(req) {
      const url = new URL(req.url);
      if (url.pathname !== '/w/rest.php/v1/search/page') return new Response('not found', { status: 404 });
      const q = url.searchParams.get('q') ?? '';
      if (!failing.has(q)) failing.set(q, failing.size % 2 === 1);
      if (failing.get(q)) return new Response('upstream unavailable', { status: 503 });
      return Response.json({ pages: [{ id: 1, key: q.replace(/ /g, '_'), title: q, excerpt: `An article on <span class="searchmatch">${q}</span>`, description: `About ${q}` }] });
    },
  });
});
afterAll(async () => {
  wiki?.stop(true);
  await db?.drop();
  await community?.drop();
});

describe('warm memory merges what a bot already knows', () => {
  test('the same opinion, fact or interest seen again updates one row: count, last seen, confidence', async () => {
    const bot = await insertBot(db.sql);
    expect(await remember(db.sql, bot, { kind: 'opinion', content: 'Tides are underrated.', topic: 'Tides', stance: 'for', confidence: 0.5, importance: 0.4 })).toBe('added');
    expect(await remember(db.sql, bot, { kind: 'opinion', content: 'Tides matter more than people think.', topic: 'tides ', stance: 'for', confidence: 0.6, importance: 0.7 })).toBe('merged');
    expect(await remember(db.sql, bot, { kind: 'fact', content: 'Octopuses taste with their arms.', importance: 0.4 })).toBe('added');
    expect(await remember(db.sql, bot, { kind: 'fact', content: 'octopuses TASTE with their arms!', importance: 0.2 })).toBe('merged');
    // a rewording with the same content words is the same fact
    expect(await remember(db.sql, bot, { kind: 'fact', content: 'With their arms, octopuses taste.', importance: 0.2 })).toBe('merged');
    expect(await remember(db.sql, bot, { kind: 'fact', content: 'Compound interest rewards patience.', importance: 0.2 })).toBe('added');
    const rows = await db.sql`SELECT kind, content, seen_count, importance, stance, confidence, last_seen_at > created_at AS seen_later
                                FROM memory_items WHERE bot_id = ${bot} ORDER BY kind, created_at`;
    expect(rows.map((r) => [r.kind, r.seen_count])).toEqual([['fact', 3], ['fact', 1], ['opinion', 2]]);
    const opinion = rows.find((r) => r.kind === 'opinion')!;
    expect(opinion).toMatchObject({ content: 'Tides matter more than people think.', stance: 'for', seen_later: true });
    expect(opinion.importance).toBeCloseTo(0.7);
    expect(opinion.confidence).toBeCloseTo(0.65); // the stance held, so confidence grew past the newer 0.6
    // a changed stance takes the new confidence as it is
    await remember(db.sql, bot, { kind: 'opinion', content: 'Tides are overrated after all.', topic: 'tides', stance: 'against', confidence: 0.3, importance: 0.5 });
    const [changed] = await db.sql`SELECT stance, confidence, seen_count FROM memory_items WHERE bot_id = ${bot} AND kind = 'opinion'`;
    expect(changed).toMatchObject({ stance: 'against', seen_count: 3 });
    expect(changed!.confidence).toBeCloseTo(0.3);
  });

  test('a database that stored copies before migration 0008 keeps one row of each, with the count', async () => {
    const old = await createTestDatabase({ migrated: false });
    try {
      const all = await readMigrations();
      await migrate(old.sql, all.filter((m) => m.version < 8), silentLogger);
      const bot = await insertBot(old.sql);
      const other = await insertBot(old.sql);
      for (let i = 0; i < 5; i++) {
        await old.sql`INSERT INTO memory_items (bot_id, kind, content, importance, created_at)
                      VALUES (${bot}, 'fact', ${i % 2 ? 'The tide turns twice a day.' : 'the tide turns twice a day'}, ${0.2 + i / 10}, now() - make_interval(mins => ${10 - i}))`;
      }
      for (let i = 0; i < 4; i++) await old.sql`INSERT INTO memory_items (bot_id, kind, content) VALUES (${bot}, 'interest', 'I keep wanting to talk about oceans.')`;
      await old.sql`INSERT INTO memory_items (bot_id, kind, content) VALUES (${bot}, 'fact', 'Something else entirely'), (${other}, 'fact', 'The tide turns twice a day.')`;
      await migrate(old.sql, all, silentLogger);
      const rows = await old.sql`SELECT bot_id = ${bot} AS mine, kind, seen_count, importance FROM memory_items ORDER BY mine DESC, kind, seen_count DESC`;
      expect(rows.map((r) => [r.mine, r.kind, r.seen_count])).toEqual([[true, 'fact', 5], [true, 'fact', 1], [true, 'interest', 4], [false, 'fact', 1]]);
      expect(rows[0]!.importance).toBeCloseTo(0.6);
      // from now on the database itself refuses a second copy
      await expect(old.sql`INSERT INTO memory_items (bot_id, kind, content) VALUES (${bot}, 'fact', 'THE TIDE turns twice a day...')`).rejects.toThrow(/memory_items_one_per_key/);
    } finally {
      await old.drop();
    }
  });

  test('the demo community through many heartbeats, half its web searches failing, never repeats a memory', async () => {
    await runDemoCommunity(community.sql, { seed: 'memory-merge', posts: 120, env: { CHORUS_WEB_SEARCH: 'wikipedia', CHORUS_WIKIPEDIA_URL: `http://127.0.0.1:${wiki.port}` } });
    const [{ heartbeats }] = (await community.sql`SELECT count(*)::int AS heartbeats FROM heartbeats h JOIN bots b ON b.id = h.bot_id WHERE b.source = 'demo'`) as unknown as [{ heartbeats: number }];
    expect(heartbeats).toBeGreaterThan(100);
    const [searched] = await community.sql`SELECT count(*) FILTER (WHERE details ? 'error')::int AS failed, count(*) FILTER (WHERE NOT details ? 'error')::int AS ok
                                      FROM activity WHERE action = 'web_search'`;
    expect(searched!.failed).toBeGreaterThan(0);
    expect(searched!.ok).toBeGreaterThan(0);

    const repeats = await memoryRepeats(community.sql);
    expect(repeats.items).toBeGreaterThan(50);
    expect(repeats).toMatchObject({ extraCopies: 0, failureFacts: 0 });
    // what was seen again was merged into its row, not dropped
    const [merged] = await community.sql`SELECT count(*)::int AS n FROM memory_items WHERE seen_count > 1`;
    expect(merged!.n).toBeGreaterThan(0);
    // web search facts carry their source; none came from a failed search
    const facts = await community.sql`SELECT source FROM memory_items WHERE kind = 'fact'`;
    expect(facts.length).toBeGreaterThan(0);
    expect(facts.every((f) => String(f.source).startsWith(`http://127.0.0.1:${wiki.port}/wiki/`))).toBe(true);
    // one relationship row per ordered pair of bots that interacted
    const [pairs] = await community.sql`SELECT count(*)::int AS rows, count(DISTINCT (bot_id, about_bot_id))::int AS pairs FROM memory_items WHERE kind = 'relationship'`;
    expect(pairs!.rows).toBe(pairs!.pairs);
    expect(pairs!.rows).toBeGreaterThan(10);
    // each kind stays within its bound (compression runs after every heartbeat)
    const kinds = await community.sql<{ bot_id: string; kind: keyof typeof WARM_LIMITS; n: number }[]>`
      SELECT bot_id, kind, count(*)::int AS n FROM memory_items WHERE kind <> 'relationship' GROUP BY bot_id, kind`;
    for (const k of kinds) expect(k.n).toBeLessThanOrEqual(WARM_LIMITS[k.kind]);
  }, 240_000);
});

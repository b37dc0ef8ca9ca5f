import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { Sql } from '../src/db/client.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.ts';

let db: TestDatabase;
let sql: Sql;

async function bot(handle: string): Promise<string> {
  const [row] = await sql<{ id: string }[]>`INSERT INTO bots (handle, name) VALUES (${handle}, ${handle}) RETURNING id`;
  return row!.id;
}
async function thread(botId: string): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    INSERT INTO threads (bot_id, title, body) VALUES (${botId}, 'A title', 'A body long enough') RETURNING id`;
  return row!.id;
}
const rep = async (id: string) =>
  (await sql<{ reputation: number; upvotes: number; downvotes: number }[]>`
    SELECT reputation, upvotes, downvotes FROM bots WHERE id = ${id}`)[0]!;

beforeAll(async () => {
  db = await createTestDatabase();
  sql = db.sql;
});
afterAll(() => db.drop());

describe('the data model', () => {
  test('every synced table has a primary key and REPLICA IDENTITY FULL', async () => {
    const rows = await sql<{ table: string; identity: string; has_pk: boolean }[]>`
      SELECT c.relname AS table, c.relreplident AS identity,
             EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p') AS has_pk
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r'`;
    expect(rows.every((r) => r.has_pk)).toBe(true);
    const full = rows.filter((r) => r.identity === 'f').map((r) => r.table).sort();
    expect(full).toEqual([
      'activity', 'applied_mutations', 'bots', 'content_flags', 'daily_usage', 'follows', 'memory_items', 'memory_summaries',
      'model_prices', 'model_usage', 'replies', 'reputation_history', 'settings', 'threads', 'votes',
    ]);
  });

  test('no table has a column that could hold an API key', async () => {
    const cols = await sql<{ column_name: string }[]>`
      SELECT column_name FROM information_schema.columns WHERE table_schema = 'public'`;
    // key_relationships holds handles; memory_key an md5 of a memory's words (migration 0008).
    const notSecrets = new Set(['key_relationships', 'memory_key']);
    expect(cols.filter((c) => /key|secret|token$|password/i.test(c.column_name) && !notSecrets.has(c.column_name))).toEqual([]);
  });

  test('settings start at the global defaults: 100,000 tokens and $1.00 a day', async () => {
    const [s] = await sql`SELECT default_daily_token_cap, default_daily_usd_cap, pace, orchestrator_paused, max_bots FROM settings`;
    expect(s).toEqual({ default_daily_token_cap: 100000, default_daily_usd_cap: '1.000000', pace: 'normal', orchestrator_paused: false, max_bots: 12 });
    await expect(sql`INSERT INTO settings (id) VALUES ('other')`).rejects.toThrow();
  });

  test('behaviour levels stay within 0–100 and caps are nullable but never negative', async () => {
    const id = await bot('levels');
    await expect(sql`UPDATE bots SET creativity = 101 WHERE id = ${id}`).rejects.toThrow(/creativity/);
    await expect(sql`UPDATE bots SET daily_usd_cap = -1 WHERE id = ${id}`).rejects.toThrow();
    await sql`UPDATE bots SET creativity = 0, daily_token_cap = NULL WHERE id = ${id}`;
    const [b] = await sql`SELECT creativity, daily_token_cap FROM bots WHERE id = ${id}`;
    expect(b).toEqual({ creativity: 0, daily_token_cap: null });
  });

  test('votes: one per voter per target, no self-votes, reputation is the sum of votes', async () => {
    const author = await bot('author');
    const voter = await bot('voter');
    const other = await bot('other');
    const t = await thread(author);
    await sql`INSERT INTO votes (voter_id, thread_id, target_bot_id, value) VALUES (${voter}, ${t}, ${voter}, 1)`;
    // target_bot_id comes from the thread, whatever the writer claimed
    expect((await rep(author)).reputation).toBe(1);
    await expect(sql`INSERT INTO votes (voter_id, thread_id, target_bot_id, value) VALUES (${voter}, ${t}, ${author}, 1)`).rejects.toThrow(/votes_one_per_thread/);
    await expect(sql`INSERT INTO votes (voter_id, thread_id, target_bot_id, value) VALUES (${author}, ${t}, ${other}, 1)`).rejects.toThrow(/votes_no_self_vote/);
    await sql`INSERT INTO votes (voter_id, thread_id, target_bot_id, value) VALUES (${other}, ${t}, ${author}, -1)`;
    expect(await rep(author)).toEqual({ reputation: 0, upvotes: 1, downvotes: 1 });
    // changing a vote applies the difference
    await sql`UPDATE votes SET value = 1 WHERE voter_id = ${other} AND thread_id = ${t}`;
    expect(await rep(author)).toEqual({ reputation: 2, upvotes: 2, downvotes: 0 });
    const [th] = await sql`SELECT score, upvotes, downvotes FROM threads WHERE id = ${t}`;
    expect(th).toEqual({ score: 2, upvotes: 2, downvotes: 0 });
    // deleting the thread removes its votes and their effect on reputation
    await sql`DELETE FROM threads WHERE id = ${t}`;
    expect(await rep(author)).toEqual({ reputation: 0, upvotes: 0, downvotes: 0 });
    const [h] = await sql`SELECT reputation FROM reputation_history WHERE bot_id = ${author} AND day = chorus_utc_today()`;
    expect(h!.reputation).toBe(0);
  });

  test('concurrent votes leave exactly one per voter', async () => {
    const author = await bot('popular');
    const voters = await Promise.all(Array.from({ length: 20 }, (_, i) => bot(`v${i}`)));
    const t = await thread(author);
    const attempts = voters.flatMap((v) => [v, v, v]).map((v) =>
      sql`INSERT INTO votes (voter_id, thread_id, target_bot_id, value) VALUES (${v}, ${t}, ${author}, 1)`.then(
        () => 'ok',
        () => 'refused',
      ),
    );
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((o) => o === 'ok').length).toBe(20);
    const [{ n }] = (await sql`SELECT count(*)::int AS n FROM votes WHERE thread_id = ${t}`) as unknown as [{ n: number }];
    expect(n).toBe(20);
    expect((await rep(author)).reputation).toBe(20);
  });

  test('nested replies stay in their thread and count towards it', async () => {
    const a = await bot('replier');
    const t1 = await thread(a);
    const t2 = await thread(a);
    const [r1] = await sql`INSERT INTO replies (thread_id, bot_id, body) VALUES (${t1}, ${a}, 'top') RETURNING id, depth`;
    const [r2] = await sql`INSERT INTO replies (thread_id, parent_reply_id, bot_id, body) VALUES (${t1}, ${r1!.id}, ${a}, 'nested') RETURNING depth`;
    expect([r1!.depth, r2!.depth]).toEqual([0, 1]);
    await expect(sql`INSERT INTO replies (thread_id, parent_reply_id, bot_id, body) VALUES (${t2}, ${r1!.id}, ${a}, 'x')`).rejects.toThrow(/same thread/);
    const [t] = await sql`SELECT reply_count FROM threads WHERE id = ${t1}`;
    expect(t!.reply_count).toBe(2);
  });

  test('follows: no self-follow, no duplicates', async () => {
    const a = await bot('fa');
    const b = await bot('fb');
    await sql`INSERT INTO follows (follower_id, followee_id) VALUES (${a}, ${b})`;
    await expect(sql`INSERT INTO follows (follower_id, followee_id) VALUES (${a}, ${b})`).rejects.toThrow();
    await expect(sql`INSERT INTO follows (follower_id, followee_id) VALUES (${a}, ${a})`).rejects.toThrow(/follows_no_self_follow/);
  });

  test('daily usage follows the LLM calls: reservations, settlement, per-model totals', async () => {
    const b = await bot('spender');
    const [call] = await sql<{ id: string }[]>`
      INSERT INTO llm_calls (bot_id, purpose, provider, model, reserved_tokens, reserved_usd)
      VALUES (${b}, 'action', 'openai', 'gpt-4o-mini', 1500, 0.001) RETURNING id`;
    let [u] = await sql`SELECT calls, tokens, reserved_tokens, reserved_usd FROM daily_usage WHERE bot_id = ${b}`;
    expect(u).toEqual({ calls: 0, tokens: 0, reserved_tokens: 1500, reserved_usd: '0.001000' });
    await sql`UPDATE llm_calls SET status = 'ok', input_tokens = 1000, cached_tokens = 400, output_tokens = 200,
                                   cost_usd = 0.00024 WHERE id = ${call!.id}`;
    [u] = await sql`SELECT calls, input_tokens, cached_tokens, output_tokens, tokens, cost_usd, reserved_tokens, reserved_usd
                      FROM daily_usage WHERE bot_id = ${b}`;
    expect(u).toEqual({
      calls: 1, input_tokens: 1000, cached_tokens: 400, output_tokens: 200, tokens: 1200,
      cost_usd: '0.000240', reserved_tokens: 0, reserved_usd: '0.000000',
    });
    const [m] = await sql`SELECT calls, cost_usd FROM model_usage WHERE bot_id = ${b} AND model = 'gpt-4o-mini'`;
    expect(m).toEqual({ calls: 1, cost_usd: '0.000240' });
    await expect(sql`DELETE FROM llm_calls WHERE id = ${call!.id}`).rejects.toThrow(/audit trail/);
    await expect(sql`UPDATE llm_calls SET cached_tokens = 5000 WHERE id = ${call!.id}`).rejects.toThrow();
  });

  test('cold memory is searchable by full-text search', async () => {
    const b = await bot('rememberer');
    await sql`INSERT INTO memory_summaries (bot_id, period_start, period_end, summary, item_count, method)
              VALUES (${b}, now() - interval '40 days', now() - interval '31 days',
                      'Argued with Forge about shipping schedules and learned about tide pools.', 12, 'llm')`;
    const found = await sql`SELECT id FROM memory_summaries WHERE search @@ websearch_to_tsquery('english', 'tide pool')`;
    expect(found.length).toBe(1);
  });

  test('one heartbeat per bot and slot', async () => {
    const b = await bot('beater');
    const slot = new Date('2026-01-01T00:00:00Z');
    await sql`INSERT INTO heartbeats (bot_id, slot, trigger, worker, deadline_at) VALUES (${b}, ${slot}, 'schedule', 'w1', now())`;
    await expect(sql`INSERT INTO heartbeats (bot_id, slot, trigger, worker, deadline_at) VALUES (${b}, ${slot}, 'schedule', 'w2', now())`).rejects.toThrow();
  });
});

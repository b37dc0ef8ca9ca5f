import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { effectiveCaps, reserve, settle } from '../src/budget/index.ts';
import { runHeartbeat } from '../src/bots/heartbeat.ts';
import { loadConfig } from '../src/config/index.ts';
import { meteredCall } from '../src/llm/metered.ts';
import { costOf } from '../src/llm/pricing.ts';
import { silentLogger } from '../src/log.ts';
import { createServices } from '../src/services.ts';
import { insertBot } from './support/bots.ts';
import { startFakeLlm, type FakeLlm } from './support/fake-servers.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.ts';

let db: TestDatabase;
let llm: FakeLlm;
beforeAll(async () => {
  db = await createTestDatabase();
  // Every call bills the most a real provider could for it, so the cap is tested at its edge.
  llm = startFakeLlm({ kind: 'tool', name: 'do_nothing', arguments: '{"reason":"saving"}', usage: 'worst' });
  await db.sql`INSERT INTO model_prices VALUES ('fake', 'fake-model', 1, 0.5, 2, 128000, 4096, false)`;
});
afterAll(async () => {
  llm.stop();
  await db.drop();
});

const spec = (botId: string) => ({ botId, heartbeatId: null, purpose: 'action' as const, provider: 'fake', model: 'fake-model', worstTokens: 1000, worstUsd: 0.001 });

describe('budgets', () => {
  test('a per-bot cap overrides the global default, and null means the default', async () => {
    const bot = await insertBot(db.sql);
    expect(await effectiveCaps(db.sql, bot)).toEqual({ tokens: 100000, usd: 1, tokensCustom: false, usdCustom: false });
    await db.sql`UPDATE bots SET daily_usd_cap = 0.25 WHERE id = ${bot}`;
    expect(await effectiveCaps(db.sql, bot)).toEqual({ tokens: 100000, usd: 0.25, tokensCustom: false, usdCustom: true });
  });

  test('cost: cached prompt tokens at the cached rate, the rest at the input rate', () => {
    expect(costOf({ input: 2.5, cachedInput: 1.25, output: 10, maxOutputTokens: 1, simulated: false }, { inputTokens: 1_000_000, cachedTokens: 400_000, outputTokens: 100_000 })).toBeCloseTo(1.5 + 0.5 + 1, 10);
  });

  test('50 concurrent reservations for one bot never pass its cap', async () => {
    const bot = await insertBot(db.sql, { daily_token_cap: 10_000 });
    const results = await Promise.all(Array.from({ length: 50 }, () => reserve(db.sql, spec(bot))));
    const granted = results.filter((r) => r.ok);
    expect(granted.length).toBe(10);
    const [u] = await db.sql`SELECT reserved_tokens FROM daily_usage WHERE bot_id = ${bot} AND day = chorus_utc_today()`;
    expect(u!.reserved_tokens).toBe(10_000);
    for (const r of granted) if (r.ok) await settle(db.sql, r.callId, { status: 'ok', usage: { inputTokens: 800, cachedTokens: 0, outputTokens: 100 }, costUsd: 0.0009, latencyMs: 5 });
    const [after] = await db.sql`SELECT tokens, reserved_tokens, calls FROM daily_usage WHERE bot_id = ${bot} AND day = chorus_utc_today()`;
    expect(after).toEqual({ tokens: 9000, reserved_tokens: 0, calls: 10 });
    // settled calls freed their unused reservation: one more call fits now
    expect((await reserve(db.sql, spec(bot))).ok).toBe(true);
  });

  test('the USD cap holds the same way', async () => {
    const bot = await insertBot(db.sql, { daily_usd_cap: 0.005 });
    const results = await Promise.all(Array.from({ length: 20 }, () => reserve(db.sql, spec(bot))));
    expect(results.filter((r) => r.ok).length).toBe(5);
    const refused = results.find((r) => !r.ok);
    expect(refused && !refused.ok && refused.reason).toContain('daily USD cap reached');
  });

  test('a heartbeat and 49 memory calls of one bot at once leave its recorded usage within its cap', async () => {
    // One bot has one open heartbeat at a time (migration 0005); what runs beside it are its
    // memory calls, which reserve against the same caps.
    const cap = 40_000;
    const bot = await insertBot(db.sql, { provider: 'fake', model: 'fake-model', daily_token_cap: cap });
    const { heartbeat, llm: client } = createServices(loadConfig({ CHORUS_PROVIDERS: `fake=${llm.baseURL}`, CHORUS_WEB_SEARCH: 'off' }), db.sql, silentLogger);
    const [hb] = await db.sql<{ id: string; slot: Date }[]>`
      INSERT INTO heartbeats (bot_id, slot, trigger, worker, deadline_at)
      VALUES (${bot}, now(), 'manual', 'test', now() + interval '1 hour') RETURNING id, slot`;
    const spec = { botId: bot, heartbeatId: null, purpose: 'summary' as const, provider: 'fake', model: 'fake-model' };
    const req = { messages: [{ role: 'user' as const, content: 'Summarise what you remember. '.repeat(40) }], temperature: 0.3, maxTokens: 1000 };
    const [beat, ...memory] = await Promise.all([
      runHeartbeat(heartbeat, { heartbeatId: hb!.id, botId: bot, slot: hb!.slot }),
      ...Array.from({ length: 49 }, () => meteredCall(db.sql, client, spec, req)),
    ]);
    const [u] = await db.sql`SELECT tokens, reserved_tokens, calls FROM daily_usage WHERE bot_id = ${bot} AND day = chorus_utc_today()`;
    expect(u!.tokens).toBeLessThanOrEqual(cap);
    expect(u!.reserved_tokens).toBe(0);
    const done = memory.filter((r) => r.ok).length;
    const capped = memory.filter((r) => !r.ok && r.reason === 'cap').length;
    expect(done).toBeGreaterThan(0);
    expect(capped).toBeGreaterThan(0);
    expect(done + capped).toBe(49);
    expect(['acted', 'skipped']).toContain(beat!.outcome);
    // every call counts against the same cap
    const [calls] = await db.sql`SELECT count(*)::int AS n, sum(input_tokens + output_tokens)::int AS tokens FROM llm_calls WHERE bot_id = ${bot}`;
    expect(calls).toEqual({ n: u!.calls, tokens: u!.tokens });
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { loadConfig } from '../src/config/index.ts';
import { silentLogger } from '../src/log.ts';
import { JITTER_FRACTION, PACE_PRESETS } from '../src/orchestrator/constants.ts';
import { intervalSeconds, jittered } from '../src/orchestrator/pace.ts';
import { createServices } from '../src/services.ts';
import { insertBot } from './support/bots.ts';
import { startFakeLlm, type FakeLlm } from './support/fake-servers.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.ts';

let db: TestDatabase;
let slowLlm: FakeLlm;
beforeAll(async () => {
  db = await createTestDatabase();
  // Heartbeats that take a moment, so two orchestrators really overlap.
  slowLlm = startFakeLlm({ kind: 'sleep', ms: 150 });
});
afterAll(async () => {
  slowLlm.stop();
  await db.drop();
});

const newOrchestrator = () =>
  createServices(
    loadConfig({ CHORUS_WEB_SEARCH: 'off', CHORUS_HEARTBEAT_CONCURRENCY: '3', CHORUS_PROVIDERS: `slow=${slowLlm.baseURL}` }),
    db.sql,
    silentLogger,
  ).orchestrator;

async function until(check: () => Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await Bun.sleep(50);
  }
  throw new Error('condition not reached in time');
}

describe('pace', () => {
  test('presets, custom seconds and a bot override', () => {
    expect(PACE_PRESETS).toEqual({ slow: 14400, normal: 3600, fast: 900, turbo: 300 });
    expect(intervalSeconds('turbo', null, null)).toBe(300);
    expect(intervalSeconds('custom', 42, null)).toBe(42);
    expect(intervalSeconds('slow', null, 60)).toBe(60);
    expect(jittered(100, () => 0)).toBeCloseTo(100 * (1 - JITTER_FRACTION));
    expect(jittered(100, () => 0.9999999)).toBeCloseTo(100 * (1 + JITTER_FRACTION), 3);
  });
});

describe('the orchestrator', () => {
  test('two orchestrators on one database never run a bot twice at once or a slot twice', async () => {
    const bots = await Promise.all(Array.from({ length: 6 }, (_, i) => insertBot(db.sql, { handle: `o-${i}`, provider: 'slow', model: 'm', next_heartbeat_at: new Date() })));
    const a = newOrchestrator();
    const b = newOrchestrator();
    a.start();
    b.start();
    for (let round = 0; round < 5; round++) {
      await until(async () => {
        const [r] = await db.sql`SELECT count(*)::int AS n FROM heartbeats WHERE finished_at IS NOT NULL AND bot_id = ANY(${bots}::uuid[])`;
        return r!.n >= bots.length * (round + 1);
      });
      if (round === 4) break;
      await db.sql`UPDATE bots SET next_heartbeat_at = now() WHERE id = ANY(${bots}::uuid[])`;
      a.wake();
      b.wake();
    }
    await Promise.all([a.stop(), b.stop()]);

    const runs = await db.sql`SELECT bot_id, slot, worker, started_at, finished_at FROM heartbeats WHERE bot_id = ANY(${bots}::uuid[]) ORDER BY bot_id, started_at`;
    expect(runs.length).toBeGreaterThanOrEqual(bots.length * 5);
    expect(new Set(runs.map((r) => r.worker)).size).toBe(2); // both took part
    for (let i = 1; i < runs.length; i++) {
      const prev = runs[i - 1]!;
      const cur = runs[i]!;
      if (prev.bot_id === cur.bot_id) expect(cur.started_at.getTime()).toBeGreaterThanOrEqual(prev.finished_at.getTime());
    }
    // every heartbeat left exactly one activity row
    const [dup] = await db.sql`
      SELECT count(*)::int AS n FROM heartbeats h
       WHERE h.bot_id = ANY(${bots}::uuid[]) AND (SELECT count(*) FROM activity a WHERE a.heartbeat_id = h.id) <> 1`;
    expect(dup!.n).toBe(0);
    // the next heartbeat is scheduled one (jittered) pace interval later
    const [next] = await db.sql`SELECT extract(epoch FROM next_heartbeat_at - last_heartbeat_at)::float8 AS s FROM bots WHERE id = ${bots[0]!}`;
    expect(next!.s).toBeGreaterThan(3600 * (1 - JITTER_FRACTION) - 1);
    expect(next!.s).toBeLessThan(3600 * (1 + JITTER_FRACTION) + 1);
  });

  test('a global pause stops new heartbeats; a trigger after resuming runs them now', async () => {
    const bot = await insertBot(db.sql, { handle: 'pausable', next_heartbeat_at: new Date(Date.now() + 3600_000) });
    await db.sql`UPDATE settings SET orchestrator_paused = true`;
    const o = newOrchestrator();
    o.start();
    const before = o.rounds;
    expect(await o.trigger(bot)).toBe(1);
    // Two whole claim rounds after the trigger, each of which found the bot due but the community
    // paused (woken each poll, so a round does not wait out its idle sleep).
    await until(async () => o.rounds >= before + 2 || (o.wake(), false));
    const [none] = await db.sql`SELECT count(*)::int AS n FROM heartbeats WHERE bot_id = ${bot}`;
    expect(none!.n).toBe(0);
    await db.sql`UPDATE settings SET orchestrator_paused = false`;
    o.wake();
    await until(async () => (await db.sql`SELECT 1 FROM heartbeats WHERE bot_id = ${bot} AND finished_at IS NOT NULL`).length > 0);
    await o.stop();
  });

  test('a manual run while the bot is mid-heartbeat is refused, not run alongside it', async () => {
    const bot = await insertBot(db.sql, { handle: 'overlap', provider: 'slow', model: 'm', next_heartbeat_at: new Date() });
    const o = newOrchestrator();
    o.start();
    await until(async () => (await db.sql`SELECT 1 FROM heartbeats WHERE bot_id = ${bot} AND finished_at IS NULL`).length > 0);
    expect(await o.runNow(bot)).toBeNull();
    await until(async () => (await db.sql`SELECT 1 FROM heartbeats WHERE bot_id = ${bot} AND finished_at IS NULL`).length === 0);
    await o.stop();
    expect(await o.runNow(bot)).not.toBeNull();
    const [runs] = await db.sql`SELECT count(*)::int AS n FROM heartbeats WHERE bot_id = ${bot}`;
    expect(runs!.n).toBe(2);
  });

  test('stop() waits for the heartbeats in flight', async () => {
    const bots = await Promise.all(Array.from({ length: 3 }, (_, i) => insertBot(db.sql, { handle: `s-${i}`, next_heartbeat_at: new Date() })));
    const o = newOrchestrator();
    o.start();
    await until(async () => (await db.sql`SELECT 1 FROM heartbeats WHERE bot_id = ANY(${bots}::uuid[])`).length > 0);
    await o.stop();
    const [open] = await db.sql`SELECT count(*)::int AS n FROM heartbeats WHERE finished_at IS NULL`;
    expect(open!.n).toBe(0);
  });
});

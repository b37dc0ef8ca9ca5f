/**
 * At most one open heartbeat per bot, from any mix of triggers in any number of processes: two
 * orchestrator processes race thousands of rounds of each pair of triggers (scheduled claim,
 * manual run, trigger all) on the same two bots. The database enforces it (migration 0005).
 */
import { afterAll, beforeAll, expect, setDefaultTimeout, test } from 'bun:test';
import { join } from 'node:path';
import { insertBot } from './support/bots.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.ts';
import { REPO_ROOT } from './support/process.ts';

setDefaultTimeout(120_000);

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await db.sql`CREATE TABLE race_violations (bot_id uuid, heartbeat_id uuid, kind text)`;
  if (process.env.RACE_DROP_INDEX) await db.sql`DROP INDEX heartbeats_one_open_per_bot`;
  await insertBot(db.sql, { handle: 'race-a' });
  await insertBot(db.sql, { handle: 'race-b' });
});
afterAll(async () => {
  await db.drop();
});

const ROUNDS = Number(process.env.RACE_ROUNDS_OVERRIDE ?? 800);

async function race(a: string, b: string) {
  const startAt = Date.now() + 1500;
  const side = (kind: string) => {
    const p = Bun.spawn(['bun', join(REPO_ROOT, 'server/test/support/heartbeat-race-worker.ts')], {
      env: { ...process.env, RACE_DB: db.url, RACE_KIND: kind, RACE_ROUNDS: String(ROUNDS), RACE_START_AT: String(startAt) },
      stdout: 'pipe',
      stderr: 'pipe',
    });
    return (async () => {
      const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
      if (code !== 0) throw new Error(`${kind} worker exited ${code}: ${err}`);
      return JSON.parse(out) as { ran: number };
    })();
  };
  return Promise.all([side(a), side(b)]);
}

for (const [a, b] of [
  ['manual', 'manual'],
  ['schedule', 'manual'],
  ['all', 'manual'],
  ['schedule', 'schedule'],
  ['all', 'schedule'],
  ['all', 'all'],
] as const) {
  test(`${a} vs ${b} in two processes, ${ROUNDS} rounds each: never two open heartbeats of one bot`, async () => {
    await db.sql`DELETE FROM race_violations`;
    const [x, y] = await race(a, b);
    // Both sides really ran heartbeats, or the race proved nothing.
    expect(x.ran).toBeGreaterThan(ROUNDS / 10);
    expect(y.ran).toBeGreaterThan(ROUNDS / 10);
    expect([...(await db.sql`SELECT kind, count(*)::int AS n FROM race_violations GROUP BY kind`)]).toEqual([]);
    expect([...(await db.sql`SELECT bot_id, count(*)::int AS n FROM heartbeats WHERE finished_at IS NULL GROUP BY bot_id`)]).toEqual([]);
  });
}

test('the database refuses a second open heartbeat of a bot, whoever inserts it', async () => {
  const [bot] = await db.sql<{ id: string }[]>`SELECT id FROM bots ORDER BY id LIMIT 1`;
  await db.sql`INSERT INTO heartbeats (bot_id, slot, trigger, worker, deadline_at) VALUES (${bot!.id}, now(), 'manual', 't', now() + interval '1 minute')`;
  const second = db.sql`INSERT INTO heartbeats (bot_id, slot, trigger, worker, deadline_at) VALUES (${bot!.id}, now() + interval '1 second', 'schedule', 't', now() + interval '1 minute')`;
  await expect(second).rejects.toThrow(/heartbeats_one_open_per_bot/);
  await db.sql`UPDATE heartbeats SET finished_at = now(), outcome = 'skipped' WHERE bot_id = ${bot!.id} AND finished_at IS NULL`;
});

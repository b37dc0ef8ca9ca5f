/**
 * One side of the heartbeat race (heartbeat-race.test.ts): an orchestrator in its own process
 * that fires one kind of trigger at a few bots as fast as it can. Each run it is handed checks,
 * in the database, that no other heartbeat of its bot is open, then finishes its own.
 *
 *   RACE_DB=url RACE_KIND=manual|schedule|all RACE_ROUNDS=n RACE_START_AT=epoch-ms bun heartbeat-race-worker.ts
 */
import { createSql } from '../../src/db/client.ts';
import { silentLogger } from '../../src/log.ts';
import { Orchestrator, type Claim } from '../../src/orchestrator/scheduler.ts';

const sql = createSql(process.env.RACE_DB!, { max: 4 });
const kind = process.env.RACE_KIND as 'manual' | 'schedule' | 'all';
const rounds = Number(process.env.RACE_ROUNDS);
const bots = (await sql<{ id: string }[]>`SELECT id FROM bots ORDER BY id`).map((b) => b.id);

/** Records a violation when another heartbeat of the bot is open beside this one. */
async function othersOpen(claim: Claim) {
  const [r] = await sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM heartbeats WHERE bot_id = ${claim.botId} AND finished_at IS NULL AND id <> ${claim.heartbeatId}`;
  if (r!.n > 0) await sql`INSERT INTO race_violations (bot_id, heartbeat_id, kind) VALUES (${claim.botId}, ${claim.heartbeatId}, ${kind})`;
}

let ran = 0;
const orchestrator = new Orchestrator({
  sql,
  log: silentLogger,
  concurrency: bots.length,
  worker: `race-${kind}-${process.pid}`,
  llmTimeoutMs: 60_000,
  llmMaxRetries: 0,
  run: async (claim) => {
    ran++;
    await othersOpen(claim);
    await othersOpen(claim);
    await sql`UPDATE heartbeats SET finished_at = now(), outcome = 'skipped' WHERE id = ${claim.heartbeatId} AND finished_at IS NULL`;
  },
  onCrash: async (_claim, error) => {
    throw error;
  },
});
// The scheduled claim is what the orchestrator's loop runs; driven here one round at a time.
const claimDue = (limit: number) => (orchestrator as unknown as { claim(n: number): Promise<{ claims: Claim[] }> }).claim(limit);
const execute = (c: Claim) => (orchestrator as unknown as { execute(c: Claim): Promise<void> }).execute(c);

// Both sides start at one agreed moment, so their rounds overlap.
await new Promise((r) => setTimeout(r, Math.max(0, Number(process.env.RACE_START_AT) - Date.now())));
for (let i = 0; i < rounds; i++) {
  const bot = bots[i % bots.length]!;
  if (kind === 'manual') await orchestrator.runNow(bot);
  else {
    if (kind === 'schedule') await sql`UPDATE bots SET next_heartbeat_at = now() WHERE id = ${bot}`;
    else await orchestrator.trigger();
    const { claims } = await claimDue(kind === 'all' ? bots.length : 1);
    await Promise.all(claims.map(execute));
  }
}
process.stdout.write(JSON.stringify({ ran }));
await sql.end({ timeout: 1 });

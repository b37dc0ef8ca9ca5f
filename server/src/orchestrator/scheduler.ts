import type { Sql } from '../db/client.ts';
import { retryOnConflict } from '../db/retry.ts';
import type { Logger } from '../log.ts';
import { heartbeatDeadlineMs, MAX_IDLE_MS, MIN_TICK_MS, SWEEP_EVERY_MS, type Pace } from './constants.ts';
import { intervalSeconds, jittered } from './pace.ts';

export interface Claim {
  heartbeatId: string;
  botId: string;
  slot: Date;
  trigger: 'schedule' | 'manual';
}

export interface OrchestratorOptions {
  sql: Sql;
  log: Logger;
  /** Runs one claimed heartbeat. Must settle the heartbeat row itself; may throw (it is contained). */
  run: (claim: Claim) => Promise<unknown>;
  /** Called after a run threw, to record the failure against the heartbeat. */
  onCrash: (claim: Claim, error: unknown) => Promise<void>;
  /** Called periodically to release what crashed processes left open (reservations, …). */
  sweep?: () => Promise<void>;
  concurrency: number;
  worker: string;
  llmTimeoutMs: number;
  llmMaxRetries: number;
}

/**
 * Wakes bots when they are due. Claiming is one statement under `FOR UPDATE SKIP LOCKED` that also
 * advances the bot's next heartbeat, and each run owns a `(bot, slot)` row that is unique, so any
 * number of orchestrators can share one database without running a slot twice (SPEC.md, S1–S3).
 * The scheduler knows nothing of what a heartbeat does: it hands claims to `run`.
 */
export class Orchestrator {
  private inFlight = new Set<Promise<void>>();
  private running = false;
  private wakeUp: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private lastSweep = 0;
  private roundsDone = 0;

  constructor(private readonly o: OrchestratorOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.runLoop();
    this.o.log.info('orchestrator started', { worker: this.o.worker, concurrency: this.o.concurrency });
  }

  /** Stops claiming and waits for the heartbeats in flight to finish. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
    this.o.log.info('orchestrator stopped', { worker: this.o.worker });
  }

  /** Rounds of the claim loop so far: a test can wait for one to pass instead of sleeping. */
  get rounds(): number {
    return this.roundsDone;
  }

  get activeHeartbeats(): number {
    return this.inFlight.size;
  }

  /** Makes the loop look for due bots now (after a trigger or a pace change). */
  wake(): void {
    this.wakeUp?.();
  }

  /** Makes one bot, or every bot, due now; any orchestrator on the database will pick them up. */
  async trigger(botId?: string): Promise<number> {
    // Every bot is locked in id order, like a mutation batch's bots, so two triggers queue rather
    // than deadlock; a deadlock with a heartbeat, which locks bots in its own order, is retried.
    const rows = await retryOnConflict(() =>
      botId
        ? this.o.sql`UPDATE bots SET next_heartbeat_at = now() WHERE id = ${botId} RETURNING id`
        : this.o.sql`UPDATE bots SET next_heartbeat_at = now() WHERE id IN (SELECT id FROM bots ORDER BY id FOR UPDATE) RETURNING id`,
    );
    this.wake();
    return rows.length;
  }

  /**
   * Runs one bot's heartbeat now, in this process, and waits for it. Returns null when the bot is
   * mid-heartbeat (here or elsewhere: a bot never runs two at once, manual or not) or does not exist.
   * The NOT EXISTS only saves a doomed insert: what guarantees one open heartbeat per bot is the
   * partial unique index on open heartbeats (migration 0005), on which a racing insert conflicts.
   */
  async runNow(botId: string): Promise<Claim | null> {
    const [row] = await this.o.sql.begin(async (tx) => {
      const [bot] = await tx`
        SELECT id FROM bots WHERE id = ${botId}
           AND NOT EXISTS (SELECT 1 FROM heartbeats h WHERE h.bot_id = bots.id AND h.finished_at IS NULL)
           FOR UPDATE SKIP LOCKED`;
      if (!bot) return [];
      return tx<{ id: string; slot: Date }[]>`
        INSERT INTO heartbeats (bot_id, slot, trigger, worker, deadline_at)
        VALUES (${botId}, clock_timestamp(), 'manual', ${this.o.worker}, now() + make_interval(secs => ${this.deadlineSeconds()}))
        ON CONFLICT DO NOTHING RETURNING id, slot`;
    });
    if (!row) return null;
    const claim: Claim = { heartbeatId: row.id, botId, slot: row.slot, trigger: 'manual' };
    await this.execute(claim);
    return claim;
  }

  private deadlineSeconds() {
    return Math.ceil(heartbeatDeadlineMs(this.o.llmTimeoutMs, this.o.llmMaxRetries) / 1000);
  }

  private async runLoop(): Promise<void> {
    while (this.running) {
      let sleepMs = MAX_IDLE_MS;
      try {
        await this.maybeSweep();
        const free = this.o.concurrency - this.inFlight.size;
        if (free > 0) {
          const { claims, nextDueInMs } = await this.claim(free);
          for (const c of claims) this.track(this.execute(c));
          sleepMs = claims.length === free ? MIN_TICK_MS : Math.min(MAX_IDLE_MS, Math.max(MIN_TICK_MS, nextDueInMs));
        }
      } catch (e) {
        // The database may be restarting; try again after a pause instead of dying.
        this.o.log.error('orchestrator tick failed', { error: e as Error });
      }
      this.roundsDone++;
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, sleepMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }

  private track(p: Promise<void>) {
    const tracked = p.finally(() => {
      this.inFlight.delete(tracked);
      this.wake(); // a slot is free
    });
    this.inFlight.add(tracked);
  }

  private async execute(claim: Claim): Promise<void> {
    try {
      await this.o.run(claim);
    } catch (e) {
      this.o.log.error('heartbeat crashed', { bot: claim.botId, heartbeat: claim.heartbeatId, error: e as Error });
      await this.o.onCrash(claim, e).catch((err) => this.o.log.error('could not record a crashed heartbeat', { error: err as Error }));
    }
  }

  /** Claims up to `limit` due bots (S1, S2 in SPEC.md). */
  private async claim(limit: number): Promise<{ claims: Claim[]; nextDueInMs: number }> {
    return this.o.sql.begin(async (tx) => {
      const [s] = await tx<{ pace: Pace; pace_custom_seconds: number | null; orchestrator_paused: boolean }[]>`
        SELECT pace, pace_custom_seconds, orchestrator_paused FROM settings WHERE id = 'global'`;
      if (!s) throw new Error('the settings row is missing');
      if (s.orchestrator_paused) return { claims: [], nextDueInMs: MAX_IDLE_MS };
      const due = await tx<{ id: string; slot: Date | null; override: number | null }[]>`
        SELECT id, next_heartbeat_at AS slot, heartbeat_interval_seconds AS override FROM bots
         WHERE (next_heartbeat_at IS NULL OR next_heartbeat_at <= now())
           -- a bot whose previous heartbeat is still running waits for it (a racing manual run
           -- this snapshot cannot see makes the insert below conflict on the open-heartbeat index)
           AND NOT EXISTS (SELECT 1 FROM heartbeats h WHERE h.bot_id = bots.id AND h.finished_at IS NULL)
         ORDER BY next_heartbeat_at NULLS FIRST
         LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
      const claims: Claim[] = [];
      for (const bot of due) {
        const seconds = jittered(intervalSeconds(s.pace, s.pace_custom_seconds, bot.override));
        const [slot] = await tx<{ slot: Date }[]>`
          UPDATE bots SET next_heartbeat_at = now() + make_interval(secs => ${seconds}), last_heartbeat_at = now()
           WHERE id = ${bot.id} RETURNING coalesce(${bot.slot}::timestamptz, now()) AS slot`;
        const [hb] = await tx<{ id: string }[]>`
          INSERT INTO heartbeats (bot_id, slot, trigger, worker, deadline_at)
          VALUES (${bot.id}, ${slot!.slot}, 'schedule', ${this.o.worker}, now() + make_interval(secs => ${this.deadlineSeconds()}))
          ON CONFLICT DO NOTHING RETURNING id`;
        if (hb) claims.push({ heartbeatId: hb.id, botId: bot.id, slot: slot!.slot, trigger: 'schedule' });
      }
      const [next] = await tx<{ ms: number | null }[]>`
        SELECT (extract(epoch FROM min(next_heartbeat_at) - now()) * 1000)::float8 AS ms FROM bots`;
      return { claims, nextDueInMs: next?.ms ?? MAX_IDLE_MS };
    });
  }

  private async maybeSweep() {
    if (Date.now() - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = Date.now();
    const abandoned = await this.o.sql`
      UPDATE heartbeats SET finished_at = now(), outcome = 'abandoned', error = 'passed its deadline without finishing'
       WHERE finished_at IS NULL AND deadline_at < now() RETURNING id`;
    if (abandoned.length) this.o.log.warn('abandoned heartbeats closed', { count: abandoned.length });
    await this.o.sweep?.();
  }
}

/**
 * One soak run: the whole system under load (bots on the simulated model at a fast pace, live
 * shape clients, PGlite dashboards writing through their outbox, some offline), with SIGKILLs of
 * the api+orchestrator process, the sync process and Postgres at random moments; then, once it
 * has settled, every promise checked (checks.ts). `npm run soak` and soak.test.ts both call this.
 */
import type { Sql } from '../../src/db/client.ts';
import { createRng } from '../../src/llm/sim/random.ts';
import { waitFor } from '../../../sync/test/support/harness.ts';
import { startFakeLlm, type FakeLlm, type FakeLlmRequest } from '../support/fake-servers.ts';
import { checkCaps, checkHeartbeats, checkMutations, checkPgliteCopies, checkProviderSpend, checkReputation, checkShapeClients, type CheckResult } from './checks.ts';
import { sampleMemory } from './memory.ts';
import { localSchemaDdl, startDashboardClient, type Acks, type DashboardClient } from './pglite-clients.ts';
import { startShapeClients, type ShapeClients } from './shape-clients.ts';
import { startSystem, type Role, type SoakSystem } from './system.ts';
import { startWriters, type Writers } from './writers.ts';

export interface SoakOptions {
  minutes: number;
  bots: number;
  /** Bots given a small daily token cap of their own, so the cap is reached during the run. */
  cappedBots: number;
  shapeClients: number;
  pgliteClients: number;
  /** The custom pace the writers move between, in seconds. */
  paceSeconds: [number, number];
  /**
   * Bots on a provider that hangs past the model timeout, answers 503 or answers, in turn (with a
   * small cap each): every request it gets must have been reserved and paid for.
   */
  flakyBots: number;
  /** How many times each of the three is SIGKILLed, and the shape logs' disk filled. */
  killsEach: number;
  /** The tmpfs under the shape logs, and how long each fill of it lasts before it is freed. */
  syncDiskMiB: number;
  diskFullMs: number;
  /** Peak VmRSS allowed for each server process. */
  memoryBoundMiB: number;
  /** How long copies may take to catch up once the run stops. */
  settleMs: number;
  seed: number;
  log: (line: string) => void;
}

export interface SoakReport {
  rows: CheckResult[];
  figures: Record<string, string | number>;
  failures: number;
  seconds: number;
}

const INTERESTS = ['oceans', 'statistics', 'jazz', 'compilers', 'gardening', 'chess', 'astronomy', 'bread', 'cycling', 'poetry'];

/** The provider name the flaky fake is configured under, and its one model. */
const FLAKY = { provider: 'flaky', model: 'fake-model' };

async function seedCommunity(sql: Sql, o: SoakOptions, rng: () => number) {
  await sql`UPDATE settings SET pace = 'custom', pace_custom_seconds = ${o.paceSeconds[0]}, max_bots = ${o.bots + 10},
                                default_daily_token_cap = 500000000, default_daily_usd_cap = 1000`;
  await sql`INSERT INTO model_prices VALUES (${FLAKY.provider}, ${FLAKY.model}, 1, 0.5, 2, 128000, 4096, false)`;
  for (let i = 0; i < o.bots; i++) {
    const interests = [INTERESTS[i % INTERESTS.length]!, INTERESTS[(i * 3 + 1) % INTERESTS.length]!];
    const flaky = i >= o.cappedBots && i < o.cappedBots + o.flakyBots;
    // Caps small enough that a few heartbeats reach them: the reservation must stop the next call.
    // A flaky bot's requests are larger (real prompts' worst case), so its cap is too.
    const cap = i < o.cappedBots ? 3000 + Math.floor(rng() * 5000) : flaky ? 60_000 + Math.floor(rng() * 40_000) : null;
    const { provider, model } = flaky ? FLAKY : { provider: 'sim', model: 'chorus-sim-1' };
    await sql`
      INSERT INTO bots (handle, name, interests, traits, engagement_style, provider, model, daily_token_cap, next_heartbeat_at)
      VALUES (${`soak-${i}`}, ${`Soak Bot ${i}`}, ${interests}, ${['curious']}, ${['balanced', 'conversationalist', 'instigator'][i % 3]!},
              ${provider}, ${model}, ${cap}, now() + make_interval(secs => ${rng() * o.paceSeconds[0]}))`;
  }
}

/** Hangs past the soak's 5 s model timeout, fails with a 503, or answers; in turn. */
function startFlakyProvider(): FakeLlm {
  const answer = { kind: 'tool' as const, name: 'do_nothing', arguments: '{"reason":"listening for now"}', usage: { prompt: 900, completion: 40 } };
  return startFakeLlm({ kind: 'cycle', steps: [{ kind: 'sleep', ms: 7000 }, answer, { kind: 'status', status: 503 }, answer, answer] });
}

interface FaultEvent {
  role: Role | 'postgres' | 'disk';
  atMs: number;
}

export async function runSoak(o: SoakOptions): Promise<SoakReport> {
  const started = Date.now();
  const rng = createRng(o.seed);
  const acks: Acks = new Map();
  const errors: string[] = [];
  const figures: Record<string, string | number> = {};
  let system: SoakSystem | null = null;
  let pglites: DashboardClient[] = [];
  let shapes: ShapeClients | null = null;
  let writers: Writers | null = null;
  const memory = sampleMemory(() => ({ api: system?.pid('api'), sync: system?.pid('sync') }));
  const flaky = startFlakyProvider();
  try {
    system = await startSystem({
      beforeStart: (sql) => seedCommunity(sql, o, rng),
      env: { CHORUS_PROVIDERS: `${FLAKY.provider}=${flaky.baseURL}` },
      syncDiskMiB: o.syncDiskMiB,
      log: o.log,
    });
    const sys = system;
    const sql = sys.sql;
    o.log(`system up: api ${sys.apiUrl}, shapes ${sys.shapeUrl}`);
    const bots = (await sql<{ id: string; capped: boolean }[]>`SELECT id::text AS id, daily_token_cap IS NOT NULL AS capped FROM bots ORDER BY handle`);
    const botIds = bots.map((b) => b.id);
    const capped = new Set(bots.filter((b) => b.capped).map((b) => b.id));

    const ddl = await localSchemaDdl(sql);
    const synced = (c: DashboardClient, ms: number) =>
      waitFor(`PGlite ${c.index} to sync the bots`, async () => (await c.pg.query<{ n: number }>('SELECT count(*)::int AS n FROM synced_bots')).rows[0]!.n === o.bots, ms);
    // An initial sync that never gets its first response has been seen under heavy machine load
    // (every stream at offset -1, no handle, no error). It is counted and reported, and the
    // client is started once more, as a person would reload the page; a second stall fails.
    const stalled: string[] = [];
    for (let i = 0; i < o.pgliteClients; i++) {
      let c = await startDashboardClient({ index: i, ddl, shapeUrl: sys.shapeUrl, mutationsUrl: sys.mutationsUrl, acks, errors });
      const ok = await synced(c, 60_000).then(() => true, () => false);
      if (!ok) {
        const state = c.syncState().filter((line) => !line.includes('up-to-date true'));
        stalled.push(`PGlite ${i}: ${state.length} of ${c.syncState().length} streams not up to date (${state[0] ?? ''})`);
        o.log(`PGlite ${i} did not finish its initial sync in 60 s; its streams:\n  ${state.join('\n  ')}`);
        await c.stop();
        c = await startDashboardClient({ index: i, ddl, shapeUrl: sys.shapeUrl, mutationsUrl: sys.mutationsUrl, acks, errors });
        await synced(c, 120_000).catch(async (e) => {
          const state = c.syncState();
          await c.stop().catch(() => {});
          throw new Error(`${(e as Error).message}, twice; its shapes:\n  ${state.join('\n  ')}`);
        });
      }
      pglites.push(c);
    }
    figures['PGlite initial syncs that stalled (client restarted)'] = stalled.length ? `${stalled.length}: ${stalled.join('; ').slice(0, 200)}` : 0;
    o.log(`${pglites.length} PGlite clients synced`);
    shapes = startShapeClients({ count: o.shapeClients, shapeUrl: sys.shapeUrl, botIds, rng });
    const owned = pglites.map((_, i) => botIds.filter((_, j) => j % pglites.length === i));
    writers = startWriters({
      clients: pglites,
      owned,
      capped,
      rng,
      everyMs: [800, 3000],
      offlineChance: 0.08,
      offlineMs: [3000, 15_000],
      paceSeconds: o.paceSeconds,
      errors,
    });

    // The faults, at random moments in the middle of the run, one at a time.
    const runMs = o.minutes * 60_000;
    const loadStarted = Date.now();
    const faults = sys.syncDisk ? (['api', 'sync', 'postgres', 'disk'] as const) : (['api', 'sync', 'postgres'] as const);
    const events: FaultEvent[] = faults
      .flatMap((role) => Array.from({ length: o.killsEach }, () => ({ role, atMs: runMs * (0.1 + 0.75 * rng()) })))
      .sort((a, b) => a.atMs - b.atMs);
    const kills: Record<string, number> = { api: 0, sync: 0, postgres: 0, disk: 0 };
    const restartMs: number[] = [];
    // From filling the disk to serving again: the time it stays full, then the heal.
    const healMs: number[] = [];
    const unexpected: string[] = [];
    const diedWithPostgres: string[] = [];
    // What each kill left wrong: a restart that threw, or a system not serving again in time.
    const killFailures: Record<string, string[]> = { api: [], sync: [], postgres: [], disk: [] };
    const syncHealth = async () => {
      const res = await fetch(sys.shapeUrl.replace(/\/shape$/, '/health')).catch(() => null);
      return res ? ((await res.json().catch(() => ({}))) as { status?: string }).status : undefined;
    };
    // The shape logs' disk full for a while: the sync process must say it is degraded (and stop
    // acknowledging), then heal once the disk is freed; the final checks find any row it lost.
    const degradedSeenMs: number[] = [];
    const diskFull = async (at: number) => {
      const free = await sys.syncDisk!.fill();
      const filled = Date.now();
      let degraded = false;
      try {
        await waitFor('the sync process to say it is degraded', async () => (degraded = (await syncHealth()) === 'degraded'), o.diskFullMs)
          .catch(() => {});
        if (degraded) degradedSeenMs.push(Date.now() - filled);
        while (Date.now() - filled < o.diskFullMs) await Bun.sleep(250);
      } finally {
        await free();
      }
      // Nothing to notice when no shape log was written meanwhile; with this load there always is.
      if (!degraded) killFailures.disk!.push(`the disk filled at ${at} s for ${o.diskFullMs / 1000} s, and /v1/health never said degraded`);
    };
    const servingAgain = async (role: string, at: number) => {
      const api = async () => (await fetch(`${sys.apiUrl}/api/health`).catch(() => null))?.status === 200;
      const sync = async () => {
        const res = await fetch(sys.shapeUrl.replace(/\/shape$/, '/health')).catch(() => null);
        return res?.status === 200 && ((await res.json()) as { status?: string }).status === 'active';
      };
      await waitFor(`${role} serving again after its fault at ${at} s`, async () => (role === 'sync' || role === 'disk' ? sync() : role === 'api' ? api() : (await api()) && (await sync())), 60_000)
        .catch((err) => killFailures[role]!.push((err as Error).message));
    };
    for (const e of events) {
      while (Date.now() - loadStarted < e.atMs) {
        await Bun.sleep(Math.min(2000, e.atMs - (Date.now() - loadStarted)));
        for (const r of await sys.ensureRunning()) unexpected.push(`${r} exited on its own:\n${sys.tail(r)}`);
      }
      const t0 = Date.now();
      const at = Math.round((t0 - loadStarted) / 1000);
      try {
        if (e.role === 'disk') {
          await diskFull(at);
          o.log(`filled the shape logs' disk at ${at} s for ${o.diskFullMs / 1000} s, then freed it`);
        } else if (e.role === 'postgres') {
          const { restarted } = await sys.killPostgres();
          diedWithPostgres.push(...restarted.map((r) => `${r.role}: ${r.why}`));
          o.log(`killed Postgres at ${at} s; restarted it${restarted.length ? ` and ${restarted.map((r) => r.role).join(', ')}` : ''}`);
        } else {
          await sys.killRole(e.role);
          o.log(`killed ${e.role} at ${at} s`);
        }
        await servingAgain(e.role, at);
      } catch (err) {
        killFailures[e.role]!.push(`restart after the kill at ${at} s failed: ${(err as Error).message.slice(0, 300)}`);
      }
      kills[e.role]!++;
      (e.role === 'disk' ? healMs : restartMs).push(Date.now() - t0);
    }
    while (Date.now() - loadStarted < runMs) {
      await Bun.sleep(Math.min(2000, runMs - (Date.now() - loadStarted)));
      for (const r of await sys.ensureRunning()) unexpected.push(`${r} exited on its own:\n${sys.tail(r)}`);
    }

    // Settle: writers stop (everyone back online), the orchestrator pauses, copies catch up.
    o.log('load over; settling');
    await writers.stop();
    for (const r of await sys.ensureRunning()) unexpected.push(`${r} exited on its own:\n${sys.tail(r)}`);
    await sql`UPDATE settings SET orchestrator_paused = true`;
    const settleStart = Date.now();
    await waitFor('the heartbeats in flight to finish', async () => {
      const [r] = await sql<{ n: number }[]>`
        SELECT count(*)::int AS n FROM heartbeats WHERE finished_at IS NULL AND started_at > now() - interval '20 seconds'`;
      return r!.n === 0;
    }, o.settleMs).catch((e) => errors.push((e as Error).message));
    await waitFor('every outbox to drain', async () => {
      for (const c of pglites) if ((await c.pg.query<{ n: number }>('SELECT count(*)::int AS n FROM chorus_outbox')).rows[0]!.n) return false;
      return true;
    }, o.settleMs).catch((e) => errors.push((e as Error).message));
    figures['settle (s)'] = Math.round((Date.now() - settleStart) / 1000);

    const rows: CheckResult[] = [];
    rows.push(...(await checkMutations(sql, writers.queued, acks, writers.expected, pglites)));
    rows.push(await checkPgliteCopies(sql, pglites, o.settleMs));
    rows.push(await checkShapeClients(sql, shapes.clients, o.settleMs));
    rows.push(await checkCaps(sql));
    rows.push(await checkHeartbeats(sql));
    rows.push(await checkReputation(sql));
    rows.push(await checkProviderSpend(sql, FLAKY.provider, flaky.requests));
    memory.stop();
    const peaks = memory.peaks();
    rows.push({
      what: `server RSS ≤ ${o.memoryBoundMiB} MiB (peak api ${Math.round(peaks.api ?? 0)}, sync ${Math.round(peaks.sync ?? 0)})`,
      tried: memory.samples(),
      failures: Object.entries(peaks).filter(([, mib]) => mib > o.memoryBoundMiB).map(([role, mib]) => `${role} reached ${Math.round(mib)} MiB`),
    });
    rows.unshift(
      { what: 'SIGKILL api+orchestrator, restart, serving again', tried: kills.api!, failures: killFailures.api! },
      { what: 'SIGKILL sync, restart, serving again', tried: kills.sync!, failures: killFailures.sync! },
      { what: `SIGKILL Postgres, restart (+${diedWithPostgres.length} processes that died with it), serving again`, tried: kills.postgres!, failures: killFailures.postgres! },
      sys.syncDisk
        ? { what: `shape logs' disk full for ${o.diskFullMs / 1000} s, then freed: degraded meanwhile, serving again`, tried: kills.disk!, failures: killFailures.disk! }
        : { what: 'shape logs\' disk full: not run (mount -t tmpfs is not permitted here)', tried: 0, failures: [] },
      { what: 'processes stayed up between kills', tried: 2, failures: unexpected },
    );
    rows.push({ what: 'no client-side errors (refusals, queueing)', tried: writers.queued.length, failures: errors });

    const [hb] = await sql`
      SELECT count(*)::int AS total, count(*) FILTER (WHERE outcome = 'acted')::int AS acted, count(*) FILTER (WHERE outcome = 'skipped')::int AS skipped,
             count(*) FILTER (WHERE outcome = 'failed')::int AS failed, count(*) FILTER (WHERE outcome = 'abandoned')::int AS abandoned,
             count(*) FILTER (WHERE finished_at IS NULL)::int AS open FROM heartbeats`;
    const [counts] = await sql`
      SELECT (SELECT count(*) FROM threads)::int AS threads, (SELECT count(*) FROM replies)::int AS replies, (SELECT count(*) FROM votes)::int AS votes,
             (SELECT count(*) FROM activity)::int AS activity, (SELECT count(*) FROM llm_calls)::int AS llm_calls,
             (SELECT count(*) FROM activity WHERE details->>'skipped' = 'cap')::int AS cap_refusals,
             (SELECT count(DISTINCT bot_id) FROM activity WHERE details->>'skipped' = 'cap')::int AS capped_bots_refused`;
    const ackList = [...acks.values()];
    Object.assign(figures, {
      bots: o.bots,
      'bots with a small cap': o.cappedBots,
      'heartbeats (acted/skipped/failed/abandoned/open)': `${hb!.total} (${hb!.acted}/${hb!.skipped}/${hb!.failed}/${hb!.abandoned}/${hb!.open})`,
      'threads / replies / votes / activity rows': `${counts!.threads} / ${counts!.replies} / ${counts!.votes} / ${counts!.activity}`,
      'model calls': counts!.llm_calls,
      'cap refusals (bots)': `${counts!.cap_refusals} (${counts!.capped_bots_refused})`,
      'PGlite clients / live shape clients': `${o.pgliteClients} / ${o.shapeClients}`,
      'mutations queued (offline)': `${writers.queued.length} (${writers.queued.filter((q) => q.offline).length})`,
      'offline episodes': writers.offlineEpisodes,
      'acks applied / duplicate (resends)': `${ackList.reduce((s, a) => s + a.applied, 0)} / ${ackList.reduce((s, a) => s + a.duplicate, 0)}`,
      // The answer was lost (a kill, or a sender stopped mid-request); the synced applied_mutations row confirmed it instead.
      'mutations confirmed only through sync': writers.queued.filter((q) => !acks.has(q.id)).length,
      'shape messages received': shapes.clients.reduce((s, c) => s + c.messages, 0),
      'must-refetch seen by shape clients': shapes.clients.reduce((s, c) => s + c.refetches, 0),
      'shape client errors retried': shapes.clients.reduce((s, c) => s + c.errors.length, 0),
      'PGlite sync errors': pglites.reduce((s, c) => s + c.syncErrors.length, 0),
      // An operator restarts these; the figure keeps why they died visible.
      'processes that exited when Postgres died': diedWithPostgres.length ? diedWithPostgres.join('; ').slice(0, 300) : 'none',
      'restart time, max (s)': restartMs.length ? (Math.max(...restartMs) / 1000).toFixed(1) : '-',
      'peak RSS api / sync (MiB)': `${Math.round(peaks.api ?? 0)} / ${Math.round(peaks.sync ?? 0)}`,
      'disk full → degraded in /v1/health (s)': degradedSeenMs.length ? degradedSeenMs.map((ms) => (ms / 1000).toFixed(1)).join(', ') : '-',
      'disk filled → active again, freed after the full period (s)': healMs.length ? healMs.map((ms) => (ms / 1000).toFixed(1)).join(', ') : '-',
      'flaky provider requests (hung / 503 / answered)': flakySummary(flaky),
    });
    const failures = rows.reduce((s, r) => s + r.failures.length, 0);
    return { rows, figures, failures, seconds: Math.round((Date.now() - started) / 1000) };
  } finally {
    memory.stop();
    await writers?.stop().catch(() => {});
    shapes?.stop();
    for (const c of pglites) await c.stop().catch(() => {});
    pglites = [];
    await system?.stop();
    flaky.stop();
  }
}

function flakySummary(f: FakeLlm): string {
  const count = (answer: FakeLlmRequest['answer']) => f.requests.filter((r) => r.answer === answer).length;
  return `${f.requests.length} (${count('sleep')} / ${count(503)} / ${count('tool')})`;
}

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { VERSION, type AppDeps } from './app.ts';
import { ActivityFeed } from './modules/activity/stream.ts';
import { RequestMetrics } from './modules/metrics/index.ts';
import { settleAbandoned } from './budget/index.ts';
import { runHeartbeat, type HeartbeatDeps } from './bots/heartbeat.ts';
import type { Config } from './config/index.ts';
import type { Sql } from './db/client.ts';
import { createLlmClient, type LlmClient } from './llm/client.ts';
import { simulatedModelRoutes } from './llm/sim/routes.ts';
import type { Logger } from './log.ts';
import { heartbeatDeadlineMs, MUTATION_RETENTION_DAYS } from './orchestrator/constants.ts';
import { Orchestrator } from './orchestrator/scheduler.ts';
import { createMemory, type Memory } from './memory/index.ts';
import { disabledSearch, wikipediaSearch, withOfflineFallback, type WebSearch } from './websearch/index.ts';
import { offlineNotesSearch } from './websearch/offline-notes.ts';
import { createAccess } from './http/auth.ts';
import { configuredSecrets, createRedactor } from './secrets/redact.ts';

/** The long-lived parts behind the routes, built once per process. */
export interface Services {
  llm: LlmClient;
  search: WebSearch;
  heartbeat: HeartbeatDeps;
  memory: Memory;
  orchestrator: Orchestrator;
}

export interface ServiceOverrides {
  llm?: LlmClient;
  search?: WebSearch;
}

export function createServices(config: Config, sql: Sql, log: Logger, overrides: ServiceOverrides = {}): Services {
  const sim = simulatedModelRoutes();
  const llm =
    overrides.llm ??
    createLlmClient({
      providers: config.providers,
      simFetch: (req) => sim.handle(req),
      timeoutMs: config.llmTimeoutMs,
      maxRetries: config.llmMaxRetries,
    });
  const search = overrides.search ?? {
    off: disabledSearch,
    offline: offlineNotesSearch,
    wikipedia: withOfflineFallback(wikipediaSearch(config.wikipediaUrl), offlineNotesSearch),
  }[config.webSearch];
  const memory = createMemory({ sql, llm, log: log.child({ module: 'memory' }), memoryModel: config.memoryModel });
  const heartbeat: HeartbeatDeps = {
    sql,
    llm,
    search,
    warmMemories: memory.warmLoader,
    afterAction: memory.afterHeartbeat,
    log: log.child({ module: 'heartbeat' }),
    seed: config.simSeed,
  };
  const scrub = createRedactor(configuredSecrets(config));
  const deadlineSeconds = Math.ceil(heartbeatDeadlineMs(config.llmTimeoutMs, config.llmMaxRetries) / 1000);
  const orchestrator = new Orchestrator({
    sql,
    log: log.child({ module: 'orchestrator' }),
    concurrency: config.heartbeatConcurrency,
    worker: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    llmTimeoutMs: config.llmTimeoutMs,
    llmMaxRetries: config.llmMaxRetries,
    run: (claim) => runHeartbeat(heartbeat, claim),
    onCrash: async (claim, error) => {
      // Stored, synced and exported: nothing secret may ride along in an error's message.
      const message = scrub((error as Error)?.message ?? String(error));
      await sql.begin(async (tx) => {
        const closed = await tx`UPDATE heartbeats SET finished_at = now(), outcome = 'failed', error = ${message}
                                 WHERE id = ${claim.heartbeatId} AND finished_at IS NULL RETURNING id`;
        // Already finished or abandoned: that end stands, and needs no second activity row.
        if (!closed.length) return;
        // The feed's line is a sentence; the message is its detail (reason) for whoever digs in.
        await tx`INSERT INTO activity (bot_id, heartbeat_id, action, summary, reason, details)
                 VALUES (${claim.botId}, ${claim.heartbeatId}, 'error', 'its heartbeat stopped on an unexpected error', ${message}, ${tx.json({ crash: message })})`;
        await tx`UPDATE bots SET last_error = ${message}, last_error_at = now() WHERE id = ${claim.botId}`;
      });
    },
    sweep: async () => {
      const n = await settleAbandoned(sql, deadlineSeconds);
      if (n) log.warn('abandoned model calls settled at their reserved cost', { count: n });
      // Mutation ids are kept long enough for any outbox to resend; browsers sync this table.
      await sql`DELETE FROM applied_mutations WHERE applied_at < now() - make_interval(days => ${MUTATION_RETENTION_DAYS})`;
    },
  });
  return { llm, search, heartbeat, memory, orchestrator };
}

/** Everything createApp needs, from a ready database. The caller starts and stops the parts. */
export function createAppDeps(
  config: Config,
  db: { sql: Sql; migrations: AppDeps['migrations'] },
  log: Logger,
  overrides: ServiceOverrides = {},
): AppDeps {
  return {
    config,
    sql: db.sql,
    log,
    migrations: db.migrations,
    startedAt: Date.now(),
    version: VERSION,
    services: createServices(config, db.sql, log, overrides),
    access: createAccess(config, db.sql),
    activityFeed: new ActivityFeed(db.sql, log.child({ module: 'activity-feed' })),
    requestMetrics: new RequestMetrics(),
  };
}

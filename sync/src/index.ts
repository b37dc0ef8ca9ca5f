/**
 * The shape server: Postgres logical replication → shape logs in bun:sqlite → GET /v1/shape.
 *
 *   const sync = createShapeServer({ databaseUrl, dataDir: '.data/sync', adminToken });
 *   app.all('/v1/*', ({ request }) => sync.fetch(request));   // before or after start()
 *   await sync.start();  …  await sync.stop();
 *
 * Until start() finishes, /v1/shape answers 503 with retry-after (the client retries) and
 * /v1/health answers 202 `starting`. The browser side lives in `./browser/index.ts`.
 */
import { createShapeHandler, type FetchHandler } from './http/index.ts';
import type { ShapeServerOptions } from './options.ts';
import { ShapeServerCore, type SyncStatus } from './shape-server.ts';

export interface ShapeServer {
  /** Web-standard handler for `/v1/shape` and `/v1/health`; mount it under `/v1/`. */
  fetch: FetchHandler;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** `degraded` while shape logs cannot be written (nothing is acknowledged to Postgres then). */
  status(): SyncStatus;
  /** The highest commit LSN in the shape logs (the `global_last_seen_lsn`). */
  lastLsn(): number;
  /** The longest a response is held; a Bun server's idleTimeout must be above it (in seconds). */
  readonly minIdleTimeoutSeconds: number;
}

export function createShapeServer(options: ShapeServerOptions): ShapeServer {
  const core = new ShapeServerCore(options);
  let ready = false;
  const fetch = createShapeHandler(() => (ready ? core : null));
  return {
    fetch,
    async start() {
      await core.start();
      ready = true;
    },
    async stop() {
      ready = false;
      await core.stop();
    },
    status: () => core.status(),
    lastLsn: () => (ready ? core.lastLsn() : 0),
    minIdleTimeoutSeconds: Math.ceil(Math.max(core.options.longPollMs, core.options.sseTimeoutMs) / 1000) + 5,
  };
}

export type { ShapeServerOptions, SyncLogger } from './options.ts';
export type { SyncStatus } from './shape-server.ts';
export { DASHBOARD_SHAPES, DASHBOARD_TABLES, startDashboardSync } from './browser/index.ts';

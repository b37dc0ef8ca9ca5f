import { openapi } from '@elysiajs/openapi';
import { Elysia } from 'elysia';
import type { Config } from './config/index.ts';
import type { Sql } from './db/client.ts';
import type { Migration } from './db/migrate.ts';
import { accessGuard, type Access } from './http/auth.ts';
import { bodyLimits } from './http/body-limits.ts';
import { unparsableUrl } from './http/request-origin.ts';
import { errorHandling, HttpError, type RouteList } from './http/errors.ts';
import type { Logger } from './log.ts';
import { activityModule } from './modules/activity/index.ts';
import { activityStreamModule, type ActivityFeed } from './modules/activity/stream.ts';
import { botsModule } from './modules/bots/index.ts';
import { docsAssetsModule, DOCS_ASSETS_PATH } from './modules/docs/index.ts';
import { healthModule } from './modules/health/index.ts';
import { heartbeatModule } from './modules/heartbeat/index.ts';
import { memoryModule } from './modules/memory/index.ts';
import { metricsModule, requestTiming, type RequestMetrics } from './modules/metrics/index.ts';
import { mutationsModule } from './modules/mutations/index.ts';
import { shapesModule, type FetchHandler } from './modules/shapes/index.ts';
import { paceModule } from './modules/pace/index.ts';
import { providersModule } from './modules/providers/index.ts';
import { statsModule } from './modules/stats/index.ts';
import { threadsModule } from './modules/threads/index.ts';
import { votesModule } from './modules/votes/index.ts';
import { followsModule } from './modules/follows/index.ts';
import { reputationModule } from './modules/reputation/index.ts';
import { graphModule } from './modules/graph/index.ts';
import { moderationModule } from './modules/moderation/index.ts';
import { exportModule } from './modules/export/index.ts';
import { publicModule } from './modules/public/index.ts';
import { sessionModule } from './modules/session/index.ts';
import { simulatedModelRoutes } from './llm/sim/routes.ts';
import type { Services } from './services.ts';

export const VERSION = '0.1.0';

/** What the routes need from the process around them. Built by the runtime layer (main.ts). */
export interface AppDeps {
  config: Config;
  sql: Sql;
  log: Logger;
  migrations: Migration[];
  startedAt: number;
  version: string;
  services: Services;
  /** The admin token, the origin policy and the dashboard sessions (http/auth.ts). */
  access: Access;
  activityFeed: ActivityFeed;
  /** Answers /v1/* (Electric Shape protocol) when this process serves shapes. */
  shapes?: FetchHandler | null;
  /** Serves the built dashboard for any other GET; null when it is not built or Caddy serves it. */
  staticFiles?: ((request: Request) => Promise<Response | null>) | null;
  /** Live shape requests held right now, for /api/metrics (when this process serves shapes). */
  shapeClients?: () => number;
  /** The in-process shape server's state, when this process serves shapes. */
  syncStatus?: () => 'active' | 'starting' | 'waiting' | 'degraded';
  requestMetrics: RequestMetrics;
}

/** Everything the `api` role serves. */
const apiRoutes = (deps: AppDeps) =>
  new Elysia({ name: 'chorus/api' })
    .use(botsModule(deps))
    .use(paceModule(deps))
    .use(providersModule(deps))
    .use(activityModule(deps))
    .use(statsModule(deps))
    .use(heartbeatModule(deps))
    .use(memoryModule(deps))
    .use(mutationsModule(deps))
    .use(threadsModule(deps))
    .use(votesModule(deps))
    .use(followsModule(deps))
    .use(reputationModule(deps))
    .use(graphModule(deps))
    .use(moderationModule(deps))
    .use(exportModule(deps))
    .use(publicModule(deps))
    .use(sessionModule(deps))
    .use(activityStreamModule(deps.activityFeed))
    .use(simulatedModelRoutes());

/**
 * Builds the HTTP app from web-standard parts only, so any runtime can serve `app.fetch`:
 * Bun in main.ts, Deno with `Deno.serve(app.fetch)`, or tests through `app.handle()`.
 */
export function createApp(deps: AppDeps) {
  // The error handler names a bad query parameter from its route's schema; the routes are known
  // once the app below is built.
  let routes: RouteList = () => [];
  // normalize: false, so a body with a field the route does not know is refused (422 naming it)
  // rather than silently stripped: {"bogus": 1} used to answer 200 and change nothing.
  const app = new Elysia({ name: 'chorus', normalize: false })
    .use(errorHandling(deps.log, () => routes()))
    .use(new Elysia({ name: 'chorus/valid-url' }).onRequest(({ request }) => unparsableUrl(request) ?? undefined))
    .use(requestTiming(deps.requestMetrics))
    .use(bodyLimits())
    .use(accessGuard(deps.access))
    .use(
      openapi({
        path: '/api/docs',
        specPath: '/api/openapi.json',
        provider: 'swagger-ui',
        // Local assets, so the page works offline. The plugin's own spec URL is relative and
        // resolves to /api/api/openapi.json from /api/docs; its typings hide `url`, which it
        // does spread into the page, so the absolute URL goes in through a cast.
        swagger: { cdn: `${DOCS_ASSETS_PATH}/swagger-ui-bundle.js`, theme: `${DOCS_ASSETS_PATH}/swagger-ui.css`, ...({ url: '/api/openapi.json' } as object) },
        documentation: {
          info: {
            title: 'Chorus API',
            version: deps.version,
            description: 'Watch and steer a community of AI bots. With an admin token set, writes and reads of private data need it (or a dashboard session).',
          },
          tags: [
            { name: 'operations', description: 'Health and operations' },
            { name: 'bots', description: 'Bots, their configuration and budgets' },
            { name: 'pace', description: 'Heartbeat pace, triggers and the orchestrator pause' },
            { name: 'providers', description: 'Model providers: their model lists and a connection test' },
            { name: 'activity', description: 'What the bots did' },
            { name: 'stats', description: 'Usage, cost and reputation' },
            { name: 'memory', description: "Bots' warm and cold memory" },
            { name: 'mutations', description: "The dashboard's offline-first writes, applied exactly once" },
            { name: 'threads', description: 'Threads and nested replies: search, read, post as a bot' },
            { name: 'votes', description: 'Votes on threads and replies; reputation is their sum' },
            { name: 'follows', description: 'Who follows whom' },
            { name: 'social graph', description: 'Who interacts with whom, from replies, votes and follows' },
            { name: 'moderation', description: 'Auto-moderation flags, pausing bots, deleting posts' },
            { name: 'export', description: 'Threads, activity and bots as JSON or CSV downloads' },
            { name: 'session', description: 'Signing the dashboard in with the admin token (an HttpOnly cookie)' },
            { name: 'public', description: 'Read-only view of the community, without configuration, usage or memory' },
            { name: 'simulated model', description: 'The built-in OpenAI-compatible simulated model' },
            { name: 'sync', description: 'Electric Shape protocol for the dashboard (served by sync/)' },
          ],
        },
      }),
    )
    .use(docsAssetsModule())
    .use(healthModule(deps))
    .use(metricsModule(deps))
    .use(deps.config.roles.has('api') ? apiRoutes(deps) : new Elysia({ name: 'chorus/no-api' }))
    .use(shapesModule(deps.shapes ?? null, deps.access))
    .get('/*', async ({ request, path }) => {
      const res = await deps.staticFiles?.(request);
      if (res) return res;
      throw new HttpError(404, 'not_found', `no route for GET ${path}`);
    }, { detail: { hide: true } });
  routes = () => app.routes;
  return app;
}

export type App = ReturnType<typeof createApp>;

/**
 * The Bun runtime layer: reads the environment, opens the database, serves the app and shuts
 * everything down in order on Ctrl-C. Everything Bun-specific lives here and in runtime/.
 */
import { join } from 'node:path';
import { createShapeServer } from '@chorus/sync/src/index.ts';
import { createApp } from './app.ts';
import { MAX_BODY_BYTES } from './http/body-limits.ts';
import { lastResortResponse } from './http/errors.ts';
import { openDatabase } from './boot.ts';
import { createLogger } from './log.ts';
import { configuredSecrets, createRedactor } from './secrets/redact.ts';
import { electricProxy } from './modules/shapes/electric-proxy.ts';
import { configFromEnvironment, exitWith, firstLine } from './runtime/environment.ts';
import { buildState, dashboardProject, runBuild } from './runtime/dashboard-build.ts';
import { dashboardBuilt, staticFiles } from './runtime/static-files.ts';
import { createAppDeps } from './services.ts';


async function main() {
  const config = configFromEnvironment(process.env);
  const log = createLogger(config.logLevel, undefined, {}, createRedactor(configuredSecrets(config)));
  const startedAt = Date.now();
  // postgres.js 3.4.9 can throw from a socket callback when Postgres dies under it (an open
  // upstream bug, porsager/postgres#1066): the pool reconnects on the next query, so that one
  // error is logged instead of taking the whole process down. Anything else still is fatal.
  process.on('uncaughtException', (e) => {
    if (e instanceof TypeError && /socket\.write/.test(e.message) && /postgres[\\/]src[\\/]connection/.test(e.stack ?? '')) {
      log.error('postgres connection lost mid-write; the pool reconnects', { error: e });
      return;
    }
    log.error('uncaught exception', { error: e, stack: e.stack });
    process.exit(1);
  });

  // The dashboard builds while the database starts; the URL is printed once both are ready.
  const building = buildDashboardIfNeeded(config.buildDashboard ? dashboardProject(config.webDir) : null);
  building.catch(() => {});

  let db;
  try {
    db = await openDatabase(config, log);
  } catch (e) {
    exitWith(firstLine(e));
  }
  try {
    await building;
  } catch (e) {
    await db.close();
    process.stderr.write(`${(e as Error).message}\n`);
    exitWith('the dashboard could not be built (output above); fix it, or start with CHORUS_BUILD_DASHBOARD=off to serve only the API');
  }

  const deps = createAppDeps(config, db, log);
  deps.startedAt = startedAt;
  // The shape server shares this process and database by default; its logs live in bun:sqlite.
  const sync = config.sync
    ? createShapeServer({ databaseUrl: db.url, dataDir: join(config.dataDir, 'sync'), adminToken: config.adminToken, log: log.child({ module: 'sync' }) })
    : null;
  deps.shapes = config.electricUrl
    ? electricProxy({ url: config.electricUrl, secret: config.electricSecret, adminToken: config.adminToken })
    : (sync?.fetch ?? null);
  if (sync) deps.syncStatus = () => sync.status();
  deps.staticFiles = staticFiles(config.webDir);
  if (!dashboardBuilt(config.webDir)) log.warn('the dashboard is not built: run npm run build to serve it here (the running server picks it up)', { webDir: config.webDir });
  const app = createApp(deps);
  try {
    // Elysia's listen is Bun.serve with the WebSocket handlers wired in (for /ws/activity).
    app.listen({
      port: config.port,
      hostname: config.host,
      // Above the shape server's 20 s long-poll hold, or Bun would cut live requests (see sync/).
      idleTimeout: Math.max(60, sync?.minIdleTimeoutSeconds ?? 0),
      // Bun's debug page shows the working directory and source lines: never serve it. Whatever
      // escapes Elysia gets a JSON 500 that says nothing about the server.
      development: false,
      error: lastResortResponse,
      // The app refuses bodies over MAX_BODY_BYTES with a JSON 413 (http/body-limits.ts); Bun's
      // own cap (128 MiB by default) is brought down to just above it.
      maxRequestBodySize: MAX_BODY_BYTES + 64 * 1024,
    });
  } catch (e) {
    await db.close();
    exitWith(`cannot listen on ${config.host}:${config.port}: ${(e as Error).message}`);
  }
  const server = app.server!;
  try {
    await sync?.start();
  } catch (e) {
    await server.stop();
    await db.close();
    exitWith(`the shape server could not start: ${(e as Error).message.split('\n')[0]}`);
  }
  await deps.activityFeed.start();
  if (config.orchestrator) deps.services.orchestrator.start();

  if (!config.adminToken) {
    log.warn('CHORUS_ADMIN_TOKEN is not set: write routes accept requests from loopback only');
  }
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  log.info('chorus is up', { url: `http://${shown}:${server.port}/`, database: db.embedded ? 'embedded' : 'external' });
  process.stdout.write(`\n  Chorus is running at http://${shown}:${server.port}/\n\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    // Stop taking requests; answer the long-polls being held (the shape server's stop does) so
    // the server can drain at once; let heartbeats in flight finish; then close the database.
    const draining = server.stop();
    await Promise.all([sync?.stop(), deps.services.orchestrator.stop()]);
    await draining;
    await deps.activityFeed.stop();
    await db.close();
    log.info('stopped');
    process.exit(0);
  };
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, () => void shutdown(s));
}

/** Builds the dashboard when its build is missing or older than its sources, saying so and how long it took. */
async function buildDashboardIfNeeded(project: ReturnType<typeof dashboardProject>) {
  if (!project) return;
  const state = buildState(project);
  if (state.state === 'fresh') return;
  const why = state.state === 'missing' ? 'it is not built yet' : `${state.changed} changed since the last build`;
  process.stdout.write(`\n  Building the dashboard (${why}); this takes a minute or two...\n`);
  const started = Date.now();
  await runBuild(project);
  process.stdout.write(`  Built the dashboard in ${Math.round((Date.now() - started) / 1000)} s\n`);
}

await main();

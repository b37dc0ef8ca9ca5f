/**
 * The Bun runtime layer: reads the environment, opens the database, serves the app and shuts
 * everything down in order on Ctrl-C. Everything Bun-specific lives here and in runtime/.
 */
import { join } from 'node:path';
import { createShapeServer } from '@chorus/sync/src/index.ts';
import { createApp } from './app.ts';
import { openDatabase } from './boot.ts';
import { createLogger } from './log.ts';
import { electricProxy } from './modules/shapes/electric-proxy.ts';
import { configFromEnvironment, exitWith, firstLine } from './runtime/environment.ts';
import { staticFiles } from './runtime/static-files.ts';
import { createAppDeps } from './services.ts';


async function main() {
  const config = configFromEnvironment(process.env);
  const log = createLogger(config.logLevel);
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

  let db;
  try {
    db = await openDatabase(config, log);
  } catch (e) {
    exitWith(firstLine(e));
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
  if (!deps.staticFiles) log.warn('the dashboard is not built: run npm run build to serve it here', { webDir: config.webDir });
  const app = createApp(deps);
  try {
    // Elysia's listen is Bun.serve with the WebSocket handlers wired in (for /ws/activity).
    app.listen({
      port: config.port,
      hostname: config.host,
      // Above the shape server's 20 s long-poll hold, or Bun would cut live requests (see sync/).
      idleTimeout: Math.max(60, sync?.minIdleTimeoutSeconds ?? 0),
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

await main();

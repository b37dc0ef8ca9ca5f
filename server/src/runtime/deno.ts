/**
 * The Deno runtime layer: the same app, served by `Deno.serve(app.fetch)`. For the `api` and
 * `orchestrator` roles against an external Postgres (DATABASE_URL); the `sync` role keeps its
 * logs in bun:sqlite and needs Bun.
 *
 *   deno run -A server/src/runtime/deno.ts
 */
import { createApp } from '../app.ts';
import { openDatabase } from '../boot.ts';
import { configFromEnvironment, exitWith, firstLine } from './environment.ts';
import { createLogger } from '../log.ts';
import { configuredSecrets, createRedactor } from '../secrets/redact.ts';
import { createAppDeps } from '../services.ts';

interface DenoRuntime {
  env: { toObject(): Record<string, string> };
  serve(options: { port: number; hostname: string; onListen?: (addr: { port: number }) => void }, handler: (req: Request) => Response | Promise<Response>): { shutdown(): Promise<void> };
  addSignalListener(signal: 'SIGINT' | 'SIGTERM', handler: () => void): void;
  exit(code: number): never;
}
const Deno = (globalThis as unknown as { Deno: DenoRuntime }).Deno;

const config = configFromEnvironment(Deno.env.toObject());
if (!config.databaseUrl) exitWith('under Deno, set DATABASE_URL: the embedded Postgres is started by the Bun runtime');
if (config.sync) exitWith('the sync role needs Bun (its shape logs live in bun:sqlite); set CHORUS_ROLES=api,orchestrator');

const log = createLogger(config.logLevel, undefined, {}, createRedactor(configuredSecrets(config)));
let db;
try {
  db = await openDatabase(config, log);
} catch (e) {
  exitWith(firstLine(e));
}
const deps = createAppDeps(config, db, log);
const app = createApp(deps);
const server = Deno.serve({ port: config.port, hostname: config.host, onListen: ({ port }) => console.log(`\n  Chorus (Deno) is running at http://${config.host}:${port}/\n`) }, (req) => app.fetch(req));
await deps.activityFeed.start();
if (config.orchestrator) deps.services.orchestrator.start();

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await server.shutdown();
  await deps.services.orchestrator.stop();
  await deps.activityFeed.stop();
  await db.close();
  Deno.exit(0);
};
Deno.addSignalListener('SIGINT', () => void shutdown());
Deno.addSignalListener('SIGTERM', () => void shutdown());

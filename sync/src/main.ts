/**
 * `bun sync/src/main.ts`: the shape server as its own process, against DATABASE_URL. Settings
 * come from the environment (see README). Stops cleanly on SIGINT/SIGTERM; after a SIGKILL the
 * next start resumes from the slot and the shape logs.
 */
import { join } from 'node:path';
import { createShapeServer, type SyncLogger } from './index.ts';

const env = process.env;
const fail = (msg: string): never => {
  process.stderr.write(`chorus-sync: ${msg}\n`);
  process.exit(1);
};
const int = (name: string, fallback: number) => {
  const v = env[name];
  if (!v) return fallback;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : fail(`${name} must be a whole number, got "${v}"`);
};

const databaseUrl = env.DATABASE_URL ?? fail('DATABASE_URL is not set');
const level = env.CHORUS_LOG_LEVEL ?? 'info';
const levels = ['debug', 'info', 'warn', 'error'];
const log: SyncLogger = Object.fromEntries(
  levels.map((l, i) => [
    l,
    (msg: string, fields?: Record<string, unknown>) => {
      if (i >= levels.indexOf(level)) process.stdout.write(JSON.stringify({ t: new Date().toISOString(), level: l, msg, ...fields }) + '\n');
    },
  ]),
) as unknown as SyncLogger;

const tablesEnv = env.CHORUS_SYNC_TABLES;
const sync = createShapeServer({
  databaseUrl,
  dataDir: env.CHORUS_SYNC_DATA_DIR ?? join(env.CHORUS_DATA_DIR ?? '.data', 'sync'),
  slotName: env.CHORUS_SYNC_SLOT || undefined,
  publicationName: env.CHORUS_SYNC_PUBLICATION || undefined,
  tables: tablesEnv === '*' ? '*' : tablesEnv ? tablesEnv.split(',').map((t) => t.trim()) : undefined,
  chunkBytes: env.CHORUS_SYNC_CHUNK_BYTES ? int('CHORUS_SYNC_CHUNK_BYTES', 0) : undefined,
  longPollMs: env.CHORUS_SYNC_LONG_POLL_MS ? int('CHORUS_SYNC_LONG_POLL_MS', 0) : undefined,
  adminToken: env.CHORUS_ADMIN_TOKEN || null,
  testMode: env.CHORUS_SYNC_TEST_MODE === 'true',
  log,
});

try {
  await sync.start();
} catch (e) {
  fail(`cannot start: ${(e as Error).message}`);
}
const server = Bun.serve({
  port: int('CHORUS_SYNC_PORT', 3001),
  hostname: env.CHORUS_SYNC_HOST ?? '127.0.0.1',
  // Bun's default (10 s) would cut live requests held for the long-poll timeout.
  idleTimeout: sync.minIdleTimeoutSeconds,
  fetch: sync.fetch,
  // Never Bun's debug page (it shows paths and source): a bare JSON 500 if a handler throws.
  development: false,
  error: () => Response.json({ message: 'The shape server could not answer' }, { status: 500 }),
});
log.info('shape server listening', { port: server.port, pid: process.pid });

let stopping = false;
for (const s of ['SIGINT', 'SIGTERM'] as const) {
  process.on(s, async () => {
    if (stopping) return;
    stopping = true;
    await server.stop(true);
    await sync.stop();
    process.exit(0);
  });
}

/**
 * Test harness: a fresh database on the shared embedded cluster, a shape server over it (in this
 * process, or as its own `bun sync/src/main.ts` process), and helpers to wait for the clients.
 * Each harness has its own slot, publication and storage folder; stop() drops them again.
 */
import { rm } from 'node:fs/promises';
import { createTestDatabase, tempDir, type TestDatabase } from '../../../server/test/support/postgres.ts';
import { createShapeServer, type ShapeServer, type ShapeServerOptions } from '../../src/index.ts';

export interface Harness {
  db: TestDatabase;
  url: string;
  /** Base URL of `/v1/shape`. */
  shapeUrl: string;
  sync: ShapeServer;
  dataDir: string;
  slot: string;
  /** Stops the shape server only (storage and slot stay), for restart tests. */
  stopServer(): Promise<void>;
  /** Starts a new shape server over the same storage, slot and port. */
  restartServer(): Promise<void>;
  stop(): Promise<void>;
}

let n = 0;

export async function startHarness(opts: Partial<ShapeServerOptions> = {}, existingDb?: TestDatabase): Promise<Harness> {
  const db = existingDb ?? (await createTestDatabase());
  const dataDir = await tempDir('chorus-sync-test-');
  const slot = `t_${process.pid}_${n++}_${Date.now().toString(36)}`;
  const options: ShapeServerOptions = {
    databaseUrl: db.url,
    dataDir,
    slotName: slot,
    publicationName: slot,
    tables: '*',
    chunkBytes: 10 * 1024,
    longPollMs: 2000,
    testMode: true,
    log: process.env.CHORUS_SYNC_TEST_LOG ? { debug() {}, info: console.log, warn: console.warn, error: console.error } : undefined,
    ...opts,
  };
  let sync = createShapeServer(options);
  await sync.start();
  let server = Bun.serve({ port: 0, hostname: '127.0.0.1', idleTimeout: 30, fetch: (req) => sync.fetch(req) });
  const port = server.port;
  const h: Harness = {
    db,
    url: db.url,
    shapeUrl: `http://127.0.0.1:${port}/v1/shape`,
    get sync() {
      return sync;
    },
    dataDir,
    slot,
    async stopServer() {
      server.stop(true);
      await sync.stop();
    },
    async restartServer() {
      sync = createShapeServer(options);
      await sync.start();
      server = Bun.serve({ port, hostname: '127.0.0.1', idleTimeout: 30, fetch: (req) => sync.fetch(req) });
    },
    async stop() {
      server.stop(true);
      await sync.stop();
      await dropSlot(db, slot);
      if (!existingDb) await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return h;
}

export async function dropSlot(db: TestDatabase, slot: string) {
  for (let i = 0; i < 50; i++) {
    const [row] = await db.sql`SELECT active FROM pg_replication_slots WHERE slot_name = ${slot}`;
    if (!row) return;
    if (!row.active) {
      await db.sql`SELECT pg_drop_replication_slot(${slot})`.catch(() => {});
      return;
    }
    await Bun.sleep(100);
  }
}

/** Polls until `check` returns true, or throws with `what` after `ms`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(20);
  }
}

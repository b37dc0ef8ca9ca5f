/**
 * Failures on either side: the shape server restarting mid-stream, Postgres restarting, and a
 * standalone shape server killed with SIGKILL while writes go on. Clients must end with exactly
 * what Postgres holds, resuming from their offsets rather than starting over.
 */
import { afterAll, expect, test, setDefaultTimeout } from 'bun:test';
import { Shape, ShapeStream } from '@electric-sql/client';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createSql } from '../../server/src/db/client.ts';
import { startEmbeddedPostgres } from '../../server/src/db/embedded.ts';
import { silentLogger } from '../../server/src/log.ts';
import { createTestDatabase, FAST_SETTINGS, freePort, startTestCluster, tempDir } from '../../server/test/support/postgres.ts';
import { startServer, type ServerProcess } from '../../server/test/support/process.ts';
import { dropSlot, startHarness, waitFor } from './support/harness.ts';
import { createPglite, pgliteRows, postgresRows } from './support/pglite.ts';

// Real Postgres, PGlite and child processes on a 2-core machine: seconds, not milliseconds.
setDefaultTimeout(60_000);

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** Records every request a client makes, so a test can tell a resume from a refetch. */
function recordingFetch(log: { url: string; status: number }[]): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const res = await fetch(input, init);
    log.push({ url: String(input), status: res.status });
    return res;
  }) as typeof fetch;
}

const initialRequests = (log: { url: string }[]) => log.filter((r) => /[?&]offset=-1(&|$)/.test(r.url)).length;

/** Writes a steady mix of inserts, updates and deletes until stopped. */
function startWriter(sql: ReturnType<typeof createSql>, table: string, from: number) {
  let stop = false;
  let i = from;
  let errors = 0;
  const done = (async () => {
    while (!stop) {
      try {
        await sql.begin(async (tx) => {
          await tx.unsafe(`INSERT INTO ${table} (id, v) VALUES ($1, $2)`, [i, `v${i}`]);
          if (i % 3 === 0) await tx.unsafe(`UPDATE ${table} SET v = v || '!' WHERE id = $1`, [i - 2]);
          if (i % 5 === 0) await tx.unsafe(`DELETE FROM ${table} WHERE id = $1`, [i - 4]);
        });
        i++;
      } catch {
        errors++; // Postgres restarting: try again
        await Bun.sleep(50);
      }
      await Bun.sleep(5);
    }
  })();
  return {
    async stop() {
      stop = true;
      await done;
      return { written: i - from, errors };
    },
  };
}

async function rowsOf(sql: ReturnType<typeof createSql>, table: string) {
  return (await sql.unsafe(`SELECT id, v FROM ${table} ORDER BY id`)).map((r) => ({ id: r.id as number, v: r.v as string }));
}
const sortRows = (rows: Record<string, unknown>[]) =>
  rows.map((r) => ({ id: r.id as number, v: r.v as string })).sort((a, b) => a.id - b.id);

test('a shape server restart mid-stream: clients resume from their offsets', async () => {
  const h = await startHarness();
  cleanups.push(() => h.stop());
  await h.db.sql`CREATE TABLE events (id int PRIMARY KEY, v text NOT NULL)`;
  await h.db.sql`INSERT INTO events SELECT i, 'v' || i || repeat('.', 30) FROM generate_series(1, 1000) i`;
  const log: { url: string; status: number }[] = [];
  const stream = new ShapeStream({ url: h.shapeUrl, params: { table: 'events' }, fetchClient: recordingFetch(log) });
  cleanups.push(() => stream.unsubscribeAll());
  const shape = new Shape(stream);
  expect((await shape.rows).length).toBe(1000);
  const writer = startWriter(h.db.sql, 'events', 2000);
  await Bun.sleep(300);
  const before = initialRequests(log);
  await h.stopServer();
  await Bun.sleep(300);
  await h.restartServer();
  await Bun.sleep(500);
  await writer.stop();
  const expected = await rowsOf(h.db.sql, 'events');
  await waitFor('the shape to match Postgres after the restart', () => JSON.stringify(sortRows(shape.currentRows)) === JSON.stringify(expected));
  expect(initialRequests(log)).toBe(before);
  expect(log.filter((r) => r.status === 409)).toEqual([]);
});

test('stopping the shape server answers held requests with up-to-date, not 409', async () => {
  const h = await startHarness({ longPollMs: 20_000 });
  cleanups.push(() => h.stop());
  await h.db.sql`CREATE TABLE held (id int PRIMARY KEY)`;
  const first = await fetch(`${h.shapeUrl}?table=held&offset=-1`);
  const handle = first.headers.get('electric-handle')!;
  const tail = await fetch(`${h.shapeUrl}?table=held&offset=0_0&handle=${handle}`);
  const pending = fetch(`${h.shapeUrl}?table=held&offset=${tail.headers.get('electric-offset')}&handle=${handle}&live=true`);
  await Bun.sleep(200);
  const started = Date.now();
  await h.sync.stop();
  const res = await pending;
  expect(Date.now() - started).toBeLessThan(5000);
  expect(res.status).toBe(200);
  expect(((await res.json()) as { headers: { control?: string } }[]).map((m) => m.headers.control)).toEqual(['up-to-date']);
});

test('Postgres restarts: replication reconnects and nothing is lost', async () => {
  const cluster = await startTestCluster();
  let pg = cluster as { url: string; stop(): Promise<void> };
  cleanups.push(async () => {
    await pg.stop();
    await rm(cluster.dir, { recursive: true, force: true });
  });
  const sql = createSql(cluster.url, { max: 2 });
  const db = { url: cluster.url, sql, drop: async () => {} };
  const h = await startHarness({}, db);
  cleanups.push(() => h.stop());
  await sql`CREATE TABLE notes (id int PRIMARY KEY, v text NOT NULL)`;
  await sql`INSERT INTO notes VALUES (1, 'before')`;
  const log: { url: string; status: number }[] = [];
  const stream = new ShapeStream({ url: h.shapeUrl, params: { table: 'notes' }, fetchClient: recordingFetch(log) });
  cleanups.push(() => stream.unsubscribeAll());
  const shape = new Shape(stream);
  expect((await shape.rows).length).toBe(1);
  await sql`INSERT INTO notes VALUES (2, 'just before the restart')`;
  await pg.stop();
  pg = await startEmbeddedPostgres({
    dataDir: join(cluster.dir, 'pg'),
    port: cluster.port,
    database: 'postgres',
    log: silentLogger,
    settings: FAST_SETTINGS,
  });
  const writer = startWriter(sql, 'notes', 10);
  await waitFor('replication to reconnect', () => h.sync.status() === 'active', 20_000);
  await Bun.sleep(500);
  const { written } = await writer.stop();
  expect(written).toBeGreaterThan(5);
  const expected = await rowsOf(sql, 'notes');
  await waitFor('the shape to match Postgres', () => JSON.stringify(sortRows(shape.currentRows)) === JSON.stringify(expected), 20_000);
  expect(log.filter((r) => r.status === 409)).toEqual([]);
});

test('a standalone shape server killed with SIGKILL while writes go on: clients catch up exactly', async () => {
  const db = await createTestDatabase({ migrated: false });
  const dataDir = await tempDir('chorus-sync-kill-');
  const port = await freePort();
  const slot = `kill_${process.pid}_${Date.now().toString(36)}`;
  let proc: ServerProcess | null = null;
  cleanups.push(async () => {
    proc?.kill('SIGKILL');
    await proc?.exited;
    await dropSlot(db, slot);
    await db.drop();
    await rm(dataDir, { recursive: true, force: true });
  });
  const env = {
    DATABASE_URL: db.url,
    CHORUS_SYNC_PORT: String(port),
    CHORUS_SYNC_DATA_DIR: dataDir,
    CHORUS_SYNC_TABLES: '*',
    CHORUS_SYNC_SLOT: slot,
    CHORUS_SYNC_PUBLICATION: slot,
    CHORUS_SYNC_LONG_POLL_MS: '2000',
    CHORUS_SYNC_CHUNK_BYTES: '8192',
  };
  const launch = async () => {
    proc = startServer(env, 'sync/src/main.ts');
    await proc.waitFor(/shape server listening/);
  };
  await db.sql`CREATE TABLE feed (id int PRIMARY KEY, v text NOT NULL)`;
  await db.sql`INSERT INTO feed SELECT i, 'v' || i FROM generate_series(1, 400) i`;
  await launch();
  const url = `http://127.0.0.1:${port}/v1/shape`;

  const log: { url: string; status: number }[] = [];
  const stream = new ShapeStream({ url, params: { table: 'feed' }, fetchClient: recordingFetch(log) });
  cleanups.push(() => stream.unsubscribeAll());
  const shape = new Shape(stream);
  const pg = await createPglite('CREATE TABLE feed (id int PRIMARY KEY, v text NOT NULL)');
  cleanups.push(() => pg.close());
  let synced = false;
  const sub = await pg.sync.syncShapeToTable({
    shape: { url, params: { table: 'feed' } },
    table: 'feed',
    primaryKey: ['id'],
    shapeKey: null,
    onInitialSync: () => (synced = true),
  });
  cleanups.push(() => sub.unsubscribe());
  await waitFor('initial sync', () => synced && shape.currentRows.length === 400, 30_000);

  const writer = startWriter(db.sql, 'feed', 1000);
  await Bun.sleep(400);
  const before = initialRequests(log);
  proc!.kill('SIGKILL');
  expect(await proc!.exited).toBe('SIGKILL');
  await Bun.sleep(300);
  await launch();
  await Bun.sleep(600);
  const { written } = await writer.stop();
  expect(written).toBeGreaterThan(20);

  const expected = await rowsOf(db.sql, 'feed');
  await waitFor('Shape to match Postgres', () => JSON.stringify(sortRows(shape.currentRows)) === JSON.stringify(expected), 30_000);
  await waitFor('PGlite to match Postgres', async () =>
    JSON.stringify(await pgliteRows(pg, 'feed', ['id', 'v'], 'id')) === JSON.stringify(await postgresRows(db, 'feed', ['id', 'v'], 'id')),
  30_000);
  expect(initialRequests(log)).toBe(before);
});

/**
 * Shape logs that cannot be written (a full disk): the server stops acknowledging, says it is
 * degraded, and once storage works again every committed row reaches the official clients, with
 * nothing lost and no refetch. First with a storage that fails on command, then on a real 16 MB
 * tmpfs filled to the last byte and freed.
 */
import { afterAll, expect, setDefaultTimeout, test } from 'bun:test';
import { Shape, ShapeStream } from '@electric-sql/client';
import { join } from 'node:path';
import { openSqliteStorage } from '../src/storage/index.ts';
import { failingStorage, type FailingStorage } from './support/failing-storage.ts';
import { canMountTmpfs, mountTmpfs } from './support/full-disk.ts';
import { startHarness, waitFor, type Harness } from './support/harness.ts';

setDefaultTimeout(120_000);

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const confirmedFlush = async (h: Harness) => {
  const [row] = await h.db.sql<{ lsn: string }[]>`
    SELECT (confirmed_flush_lsn - '0/0')::text AS lsn FROM pg_replication_slots WHERE slot_name = ${h.slot}`;
  return Number(row!.lsn);
};
const currentWal = async (h: Harness) => {
  const [row] = await h.db.sql<{ lsn: string }[]>`SELECT (pg_current_wal_lsn() - '0/0')::text AS lsn`;
  return Number(row!.lsn);
};
const health = async (h: Harness) => {
  const res = await fetch(h.shapeUrl.replace('/shape', '/health'));
  return { status: res.status, body: (await res.json()) as { status: string } };
};

/** Inserts rows id from..to-1, one transaction each, as fast as Postgres takes them. */
async function insertRows(h: Harness, table: string, from: number, to: number) {
  for (let i = from; i < to; i++) await h.db.sql.unsafe(`INSERT INTO ${table} (id, v) VALUES ($1, $2)`, [i, `row ${i} ${'.'.repeat(200)}`]);
}

function follow(h: Harness, table: string, statuses: number[]) {
  const fetchClient = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const res = await fetch(input, init);
    statuses.push(res.status);
    return res;
  }) as typeof fetch;
  const stream = new ShapeStream({ url: h.shapeUrl, params: { table }, fetchClient });
  cleanups.push(() => stream.unsubscribeAll());
  return new Shape(stream);
}
const ids = (shape: Shape) => shape.currentRows.map((r) => Number(r.id)).sort((a, b) => a - b);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

test('storage that fails: nothing is acknowledged past it, health says degraded, and every row arrives after', async () => {
  let storage!: FailingStorage;
  const h = await startHarness({ openStorage: (file) => (storage = failingStorage(openSqliteStorage(file))) });
  cleanups.push(() => h.stop());
  await h.db.sql`CREATE TABLE items (id int PRIMARY KEY, v text NOT NULL)`;
  const statuses: number[] = [];
  const shapes = [follow(h, 'items', statuses), follow(h, 'items', statuses)];
  await insertRows(h, 'items', 0, 50);
  await waitFor('the first rows', () => shapes.every((s) => ids(s).length === 50));
  expect((await health(h)).status).toBe(200);

  storage.fail(3);
  await insertRows(h, 'items', 50, 200);
  await waitFor('the server to say it is degraded', async () => (await health(h)).body.status === 'degraded');
  expect((await health(h)).status).toBe(503);
  const ackedWhileFailing = await confirmedFlush(h);
  const walNow = await currentWal(h);
  // Keepalives and retries go on while failing, and none may acknowledge the unwritten rows.
  await waitFor('a retry that fails too', () => storage.failures >= 3);
  expect(await confirmedFlush(h)).toBeLessThan(walNow);
  expect(await confirmedFlush(h)).toBe(ackedWhileFailing);
  expect(shapes.every((s) => ids(s).length < 200)).toBe(true);

  storage.heal();
  await insertRows(h, 'items', 200, 210);
  await waitFor('every row in every client', () => shapes.every((s) => ids(s).join() === range(0, 210).join()), 30_000);
  await waitFor('health back to active', async () => (await health(h)).body.status === 'active');
  expect(statuses.filter((s) => s === 409)).toEqual([]);
});

// The reproduction: three official clients, two writers, the disk full for a while.
const fullDiskTest = canMountTmpfs ? test : test.skip;
fullDiskTest(canMountTmpfs ? 'a full tmpfs under the shape logs, filled and freed: the clients end with every row' : 'skipped: mount -t tmpfs is not permitted here', async () => {
  const disk = await mountTmpfs(`/tmp/chorus-tmpfs-${process.pid}-${Date.now()}`, 16);
  cleanups.push(() => disk.unmount());
  const h = await startHarness({ dataDir: join(disk.dir, 'sync') });
  cleanups.push(() => h.stop());
  await h.db.sql`CREATE TABLE full_disk (id int PRIMARY KEY, v text NOT NULL)`;
  const statuses: number[] = [];
  const shapes = [follow(h, 'full_disk', statuses), follow(h, 'full_disk', statuses), follow(h, 'full_disk', statuses)];
  await waitFor('the clients to start', () => shapes.every((s) => s.isUpToDate));

  let next = 0;
  let stop = false;
  const writer = async () => {
    while (!stop) await insertRows(h, 'full_disk', next, ++next);
  };
  const writers = [writer(), writer()];
  await waitFor('rows flowing', () => shapes.every((s) => ids(s).length > 100));
  const free = await disk.fill();
  await waitFor('the server to notice the full disk', async () => (await health(h)).body.status === 'degraded', 30_000);
  const walThen = await currentWal(h);
  await waitFor('writes to go on meanwhile', async () => next > 0 && (await h.db.sql`SELECT count(*)::int AS n FROM full_disk`)[0]!.n > 0);
  const during = next;
  await waitFor('more rows written while the disk is full', () => next > during + 100, 30_000);
  expect(await confirmedFlush(h)).toBeLessThan(walThen);
  await free();
  await waitFor('more rows written after the disk is freed', () => next > during + 200, 30_000);
  stop = true;
  await Promise.all(writers);
  const expected = (await h.db.sql<{ id: number }[]>`SELECT id FROM full_disk ORDER BY id`).map((r) => r.id);
  await waitFor('every client to hold every row', () => shapes.every((s) => ids(s).join() === expected.join()), 60_000);
  await waitFor('health back to active', async () => (await health(h)).body.status === 'active', 30_000);
  expect(statuses.filter((s) => s === 409)).toEqual([]);
});

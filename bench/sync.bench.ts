/**
 * The shape server under load, with the real clients: commit-to-client latency for 1, 100 and
 * 1,000 live ShapeStream clients (one insert at a time, 20 inserts/s, as in DESIGN.md), the
 * server's memory with 1,000 clients, replication throughput in row changes per second, and
 * the initial sync rate of a 100,000-row table into PGlite. Prints; never asserts.
 *
 * The shape server runs as its own process (`bun sync/src/main.ts`) so its memory and CPU are
 * its own; Postgres is a fresh embedded cluster with default durability settings.
 */
import { ShapeStream, type Message, type Row } from '@electric-sql/client';
import { PGlite } from '@electric-sql/pglite';
import { electricSync, type PGliteWithSync } from '@electric-sql/pglite-sync';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createSql } from '../server/src/db/client.ts';
import { startEmbeddedPostgres } from '../server/src/db/embedded.ts';
import { silentLogger } from '../server/src/log.ts';
import { freePort, tempDir } from '../server/test/support/postgres.ts';
import { spawnShapeServer } from './shape-server-process.ts';
import { ms, summary, table } from './stats.ts';

// Bun caps concurrent fetches at 256 per process; 1,000 live clients need more.
if (!process.env.BUN_CONFIG_MAX_HTTP_REQUESTS) {
  const child = Bun.spawn([process.execPath, ...process.argv.slice(1)], {
    env: { ...process.env, BUN_CONFIG_MAX_HTTP_REQUESTS: '4096' },
    stdout: 'inherit',
    stderr: 'inherit',
  });
  process.exit(await child.exited);
}

const dir = await tempDir('chorus-sync-bench-');
const pgPort = await freePort();
const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: pgPort, database: 'bench', log: silentLogger });
const sql = createSql(pg.url, { max: 4 });
await sql`CREATE TABLE ticks (id int PRIMARY KEY, v text NOT NULL, at timestamptz NOT NULL DEFAULT now())`;
await sql`CREATE TABLE bulk (id int PRIMARY KEY, title text NOT NULL, n int NOT NULL, flag boolean NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`;
await sql`CREATE TABLE firehose (id int PRIMARY KEY, v int NOT NULL)`;

const { server, url } = await spawnShapeServer(pg.url, dir);

const rssMb = () => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

/** CPU seconds (user + system) a process has used so far. */
const cpuSeconds = (pid: number | 'self') => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

const rows: Record<string, string | number>[] = [];

/** `clients` live ShapeStreams on `ticks`; returns when all are live, and a stop function. */
async function liveClients(clients: number, onInsert: (id: number) => void) {
  const streams: ShapeStream[] = [];
  // Aborting is what really ends a stream's requests; unsubscribing alone leaves them running.
  const abort = new AbortController();
  let upToDate = 0;
  for (let i = 0; i < clients; i++) {
    const s = new ShapeStream({ url, params: { table: 'ticks' }, signal: abort.signal });
    let counted = false;
    s.subscribe((batch: Message<Row>[]) => {
      for (const m of batch) {
        if ('key' in m && m.headers.operation === 'insert' && 'lsn' in m.headers) onInsert(Number(m.value.id));
        else if (!counted && 'control' in m.headers && m.headers.control === 'up-to-date') {
          counted = true;
          upToDate++;
        }
      }
    });
    streams.push(s);
  }
  while (upToDate < clients) await Bun.sleep(20);
  // Let every client settle into its held live request.
  await Bun.sleep(500);
  return () => {
    streams.forEach((s) => s.unsubscribeAll());
    abort.abort();
  };
}

let nextId = 1;
async function latency(clients: number, inserts: number, intervalMs = 50) {
  const sentAt = new Map<number, number>();
  const samples: number[] = [];
  const stop = await liveClients(clients, (id) => {
    const t = sentAt.get(id);
    if (t !== undefined) samples.push(performance.now() - t);
  });
  const memory = rssMb();
  const cpuBefore = [cpuSeconds(server.pid), cpuSeconds('self')];
  for (let i = 0; i < inserts; i++) {
    const id = nextId++;
    const started = performance.now();
    sentAt.set(id, started);
    await sql`INSERT INTO ticks (id, v) VALUES (${id}, ${'tick ' + id})`;
    // One insert at a time, by default 20 per second.
    await Bun.sleep(Math.max(0, intervalMs - (performance.now() - started)));
  }
  const expected = inserts * clients;
  const until = Date.now() + 30_000;
  while (samples.length < expected && Date.now() < until) await Bun.sleep(50);
  const cpu = [cpuSeconds(server.pid) - cpuBefore[0]!, cpuSeconds('self') - cpuBefore[1]!];
  stop();
  const s = summary(samples);
  const perDelivery = (x: number) => `${((x * 1e6) / Math.max(1, samples.length)).toFixed(0)} µs`;
  const rate = `${Math.round(1000 / intervalMs)} inserts/s`;
  rows.push({ what: `  CPU per delivery, ${clients} clients at ${rate}: shape server / clients`, figure: `${perDelivery(cpu[0]!)} / ${perDelivery(cpu[1]!)}` });
  rows.push({ what: `commit→client, ${clients} ShapeStream client(s) at ${rate}, p50`, figure: ms(s.p50) });
  rows.push({ what: `commit→client, ${clients} ShapeStream client(s) at ${rate}, p99`, figure: ms(s.p99) });
  if (samples.length < expected) rows.push({ what: `  (${clients} clients: ${samples.length}/${expected} deliveries seen)`, figure: '' });
  return memory;
}

/**
 * The same measurement with a minimal long-poll client (fetch + JSON.parse, what ShapeStream
 * does on the wire without its state machine), to separate the server's fan-out from the cost
 * of running 1,000 full clients on the same two cores as the server.
 */
async function lightLatency(clients: number, inserts: number, intervalMs: number) {
  const first = await fetch(`${url}?table=ticks&offset=-1`);
  const handle = first.headers.get('electric-handle')!;
  let offset = first.headers.get('electric-offset')!;
  for (;;) {
    const r = await fetch(`${url}?table=ticks&offset=${offset}&handle=${handle}`);
    offset = r.headers.get('electric-offset')!;
    if (r.headers.has('electric-up-to-date')) break;
  }
  const sentAt = new Map<number, number>();
  const samples: number[] = [];
  let stop = false;
  const controllers: AbortController[] = [];
  const loop = async (start: string) => {
    let at = start;
    let cursor = '';
    const ac = new AbortController();
    controllers.push(ac);
    while (!stop) {
      const res = await fetch(`${url}?table=ticks&offset=${at}&handle=${handle}&live=true${cursor ? `&cursor=${cursor}` : ''}`, { signal: ac.signal }).catch(() => null);
      if (!res) return;
      const body = (await res.json()) as { key?: string; value?: { id: string } }[];
      const now = performance.now();
      for (const m of body) {
        const t = m.key ? sentAt.get(Number(m.value!.id)) : undefined;
        if (t !== undefined) samples.push(now - t);
      }
      at = res.headers.get('electric-offset')!;
      cursor = res.headers.get('electric-cursor') ?? '';
    }
  };
  const loops = Array.from({ length: clients }, () => loop(offset));
  await Bun.sleep(1000);
  for (let i = 0; i < inserts; i++) {
    const id = nextId++;
    const started = performance.now();
    sentAt.set(id, started);
    await sql`INSERT INTO ticks (id, v) VALUES (${id}, ${'tick ' + id})`;
    await Bun.sleep(Math.max(0, intervalMs - (performance.now() - started)));
  }
  const until = Date.now() + 20_000;
  while (samples.length < inserts * clients && Date.now() < until) await Bun.sleep(50);
  stop = true;
  controllers.forEach((c) => c.abort());
  await Promise.allSettled(loops);
  const s = summary(samples);
  const rate = `${Math.round(1000 / intervalMs)} inserts/s`;
  rows.push({ what: `commit→client, ${clients} minimal long-poll clients at ${rate}, p50`, figure: ms(s.p50) });
  rows.push({ what: `commit→client, ${clients} minimal long-poll clients at ${rate}, p99`, figure: ms(s.p99) });
}

// At 20 inserts/s, 1,000 clients are 20,000 deliveries a second: on two cores shared by
// Postgres, the shape server and 1,000 in-process clients, the clients' CPU saturates first, so
// 1,000 clients are also measured at 2 inserts/s, where the fan-out itself is what is timed.
await latency(1, 100);
await latency(100, 100);
const memory1000 = await latency(1000, 40);
await latency(1000, 20, 500);
await lightLatency(1000, 20, 500);
rows.push({ what: 'shape server RSS with 1,000 live clients', figure: `${memory1000.toFixed(0)} MB` });

// Replication throughput: 100,000 row changes in transactions of 1,000 rows, one shape watching.
{
  const total = 100_000;
  let seen = 0;
  const abort = new AbortController();
  const s = new ShapeStream({ url, params: { table: 'firehose' }, signal: abort.signal });
  let live = false;
  let done: () => void = () => {};
  const finished = new Promise<void>((r) => (done = r));
  s.subscribe((batch: Message<Row>[]) => {
    for (const m of batch) {
      if ('key' in m) {
        if (++seen >= total) done();
      } else if ('control' in m.headers && m.headers.control === 'up-to-date') live = true;
    }
  });
  while (!live) await Bun.sleep(20);
  const started = performance.now();
  for (let i = 0; i < total / 2; i += 1000) {
    await sql`INSERT INTO firehose SELECT g, g FROM generate_series(${i + 1}::int, ${i + 1000}::int) g`;
  }
  for (let i = 0; i < total / 2; i += 1000) {
    await sql`UPDATE firehose SET v = v + 1 WHERE id BETWEEN ${i + 1} AND ${i + 1000}`;
  }
  await finished;
  const secs = (performance.now() - started) / 1000;
  s.unsubscribeAll();
  abort.abort();
  rows.push({ what: 'replication throughput (row changes/s, write to client)', figure: Math.round(total / secs) });
}

// Initial sync of 100,000 rows into PGlite.
{
  await sql`INSERT INTO bulk (id, title, n, flag) SELECT g, 'title number ' || g, g % 1000, g % 2 = 0 FROM generate_series(1, 100000) g`;
  const local = (await PGlite.create({ extensions: { sync: electricSync() } })) as unknown as PGliteWithSync & PGlite;
  await local.exec(`CREATE TABLE bulk (id int PRIMARY KEY, title text NOT NULL, n int NOT NULL, flag boolean NOT NULL, created_at timestamptz NOT NULL)`);
  const started = performance.now();
  let synced = false;
  const sub = await local.sync.syncShapeToTable({
    shape: { url, params: { table: 'bulk' } },
    table: 'bulk',
    primaryKey: ['id'],
    shapeKey: null,
    initialInsertMethod: 'json',
    onInitialSync: () => (synced = true),
  });
  while (!synced) await Bun.sleep(20);
  const secs = (performance.now() - started) / 1000;
  const [{ count }] = (await local.query<{ count: number }>('SELECT count(*)::int AS count FROM bulk')).rows as [{ count: number }];
  sub.unsubscribe();
  await local.close();
  rows.push({ what: `initial sync into PGlite (${count} rows, json insert), rows/s`, figure: Math.round(count / secs) });
}

table(rows);

server.kill('SIGTERM');
await server.exited;
await sql.end();
await pg.stop();
await rm(dir, { recursive: true, force: true });
// Client retry timers and PGlite would otherwise keep the process alive.
process.exit(0);

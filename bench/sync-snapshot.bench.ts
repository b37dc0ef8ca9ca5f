/**
 * Initial snapshot of a selective shape on a big table: a 1,000,000-row table with an indexed
 * column, and shapes `n = k` that hold 1% of it (10,000 rows), synced to up-to-date by the
 * official ShapeStream. Whether the server reads only the shape's rows or the whole table shows
 * here. Then subset snapshots (fetchSnapshot: 100 rows of one `n`, ordered) of a changes-only
 * shape on the same table. Prints; never asserts.
 */
import { ShapeStream, type Message, type Row } from '@electric-sql/client';
import { loadavg } from 'node:os';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createSql } from '../server/src/db/client.ts';
import { startEmbeddedPostgres } from '../server/src/db/embedded.ts';
import { silentLogger } from '../server/src/log.ts';
import { freePort, tempDir } from '../server/test/support/postgres.ts';
import { spawnShapeServer } from './shape-server-process.ts';
import { ms, summary, table } from './stats.ts';

const ROWS = 1_000_000;
const SHAPES = 3;

const dir = await tempDir('chorus-sync-snapshot-bench-');
const pgPort = await freePort();
const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: pgPort, database: 'bench', log: silentLogger });
const sql = createSql(pg.url, { max: 2 });
await sql`CREATE TABLE big (id int PRIMARY KEY, n int NOT NULL, title text NOT NULL)`;
await sql`INSERT INTO big SELECT g, g % 100, 'row number ' || g FROM generate_series(1, ${ROWS}) g`;
await sql`CREATE INDEX big_n ON big (n)`;
await sql`ANALYZE big`;

const { server, url } = await spawnShapeServer(pg.url, dir);

/** Syncs `where` to up-to-date with a fresh ShapeStream; returns ms and the rows received. */
async function syncOnce(where: string): Promise<{ ms: number; rows: number }> {
  const abort = new AbortController();
  const started = performance.now();
  let rows = 0;
  const stream = new ShapeStream<Row>({ url, params: { table: 'big', where }, signal: abort.signal });
  await new Promise<void>((resolve, reject) => {
    stream.subscribe(
      (msgs: Message<Row>[]) => {
        for (const m of msgs) {
          if ('key' in m) rows++;
          else if (m.headers.control === 'up-to-date') resolve();
        }
      },
      (e) => reject(e),
    );
  });
  const took = performance.now() - started;
  abort.abort();
  return { ms: took, rows };
}

const samples: number[] = [];
let received = 0;
const loadBefore = loadavg()[0]!;
for (let k = 1; k <= SHAPES; k++) {
  const r = await syncOnce(`n = ${k}`);
  samples.push(r.ms);
  received = r.rows;
}
const s = summary(samples);

// Subsets of a changes-only shape on the whole table: the shape itself costs no snapshot.
const subsetStream = new ShapeStream<Row>({ url, params: { table: 'big' }, log: 'changes_only', signal: AbortSignal.timeout(120_000) });
const subsetSamples: number[] = [];
let subsetRows = 0;
for (let k = 0; k < 10; k++) {
  const started = performance.now();
  const { data } = await subsetStream.fetchSnapshot({ where: 'n = $1', params: { '1': String(k) }, orderBy: 'id DESC', limit: 100 });
  subsetSamples.push(performance.now() - started);
  subsetRows = data.length;
}
const sub = summary(subsetSamples);
table([
  { what: `rows in table`, figure: ROWS },
  { what: `rows in each shape (n = k, 1%)`, figure: received },
  { what: `snapshot to up-to-date, p50 of ${SHAPES} shapes`, figure: ms(s.p50) },
  { what: `snapshot to up-to-date, max`, figure: ms(s.max) },
  { what: `subset snapshot (${subsetRows} rows of n = k, ORDER BY id DESC LIMIT 100), p50 of ${sub.n}`, figure: ms(sub.p50) },
  { what: `subset snapshot, max`, figure: ms(sub.max) },
  { what: `load average (1 min) before / after`, figure: `${loadBefore.toFixed(2)} / ${loadavg()[0]!.toFixed(2)}` },
]);

server.kill('SIGTERM');
await server.exited;
await sql.end();
await pg.stop();
await rm(dir, { recursive: true, force: true });
process.exit(0);

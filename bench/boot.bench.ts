/**
 * Start-up costs a newcomer feels: initialising and starting the embedded Postgres, applying the
 * migrations, and the API's health round trip over real HTTP.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createApp } from '../server/src/app.ts';
import { createAppDeps } from '../server/src/services.ts';
import { loadConfig } from '../server/src/config/index.ts';
import { createSql } from '../server/src/db/client.ts';
import { startEmbeddedPostgres } from '../server/src/db/embedded.ts';
import { migrate, readMigrations } from '../server/src/db/migrate.ts';
import { silentLogger } from '../server/src/log.ts';
import { freePort, tempDir } from '../server/test/support/postgres.ts';
import { ms, summary, table } from './stats.ts';

const dir = await tempDir('chorus-bench-');
const port = await freePort();
const opts = { dataDir: join(dir, 'pg'), port, database: 'chorus', log: silentLogger };

let t = performance.now();
let pg = await startEmbeddedPostgres(opts);
const firstStart = performance.now() - t;
await pg.stop();
t = performance.now();
pg = await startEmbeddedPostgres(opts);
const warmStart = performance.now() - t;

const sql = createSql(pg.url);
const migrations = await readMigrations();
t = performance.now();
await migrate(sql, migrations, silentLogger);
const migrateMs = performance.now() - t;

const app = createApp(createAppDeps(loadConfig({}), { sql, migrations }, silentLogger));
const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: app.fetch });
const url = `http://127.0.0.1:${server.port}/api/health`;
for (let i = 0; i < 200; i++) await fetch(url).then((r) => r.arrayBuffer());
const samples: number[] = [];
const started = performance.now();
for (let i = 0; i < 2000; i++) {
  const s = performance.now();
  await (await fetch(url)).arrayBuffer();
  samples.push(performance.now() - s);
}
const elapsed = (performance.now() - started) / 1000;
const h = summary(samples);

table([
  { what: 'embedded Postgres, first start (initdb + start)', figure: ms(firstStart) },
  { what: 'embedded Postgres, later start', figure: ms(warmStart) },
  { what: `apply ${migrations.length} migrations to an empty database`, figure: ms(migrateMs) },
  { what: 'GET /api/health over HTTP, p50', figure: ms(h.p50) },
  { what: 'GET /api/health over HTTP, p99', figure: ms(h.p99) },
  { what: 'GET /api/health, sequential requests/s', figure: Math.round(h.n / elapsed) },
]);

server.stop(true);
await sql.end();
await pg.stop();
await rm(dir, { recursive: true, force: true });

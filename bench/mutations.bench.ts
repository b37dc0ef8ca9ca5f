/**
 * The write path: time from a local write in PGlite to the server's echo arriving back in PGlite
 * (applyLocalMutation → outbox → POST /api/mutations → Postgres → shape stream → overlay dropped),
 * p50/p99; and how many mutations per second the server applies, in batches and one at a time.
 */
import { PGlite } from '@electric-sql/pglite';
import { electricSync, type PGliteWithSync } from '@electric-sql/pglite-sync';
import { DASHBOARD_SHAPES, startDashboardSync } from '../sync/src/browser/index.ts';
import { createShapeServer } from '../sync/src/index.ts';
import { applyLocalMutation, CONFIRM_TRIGGER, OUTBOX_SCHEMA, overlayViewSql, startOutboxSender, syncedTable } from '../sync/src/outbox/index.ts';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config/index.ts';
import { createSql } from '../server/src/db/client.ts';
import { startEmbeddedPostgres } from '../server/src/db/embedded.ts';
import { migrate, readMigrations } from '../server/src/db/migrate.ts';
import { silentLogger } from '../server/src/log.ts';
import { createAppDeps } from '../server/src/services.ts';
import { localSchemaDdl } from '../server/test/soak/pglite-clients.ts';
import { freePort, tempDir } from '../server/test/support/postgres.ts';
import { ms, summary, table } from './stats.ts';

const TOKEN = 'bench-admin-token-0123456789';
const dir = await tempDir('chorus-mutations-bench-');
const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: await freePort(), database: 'chorus', log: silentLogger });
const sql = createSql(pg.url);
const migrations = await readMigrations();
await migrate(sql, migrations, silentLogger);
const [bot] = await sql<{ id: string }[]>`INSERT INTO bots (handle, name) VALUES ('bench', 'Bench') RETURNING id`;

const sync = createShapeServer({ databaseUrl: pg.url, dataDir: join(dir, 'sync'), adminToken: TOKEN });
await sync.start();
const deps = createAppDeps(loadConfig({ CHORUS_ADMIN_TOKEN: TOKEN, CHORUS_DEMO: 'false' }), { sql, migrations }, silentLogger);
deps.shapes = sync.fetch;
const app = createApp(deps);
const server = Bun.serve({ port: 0, hostname: '127.0.0.1', idleTimeout: sync.minIdleTimeoutSeconds, fetch: (req) => app.handle(req) });
const base = `http://127.0.0.1:${server.port}`;

const local = (await PGlite.create({ extensions: { sync: electricSync() } })) as unknown as PGlite & PGliteWithSync;
await local.exec(`SET TimeZone = 'UTC';\n${await localSchemaDdl(sql)}\n${OUTBOX_SCHEMA}\n${DASHBOARD_SHAPES.map(overlayViewSql).join('\n')}\n${CONFIRM_TRIGGER}`);
const stream = await startDashboardSync(local, { url: `${base}/v1/shape`, params: { secret: TOKEN }, localTable: syncedTable, key: null });
while ((await local.query('SELECT 1 FROM bots WHERE id = $1', [bot!.id])).rows.length === 0) await Bun.sleep(20);
const sender = startOutboxSender({ db: local, endpoint: `${base}/api/mutations`, headers: () => ({ authorization: `Bearer ${TOKEN}` }) });

// 1. Local write → echo in PGlite, one mutation at a time.
const echo: number[] = [];
for (let i = 0; i < 120; i++) {
  const started = performance.now();
  const id = await applyLocalMutation(local, { type: 'bot.update_config', bot_id: bot!.id, patch: { name: `Echo ${i}` } });
  while ((await local.query('SELECT 1 FROM chorus_outbox WHERE id = $1', [id])).rows.length) await Bun.sleep(1);
  if (i >= 20) echo.push(performance.now() - started); // the first ones warm up every path
}
await sender.stop();

// 2. Server throughput, straight to the API.
const post = (mutations: unknown[]) =>
  fetch(`${base}/api/mutations`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ mutations }) }).then((r) => r.json());
const edit = (i: number) => ({ id: randomUUID(), type: 'bot.update_config', bot_id: bot!.id, patch: { leadership: i % 101 } });
let t = performance.now();
for (let b = 0; b < 20; b++) await post(Array.from({ length: 100 }, (_, i) => edit(b * 100 + i)));
const batched = 2000 / ((performance.now() - t) / 1000);
t = performance.now();
for (let i = 0; i < 300; i++) await post([edit(i)]);
const single = 300 / ((performance.now() - t) / 1000);

const e = summary(echo);
table([
  { what: 'local write → server echo in PGlite, p50', figure: ms(e.p50) },
  { what: 'local write → server echo in PGlite, p99', figure: ms(e.p99) },
  { what: 'mutations applied per second, batches of 100', figure: Math.round(batched) },
  { what: 'mutations applied per second, one per request', figure: Math.round(single) },
]);

stream.unsubscribe();
await local.close();
server.stop(true);
await sync.stop();
await sql.end();
await pg.stop();
await rm(dir, { recursive: true, force: true });

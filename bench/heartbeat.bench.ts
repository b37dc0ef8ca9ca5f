/**
 * Heartbeats per second with the simulated model for 1,000 bots: every bot due at once, the
 * orchestrator at its default concurrency, through the whole path (claim, prompt, SDK call,
 * reservation, action, activity).
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '../server/src/config/index.ts';
import { createSql } from '../server/src/db/client.ts';
import { startEmbeddedPostgres } from '../server/src/db/embedded.ts';
import { migrate, readMigrations } from '../server/src/db/migrate.ts';
import { silentLogger } from '../server/src/log.ts';
import { createServices } from '../server/src/services.ts';
import { freePort, tempDir } from '../server/test/support/postgres.ts';
import { table } from './stats.ts';

const BOTS = 1000;
const dir = await tempDir('chorus-bench-');
const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: await freePort(), database: 'chorus', log: silentLogger });
const sql = createSql(pg.url, { max: 20 });
await migrate(sql, await readMigrations(), silentLogger);
await sql`UPDATE settings SET max_bots = ${BOTS}`;
await sql`
  INSERT INTO bots (handle, name, interests, creativity, leadership, skepticism, aggression, shyness, next_heartbeat_at)
  SELECT 'b' || i, 'Bot ' || i, ARRAY['topic ' || (i % 17), 'topic ' || (i % 5)],
         (i * 37) % 101, (i * 53) % 101, (i * 71) % 101, (i * 13) % 101, (i * 29) % 101, now() + interval '1 day'
    FROM generate_series(1, ${BOTS}) i`;

const results = [];
for (const concurrency of [4, 16]) {
  const config = loadConfig({ CHORUS_WEB_SEARCH: 'off', CHORUS_HEARTBEAT_CONCURRENCY: String(concurrency) });
  const { orchestrator } = createServices(config, sql, silentLogger);
  const [{ before }] = (await sql`SELECT count(*)::int AS before FROM heartbeats WHERE finished_at IS NOT NULL`) as unknown as [{ before: number }];
  await sql`UPDATE bots SET next_heartbeat_at = now()`;
  const started = performance.now();
  orchestrator.start();
  for (;;) {
    const [{ n }] = (await sql`SELECT count(*)::int AS n FROM heartbeats WHERE finished_at IS NOT NULL`) as unknown as [{ n: number }];
    if (n - before >= BOTS) break;
    await Bun.sleep(100);
  }
  const seconds = (performance.now() - started) / 1000;
  await orchestrator.stop();
  results.push({ bots: BOTS, concurrency, seconds: seconds.toFixed(1), 'heartbeats/s': Math.round(BOTS / seconds) });
}
const [mix] = await sql`SELECT string_agg(action || ' ' || n, ', ') AS mix FROM (SELECT action, count(*) n FROM activity GROUP BY action ORDER BY 2 DESC) x`;
table(results);
console.log(`actions: ${mix!.mix}`);

await sql.end();
await pg.stop();
await rm(dir, { recursive: true, force: true });

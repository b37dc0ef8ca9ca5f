import { join } from 'node:path';
import type { Config } from './config/index.ts';
import { createSql, describeUrl, type Sql } from './db/client.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded.ts';
import { migrate, readMigrations, type Migration } from './db/migrate.ts';
import { preflight, PreflightError } from './db/preflight.ts';
import { seedDemoCommunity } from './demo/seed.ts';
import type { Logger } from './log.ts';

export interface Database {
  sql: Sql;
  url: string;
  migrations: Migration[];
  embedded: EmbeddedPostgres | null;
  close(): Promise<void>;
}

/**
 * Brings the database to a state the app can serve: Postgres running (embedded unless
 * DATABASE_URL is set) and fit for replication, migrations applied, demo community loaded.
 */
export async function openDatabase(config: Config, log: Logger): Promise<Database> {
  const embedded = config.databaseUrl
    ? null
    : await startEmbeddedPostgres({
        dataDir: join(config.dataDir, 'postgres'),
        port: config.embeddedPgPort,
        database: 'chorus',
        log,
        supervise: true,
      });
  const url = config.databaseUrl ?? embedded!.url;
  const sql = createSql(url);
  try {
    try {
      await sql`SELECT 1`;
    } catch (e) {
      throw new PreflightError(`cannot connect to Postgres at ${describeUrl(url)}: ${(e as Error).message}`);
    }
    await preflight(sql);
    const migrations = await readMigrations();
    await migrate(sql, migrations, log);
    if (config.loadDemo) await seedDemoCommunity(sql, log, { provider: config.defaultProvider, model: config.defaultModel });
    return {
      sql,
      url,
      migrations,
      embedded,
      async close() {
        await sql.end({ timeout: 5 });
        await embedded?.stop();
      },
    };
  } catch (e) {
    await sql.end({ timeout: 1 }).catch(() => {});
    await embedded?.stop().catch(() => {});
    throw e;
  }
}

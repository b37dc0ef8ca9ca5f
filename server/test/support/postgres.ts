/**
 * Real Postgres for tests: one embedded cluster per `bun test` run (started by preload.ts on a
 * free port with a throwaway folder), and a fresh database per test file.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSql, type Sql } from '../../src/db/client.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/db/embedded.ts';
import { migrate, readMigrations } from '../../src/db/migrate.ts';
import { silentLogger } from '../../src/log.ts';

export const CLUSTER_URL_ENV = 'CHORUS_TEST_PG_URL';

/** Settings that make a throwaway cluster fast; its data need not survive a power cut. */
export const FAST_SETTINGS = { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export async function tempDir(prefix = 'chorus-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  // As root, Postgres runs as the `postgres` user and must be able to reach its data folder.
  await chmod(dir, 0o755);
  return dir;
}

export interface TestCluster extends EmbeddedPostgres {
  dir: string;
  port: number;
  remove(): Promise<void>;
}

/** A cluster of its own, for tests that stop, restart or reconfigure Postgres. */
export async function startTestCluster(settings: Record<string, string> = {}): Promise<TestCluster> {
  const dir = await tempDir();
  const port = await freePort();
  const pg = await startEmbeddedPostgres({
    dataDir: join(dir, 'pg'),
    port,
    database: 'postgres',
    log: silentLogger,
    settings: { ...FAST_SETTINGS, ...settings },
  });
  return {
    ...pg,
    dir,
    port,
    async remove() {
      await pg.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function clusterUrl(): string {
  const url = process.env[CLUSTER_URL_ENV];
  if (!url) throw new Error(`${CLUSTER_URL_ENV} is not set: run tests with \`bun test\` from the repository root`);
  return url;
}

export interface TestDatabase {
  url: string;
  sql: Sql;
  drop(): Promise<void>;
}

let counter = 0;

/** A new, empty database on the shared cluster, migrated unless `migrated: false`. */
export async function createTestDatabase(opts: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const base = clusterUrl();
  const name = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = createSql(base, { max: 1 });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = base.replace(/\/[^/]*$/, `/${name}`);
  const sql = createSql(url);
  if (opts.migrated !== false) await migrate(sql, await readMigrations(), silentLogger);
  return {
    url,
    sql,
    async drop() {
      await sql.end({ timeout: 1 });
      const a = createSql(base, { max: 1 });
      await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

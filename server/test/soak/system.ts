/**
 * The system under soak, as an operator runs it: one Postgres, an api+orchestrator process and a
 * sync process (each `bun server/src/main.ts` with its role), and the means to SIGKILL any of the
 * three and bring it back the way a person would: same ports, same data folders.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createSql, type Sql } from '../../src/db/client.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/db/embedded.ts';
import { migrate, readMigrations } from '../../src/db/migrate.ts';
import { silentLogger } from '../../src/log.ts';
import { canMountTmpfs, mountTmpfs, type Tmpfs } from '../../../sync/test/support/full-disk.ts';
import { FAST_SETTINGS, freePort, startTestCluster, tempDir, type TestCluster } from '../support/postgres.ts';
import { startServer, type ServerProcess } from '../support/process.ts';

export const SOAK_ADMIN_TOKEN = 'soak-admin-token-0123456789';

export type Role = 'api' | 'sync';

/**
 * The fast settings of test clusters, but commits durable before they are acknowledged, as in
 * production: with synchronous_commit=off a SIGKILLed Postgres loses its last commits, which the
 * first soak run showed as an acknowledged mutation that was never applied. (fsync and full-page
 * writes only matter when the machine itself goes down, which the soak does not do.)
 */
const SOAK_PG_SETTINGS = { ...FAST_SETTINGS, synchronous_commit: 'on' };

export interface SoakSystem {
  apiUrl: string;
  shapeUrl: string;
  mutationsUrl: string;
  /** A connection of the soak's own to the database, for seeding and the final checks. */
  sql: Sql;
  pid(role: Role): number | undefined;
  /** SIGKILLs a role's process and starts it again on the same port and data folder. */
  killRole(role: Role): Promise<void>;
  /** SIGKILLs the postmaster, restarts Postgres on its data folder, then every process that died with it. */
  killPostgres(): Promise<{ restarted: { role: Role; why: string }[] }>;
  /** Starts whichever process has died on its own (none should). */
  ensureRunning(): Promise<Role[]>;
  /** The tmpfs the sync process keeps its shape logs on, to fill and free; null when mounting is not permitted. */
  syncDisk: Tmpfs | null;
  /** The last output of each process that ran, for a failure report. */
  tail(role: Role): string;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export interface SystemOptions {
  /** Extra environment for both processes, e.g. heartbeat concurrency. */
  env?: Record<string, string>;
  /** Runs on the migrated database before any process starts, e.g. to seed the community. */
  beforeStart?: (sql: Sql) => Promise<void>;
  /** Puts the sync process's data folder on a tmpfs of this size, so the soak can fill it. */
  syncDiskMiB?: number;
  log?: (line: string) => void;
}

export async function startSystem(opts: SystemOptions = {}): Promise<SoakSystem> {
  const log = opts.log ?? (() => {});
  const cluster: TestCluster = await startTestCluster(SOAK_PG_SETTINGS);
  let pg: EmbeddedPostgres = cluster;
  const dir = await tempDir('chorus-soak-');
  const admin = createSql(cluster.url, { max: 1 });
  await admin.unsafe('CREATE DATABASE chorus');
  await admin.end();
  const dbUrl = cluster.url.replace(/\/[^/]*$/, '/chorus');
  // createSql sets TimeZone UTC, as the PGlite copies do, so text renderings compare directly.
  const sql = createSql(dbUrl, { max: 4, applicationName: 'chorus-soak' });
  await migrate(sql, await readMigrations(), silentLogger);
  await opts.beforeStart?.(sql);

  const syncDisk = opts.syncDiskMiB && canMountTmpfs ? await mountTmpfs(join(dir, 'sync-disk'), opts.syncDiskMiB) : null;
  const ports: Record<Role, number> = { api: await freePort(), sync: await freePort() };
  const env: Record<Role, Record<string, string>> = {
    api: { CHORUS_ROLES: 'api,orchestrator', CHORUS_DATA_DIR: join(dir, 'api') },
    sync: { CHORUS_ROLES: 'sync', CHORUS_DATA_DIR: join(syncDisk?.dir ?? dir, 'sync') },
  };
  const procs: Partial<Record<Role, ServerProcess>> = {};
  const tails: Record<Role, string> = { api: '', sync: '' };

  async function start(role: Role) {
    const p = startServer({
      PORT: String(ports[role]),
      DATABASE_URL: dbUrl,
      CHORUS_ADMIN_TOKEN: SOAK_ADMIN_TOKEN,
      CHORUS_DEMO: 'false',
      CHORUS_WEB_SEARCH: 'off',
      CHORUS_LOG_LEVEL: 'warn',
      CHORUS_WEB_DIR: join(dir, 'no-web'),
      // A killed heartbeat stays open until its deadline; short model timeouts keep that near a minute.
      CHORUS_LLM_TIMEOUT_MS: '5000',
      CHORUS_LLM_MAX_RETRIES: '1',
      ...opts.env,
      ...env[role],
    });
    procs[role] = p;
    // Startup can meet a Postgres that is still replaying its WAL: retry like a supervisor would.
    try {
      await p.waitFor(/Chorus is running at/, 60_000);
    } catch (e) {
      tails[role] = p.output().slice(-4000);
      p.kill('SIGKILL');
      await p.exited;
      throw e;
    }
  }

  async function startWithRetry(role: Role) {
    for (let attempt = 1; ; attempt++) {
      try {
        await start(role);
        return;
      } catch (e) {
        if (attempt >= 5) throw e;
        log(`${role} did not start (attempt ${attempt}), retrying`);
        await sleep(1000);
      }
    }
  }

  async function kill(role: Role) {
    const p = procs[role];
    if (!p) return;
    p.kill('SIGKILL');
    await p.exited;
    tails[role] = p.output().slice(-4000);
  }

  const postmasterPid = async () => Number((await readFile(join(cluster.dir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);

  await Promise.all([startWithRetry('api'), startWithRetry('sync')]);

  return {
    apiUrl: `http://127.0.0.1:${ports.api}`,
    shapeUrl: `http://127.0.0.1:${ports.sync}/v1/shape`,
    mutationsUrl: `http://127.0.0.1:${ports.api}/api/mutations`,
    sql,
    pid: (role) => procs[role]?.pid,
    async killRole(role) {
      await kill(role);
      await startWithRetry(role);
    },
    async killPostgres() {
      // postmaster.pid names the real postmaster (as root it runs under another user's process).
      const pid = await postmasterPid();
      process.kill(pid, 'SIGKILL');
      for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(50);
      // Give the processes a moment to notice, as an operator would before looking.
      await sleep(2000);
      const died = (['api', 'sync'] as Role[]).filter((r) => {
        const p = procs[r];
        return !p || !isAlive(p.pid);
      });
      for (let attempt = 1; ; attempt++) {
        try {
          // Orphaned backends hold the old shared memory until they notice the postmaster is gone.
          pg = await startEmbeddedPostgres({ dataDir: join(cluster.dir, 'pg'), port: cluster.port, database: 'postgres', log: silentLogger, settings: SOAK_PG_SETTINGS });
          break;
        } catch (e) {
          if (attempt >= 30) throw e;
          await sleep(1000);
        }
      }
      const restarted: { role: Role; why: string }[] = [];
      for (const r of died) {
        tails[r] = procs[r]?.output().slice(-4000) ?? '';
        log(`${r} exited with Postgres; its last output:\n${tails[r].split('\n').slice(-8).join('\n')}`);
        const why = tails[r].split('\n').find((l) => /Error|FATAL|fatal/.test(l))?.trim() ?? 'no error printed';
        restarted.push({ role: r, why });
        await startWithRetry(r);
      }
      return { restarted };
    },
    async ensureRunning() {
      const dead = (['api', 'sync'] as Role[]).filter((r) => !procs[r] || !isAlive(procs[r]!.pid));
      for (const r of dead) {
        tails[r] = procs[r]?.output().slice(-4000) ?? '';
        await startWithRetry(r);
      }
      return dead;
    },
    syncDisk,
    tail: (role) => (procs[role] ? procs[role]!.output().slice(-4000) : tails[role]),
    async stop() {
      for (const role of ['api', 'sync'] as Role[]) {
        const p = procs[role];
        if (!p) continue;
        p.kill('SIGTERM');
        const done = await Promise.race([p.exited.then(() => true), sleep(15_000).then(() => false)]);
        if (!done) {
          p.kill('SIGKILL');
          await p.exited;
        }
      }
      await sql.end({ timeout: 2 }).catch(() => {});
      await pg.stop().catch(() => {});
      await rm(cluster.dir, { recursive: true, force: true });
      await syncDisk?.unmount();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

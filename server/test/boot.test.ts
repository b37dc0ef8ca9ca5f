import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createSql } from '../src/db/client.ts';
import { DEMO_COMMUNITY } from '../src/demo/community.ts';
import { startServer, type ServerProcess } from './support/process.ts';
import { freePort, startTestCluster, tempDir, type TestCluster } from './support/postgres.ts';

// These tests run the server the way `npm start` does: a real process, an embedded Postgres in a
// throwaway data folder, stopped by PID at the end.
let dataDir: string;
let pgPort: number;
const running: ServerProcess[] = [];

async function boot(env: Record<string, string> = {}) {
  const port = await freePort();
  const proc = startServer({ PORT: String(port), CHORUS_DATA_DIR: dataDir, CHORUS_PG_PORT: String(pgPort), ...env });
  running.push(proc);
  await proc.waitFor(/Chorus is running at/, 60_000);
  return { proc, url: `http://127.0.0.1:${port}` };
}

async function stop(proc: ServerProcess, signal: NodeJS.Signals = 'SIGINT') {
  proc.kill(signal);
  return proc.exited;
}

const postmasterPid = () => {
  const file = join(dataDir, 'postgres', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : null;
};

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function botIds(): Promise<string[]> {
  const { password } = JSON.parse(readFileSync(join(dataDir, 'postgres.auth.json'), 'utf8'));
  // Read while a server is up, straight from its embedded Postgres.
  const sql = createSql(`postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/chorus`, { max: 1 });
  try {
    return (await sql<{ id: string }[]>`SELECT id FROM bots ORDER BY handle`).map((r) => r.id);
  } finally {
    await sql.end();
  }
}

beforeAll(async () => {
  dataDir = join(await tempDir(), 'data');
  pgPort = await freePort();
});

afterAll(async () => {
  for (const p of running) p.kill('SIGKILL');
  const pid = postmasterPid();
  if (pid && alive(pid)) process.kill(pid, 'SIGINT');
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  let firstIds: string[] = [];

  test('boots on an embedded Postgres, applies migrations, loads the demo community', async () => {
    const { proc, url } = await boot();
    const health = await (await fetch(`${url}/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', database: { reachable: true }, migrations: { current: true } });
    firstIds = await botIds();
    expect(firstIds.length).toBe(DEMO_COMMUNITY.length);
    expect(DEMO_COMMUNITY.length).toBeGreaterThanOrEqual(6);
    // every log line is one JSON object
    const logLines = proc.output().split('\n').filter((l) => l.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(0);
    for (const l of logLines) expect(() => JSON.parse(l)).not.toThrow();
    expect(existsSync(join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);

    // Ctrl-C stops the server and the embedded Postgres cleanly
    const pmPid = postmasterPid()!;
    expect(await stop(proc, 'SIGINT')).toBe(0);
    expect(alive(pmPid)).toBe(false);
    expect(postmasterPid()).toBeNull();
  });

  test('a second start reuses the same data', async () => {
    const { proc } = await boot();
    expect(await botIds()).toEqual(firstIds);
    expect(proc.output()).not.toContain('demo community loaded');
    expect(proc.output()).not.toContain('migration applied');
    expect(await stop(proc)).toBe(0);
  });

  test('after kill -9 the next start recovers the orphaned Postgres with no data loss', async () => {
    const { proc } = await boot();
    const orphan = postmasterPid()!;
    await stop(proc, 'SIGKILL');
    expect(alive(orphan)).toBe(true); // the postmaster outlives its parent
    const again = await boot();
    expect(again.proc.output()).toContain('stopping a Postgres left running by a killed Chorus');
    expect(await botIds()).toEqual(firstIds);
    expect(alive(orphan)).toBe(false);
    expect(await stop(again.proc)).toBe(0);
  });

  test('a second server on the same data folder is refused while the first runs', async () => {
    const { proc } = await boot();
    const second = startServer({ PORT: String(await freePort()), CHORUS_DATA_DIR: dataDir, CHORUS_PG_PORT: String(pgPort) });
    running.push(second);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/^chorus: another Chorus \(PID \d+\) is using .*\n$/);
    const health = await (await fetch(`http://127.0.0.1:${/:(\d+)\//.exec(proc.output())![1]}/api/health`)).json();
    expect(health.status).toBe('ok');
    expect(await stop(proc)).toBe(0);
  });
});

describe('bad settings stop the boot with a one-line reason', () => {
  const oneLine = async (env: Record<string, string>) => {
    const proc = startServer({ CHORUS_DATA_DIR: dataDir, CHORUS_PG_PORT: String(pgPort), ...env });
    running.push(proc);
    expect(await proc.exited).toBe(1);
    const out = proc.output();
    expect(out.trimEnd().split('\n')).toHaveLength(1);
    return out;
  };

  test('bad PORT', async () => {
    expect(await oneLine({ PORT: 'eighty' })).toContain('PORT must be an integer from 1 to 65535, got "eighty"');
  });

  test('bad DATABASE_URL', async () => {
    expect(await oneLine({ DATABASE_URL: 'http://example.com/db' })).toContain('DATABASE_URL must be a URL starting with postgres:');
    const port = await freePort(); // nothing listens there
    const out = await oneLine({ DATABASE_URL: `postgres://u:hunter2pw@127.0.0.1:${port}/x` });
    expect(out).toContain(`cannot connect to Postgres at 127.0.0.1:${port}/x`);
    expect(out).not.toContain('hunter2pw');
  });

  describe('external Postgres', () => {
    let replica: TestCluster;
    beforeAll(async () => {
      replica = await startTestCluster({ wal_level: 'replica' });
    });
    afterAll(() => replica.remove());

    test('without wal_level=logical', async () => {
      expect(await oneLine({ DATABASE_URL: replica.url })).toContain('wal_level=replica; Chorus needs wal_level=logical');
    });
  });

  describe('a role that cannot replicate', () => {
    let cluster: TestCluster;
    beforeAll(async () => {
      cluster = await startTestCluster();
      const admin = createSql(cluster.url, { max: 1 });
      await admin`CREATE ROLE plain LOGIN PASSWORD 'plainpassword'`;
      await admin.end();
    });
    afterAll(() => cluster.remove());

    test('is refused before anything is written', async () => {
      const url = cluster.url.replace(/\/\/[^@]+@/, '//plain:plainpassword@');
      expect(await oneLine({ DATABASE_URL: url })).toContain('role "plain" lacks the REPLICATION attribute');
      const admin = createSql(cluster.url, { max: 1 });
      const [t] = await admin`SELECT to_regclass('schema_migrations') AS t`;
      await admin.end();
      expect(t!.t).toBeNull();
    });
  });
});

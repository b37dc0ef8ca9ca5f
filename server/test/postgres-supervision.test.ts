/**
 * The embedded Postgres is supervised: SIGKILL its postmaster under a running `npm start` and
 * Chorus starts it again, healthy within seconds, without anyone restarting Chorus itself.
 */
import { afterAll, expect, setDefaultTimeout, test } from 'bun:test';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startServer, type ServerProcess } from './support/process.ts';
import { freePort, tempDir } from './support/postgres.ts';

setDefaultTimeout(180_000);

const running: ServerProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const p of running) {
    p.kill('SIGINT');
    await Promise.race([p.exited, new Promise((r) => setTimeout(r, 20_000))]);
    p.kill('SIGKILL');
  }
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function healthy(url: string) {
  try {
    const [h, p] = await Promise.all([fetch(`${url}/api/health`), fetch(`${url}/api/public/bots`)]);
    return h.status === 200 && p.status === 200 && ((await h.json()) as { status: string }).status === 'ok';
  } catch {
    return false;
  }
}

test('SIGKILL of the postmaster: Chorus starts Postgres again and is healthy within seconds', async () => {
  const root = await tempDir();
  dirs.push(root);
  const dataDir = join(root, 'data');
  const port = await freePort();
  const proc = startServer({ PORT: String(port), CHORUS_DATA_DIR: dataDir, CHORUS_PG_PORT: String(await freePort()) });
  running.push(proc);
  await proc.waitFor(/Chorus is running at/, 90_000);
  const url = `http://127.0.0.1:${port}`;
  const until = async (what: string, check: () => Promise<boolean>, ms: number) => {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; output:\n${proc.output().slice(-3000)}`);
      await Bun.sleep(100);
    }
  };
  await until('the first healthy answer', () => healthy(url), 30_000);

  const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
  const postmaster = () => (existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : null);
  const first = postmaster()!;
  expect(alive(first)).toBe(true);
  process.kill(first, 'SIGKILL');
  const killedAt = Date.now();
  await until('the postmaster to die', async () => !alive(first), 10_000);
  await until('Chorus to be healthy again', () => healthy(url), 60_000);
  const recoveredMs = Date.now() - killedAt;
  console.log(`healthy again ${recoveredMs} ms after the SIGKILL`);
  expect(proc.output()).toContain('the embedded Postgres stopped unexpectedly');
  expect(postmaster()).not.toBe(first);
  // Chorus itself never stopped.
  expect(alive(proc.pid)).toBe(true);
  // A graceful stop still works afterwards (the dead child is not waited for).
  proc.kill('SIGINT');
  expect(await proc.exited).toBe(0);
});

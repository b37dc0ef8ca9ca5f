import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { waitForDb } from './browser';
import { BUILD_DIR } from './paths';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The admin token the e2e server runs with: the dashboard must sign in, as in production. */
export const E2E_ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdef';

export interface RealServer {
  url: string;
  /** Headers for writes from the test itself (through the API, as another client would). */
  admin: Record<string, string>;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  /** Stops the server process (as a crash or a deploy would), keeping its database. */
  halt(): Promise<void>;
  /** Starts it again on the same port and database, and waits until it is healthy. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The real Chorus server (`bun server/src/main.ts`) on a fresh embedded Postgres, serving the
 * built dashboard, /v1/shape and /api; the demo community loads into the empty database. It has
 * an admin token, so browsers sign in before they sync or write. `env` adds settings (providers).
 */
export async function startRealServer(env: Record<string, string> = {}): Promise<RealServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'chorus-e2e-server-'));
  // As root, the embedded Postgres runs as the `postgres` user and must reach its data folder.
  await chmod(dataDir, 0o755);
  const port = await freePort();
  // Embedded Postgres wants a port below the ephemeral range (see server config).
  const pgPort = 20_000 + Math.floor(Math.random() * 10_000);
  let log = '';
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const start = async () => {
    const started: ChildProcess = spawn(join(ROOT, 'node_modules/.bin/bun'), ['server/src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        CHORUS_DATA_DIR: dataDir,
        CHORUS_PG_PORT: String(pgPort),
        CHORUS_WEB_DIR: BUILD_DIR,
        // The stage built the dashboard just before; a rebuild under an open page would test neither.
        CHORUS_BUILD_DASHBOARD: 'off',
        CHORUS_WEB_SEARCH: 'off',
        CHORUS_LOG_LEVEL: 'warn',
        CHORUS_ADMIN_TOKEN: E2E_ADMIN_TOKEN,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    started.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    started.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    const deadline = Date.now() + 150_000;
    for (;;) {
      if (started.exitCode !== null) throw new Error(`the server exited (${started.exitCode}):\n${log}`);
      const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > deadline) {
        started.kill('SIGKILL');
        throw new Error(`the server did not become healthy:\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  const halt = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((r) => running.once('exit', r));
    running.kill('SIGINT');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
    if (running.exitCode === null) {
      running.kill('SIGKILL');
      await exited;
    }
  };

  await start();
  return {
    url,
    admin: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` },
    output: () => log,
    halt,
    resume: start,
    async stop() {
      await halt();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Opens the dashboard on a fresh profile and signs in with the admin token, as a person does. */
export async function signIn(page: Page, server: RealServer): Promise<void> {
  await page.goto(server.url);
  await waitForDb(page);
  const panel = page.getByRole('region', { name: 'Sign in to sync' });
  await panel.getByLabel('Admin token').fill(E2E_ADMIN_TOKEN);
  await panel.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.bot-list__item').first().waitFor({ timeout: 90_000 });
}

/**
 * The shape server as its own process (`bun sync/src/main.ts`) for benchmarks, so its memory and
 * CPU are its own; resolves once `/v1/health` answers 200.
 */
import { join } from 'node:path';
import { freePort } from '../server/test/support/postgres.ts';

export async function spawnShapeServer(databaseUrl: string, dir: string): Promise<{ server: Bun.Subprocess; url: string }> {
  const port = await freePort();
  const server = Bun.spawn([process.execPath, 'sync/src/main.ts'], {
    cwd: new URL('../', import.meta.url).pathname,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      CHORUS_SYNC_PORT: String(port),
      CHORUS_SYNC_DATA_DIR: join(dir, 'sync'),
      CHORUS_SYNC_TABLES: '*',
      CHORUS_LOG_LEVEL: 'warn',
    },
    stdout: 'inherit',
    stderr: 'inherit',
  });
  const url = `http://127.0.0.1:${port}/v1/shape`;
  for (let i = 0; ; i++) {
    const ok = await fetch(url.replace('/shape', '/health')).then((r) => r.status === 200, () => false);
    if (ok) break;
    if (i > 300) throw new Error('the shape server did not start');
    await Bun.sleep(100);
  }
  return { server, url };
}

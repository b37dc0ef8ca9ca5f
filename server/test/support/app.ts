import { createApp, VERSION } from '../../src/app.ts';
import { loadConfig } from '../../src/config/index.ts';
import { readMigrations } from '../../src/db/migrate.ts';
import { silentLogger } from '../../src/log.ts';
import type { TestDatabase } from './postgres.ts';

/** The real app over a test database, driven through `app.handle()`. */
export async function testApp(db: TestDatabase, env: Record<string, string> = {}) {
  const config = loadConfig({ CHORUS_DEMO: 'false', ...env });
  const app = createApp({
    config,
    sql: db.sql,
    log: silentLogger,
    migrations: await readMigrations(),
    startedAt: Date.now(),
    version: VERSION,
  });
  const request = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.handle(
      new Request(`http://localhost${path}`, {
        method,
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );
  return { app, config, request };
}

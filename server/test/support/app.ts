import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config/index.ts';
import { readMigrations } from '../../src/db/migrate.ts';
import { silentLogger } from '../../src/log.ts';
import { createAppDeps, type ServiceOverrides } from '../../src/services.ts';
import type { TestDatabase } from './postgres.ts';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

/** The real app over a test database, driven through `app.handle()`; writes carry the admin token. */
export async function testApp(db: TestDatabase, env: Record<string, string> = {}, overrides: ServiceOverrides = {}) {
  const config = loadConfig({ CHORUS_DEMO: 'false', CHORUS_ADMIN_TOKEN: TEST_ADMIN_TOKEN, CHORUS_WEB_SEARCH: 'off', ...env });
  const deps = createAppDeps(config, { sql: db.sql, migrations: await readMigrations() }, silentLogger, overrides);
  const app = createApp(deps);
  const request = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.handle(
      new Request(`http://localhost${path}`, {
        method,
        headers: {
          authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );
  const json = async (method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
    const res = await request(method, path, body, headers);
    return { status: res.status, body: (await res.json()) as any };
  };
  return { app, deps, config, request, json };
}

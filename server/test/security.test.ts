import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createSql } from '../src/db/client.ts';
import { databaseDigest } from './fuzz/http-fuzz.ts';
import { testApp } from './support/app.ts';
import { createTestDatabase, freePort, tempDir, type TestDatabase } from './support/postgres.ts';
import { startServer, type ServerProcess } from './support/process.ts';

describe('without the admin token', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.sql`INSERT INTO bots (handle, name) VALUES ('guarded', 'Guarded')`;
  });
  afterAll(() => db.drop());

  test('no write route changes anything', async () => {
    const api = await testApp(db);
    const doc = await (await api.request('GET', '/api/openapi.json')).json();
    const [bot] = await db.sql`SELECT id FROM bots`;
    const before = await databaseDigest(db.sql);
    let writes = 0;
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(methods)) {
        if (method === 'get' || !path.startsWith('/api/')) continue;
        writes++;
        const url = path.replace(/\{[^}]+\}/g, bot!.id);
        for (const authorization of ['', 'Bearer not-the-token-not-the-token']) {
          const res = await api.request(method.toUpperCase(), url, { name: 'x', handle: 'intruder', mutations: [] }, { authorization });
          expect(res.status, `${method} ${path}`).toBe(401);
        }
      }
    }
    expect(writes).toBeGreaterThan(20);
    expect(await databaseDigest(db.sql)).toBe(before);
  });
});

describe('secrets', () => {
  let proc: ServerProcess;
  let dir: string;
  let base: string;
  let pgPort: number;
  const KEY = 'sk-test-NEVER-SHOW-THIS-KEY-0123456789';
  const OTHER = 'other-provider-secret-value-42';
  const ADMIN = 'admin-token-NEVER-SHOW-0123456789';
  beforeAll(async () => {
    dir = await tempDir();
    const port = await freePort();
    pgPort = await freePort();
    proc = startServer({
      PORT: String(port),
      CHORUS_DATA_DIR: join(dir, 'data'),
      CHORUS_PG_PORT: String(pgPort),
      CHORUS_LOG_LEVEL: 'debug',
      CHORUS_ADMIN_TOKEN: ADMIN,
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
      CHORUS_PROVIDERS: 'other=http://127.0.0.1:9/v1',
      CHORUS_PROVIDER_OTHER_API_KEY: OTHER,
      CHORUS_DEFAULT_PROVIDER: 'sim',
      CHORUS_LLM_MAX_RETRIES: '0',
    });
    await proc.waitFor(/Chorus is running at/, 60_000);
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    proc.kill('SIGINT');
    await proc.exited;
    await rm(dir, { recursive: true, force: true });
  });

  test('API keys and the admin token reach no table, log line or response', async () => {
    const auth = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
    const bots = await (await fetch(`${base}/api/bots`)).json();
    // a bot on a real provider that cannot be reached: the failure is logged and recorded
    await fetch(`${base}/api/bots/${bots[0].id}/config`, { method: 'PUT', headers: auth, body: JSON.stringify({ provider: 'openai', model: 'gpt-4o-mini' }) });
    await fetch(`${base}/api/bots/${bots[1].id}/config`, { method: 'PUT', headers: auth, body: JSON.stringify({ provider: 'other', model: 'm' }) });
    for (const b of bots.slice(0, 3)) await fetch(`${base}/api/heartbeat/${b.id}`, { method: 'POST', headers: auth });
    const responses = await Promise.all(
      ['/api/health', '/api/bots', '/api/openapi.json', '/api/metrics', '/api/activity?limit=50', '/api/stats/usage', '/api/export/bots?format=json', '/api/export/activity?format=csv', '/api/public/bots']
        .map(async (p) => (await fetch(`${base}${p}`, { headers: { authorization: `Bearer ${ADMIN}` } })).text()),
    );
    const errors = (await (await fetch(`${base}/api/activity?limit=10`)).json()).items.filter((a: { action: string }) => a.action === 'error');
    expect(errors.length).toBeGreaterThan(0); // the calls really failed against the unreachable providers

    // every row of every table, as text
    const { password } = JSON.parse(readFileSync(join(dir, 'data', 'postgres.auth.json'), 'utf8'));
    const sql = createSql(`postgres://postgres:${password}@127.0.0.1:${pgPort}/chorus`, { max: 1 });
    const tables = await sql<{ t: string }[]>`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`;
    const dumps = await Promise.all(tables.map(async ({ t }) => JSON.stringify(await sql.unsafe(`SELECT * FROM "${t}"`))));
    await sql.end();
    expect(dumps.join('').length).toBeGreaterThan(1000);
    const everything = [proc.output(), ...responses, ...dumps].join('\n');
    for (const secret of [KEY, OTHER, ADMIN]) expect(everything).not.toContain(secret);
  });
});

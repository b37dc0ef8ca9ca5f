import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createApp, VERSION } from '../src/app.ts';
import { createLogger } from '../src/log.ts';
import { testApp } from './support/app.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('the HTTP app', () => {
  test('GET /api/health reports the database, migrations and uptime', async () => {
    const { request } = await testApp(db);
    const res = await request('GET', '/api/health');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      status: 'ok',
      database: { reachable: true },
      migrations: { current: true, pending: [] },
      version: VERSION,
    });
    expect(body.migrations.applied).toBe(body.migrations.expected);
    expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  test('health is degraded (503) when a migration is missing from the database', async () => {
    const { deps } = await testApp(db);
    deps.migrations.push({ version: 9999, name: '9999_future.sql', sql: '', checksum: 'x' });
    const res = await createApp(deps).handle(new Request('http://localhost/api/health'));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'degraded', migrations: { current: false, pending: ['9999_future.sql'] } });
  });

  test('health is degraded (503) when the database is unreachable', async () => {
    const gone = await createTestDatabase();
    const { request } = await testApp(gone);
    await gone.drop();
    const res = await request('GET', '/api/health');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'degraded', database: { reachable: false } });
  });

  test('unknown routes get a JSON 404, never an HTML page', async () => {
    const { request } = await testApp(db);
    for (const [method, path] of [['GET', '/api/nope'], ['POST', '/api/health'], ['GET', '/../../etc/passwd']] as const) {
      const res = await request(method, path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/json');
      const body = await res.json();
      expect(body.error).toBe('not_found');
      expect(body.message).toContain('no route');
    }
  });

  test('the OpenAPI document is served as JSON and describes the routes', async () => {
    const { request } = await testApp(db);
    const res = await request('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Chorus API');
    expect(doc.paths['/api/health'].get.summary).toContain('database');
  });
});

describe('structured logs', () => {
  test('one JSON object a line, filtered by level, secrets redacted', () => {
    const lines: string[] = [];
    const log = createLogger('info', (l) => lines.push(l)).child({ module: 'test' });
    log.debug('hidden');
    log.info('hello', { adminToken: 'sekrit-value', apiKey: 'sk-123', nested: { password: 'pw' }, n: 1n });
    expect(lines.length).toBe(1);
    const rec = JSON.parse(lines[0]!);
    expect(rec).toMatchObject({ level: 'info', msg: 'hello', module: 'test', adminToken: '[redacted]', apiKey: '[redacted]', n: '1' });
    expect(rec.nested.password).toBe('[redacted]');
    expect(lines[0]).not.toContain('sekrit');
    expect(typeof rec.t).toBe('string');
  });
});

describe('API docs', () => {
  test('the docs page renders from local assets only, so it works with no internet', async () => {
    const { request } = await testApp(db);
    const page = await (await request('GET', '/api/docs')).text();
    const urls = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThanOrEqual(2);
    for (const url of urls) {
      expect(url.startsWith('/')).toBe(true);
      const res = await request('GET', url);
      expect(res.status, url).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    expect(page).toContain('/api/openapi.json');
    expect((await request('GET', '/api/docs/assets/package.json')).status).toBe(404);
  });
});

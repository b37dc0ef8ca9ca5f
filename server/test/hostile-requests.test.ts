import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { staticFiles } from '../src/runtime/static-files.ts';
import { databaseDigest } from './fuzz/http-fuzz.ts';
import { testApp } from './support/app.ts';
import { createTestDatabase, tempDir, type TestDatabase } from './support/postgres.ts';

// Requests shaped to break the server rather than to use it: each is a JSON 4xx naming what is
// wrong, and changes nothing.
let db: TestDatabase;
let api: Awaited<ReturnType<typeof testApp>>;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await testApp(db);
  dir = await tempDir();
  await mkdir(join(dir, 'web'), { recursive: true });
  await writeFile(join(dir, 'web', 'index.html'), '<!doctype html><title>Chorus</title>');
  api.deps.staticFiles = staticFiles(join(dir, 'web'));
});
afterAll(async () => {
  await db.drop();
  await rm(dir, { recursive: true, force: true });
});

const expectJsonError = async (res: Response, status: number) => {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toStartWith('application/json');
  const body = await res.json();
  expect(typeof body.error).toBe('string');
  expect(typeof body.message).toBe('string');
  return body;
};

describe('hostile requests', () => {
  test('a mutation type inherited from Object.prototype is an unknown type (422), not a crash', async () => {
    const before = await databaseDigest(db.sql);
    for (const type of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__']) {
      const res = await api.request('POST', '/api/mutations', { mutations: [{ type, id: '00000000-0000-4000-8000-000000000001' }] });
      const body = await expectJsonError(res, 422);
      expect(body.message, type).toMatch(/^mutations\[0\]\.type: must be one of /);
    }
    // A raw body, so "__proto__" is a real own key of the parsed object.
    const raw = await api.request('POST', '/api/mutations', '{"mutations":[{"__proto__":{"type":"bot.create"},"type":"__proto__","id":"x"}]}');
    await expectJsonError(raw, 422);
    expect(await databaseDigest(db.sql)).toBe(before);
  });

  test('a page path that is not valid percent-encoding is a 400, not a 500', async () => {
    for (const path of ['/%ff', '/%E0%A4%A', '/bots/%', '/%C0%AF', '/%ED%A0%80']) {
      const body = await expectJsonError(await api.request('GET', path), 400);
      expect(body.message).toContain('percent-encoded');
    }
    expect((await api.request('GET', '/bots/%E2%9C%93')).status).toBe(200); // valid UTF-8 is a route
  });

  test('the error handler answers JSON even for an error it cannot describe', async () => {
    // A route that throws what no handler expects: a string, a "validation error" whose details
    // throw when read (as an inherited mutation type once made validationBody do).
    const { Elysia } = await import('elysia');
    const { errorHandling } = await import('../src/http/errors.ts');
    const { silentLogger } = await import('../src/log.ts');
    const hostile = { code: 'VALIDATION', get all(): never { throw new TypeError('undefined is not an object'); } };
    const app = new Elysia()
      .use(errorHandling(silentLogger))
      .get('/string', () => { throw 'a string'; })
      .get('/getter', () => { throw hostile; });
    for (const p of ['/string', '/getter']) {
      const res = await app.handle(new Request(`http://localhost${p}`));
      expect(res.status, p).toBe(500);
      expect(res.headers.get('content-type'), p).toStartWith('application/json');
      const text = await res.text();
      expect(text, p).not.toContain(process.cwd());
      expect(JSON.parse(text).error, p).toBe('internal');
    }
  });

  test('a body over 2 MiB is a 413, declared or streamed; a body nested over 32 deep is a 400, on every route', async () => {
    const before = await databaseDigest(db.sql);
    const huge = JSON.stringify({ mutations: [{ type: 'bot.create', blob: 'x'.repeat(3 * 1024 * 1024) }] });
    expect((await expectJsonError(await api.request('POST', '/api/mutations', huge), 413)).error).toBe('body_too_large');
    // Chunked, with no Content-Length: refused while reading, not after.
    const chunks = (function* () {
      for (let i = 0; i < 40; i++) yield new TextEncoder().encode('['.repeat(100_000));
    })();
    const streamed = new ReadableStream({ pull(c) { const n = chunks.next(); if (n.done) c.close(); else c.enqueue(n.value); } });
    const res = await api.app.handle(new Request('http://localhost/api/threads', { method: 'POST', headers: { authorization: `Bearer ${api.config.adminToken}`, 'content-type': 'application/json' }, body: streamed, duplex: 'half' } as RequestInit));
    await expectJsonError(res, 413);

    const nested = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n); // 50,000 levels is the 300 KB body of the report
    for (const [method, path] of [['POST', '/api/mutations'], ['POST', '/sim/v1/chat/completions'], ['PUT', '/api/pace'], ['POST', '/api/threads'], ['POST', '/api/session']]) {
      for (const body of [nested(50_000), '['.repeat(5000) + ']'.repeat(5000), `{"mutations":[${nested(33)}]}`]) {
        const err = await expectJsonError(await api.request(method!, path!, body), 400);
        expect(err.message, `${method} ${path}`).toContain('more than 32 deep');
      }
    }
    // Brackets inside strings are text, not nesting.
    const inString = await api.request('POST', '/api/mutations', JSON.stringify({ mutations: [{ type: 'nope', id: '['.repeat(5000) }] }));
    expect(inString.status).toBe(422);
    expect(await databaseDigest(db.sql)).toBe(before);
  });

  test('with a token set, the simulated model needs it like the API does', async () => {
    const body = { model: 'chorus-sim-1', messages: [{ role: 'user', content: 'hello' }] };
    const anonymous = await api.request('POST', '/sim/v1/chat/completions', body, { authorization: '' });
    expect((await expectJsonError(anonymous, 401)).error).toBe('unauthorized');
    expect((await api.request('GET', '/sim/v1/models', undefined, { authorization: '' })).status).toBe(401);
    expect((await api.request('POST', '/sim/v1/chat/completions', body)).status).toBe(200);
  });
});

describe('sessions', () => {
  test('a new admin token ends every session made with the old one', async () => {
    const first = await testApp(db, { CHORUS_ADMIN_TOKEN: 'the-first-admin-token-0123' });
    const signIn = await first.request('POST', '/api/session', { token: 'the-first-admin-token-0123' }, { authorization: '' });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const read = (app: typeof first) => app.request('GET', '/api/bots', undefined, { authorization: '', cookie });
    expect((await read(first)).status).toBe(200);
    const second = await testApp(db, { CHORUS_ADMIN_TOKEN: 'the-second-admin-token-456' });
    expect((await read(second)).status).toBe(401);
    // and signing in under the new token clears the old rows
    await second.request('POST', '/api/session', { token: 'the-second-admin-token-456' }, { authorization: '' });
    expect((await read(first)).status).toBe(401);
    const rows = await db.sql`SELECT * FROM sessions`;
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(cookie.split('=')[1]!);
  });
});

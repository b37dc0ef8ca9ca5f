/**
 * The wire, request by request, against a real Postgres: headers, status codes, message format,
 * value encoding, the global watermark, live long-poll and SSE, access control.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test';
import { createTestDatabase, type TestDatabase } from '../../server/test/support/postgres.ts';
import { DASHBOARD_SHAPES } from '../src/browser/index.ts';
import { ShapeStream } from '@electric-sql/client';
import { startHarness, waitFor, type Harness } from './support/harness.ts';

setDefaultTimeout(60_000);

let h: Harness;
let locked: Harness;
let migrated: TestDatabase;
let dashboard: Harness;

beforeAll(async () => {
  h = await startHarness({ longPollMs: 1500 });
  await h.db.sql.unsafe(`
    CREATE TABLE things (id int PRIMARY KEY, name text NOT NULL, price numeric(8,2), tags text[], meta jsonb,
      at timestamptz, bytes bytea, ratio float8, span interval, flag boolean, code char(4));
    INSERT INTO things VALUES (1, 'one', 1.50, '{a,"b c"}', '{"k":1}', '2024-03-04 05:06:07.123456+00', '\\x0102', 0.1, '1 day 2 hours', true, 'ab');
    CREATE TABLE other (id int PRIMARY KEY, v text);
    CREATE TABLE evolving (id int PRIMARY KEY, v text);
  `);
  migrated = await createTestDatabase();
  dashboard = await startHarness({ tables: undefined, adminToken: 'a-very-secret-admin-token', testMode: false }, migrated);
  locked = dashboard;
});

afterAll(async () => {
  await dashboard?.stop();
  await migrated?.drop();
  await h?.stop();
});

const get = (query: string, init?: RequestInit) => fetch(`${h.shapeUrl}?${query}`, init);
const messages = async (res: Response) => (await res.json()) as { key?: string; value?: Record<string, unknown>; headers: Record<string, unknown> }[];

async function initial(table: string, extra = '') {
  const first = await get(`table=${table}&offset=-1${extra}`);
  expect(first.status).toBe(200);
  return first;
}

describe('initial sync and catch-up', () => {
  test('offset=-1 answers chunk 0_0 with the schema and no up-to-date', async () => {
    const res = await initial('things');
    expect(res.headers.get('electric-offset')).toBe('0_0');
    expect(res.headers.get('electric-handle')).toBeTruthy();
    expect(res.headers.has('electric-up-to-date')).toBe(false);
    expect(res.headers.get('cache-control')).toBe('public, max-age=604800, s-maxage=3600, stale-while-revalidate=2629746');
    expect(res.headers.get('access-control-expose-headers')).toContain('electric-handle');
    expect(JSON.parse(res.headers.get('electric-schema')!)).toEqual({
      id: { type: 'int4', pk_index: 0, not_null: true },
      name: { type: 'text', not_null: true },
      price: { type: 'numeric', precision: 8, scale: 2 },
      tags: { type: 'text', dims: 1 },
      meta: { type: 'jsonb' },
      at: { type: 'timestamptz' },
      bytes: { type: 'bytea' },
      ratio: { type: 'float8' },
      span: { type: 'interval' },
      flag: { type: 'bool' },
      code: { type: 'bpchar', length: 4 },
    });
    const body = await messages(res);
    expect(body[0]).toEqual({
      key: '"public"."things"/"1"',
      value: {
        id: '1', name: 'one', price: '1.50', tags: '{a,"b c"}', meta: '{"k": 1}', at: '2024-03-04 05:06:07.123456+00',
        bytes: '\\x0102', ratio: '0.1', span: 'P1DT2H', flag: 'true', code: 'ab  ',
      },
      headers: { operation: 'insert', relation: ['public', 'things'] },
    });
    const end = body.at(-1)!;
    expect(end.headers.control).toBe('snapshot-end');
    expect(typeof end.headers.xmin).toBe('string');
    expect(typeof end.headers.xmax).toBe('string');
    expect(Array.isArray(end.headers.xip_list)).toBe(true);
  });

  test('the next request is up-to-date with a global_last_seen_lsn string', async () => {
    const first = await initial('things');
    const handle = first.headers.get('electric-handle')!;
    const res = await get(`table=things&offset=0_0&handle=${handle}`);
    expect(res.status).toBe(200);
    expect(res.headers.has('electric-up-to-date')).toBe(true);
    expect(res.headers.get('electric-schema')).toBeTruthy();
    const body = await messages(res);
    expect(body).toHaveLength(1);
    expect(body[0]!.headers.control).toBe('up-to-date');
    expect(body[0]!.headers.global_last_seen_lsn).toMatch(/^\d+$/);
  });

  test('identical definitions share a handle; different ones do not', async () => {
    const a = (await initial('things')).headers.get('electric-handle');
    const b = (await initial('things')).headers.get('electric-handle');
    const c = (await initial('things', '&where=id%3D1')).headers.get('electric-handle');
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  test('offset=now answers up-to-date at the end of the log', async () => {
    const res = await get('table=things&offset=now');
    expect(res.status).toBe(200);
    expect(res.headers.has('electric-up-to-date')).toBe(true);
    expect(res.headers.get('electric-schema')).toBeTruthy();
    expect((await messages(res)).map((m) => m.headers.control)).toEqual(['up-to-date']);
  });

  test('etag and If-None-Match give 304', async () => {
    const res = await initial('things');
    const etag = res.headers.get('etag')!;
    expect(etag).toContain(res.headers.get('electric-handle')!);
    const again = await get('table=things&offset=-1', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('electric-offset')).toBe('0_0');
  });
});

describe('live', () => {
  test('a live request holds until a commit, which arrives whole with its transaction headers', async () => {
    const first = await initial('other');
    const handle = first.headers.get('electric-handle')!;
    const catchUp = await get(`table=other&offset=0_0&handle=${handle}`);
    const offset = catchUp.headers.get('electric-offset')!;
    const started = Date.now();
    const pending = get(`table=other&offset=${offset}&handle=${handle}&live=true`);
    await Bun.sleep(200);
    const [tx] = await h.db.sql`
      WITH a AS (INSERT INTO other VALUES (1, 'a'), (2, 'b') RETURNING 1) SELECT pg_current_xact_id()::xid::text AS xid`;
    const res = await pending;
    expect(Date.now() - started).toBeLessThan(1400);
    expect(res.headers.get('electric-cursor')).toMatch(/^\d+$/);
    expect(res.headers.has('electric-schema')).toBe(false);
    expect(res.headers.get('cache-control')).toBe('public, max-age=5, stale-while-revalidate=5');
    const body = await messages(res);
    const changes = body.filter((m) => m.key);
    expect(changes).toHaveLength(2);
    const lsn = changes[0]!.headers.lsn as string;
    expect(lsn).toMatch(/^\d+$/);
    expect(changes.map((m) => m.headers.lsn)).toEqual([lsn, lsn]);
    expect(changes.map((m) => m.headers.op_position)).toEqual([0, 1]);
    expect(changes[0]!.headers.txids).toEqual([Number(tx!.xid)]);
    expect(changes[0]!.headers.last).toBeUndefined();
    expect(changes[1]!.headers.last).toBe(true);
    const upToDate = body.at(-1)!;
    expect(upToDate.headers.control).toBe('up-to-date');
    expect(BigInt(upToDate.headers.global_last_seen_lsn as string)).toBeGreaterThanOrEqual(BigInt(lsn));
    expect(res.headers.get('electric-offset')).toBe(`${lsn}_2`);
  });

  test('with nothing to say, a live request times out with up-to-date and has-data false', async () => {
    const first = await initial('things');
    const handle = first.headers.get('electric-handle')!;
    // An empty catch-up moves the client to the watermark offset `<lsn>_0` (O2).
    const caughtUp = await get(`table=things&offset=0_0&handle=${handle}`);
    const offset = caughtUp.headers.get('electric-offset')!;
    expect(offset).toMatch(/^\d+_0$/);
    const started = Date.now();
    const res = await get(`table=things&offset=${offset}&handle=${handle}&live=true`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    expect(res.headers.get('electric-has-data')).toBe('false');
    expect((await messages(res)).map((m) => m.headers.control)).toEqual(['up-to-date']);
  });

  test('global_last_seen_lsn is a watermark across shapes: it covers commits to other tables', async () => {
    const first = await initial('things');
    const handle = first.headers.get('electric-handle')!;
    const watch = await initial('other');
    const otherHandle = watch.headers.get('electric-handle')!;
    const tail = await get(`table=other&offset=0_0&handle=${otherHandle}`);
    const pending = get(`table=other&offset=${tail.headers.get('electric-offset')}&handle=${otherHandle}&live=true`);
    await h.db.sql`INSERT INTO other VALUES (100, 'elsewhere')`;
    const change = (await messages(await pending)).find((m) => m.key)!;
    const res = await get(`table=things&offset=0_0&handle=${handle}`);
    const lsn = (await messages(res)).at(-1)!.headers.global_last_seen_lsn as string;
    expect(BigInt(lsn)).toBeGreaterThanOrEqual(BigInt(change.headers.lsn as string));
  });

  test('a held request on an untouched shape is answered soon after another table commits (I4)', async () => {
    const first = await initial('things');
    const handle = first.headers.get('electric-handle')!;
    const offset = (await get(`table=things&offset=0_0&handle=${handle}`)).headers.get('electric-offset')!;
    const pending = get(`table=things&offset=${offset}&handle=${handle}&live=true`);
    await Bun.sleep(100);
    const started = Date.now();
    await h.db.sql`INSERT INTO other VALUES (300, 'elsewhere')`;
    const res = await pending;
    expect(Date.now() - started).toBeLessThan(1000);
    const body = await messages(res);
    expect(body.map((m) => m.headers.control)).toEqual(['up-to-date']);
    expect(BigInt(body[0]!.headers.global_last_seen_lsn as string)).toBeGreaterThan(BigInt(offset.split('_')[0]!));
    expect(res.headers.get('electric-offset')).toBe(`${body[0]!.headers.global_last_seen_lsn}_0`);
  });

  test('where values reach Postgres as written: booleans, microseconds', async () => {
    for (const [where, value] of [
      ['flag = $1', 'true'],
      ['at = $1', '2024-03-04 05:06:07.123456+00'],
    ]) {
      const res = await get(`table=things&offset=-1&where=${encodeURIComponent(where!)}&params%5B1%5D=${encodeURIComponent(value!)}`);
      expect(res.status).toBe(200);
      expect((await messages(res)).map((m) => m.value?.name).filter(Boolean)).toEqual(['one']);
    }
  });

  test('parameters the server does not know are ignored, as Electric does', async () => {
    const res = await get('table=things&offset=-1&customParam=1&source_id=x');
    expect(res.status).toBe(200);
    expect((await messages(res)).some((m) => m.value?.name === 'one')).toBe(true);
  });

  test('live_sse on an idle shape holds: one up-to-date, and only after a change', async () => {
    await h.db.sql`CREATE TABLE quiet (id int PRIMARY KEY, v text)`;
    const first = await initial('quiet');
    const handle = first.headers.get('electric-handle')!;
    const tail = await get(`table=quiet&offset=0_0&handle=${handle}`);
    const tailBody = await messages(tail);
    const lsn = tailBody.find((m) => m.headers.control === 'up-to-date')!.headers.global_last_seen_lsn as string;
    const abort = new AbortController();
    const res = await get(`table=quiet&offset=${lsn}_0&handle=${handle}&live=true&live_sse=true`, { signal: abort.signal });
    const reader = res.body!.getReader();
    let text = '';
    // The change is made once the stream is open: an up-to-date before its batch would be a
    // second one for the same position.
    await h.db.sql`INSERT INTO quiet VALUES (1, 'first')`;
    while (!/up-to-date/.test(text)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended: ${text}`);
      text += new TextDecoder().decode(value);
    }
    abort.abort();
    const events = text.split('\n\n').filter((e) => e.startsWith('data: ')).map((e) => JSON.parse(e.slice(6)) as { value?: { v: string }; headers: { control?: string } });
    expect(events.map((e) => e.headers.control ?? e.value?.v)).toEqual(['first', 'up-to-date']);
  });

  test('the official client over SSE: one up-to-date per change, none while idle', async () => {
    await h.db.sql`CREATE TABLE sse_client (id int PRIMARY KEY, v text)`;
    const abort = new AbortController();
    const stream = new ShapeStream({ url: h.shapeUrl, params: { table: 'sse_client' }, liveSse: true, signal: abort.signal });
    const seen: string[] = [];
    stream.subscribe((msgs) => {
      for (const m of msgs) seen.push('key' in m ? `${m.headers.operation}:${(m.value as { v: string }).v}` : String(m.headers.control));
    }, () => {});
    await waitFor('the first up-to-date', () => seen.includes('up-to-date'));
    await h.db.sql`INSERT INTO sse_client VALUES (1, 'a')`;
    await waitFor('the insert', () => seen.includes('insert:a'));
    await h.db.sql`INSERT INTO sse_client VALUES (2, 'b')`;
    await waitFor('the second insert', () => seen.includes('insert:b'));
    abort.abort();
    const afterFirst = seen.slice(seen.indexOf('up-to-date') + 1);
    expect(afterFirst.filter((m) => m !== 'up-to-date')).toEqual(['insert:a', 'insert:b']);
    // Each batch ends with one up-to-date; nothing else was said in between.
    expect(afterFirst.join(' ')).toMatch(/^insert:a up-to-date insert:b( up-to-date)?$/);
  });

  test('live_sse streams data events and an up-to-date per batch', async () => {
    const first = await initial('other');
    const handle = first.headers.get('electric-handle')!;
    const tail = await get(`table=other&offset=0_0&handle=${handle}`);
    const abort = new AbortController();
    const res = await get(`table=other&offset=${tail.headers.get('electric-offset')}&handle=${handle}&live=true&live_sse=true`, { signal: abort.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(res.headers.get('electric-cursor')).toBeTruthy();
    const reader = res.body!.getReader();
    let text = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended: ${text}`);
        text += new TextDecoder().decode(value);
      }
    };
    await h.db.sql`INSERT INTO other VALUES (200, 'sse')`;
    await readUntil(/"sse"[\s\S]*up-to-date/);
    const events = text.split('\n\n').filter((e) => e.startsWith('data: ')).map((e) => JSON.parse(e.slice(6)));
    expect(events.some((e) => e.value?.v === 'sse' && e.headers.last === true)).toBe(true);
    abort.abort();
  });
});

describe('must-refetch', () => {
  test('an unknown handle answers 409 with a new handle', async () => {
    const res = await get('table=things&offset=123_4&handle=nope-1');
    expect(res.status).toBe(409);
    expect(res.headers.get('electric-handle')).toBeTruthy();
    expect(await res.json()).toEqual([{ headers: { control: 'must-refetch' } }]);
  });

  test('a handle used with another definition answers 409', async () => {
    const handle = (await initial('things')).headers.get('electric-handle')!;
    const res = await get(`table=things&offset=0_0&handle=${handle}&where=id%3E0`);
    expect(res.status).toBe(409);
    expect(res.headers.get('electric-handle')).not.toBe(handle);
  });

  test('a deleted (evicted) shape answers 409, and its handle is not reused', async () => {
    const handle = (await initial('things')).headers.get('electric-handle')!;
    const del = await fetch(`${h.shapeUrl}?table=things&handle=${handle}`, { method: 'DELETE' });
    expect(del.status).toBe(202);
    const res = await get(`table=things&offset=0_0&handle=${handle}`);
    expect(res.status).toBe(409);
    expect(res.headers.get('electric-handle')).not.toBe(handle);
  });

  test('DELETE takes the shape from the parameters: a handle of another definition, or no shape, is a 404', async () => {
    const where = encodeURIComponent('id > 5');
    const other = (await initial('things', `&where=${where}`)).headers.get('electric-handle')!;
    const plain = (await initial('things')).headers.get('electric-handle')!;
    // `other` is the handle of `things where id > 5`, not of `things`.
    const wrong = await fetch(`${h.shapeUrl}?table=things&handle=${other}`, { method: 'DELETE' });
    expect(wrong.status).toBe(404);
    expect((await get(`table=things&offset=0_0&handle=${other}&where=${where}`)).status).toBe(200);
    const missing = await fetch(`${h.shapeUrl}?table=things&handle=nope-123`, { method: 'DELETE' });
    expect(missing.status).toBe(404);
    expect((await get(`table=things&offset=0_0&handle=${plain}`)).status).toBe(200);
    const byDefinition = await fetch(`${h.shapeUrl}?table=things&where=${where}`, { method: 'DELETE' });
    expect(byDefinition.status).toBe(202);
    const none = await fetch(`${h.shapeUrl}?table=things&where=${where}`, { method: 'DELETE' });
    expect(none.status).toBe(404);
    expect((await get(`table=things&offset=0_0&handle=${other}&where=${where}`)).status).toBe(409);
  });

  test('a held request whose shape is deleted answers 409 without making a new shape', async () => {
    await h.db.sql`CREATE TABLE doomed (id int PRIMARY KEY)`;
    const first = await initial('doomed');
    const handle = first.headers.get('electric-handle')!;
    const tail = await get(`table=doomed&offset=0_0&handle=${handle}`);
    const pending = get(`table=doomed&offset=${tail.headers.get('electric-offset')}&handle=${handle}&live=true`);
    await Bun.sleep(100);
    expect((await fetch(`${h.shapeUrl}?table=doomed&handle=${handle}`, { method: 'DELETE' })).status).toBe(202);
    const res = await pending;
    expect(res.status).toBe(409);
    expect(res.headers.has('electric-handle')).toBe(false);
    // Nothing was made for the definition: there is no shape to delete.
    expect((await fetch(`${h.shapeUrl}?table=doomed`, { method: 'DELETE' })).status).toBe(404);
  });

  test('beyond maxShapes the least recently read shape is evicted; its handle answers 409', async () => {
    const small = await startHarness({ maxShapes: 2 }, h.db);
    try {
      const url = (q: string) => fetch(`${small.shapeUrl}?${q}`);
      const handles: string[] = [];
      for (const where of ['id=1', 'id=2', 'id=3']) {
        const res = await url(`table=things&offset=-1&where=${encodeURIComponent(where)}`);
        handles.push(res.headers.get('electric-handle')!);
        await Bun.sleep(5);
      }
      const kept = await url(`table=things&offset=0_0&handle=${handles[2]}&where=${encodeURIComponent('id=3')}`);
      expect(kept.status).toBe(200);
      const evicted = await url(`table=things&offset=0_0&handle=${handles[0]}&where=${encodeURIComponent('id=1')}`);
      expect(evicted.status).toBe(409);
      expect(evicted.headers.get('electric-handle')).not.toBe(handles[0]);
    } finally {
      await small.stop();
    }
  });

  test('a schema change answers 409 to the old handle', async () => {
    const handle = (await initial('evolving')).headers.get('electric-handle')!;
    await h.db.sql`ALTER TABLE evolving ADD COLUMN extra int`;
    await h.db.sql`INSERT INTO evolving VALUES (1, 'x', 2)`;
    let status = 0;
    for (let i = 0; i < 50 && status !== 409; i++) {
      status = (await get(`table=evolving&offset=0_0&handle=${handle}`)).status;
      await Bun.sleep(50);
    }
    expect(status).toBe(409);
    const fresh = await initial('evolving');
    expect(JSON.parse(fresh.headers.get('electric-schema')!).extra).toEqual({ type: 'int4' });
  });
});

describe('bad requests are 400 with {message, errors} naming the parameter', () => {
  const cases: [string, string, RegExp][] = [
    ['offset=-1', 'table', /required/],
    ['table=things', 'offset', /required/],
    ['table=things&offset=banana', 'offset', /format/],
    ['table=things&offset=-1&live=true', 'live', /can't be true/],
    ['table=things&offset=1_0', 'handle', /blank/],
    ['table=nope&offset=-1', 'table', /does not exist/],
    ['table=things&offset=-1&where=nosuch%3D1', 'where', /unknown column "nosuch"/],
    ['table=things&offset=-1&where=lower(name)%3D%27a%27', 'where', /^At location 0: the function call lower\(…\) is not supported$/],
    ['table=things&offset=-1&where=id%20%3D%201%20x', 'where', /^At location 7: syntax error at or near "x"$/],
    ['table=things&offset=-1&where=name%20%7C%7C%20%27x%27%20%3D%20%27y%27', 'where', /operator "\|\|"/],
    ['table=things&offset=-1&where=id%3D%241', 'params', /\$1/],
    ['table=things&offset=-1&where=id%3D%241&params%5B1%5D=abc', 'params', /invalid input/],
    ['table=things&offset=-1&params%5B1%5D=1', 'params', /without a where/],
    ['table=things&offset=-1&where=at%20%3E%20%272024-02-30%27', 'where', /out of range/],
    ['table=things&offset=-1&columns=name', 'columns', /primary key/],
    ['table=things&offset=-1&columns=id,ghost', 'columns', /unknown column/],
    ['table=things&offset=-1&replica=half', 'replica', /default or full/],
    ['table=things&offset=-1&live_sse=true', 'live_sse', /live=true/],
    // Too deep to parse: a 400 the client stops at, not a 503 it retries forever.
    [`table=things&offset=-1&where=${'id%3D1%20AND%20('.repeat(250)}id%3D1${')'.repeat(250)}`, 'where', /nested more than 200 levels deep/],
    [`table=things&offset=-1&where=${'NOT%20'.repeat(1000)}id%3D1`, 'where', /nested more than 200 levels deep/],
  ];
  for (const [query, param, message] of cases) {
    test(`${query.slice(0, 120)} → errors.${param}`, async () => {
      const res = await get(query);
      expect(res.status).toBe(400);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = (await res.json()) as { message: string; errors: Record<string, string[]> };
      expect(body.message).toBe('Invalid request');
      expect(body.errors[param]?.join(' ')).toMatch(message);
    });
  }
});

describe('routes, CORS and access', () => {
  test('health and preflight', async () => {
    const health = await fetch(h.shapeUrl.replace('/shape', '/health'));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'active' });
    const pre = await fetch(h.shapeUrl, { method: 'OPTIONS', headers: { origin: 'http://app.test', 'access-control-request-method': 'GET' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://app.test');
    expect(pre.headers.get('access-control-allow-methods')).toContain('GET');
    expect(pre.headers.get('access-control-max-age')).toBe('86400');
  });

  test('with an admin token, requests need it as `secret` or a bearer token; DELETE is refused outside test mode', async () => {
    const url = `${locked.shapeUrl}?table=bots&offset=-1`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(`${url}&secret=wrong-token-of-some-length`)).status).toBe(401);
    expect((await fetch(`${url}&secret=a-very-secret-admin-token`)).status).toBe(200);
    expect((await fetch(url, { headers: { authorization: 'Bearer a-very-secret-admin-token' } })).status).toBe(200);
    expect((await fetch(locked.shapeUrl.replace('/shape', '/health'))).status).toBe(200);
    expect((await fetch(`${url}&secret=a-very-secret-admin-token`, { method: 'DELETE' })).status).toBe(405);
  });

  test('an allowed table that does not exist does not stop the server from starting', async () => {
    const partial = await startHarness({ tables: ['public.things', 'public.not_there'] }, h.db);
    try {
      expect((await fetch(`${partial.shapeUrl}?table=things&offset=-1`)).status).toBe(200);
      const missing = await fetch(`${partial.shapeUrl}?table=not_there&offset=-1`);
      expect(missing.status).toBe(400);
      expect(((await missing.json()) as { errors: Record<string, string[]> }).errors.table![0]).toMatch(/does not exist/);
      expect((await fetch(`${partial.shapeUrl}?table=other&offset=-1`)).status).toBe(400);
    } finally {
      await partial.stop();
    }
  });

  test('by default only the dashboard tables are served, and every dashboard shape is valid', async () => {
    const auth = { headers: { authorization: 'Bearer a-very-secret-admin-token' } };
    const refused = await fetch(`${locked.shapeUrl}?table=heartbeats&offset=-1`, auth);
    expect(refused.status).toBe(400);
    for (const s of DASHBOARD_SHAPES) {
      const cols = s.columns.map((c) => `"${c}"`).join(',');
      const res = await fetch(`${locked.shapeUrl}?table=${s.table}&offset=-1&columns=${encodeURIComponent(cols)}`, auth);
      expect(res.status, `${s.table}: ${res.status === 200 ? '' : await res.text()}`).toBe(200);
      const schema = JSON.parse(res.headers.get('electric-schema')!) as Record<string, { pk_index?: number }>;
      const pk = Object.entries(schema).filter(([, c]) => c.pk_index !== undefined).sort((a, b) => a[1].pk_index! - b[1].pk_index!).map(([n]) => n);
      expect(pk).toEqual([...s.primaryKey]);
      expect(Object.keys(schema).sort()).toEqual([...s.columns].sort());
    }
  });
});

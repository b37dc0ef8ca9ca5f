/**
 * The official clients against the shape server and a real Postgres: ShapeStream and Shape from
 * @electric-sql/client, syncShapesToTables from @electric-sql/pglite-sync into in-process PGlite.
 */
import { afterAll, beforeAll, describe, expect, test, setDefaultTimeout } from 'bun:test';
import { Shape, ShapeStream, type Message, type Row } from '@electric-sql/client';
import type { PGlite } from '@electric-sql/pglite';
import type { PGliteWithSync } from '@electric-sql/pglite-sync';
import { startHarness, waitFor, type Harness } from './support/harness.ts';
import { createPglite, pgliteRows, postgresRows } from './support/pglite.ts';

// Real Postgres, PGlite and child processes on a 2-core machine: seconds, not milliseconds.
setDefaultTimeout(60_000);

let h: Harness;
let pg: PGliteWithSync & PGlite;
const streams: ShapeStream[] = [];
const unsubscribers: (() => void)[] = [];

const ITEMS_DDL = `(id int PRIMARY KEY, title text NOT NULL, done boolean NOT NULL DEFAULT false, price numeric(10,2),
  tags text[], meta jsonb, big int8, created_at timestamptz NOT NULL DEFAULT now())`;
const ITEM_COLUMNS = ['id', 'title', 'done', 'price', 'tags', 'meta', 'big', 'created_at'];

beforeAll(async () => {
  h = await startHarness();
  await h.db.sql.unsafe(`
    CREATE TABLE items ${ITEMS_DDL};
    CREATE TABLE crud ${ITEMS_DDL};
    CREATE TABLE tx_a (id int PRIMARY KEY, v int NOT NULL);
    CREATE TABLE tx_b (id int PRIMARY KEY, v int NOT NULL);
    CREATE TABLE tx_c (id int PRIMARY KEY, v int NOT NULL);
    CREATE TABLE tasks (id int PRIMARY KEY, owner text NOT NULL, status text NOT NULL, priority int NOT NULL, note text);
    CREATE TABLE wide (id int PRIMARY KEY, visible text, secret text, n int);
    CREATE TABLE trunc ${ITEMS_DDL};
  `);
  // Rows big enough that the snapshot spans several 10 kB chunks.
  await h.db.sql`
    INSERT INTO items (id, title, done, price, tags, meta, big)
    SELECT i, 'item ' || i || repeat('x', 40), i % 3 = 0, i * 1.25, ARRAY['a' || i, 'b'], jsonb_build_object('i', i, 's', 'v' || i),
           9007199254740993 + i
      FROM generate_series(1, 2000) i`;
  pg = await createPglite(`
    CREATE TABLE items ${ITEMS_DDL};
    CREATE TABLE crud ${ITEMS_DDL};
    CREATE TABLE tx_a (id int PRIMARY KEY, v int NOT NULL);
    CREATE TABLE tx_b (id int PRIMARY KEY, v int NOT NULL);
    CREATE TABLE tx_c (id int PRIMARY KEY, v int NOT NULL);
    CREATE TABLE trunc ${ITEMS_DDL};
  `);
});

afterAll(async () => {
  for (const u of unsubscribers) u();
  for (const s of streams) s.unsubscribeAll();
  await pg?.close();
  await h?.stop();
});

function stream(params: Record<string, string | string[]>, extra: { fetchClient?: typeof fetch } = {}) {
  const s = new ShapeStream({ url: h.shapeUrl, params: params as never, ...extra });
  streams.push(s);
  return s;
}

async function syncTables(tables: string[], primaryKey = ['id']) {
  let synced = false;
  const result = await pg.sync.syncShapesToTables({
    key: null,
    shapes: Object.fromEntries(tables.map((t) => [t, { shape: { url: h.shapeUrl, params: { table: t } }, table: t, primaryKey }])),
    onInitialSync: () => (synced = true),
  });
  unsubscribers.push(result.unsubscribe);
  await waitFor(`initial sync of ${tables.join(', ')}`, () => synced, 30_000);
  return result;
}

async function expectSame(table: string, columns = ITEM_COLUMNS) {
  expect(await pgliteRows(pg, table, columns, 'id')).toEqual(await postgresRows(h.db, table, columns, 'id'));
}

async function waitSame(table: string, columns = ITEM_COLUMNS) {
  let last = '';
  await waitFor(`${table} in PGlite to match Postgres`, async () => {
    const [a, b] = [await pgliteRows(pg, table, columns, 'id'), await postgresRows(h.db, table, columns, 'id')];
    last = `${a.length} rows in PGlite, ${b.length} in Postgres`;
    return JSON.stringify(a) === JSON.stringify(b);
  }).catch((e) => {
    throw new Error(`${(e as Error).message}: ${last}`);
  });
}

describe('initial sync', () => {
  test('a table larger than one chunk arrives whole, in several requests, parsed by type', async () => {
    const urls: string[] = [];
    const s = stream({ table: 'items' }, {
      fetchClient: ((input: RequestInfo | URL, init?: RequestInit) => {
        urls.push(String(input));
        return fetch(input, init);
      }) as typeof fetch,
    });
    const shape = new Shape(s);
    const rows = await shape.rows;
    expect(rows.length).toBe(2000);
    const initialRequests = urls.filter((u) => !u.includes('live=true'));
    expect(initialRequests.length).toBeGreaterThan(3);
    const row = shape.currentValue.get('"public"."items"/"7"')!;
    expect(row).toBeDefined();
    expect(row.id).toBe(7);
    expect(row.done).toBe(false);
    expect(row.price).toBe('8.75');
    expect(row.tags).toEqual(['a7', 'b']);
    expect(row.meta).toEqual({ i: 7, s: 'v7' });
    expect(row.big).toBe(9007199254741000n);
    expect(typeof row.created_at).toBe('string');
  });

  test('pglite-sync loads it into PGlite row for row', async () => {
    await syncTables(['items']);
    await expectSame('items');
  });
});

describe('changes', () => {
  test('inserts, updates and deletes reach Shape and PGlite', async () => {
    await h.db.sql`INSERT INTO crud (id, title) SELECT i, 't' || i FROM generate_series(1, 5) i`;
    const shape = new Shape(stream({ table: 'crud' }));
    await shape.rows;
    await syncTables(['crud']);
    await h.db.sql`INSERT INTO crud (id, title, tags, meta) VALUES (10, 'ten', '{"x y","z/w"}', '{"a":[1,2]}')`;
    await h.db.sql`UPDATE crud SET title = 'one!', done = true, price = 3.5 WHERE id = 1`;
    await h.db.sql`DELETE FROM crud WHERE id = 2`;
    await h.db.sql`UPDATE crud SET id = 20 WHERE id = 3`;
    await h.db.sql`UPDATE crud SET meta = NULL, tags = '{}' WHERE id = 10`;
    await waitFor('shape to see every change', () => {
      const ids = shape.currentRows.map((r) => r.id as number).sort((a, b) => a - b);
      const one = shape.currentRows.find((r) => r.id === 1);
      const ten = shape.currentRows.find((r) => r.id === 10);
      // Waits for the last statement too: the others can arrive a moment before it.
      return JSON.stringify(ids) === JSON.stringify([1, 4, 5, 10, 20]) && one?.title === 'one!' && one?.done === true && ten?.meta === null;
    });
    expect(shape.currentRows.find((r) => r.id === 10)!.tags).toEqual([]);
    await waitSame('crud');
  });

  test('a transaction across three tables is never visible half-applied in PGlite', async () => {
    await syncTables(['tx_a', 'tx_b', 'tx_c']);
    let stop = false;
    const seen: string[] = [];
    const watcher = (async () => {
      while (!stop) {
        const r = await pg.query<{ a: number; b: number; c: number; sa: number; sb: number; sc: number }>(`
          SELECT (SELECT count(*)::int FROM tx_a) a, (SELECT count(*)::int FROM tx_b) b, (SELECT count(*)::int FROM tx_c) c,
                 (SELECT coalesce(sum(v),0)::int FROM tx_a) sa, (SELECT coalesce(sum(v),0)::int FROM tx_b) sb,
                 (SELECT coalesce(sum(v),0)::int FROM tx_c) sc`);
        const x = r.rows[0]!;
        seen.push(`${x.a},${x.b},${x.c}:${x.sa},${x.sb},${x.sc}`);
        if (x.a !== x.b || x.b !== x.c || x.sa !== x.sb || x.sb !== x.sc) throw new Error(`half-applied: ${seen.at(-1)}`);
        await Bun.sleep(1);
      }
    })();
    for (let i = 1; i <= 40; i++) {
      await h.db.sql.begin(async (tx) => {
        await tx`INSERT INTO tx_a VALUES (${i}, ${i})`;
        await tx`INSERT INTO tx_b VALUES (${i}, ${i})`;
        if (i > 1) await tx`UPDATE tx_a SET v = v + 1 WHERE id = ${i - 1}`;
        await tx`INSERT INTO tx_c VALUES (${i}, ${i})`;
        if (i > 1) await tx`UPDATE tx_b SET v = v + 1 WHERE id = ${i - 1}`;
        if (i > 1) await tx`UPDATE tx_c SET v = v + 1 WHERE id = ${i - 1}`;
      });
      if (i % 10 === 0) await Bun.sleep(30);
    }
    await waitFor('all 40 transactions', () => seen.at(-1)?.startsWith('40,40,40:') ?? false);
    stop = true;
    await watcher;
    expect(new Set(seen).size).toBeGreaterThan(2);
    for (const t of ['tx_a', 'tx_b', 'tx_c']) await waitSame(t, ['id', 'v']);
  });
});

describe('shape definitions', () => {
  test('where with params: rows move in and out as inserts and deletes', async () => {
    await h.db.sql`INSERT INTO tasks VALUES (1, 'ann', 'open', 1, NULL), (2, 'bob', 'open', 5, 'x'), (3, 'ann', 'done', 3, NULL)`;
    const messages: Message<Row>[] = [];
    const s = stream({ table: 'tasks', where: `owner = $1 AND status IN ('open', 'doing') AND priority >= $2`, 'params[1]': 'ann', 'params[2]': '1' } as never);
    s.subscribe((batch) => void messages.push(...batch));
    const shape = new Shape(s);
    expect((await shape.rows).map((r) => r.id)).toEqual([1]);
    const ops = () => messages.filter((m) => 'key' in m).map((m) => `${(m as { headers: { operation: string } }).headers.operation}:${(m as { value: Row }).value.id}`);
    await h.db.sql`UPDATE tasks SET status = 'doing' WHERE id = 3`; // moves in
    await waitFor('move in', () => shape.currentRows.some((r) => r.id === 3));
    expect(ops()).toContain('insert:3');
    await h.db.sql`UPDATE tasks SET owner = 'bob' WHERE id = 1`; // moves out
    await waitFor('move out', () => !shape.currentRows.some((r) => r.id === 1));
    expect(ops()).toContain('delete:1');
    await h.db.sql`UPDATE tasks SET note = 'still bob' WHERE id = 2`; // never in the shape
    await h.db.sql`INSERT INTO tasks VALUES (4, 'ann', 'open', 0, NULL), (5, 'ann', 'open', 9, 'yes')`;
    await waitFor('insert matching the where', () => shape.currentRows.some((r) => r.id === 5));
    expect(shape.currentRows.map((r) => r.id).sort()).toEqual([3, 5]);
    expect(ops().some((o) => o.endsWith(':2') || o.endsWith(':4'))).toBe(false);
  });

  test('columns: only the chosen columns travel, and the primary key is required', async () => {
    await h.db.sql`INSERT INTO wide VALUES (1, 'v', 's', 1)`;
    const shape = new Shape(stream({ table: 'wide', columns: ['id', 'visible'] }));
    expect(await shape.rows).toEqual([{ id: 1, visible: 'v' }]);
    await h.db.sql`UPDATE wide SET secret = 'changed only a hidden column' WHERE id = 1`;
    await h.db.sql`UPDATE wide SET visible = 'w', n = 2 WHERE id = 1`;
    await waitFor('update of a selected column', () => shape.currentRows[0]?.visible === 'w');
    expect(shape.currentRows).toEqual([{ id: 1, visible: 'w' }]);
    const res = await fetch(`${h.shapeUrl}?table=wide&offset=-1&columns=visible`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Record<string, string[]> };
    expect(body.errors.columns![0]).toContain('primary key');
  });

  test('replica=full sends whole rows and old values', async () => {
    await h.db.sql`INSERT INTO wide VALUES (2, 'a', 'b', 1)`;
    const changes: Message<Row>[] = [];
    const s = stream({ table: 'wide', replica: 'full', where: 'id = 2' });
    s.subscribe((batch) => void changes.push(...batch.filter((m) => 'key' in m)));
    const shape = new Shape(s);
    await shape.rows;
    await h.db.sql`UPDATE wide SET n = 2 WHERE id = 2`;
    await h.db.sql`DELETE FROM wide WHERE id = 2`;
    await waitFor('delete', () => changes.some((m) => (m as { headers: { operation: string } }).headers.operation === 'delete'));
    const update = changes.find((m) => (m as { headers: { operation: string } }).headers.operation === 'update') as unknown as { value: Row; old_value: Row };
    expect(update.value).toEqual({ id: 2, visible: 'a', secret: 'b', n: 2 });
    expect(update.old_value).toEqual({ n: 1 });
    const del = changes.find((m) => (m as { headers: { operation: string } }).headers.operation === 'delete') as unknown as { value: Row };
    expect(del.value).toEqual({ id: 2, visible: 'a', secret: 'b', n: 2 });
  });

  test('TRUNCATE makes clients refetch, then they hold the right rows', async () => {
    await h.db.sql`INSERT INTO trunc (id, title) SELECT i, 'r' || i FROM generate_series(1, 50) i`;
    const controls: string[] = [];
    const s = stream({ table: 'trunc' });
    s.subscribe((batch) => {
      for (const m of batch) if (!('key' in m)) controls.push(String((m.headers as { control?: string }).control));
    });
    const shape = new Shape(s);
    expect((await shape.rows).length).toBe(50);
    await syncTables(['trunc']);
    await h.db.sql`TRUNCATE trunc`;
    await h.db.sql`INSERT INTO trunc (id, title) VALUES (100, 'after'), (101, 'after too')`;
    await waitFor('must-refetch', () => controls.includes('must-refetch'));
    await waitFor('refetched shape', () => shape.currentRows.length === 2 && shape.currentRows.every((r) => (r.id as number) >= 100));
    await waitSame('trunc');
  });
});

/**
 * Changes-only logs and subset snapshots with the official client (@electric-sql/client's
 * ShapeStream and Shape, `log: 'changes_only'`, requestSnapshot and fetchSnapshot, GET and POST)
 * against a real Postgres.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test';
import { Shape, ShapeStream, type ChangeMessage, type Message, type Row } from '@electric-sql/client';
import { startHarness, waitFor, type Harness } from './support/harness.ts';

setDefaultTimeout(60_000);

let h: Harness;
const abort = new AbortController();

beforeAll(async () => {
  h = await startHarness({ longPollMs: 1500 });
  await h.db.sql.unsafe(`
    CREATE TABLE notes (id int PRIMARY KEY, n int NOT NULL, big int8 NOT NULL, title text);
    INSERT INTO notes SELECT g, g % 10, 9007199254740990 + g, 'note ' || g FROM generate_series(1, 50) g;
    CREATE TABLE busy (id int PRIMARY KEY, n int NOT NULL);
    INSERT INTO busy SELECT g, 0 FROM generate_series(1, 200) g;
    CREATE TABLE refetched (id int PRIMARY KEY, v text NOT NULL);
    INSERT INTO refetched SELECT g, 'v' || g FROM generate_series(1, 10) g;
  `);
});

afterAll(async () => {
  abort.abort();
  await h?.stop();
});

const stream = (table: string, extra: Record<string, unknown> = {}) =>
  new ShapeStream<Row>({ url: h.shapeUrl, params: { table }, log: 'changes_only', signal: abort.signal, ...extra });

/** Collects every message a stream delivers. */
function collect(s: ShapeStream<Row>) {
  const seen: Message<Row>[] = [];
  s.subscribe((msgs) => void seen.push(...msgs), () => {});
  return seen;
}

const changes = (msgs: Message<Row>[]) => msgs.filter((m): m is ChangeMessage<Row> => 'key' in m);
const ids = (rows: Iterable<Row>) => [...rows].map((r) => Number(r.id)).sort((a, b) => a - b);

describe('log=changes_only', () => {
  test('no snapshot: the log starts at creation, and a subset fills in what is asked for', async () => {
    const shape = new Shape(stream('notes'));
    await shape.rows;
    expect(shape.currentRows).toEqual([]);

    await h.db.sql`INSERT INTO notes VALUES (100, 0, 1, 'new')`;
    // An update of a row the client never saw: the Shape ignores it, as the client's code does.
    await h.db.sql`UPDATE notes SET title = 'changed' WHERE id = 3`;
    await waitFor('the insert', () => shape.currentRows.some((r) => r.id === 100));
    await h.db.sql`INSERT INTO notes VALUES (101, 0, 1, 'marker')`;
    await waitFor('the marker', () => shape.currentRows.some((r) => r.id === 101));
    expect(ids(shape.currentRows)).toEqual([100, 101]);

    await shape.requestSnapshot({ where: 'id <= $1', params: { '1': '3' }, orderBy: 'id' });
    expect(ids(shape.currentRows)).toEqual([1, 2, 3, 100, 101]);
    expect(shape.currentRows.find((r) => r.id === 3)!.title).toBe('changed');
    // Now that the row is known, its changes apply.
    await h.db.sql`UPDATE notes SET title = 'again' WHERE id = 3`;
    await waitFor('the update of a row from the subset', () => shape.currentRows.find((r) => r.id === 3)?.title === 'again');
    await h.db.sql`DELETE FROM notes WHERE id IN (100, 101)`;
    await waitFor('the deletes', () => !shape.currentRows.some((r) => Number(r.id) >= 100));
  });

  test('log must be full or changes_only', async () => {
    const res = await fetch(`${h.shapeUrl}?table=notes&offset=-1&log=half`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Record<string, string[]> }).errors.log).toBeDefined();
  });
});

describe('subset snapshots', () => {
  test('fetchSnapshot orders, limits and offsets; BigInt params are typed like the column', async () => {
    const s = stream('notes');
    for (const method of ['GET', 'POST'] as const) {
      const { data, metadata } = await s.fetchSnapshot({
        where: 'big > $1 AND n = $2',
        params: { '1': 9007199254740990n as unknown as string, '2': '5' },
        orderBy: 'id DESC',
        limit: 3,
        offset: 1,
        method,
      });
      expect(data.map((m) => m.value.id)).toEqual([35, 25, 15]);
      expect(data[0]!.value.big).toBe(9007199254741025n);
      expect(data.every((m) => m.headers.operation === 'insert')).toBe(true);
      expect(BigInt(metadata.xmax)).toBeGreaterThanOrEqual(BigInt(metadata.xmin));
      expect(BigInt(metadata.database_lsn)).toBeGreaterThan(0n);
    }
  });

  test('the subset is on top of the shape’s own where clause', async () => {
    const s = stream('notes', { params: { table: 'notes', where: 'n = 1' } });
    const { data } = await s.fetchSnapshot({ where: 'id < 30', orderBy: 'id' });
    expect(data.map((m) => m.value.id)).toEqual([1, 11, 21]);
  });

  test('bad subsets are 400s naming the parameter, with Postgres’s error text', async () => {
    const base = `${h.shapeUrl}?table=notes&offset=-1&log=changes_only`;
    const cases: [string, string, RegExp][] = [
      ['subset__where=id%20%3D%201%20x', 'subset__where', /At location 7: syntax error at or near "x"/],
      ['subset__where=ghost%20%3D%201', 'subset__where', /unknown column "ghost"/],
      ['subset__order_by=ghost', 'subset__order_by', /unknown column/],
      ['subset__limit=-1', 'subset__limit', /non-negative/],
      ['subset__where=id%3D%241&subset__params=nope', 'subset__params', /JSON/],
    ];
    for (const [q, param, message] of cases) {
      const res = await fetch(`${base}&${q}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: Record<string, string[]> }).errors[param]?.join(' ')).toMatch(message);
    }
    const post = await fetch(base, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"where": 1}' });
    expect(post.status).toBe(400);
    expect(((await post.json()) as { errors: Record<string, string[]> }).errors.where).toBeDefined();
  });

  test('a subset taken while writes continue: nothing missed, nothing twice, once the stream catches up', async () => {
    const s = stream('busy');
    const seen = collect(s);
    const shape = new Shape(s);
    await shape.rows;
    let writing = true;
    let next = 1000;
    const writer = (async () => {
      while (writing) {
        await h.db.sql.begin(async (tx) => {
          await tx`UPDATE busy SET n = n + 1 WHERE id = ${1 + Math.floor(Math.random() * 200)}`;
          await tx`INSERT INTO busy VALUES (${next++}, 0)`;
        });
      }
    })();
    // Writes before, during and after the subset.
    await waitFor('writes before the subset', () => next >= 1020);
    await shape.requestSnapshot({ where: 'id <= 100', orderBy: 'id', limit: 100, method: 'POST' });
    const after = next + 20;
    await waitFor('writes after the subset', () => next >= after);
    writing = false;
    await writer;
    const [marker] = await h.db.sql<{ id: number }[]>`INSERT INTO busy VALUES (${next++}, -1) RETURNING id`;
    await waitFor('the stream to catch up', () => shape.currentRows.some((r) => r.id === marker!.id));

    const truth = await h.db.sql<{ id: number; n: number }[]>`SELECT id, n FROM busy WHERE id <= 100 OR id >= 1000 ORDER BY id`;
    const got = [...shape.currentRows].map((r) => ({ id: r.id, n: r.n })).sort((a, b) => Number(a.id) - Number(b.id));
    expect(got).toEqual(truth.map((r) => ({ id: r.id, n: r.n })));
    // Every key was inserted once: by the subset, or by its own insert.
    const inserts = new Map<string, number>();
    for (const m of changes(seen)) if (m.headers.operation === 'insert') inserts.set(m.key, (inserts.get(m.key) ?? 0) + 1);
    expect([...inserts.values()].every((c) => c === 1)).toBe(true);
    expect(inserts.size).toBe(truth.length);
  });

  test('after a must-refetch the Shape runs its requested subsets again', async () => {
    const s = stream('refetched');
    const seen = collect(s);
    const shape = new Shape(s);
    await shape.rows;
    await shape.requestSnapshot({ where: 'id <= 3', orderBy: 'id' });
    expect(ids(shape.currentRows)).toEqual([1, 2, 3]);
    const handle = s.shapeHandle!;
    await h.db.sql`UPDATE refetched SET v = 'after' WHERE id = 2`;
    await waitFor('the update', () => shape.currentRows.find((r) => r.id === 2)?.v === 'after');
    expect((await fetch(`${h.shapeUrl}?table=refetched&log=changes_only&handle=${handle}`, { method: 'DELETE' })).status).toBe(202);
    await waitFor('the must-refetch', () => seen.some((m) => 'headers' in m && m.headers.control === 'must-refetch'));
    await waitFor('the subsets again under a new handle', () => s.shapeHandle !== handle && ids(shape.currentRows).join() === '1,2,3');
    expect(shape.currentRows.find((r) => r.id === 2)!.v).toBe('after');
  });
});

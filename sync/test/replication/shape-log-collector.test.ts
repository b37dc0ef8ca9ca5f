/**
 * The collector over in-memory storage: whole transactions per shape with their headers, the
 * watermark, snapshot visibility (C3), replays after a restart (C1), TRUNCATE and schema changes.
 */
import { describe, expect, test } from 'bun:test';
import { ShapeLogCollector, type Transaction } from '../../src/replication/index.ts';
import { compileShape, ShapeRegistry, type ShapeDefinition, type TableInfo } from '../../src/shapes/index.ts';
import { createMemoryStorage, openSqliteStorage } from '../../src/storage/index.ts';
import { failingStorage } from '../support/failing-storage.ts';

const table: TableInfo = {
  oid: 42,
  schema: 'public',
  name: 'items',
  pk: ['id'],
  replicaIdentity: 'f',
  columns: [
    { name: 'id', type: 'int4', typeOid: 23, dims: 0, notNull: true, typmod: -1, pkIndex: 0 },
    { name: 'v', type: 'text', typeOid: 25, dims: 0, notNull: false, typmod: -1, pkIndex: null },
  ],
};
const def = (where: string | null = null): ShapeDefinition => ({ schema: 'public', table: 'items', where, params: {}, columns: null, replica: 'default' });
const relation = { relid: 42, schema: 'public', name: 'items', columns: table.columns.map((c) => ({ name: c.name, typeOid: c.typeOid, typmod: -1, isKey: c.name === 'id' })) };

function tx(lsn: number, xid: number, rows: [number, string][], extra: Partial<Transaction> = {}): Transaction {
  return {
    xid,
    lsn,
    endLsn: lsn + 10,
    relations: [],
    events: rows.map(([id, v]) => ({ op: 'insert' as const, relid: 42, newRow: { id: String(id), v }, oldRow: null })),
    ...extra,
  };
}

function setup(where: string | null = null) {
  const storage = createMemoryStorage();
  const registry = new ShapeRegistry();
  const collector = new ShapeLogCollector(storage, registry, 100);
  const shape = registry.add('h1', compileShape(def(where), table), 0);
  storage.createShape({ handle: 'h1', definitionKey: shape.key, definition: '{}', relid: 42, createdAt: 0 });
  const entries = () => storage.readAfter('h1', 0, Infinity, 1e9).entries.map((e) => ({ offset: `${e.tx}_${e.op}`, ...JSON.parse(e.body) }));
  return { storage, registry, collector, shape, entries };
}

describe('ShapeLogCollector', () => {
  test('a transaction becomes entries <lsn>_1.. with lsn, op_position, txids and last on the final one', () => {
    const { collector, shape, entries } = setup();
    collector.setSnapshot(shape, { xmin: 10n, xmax: 10n, xip: [] });
    expect(collector.apply([tx(200, 50, [[1, 'a'], [2, 'b']])])).toBe(210);
    expect(collector.lastLsn).toBe(200);
    const e = entries();
    expect(e.map((x) => x.offset)).toEqual(['200_1', '200_2']);
    expect(e.map((x) => x.headers.op_position)).toEqual([0, 1]);
    expect(e[0].headers).toMatchObject({ operation: 'insert', lsn: '200', txids: [50] });
    expect(e[0].headers.last).toBeUndefined();
    expect(e[1].headers.last).toBe(true);
  });

  test('transactions the snapshot already holds are skipped; those seen before its visibility was known wait for it', () => {
    const { collector, shape, entries } = setup();
    collector.apply([tx(200, 50, [[1, 'in snapshot']]), tx(300, 60, [[2, 'after snapshot']])]);
    expect(entries()).toEqual([]);
    collector.setSnapshot(shape, { xmin: 55n, xmax: 61n, xip: [60n] });
    expect(entries().map((x) => x.value.v)).toEqual(['after snapshot']);
  });

  test('past the snapshot\'s WAL position xids are not compared, so a wrapped-around xid is never taken as old', () => {
    const { collector, shape, entries } = setup();
    // xid 2^31 + 5 is "older" than xmax 10 in 32-bit widening; committed past walLsn it is new.
    collector.setSnapshot(shape, { xmin: 10n, xmax: 10n, xip: [], walLsn: 150 });
    collector.apply([tx(200, 2 ** 31 + 5, [[1, 'new']])]);
    expect(entries().map((x) => x.value.v)).toEqual(['new']);
  });

  test('transactions at or below the watermark are replays and change nothing (C1)', () => {
    const { collector, shape, entries } = setup();
    collector.setSnapshot(shape, { xmin: 10n, xmax: 10n, xip: [] });
    collector.apply([tx(200, 50, [[1, 'a']])]);
    collector.apply([tx(200, 50, [[1, 'a']]), tx(150, 40, [[9, 'old']])]);
    expect(entries().map((x) => x.offset)).toEqual(['200_1']);
  });

  test('the where clause filters, and a shape with nothing in a transaction gets no entries', () => {
    const { collector, shape, entries } = setup("v LIKE 'keep%'");
    collector.setSnapshot(shape, { xmin: 10n, xmax: 10n, xip: [] });
    collector.apply([tx(200, 50, [[1, 'drop']]), tx(300, 51, [[2, 'keep me'], [3, 'drop']])]);
    expect(entries().map((x) => `${x.offset}:${x.value.id}:${x.headers.last}`)).toEqual(['300_1:2:true']);
    expect(collector.lastLsn).toBe(300);
  });

  test('TRUNCATE and a changed column list remove the shape (its handle then answers 409)', () => {
    const a = setup();
    a.collector.setSnapshot(a.shape, { xmin: 10n, xmax: 10n, xip: [] });
    a.collector.apply([tx(200, 50, [], { events: [{ op: 'truncate', relids: [42] }] })]);
    expect(a.registry.find('h1')).toBeUndefined();
    expect(a.shape.status).toBe('gone');

    const b = setup();
    b.collector.setSnapshot(b.shape, { xmin: 10n, xmax: 10n, xip: [] });
    b.collector.apply([tx(200, 50, [], { relations: [relation] })]);
    expect(b.registry.find('h1')).toBeDefined();
    b.collector.apply([tx(300, 51, [], { relations: [{ ...relation, columns: [...relation.columns, { name: 'w', typeOid: 25, typmod: -1, isKey: false }] }] })]);
    expect(b.registry.find('h1')).toBeUndefined();
  });

  test('waiters wake when their shape gets entries', async () => {
    const { collector, shape } = setup();
    collector.setSnapshot(shape, { xmin: 10n, xmax: 10n, xip: [] });
    const woke = new Promise((resolve) => shape.waiters.add({ since: 100, wake: resolve }));
    collector.apply([tx(200, 50, [[1, 'a']])]);
    expect(await woke).toBe('change');
  });
});

describe.each([
  ['memory', () => createMemoryStorage()],
  ['sqlite', () => openSqliteStorage(':memory:')],
] as const)('ShapeLogCollector over %s storage that fails', (_name, open) => {
  function failing() {
    const storage = failingStorage(open());
    const registry = new ShapeRegistry();
    const collector = new ShapeLogCollector(storage, registry, 100);
    const shape = registry.add('h1', compileShape(def(), table), 0);
    storage.createShape({ handle: 'h1', definitionKey: shape.key, definition: '{}', relid: 42, createdAt: 0 });
    const ids = () => storage.readAfter('h1', 0, Infinity, 1e9).entries.map((e) => JSON.parse(e.body).value.id);
    return { storage, registry, collector, shape, ids };
  }

  test('a batch that fails half-way moves nothing: the watermark stays, and the resent batch is applied whole', () => {
    const { storage, collector, shape, ids } = failing();
    collector.setSnapshot(shape, { xmin: 10n, xmax: 10n, xip: [] });
    collector.apply([tx(200, 50, [[1, 'a']])]);
    // The first transaction of the next batch is written, the second hits the full disk.
    storage.fail(1);
    expect(() => collector.apply([tx(300, 51, [[2, 'b']]), tx(400, 52, [[3, 'c']])])).toThrow('disk is full');
    expect(collector.lastLsn).toBe(200);
    expect(storage.getMeta('last_lsn')).toBe('200');
    expect(ids()).toEqual(['1']);
    storage.heal();
    // Postgres resends from the last acknowledged position: everything after 200.
    expect(collector.apply([tx(300, 51, [[2, 'b']]), tx(400, 52, [[3, 'c']])])).toBe(410);
    expect(ids()).toEqual(['1', '2', '3']);
    expect(collector.lastLsn).toBe(400);
  });

  test('a failed batch holds nothing back twice for a shape still snapshotting, and removes no shape', () => {
    const { storage, registry, collector, shape, ids } = failing();
    const other = registry.add('h2', compileShape(def("v = 'x'"), table), 0);
    storage.createShape({ handle: 'h2', definitionKey: other.key, definition: '{}', relid: 42, createdAt: 0 });
    collector.setSnapshot(other, { xmin: 10n, xmax: 10n, xip: [] });
    storage.fail();
    const batch = [tx(300, 51, [[2, 'b']]), tx(400, 52, [], { events: [{ op: 'truncate', relids: [42] }] })];
    expect(() => collector.apply([tx(300, 51, [[2, 'b']])])).toThrow();
    expect(() => collector.apply(batch)).toThrow();
    expect(shape.pending).toEqual([]);
    expect(registry.find('h2')).toBe(other);
    expect(other.status).not.toBe('gone');
    storage.heal();
    collector.apply([tx(300, 51, [[2, 'b']])]);
    expect(shape.pending.map((t) => t.lsn)).toEqual([300]);
    collector.setSnapshot(shape, { xmin: 10n, xmax: 10n, xip: [] });
    expect(ids()).toEqual(['2']);
  });

  test('held-back changes that cannot be stored drop the shape (409) instead of leaving a hole', () => {
    const { storage, registry, collector, shape } = failing();
    collector.apply([tx(300, 51, [[2, 'b']])]);
    expect(collector.lastLsn).toBe(300);
    storage.fail();
    collector.setSnapshot(shape, { xmin: 10n, xmax: 10n, xip: [] });
    expect(shape.status).toBe('gone');
    expect(registry.find('h1')).toBeUndefined();
  });
});

/** Converting row changes into a shape's messages: move in/out, key changes, columns, replica. */
import { describe, expect, test } from 'bun:test';
import { isVisibleIn } from '../../src/postgres/catalog.ts';
import { buildKey, convertChange } from '../../src/shapes/changes.ts';
import { compileShape, type ShapeDefinition } from '../../src/shapes/shape-definition.ts';
import type { TableInfo } from '../../src/shapes/table-info.ts';

const table: TableInfo = {
  oid: 1,
  schema: 'public',
  name: 'tasks',
  pk: ['id'],
  replicaIdentity: 'f',
  columns: ['id', 'owner', 'status', 'note'].map((name, i) => ({
    name, type: i === 0 ? 'int4' : 'text', typeOid: i === 0 ? 23 : 25, dims: 0, notNull: i < 3, typmod: -1, pkIndex: i === 0 ? 0 : null,
  })),
};
const def = (d: Partial<ShapeDefinition> = {}): ShapeDefinition => ({ schema: 'public', table: 'tasks', where: null, params: {}, columns: null, replica: 'default', ...d });
const r = (id: number, owner: string, status = 'open', note: string | null = null) => ({ id: String(id), owner, status, note });
const ops = (ms: ReturnType<typeof convertChange>) => ms.map((m) => `${m.headers.operation}:${m.value.id}`);

describe('convertChange', () => {
  const mine = compileShape(def({ where: 'owner = $1', params: { 1: 'ann' } }), table);

  test('updates that move rows in and out become inserts and deletes', () => {
    expect(ops(convertChange(mine, { op: 'update', relid: 1, oldRow: r(1, 'bob'), newRow: r(1, 'ann') }))).toEqual(['insert:1']);
    expect(ops(convertChange(mine, { op: 'update', relid: 1, oldRow: r(1, 'ann'), newRow: r(1, 'bob') }))).toEqual(['delete:1']);
    expect(ops(convertChange(mine, { op: 'update', relid: 1, oldRow: r(1, 'bob'), newRow: r(1, 'cy') }))).toEqual([]);
  });

  test('an update sends the key and the changed columns; one that changes nothing is dropped', () => {
    const [m] = convertChange(mine, { op: 'update', relid: 1, oldRow: r(1, 'ann'), newRow: r(1, 'ann', 'done') });
    expect(m!.value).toEqual({ id: '1', status: 'done' });
    expect(convertChange(mine, { op: 'update', relid: 1, oldRow: r(1, 'ann'), newRow: r(1, 'ann') })).toEqual([]);
  });

  test('a primary-key change is a delete and an insert that point at each other', () => {
    const [d, i] = convertChange(mine, { op: 'update', relid: 1, oldRow: r(1, 'ann'), newRow: r(2, 'ann') });
    expect(d!.headers).toMatchObject({ operation: 'delete', key_change_to: i!.key });
    expect(i!.headers).toMatchObject({ operation: 'insert', key_change_from: d!.key });
    expect(d!.value).toEqual({ id: '1' });
  });

  test('replica=full sends whole rows and the old values of changed columns', () => {
    const full = compileShape(def({ replica: 'full' }), table);
    const [u] = convertChange(full, { op: 'update', relid: 1, oldRow: r(1, 'ann'), newRow: r(1, 'ann', 'done') });
    expect(u!.value).toEqual(r(1, 'ann', 'done'));
    expect(u!.old_value).toEqual({ status: 'open' });
    const [d] = convertChange(full, { op: 'delete', relid: 1, oldRow: r(1, 'ann'), newRow: null });
    expect(d!.value).toEqual(r(1, 'ann'));
  });

  test('columns limit what is sent', () => {
    const some = compileShape(def({ columns: ['id', 'status'] }), table);
    expect(convertChange(some, { op: 'insert', relid: 1, oldRow: null, newRow: r(1, 'ann') })[0]!.value).toEqual({ id: '1', status: 'open' });
    expect(convertChange(some, { op: 'update', relid: 1, oldRow: r(1, 'ann'), newRow: r(1, 'bob') })).toEqual([]);
  });

  test('keys quote values, double slashes and write NULL as _', () => {
    expect(buildKey('public', 'tasks', ['id'], { id: '1' })).toBe('"public"."tasks"/"1"');
    expect(buildKey('public', 'x', ['a', 'b'], { a: 'p/q', b: null })).toBe('"public"."x"/"p//q"/_');
  });
});

describe('snapshot visibility', () => {
  const snap = { xmin: 100n, xmax: 110n, xip: [105n] };
  test('xids before xmin, or before xmax and not in progress, are in the snapshot', () => {
    expect(isVisibleIn(99, snap)).toBe(true);
    expect(isVisibleIn(104, snap)).toBe(true);
    expect(isVisibleIn(105, snap)).toBe(false);
    expect(isVisibleIn(110, snap)).toBe(false);
  });
  test('32-bit xids are widened with the epoch of xmax', () => {
    const epoch1 = { xmin: 2n ** 32n + 5n, xmax: 2n ** 32n + 10n, xip: [] };
    expect(isVisibleIn(7, epoch1)).toBe(true);
    expect(isVisibleIn(12, epoch1)).toBe(false);
    expect(isVisibleIn(2 ** 32 - 3, epoch1)).toBe(true); // the previous epoch
  });
});

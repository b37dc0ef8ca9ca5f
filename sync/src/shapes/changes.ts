/**
 * Turning row changes from the WAL into the change messages of one shape (E shapes/shape.ex
 * `convert_change`, replication/changes.ex). Pure: no clock, no I/O.
 */
import type { CompiledShape } from './shape-definition.ts';
import type { Row } from './where-eval.ts';

export interface RowChange {
  op: 'insert' | 'update' | 'delete';
  relid: number;
  /** The new row, Postgres text values by column (insert, update). */
  newRow: Row | null;
  /** The old row: complete under REPLICA IDENTITY FULL, key columns only otherwise. */
  oldRow: Row | null;
}

export type Operation = 'insert' | 'update' | 'delete';

export interface ShapeMessage {
  key: string;
  value: Row;
  old_value?: Row;
  headers: {
    operation: Operation;
    relation: [string, string];
    key_change_to?: string;
    key_change_from?: string;
  };
}

const quoteKeyPart = (s: string) => `"${s.replace(/\//g, '//').replace(/"/g, '""')}"`;

/** `"schema"."table"/"pk1"/"pk2"`; `/` in values is doubled and NULL is `_` (E changes.ex). */
export function buildKey(schema: string, table: string, pk: string[], row: Row): string {
  let key = `${quoteKeyPart(schema.replace(/\./g, '..'))}.${quoteKeyPart(table.replace(/\./g, '..'))}`;
  for (const col of pk) {
    const v = row[col];
    key += v == null ? '/_' : `/${quoteKeyPart(v)}`;
  }
  return key;
}

function pick(row: Row, columns: string[]): Row {
  const out: Row = {};
  for (const c of columns) out[c] = row[c] ?? null;
  return out;
}

const inShape = (shape: CompiledShape, row: Row | null) => row !== null && (shape.predicate === null || shape.predicate(row));

/** A snapshot row as an insert; the snapshot query already holds only the shape's rows. */
export function snapshotMessage(shape: CompiledShape, row: Row): ShapeMessage {
  const { table, selected } = shape;
  return {
    key: buildKey(table.schema, table.name, table.pk, row),
    value: pick(row, selected),
    headers: { operation: 'insert', relation: [table.schema, table.name] },
  };
}

/**
 * The messages one row change means for a shape: none, one, or a delete + insert pair when the
 * primary key changes. Updates that move a row into or out of the where clause become an insert
 * or a delete; updates that change no selected column are dropped.
 */
export function convertChange(shape: CompiledShape, change: RowChange): ShapeMessage[] {
  const { table, selected } = shape;
  const full = shape.definition.replica === 'full';
  const relation: [string, string] = [table.schema, table.name];
  const key = (row: Row) => buildKey(table.schema, table.name, table.pk, row);
  const insert = (row: Row): ShapeMessage => ({ key: key(row), value: pick(row, selected), headers: { operation: 'insert', relation } });
  const del = (row: Row): ShapeMessage => ({
    key: key(row),
    value: pick(row, full ? selected : table.pk),
    headers: { operation: 'delete', relation },
  });

  switch (change.op) {
    case 'insert':
      return inShape(shape, change.newRow) ? [insert(change.newRow!)] : [];
    case 'delete':
      return inShape(shape, change.oldRow) ? [del(change.oldRow!)] : [];
    case 'update': {
      const newRow = change.newRow!;
      // Without an old row (not REPLICA IDENTITY FULL and the key unchanged) the best we know is
      // that the row was where it is now.
      const oldRow = change.oldRow ? { ...newRow, ...change.oldRow } : newRow;
      const wasIn = inShape(shape, oldRow);
      const isIn = inShape(shape, newRow);
      if (!wasIn && !isIn) return [];
      if (wasIn && !isIn) return [del(oldRow)];
      if (!wasIn && isIn) return [insert(newRow)];
      const oldKey = key(oldRow);
      const newKey = key(newRow);
      if (oldKey !== newKey) {
        const d = del(oldRow);
        d.headers.key_change_to = newKey;
        const i = insert(newRow);
        i.headers.key_change_from = oldKey;
        return [d, i];
      }
      const changed = selected.filter((c) => (oldRow[c] ?? null) !== (newRow[c] ?? null));
      if (changed.length === 0) return [];
      if (full) {
        return [{ key: newKey, value: pick(newRow, selected), old_value: pick(oldRow, changed), headers: { operation: 'update', relation } }];
      }
      const cols = [...table.pk, ...changed.filter((c) => !table.pk.includes(c))];
      return [{ key: newKey, value: pick(newRow, cols), headers: { operation: 'update', relation } }];
    }
  }
}

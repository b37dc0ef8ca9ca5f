/**
 * ShapeStorage in one bun:sqlite file. WAL journal with synchronous=FULL: a committed write
 * survives a crash of the process and of the machine, which is what acknowledging the WAL
 * position to Postgres promises.
 */
import { Database } from 'bun:sqlite';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LogEntry, ReadResult, ShapeStorage } from './shape-storage.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS shapes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  handle TEXT NOT NULL UNIQUE,
  definition_key TEXT NOT NULL,
  definition TEXT NOT NULL,
  relid INTEGER NOT NULL,
  ready INTEGER NOT NULL DEFAULT 0,
  snapshot_chunks INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS snapshot_chunks (
  shape_id INTEGER NOT NULL, chunk INTEGER NOT NULL, body TEXT NOT NULL,
  PRIMARY KEY (shape_id, chunk)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entries (
  shape_id INTEGER NOT NULL, tx INTEGER NOT NULL, op INTEGER NOT NULL, body TEXT NOT NULL,
  PRIMARY KEY (shape_id, tx, op)
) WITHOUT ROWID;
`;

/** Rows fetched per read before the byte budget is checked again. */
const READ_BATCH = 500;

export function openSqliteStorage(file: string, opts: { synchronous?: 'FULL' | 'NORMAL' } = {}): ShapeStorage {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { create: true, strict: true });
  db.exec('PRAGMA journal_mode = WAL');
  db.exec(`PRAGMA synchronous = ${opts.synchronous ?? 'FULL'}`);
  db.exec('PRAGMA busy_timeout = 5000');
  db.exec(SCHEMA);

  const ids = new Map<string, number>();
  const idOf = (handle: string): number | null => {
    const cached = ids.get(handle);
    if (cached !== undefined) return cached;
    const row = db.query<{ id: number }, [string]>('SELECT id FROM shapes WHERE handle = ?').get(handle);
    if (row) ids.set(handle, row.id);
    return row?.id ?? null;
  };
  const mustId = (handle: string) => {
    const id = idOf(handle);
    if (id === null) throw new Error(`no shape ${handle} in storage`);
    return id;
  };

  const getMeta = db.query<{ value: string }, [string]>('SELECT value FROM meta WHERE key = ?');
  const setMeta = db.query('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const insertEntry = db.query('INSERT OR REPLACE INTO entries (shape_id, tx, op, body) VALUES (?, ?, ?, ?)');
  const readAfter = db.query<LogEntry, [number, number, number, number, number]>(
    'SELECT tx, op, body FROM entries WHERE shape_id = ? AND (tx > ? OR (tx = ? AND op > ?)) ORDER BY tx, op LIMIT ?',
  );
  const lastEntry = db.query<{ tx: number; op: number }, [number]>(
    'SELECT tx, op FROM entries WHERE shape_id = ? ORDER BY tx DESC, op DESC LIMIT 1',
  );
  const getChunk = db.query<{ body: string }, [number, number]>('SELECT body FROM snapshot_chunks WHERE shape_id = ? AND chunk = ?');

  return {
    transaction: (fn) => db.transaction(fn)(),
    getMeta: (key) => getMeta.get(key)?.value ?? null,
    setMeta: (key, value) => void setMeta.run(key, value),
    listShapes: () =>
      db
        .query<{ handle: string; definition_key: string; definition: string; relid: number; ready: number; snapshot_chunks: number; created_at: number }, []>(
          'SELECT handle, definition_key, definition, relid, ready, snapshot_chunks, created_at FROM shapes ORDER BY id',
        )
        .all()
        .map((r) => ({
          handle: r.handle,
          definitionKey: r.definition_key,
          definition: r.definition,
          relid: r.relid,
          ready: r.ready === 1,
          snapshotChunks: r.snapshot_chunks,
          createdAt: r.created_at,
        })),
    createShape(s) {
      db.query('INSERT INTO shapes (handle, definition_key, definition, relid, created_at) VALUES (?, ?, ?, ?, ?)').run(
        s.handle,
        s.definitionKey,
        s.definition,
        s.relid,
        s.createdAt,
      );
    },
    putSnapshotChunk(handle, chunk, body) {
      db.query('INSERT OR REPLACE INTO snapshot_chunks (shape_id, chunk, body) VALUES (?, ?, ?)').run(mustId(handle), chunk, body);
    },
    markReady(handle, chunks) {
      db.query('UPDATE shapes SET ready = 1, snapshot_chunks = ? WHERE handle = ?').run(chunks, handle);
    },
    deleteShape(handle) {
      const id = idOf(handle);
      if (id === null) return;
      db.transaction(() => {
        db.query('DELETE FROM entries WHERE shape_id = ?').run(id);
        db.query('DELETE FROM snapshot_chunks WHERE shape_id = ?').run(id);
        db.query('DELETE FROM shapes WHERE id = ?').run(id);
      })();
      ids.delete(handle);
    },
    deleteAllShapes() {
      db.transaction(() => {
        db.exec('DELETE FROM entries');
        db.exec('DELETE FROM snapshot_chunks');
        db.exec('DELETE FROM shapes');
      })();
      ids.clear();
    },
    append(handle, entries) {
      const id = mustId(handle);
      for (const e of entries) insertEntry.run(id, e.tx, e.op, e.body);
    },
    getSnapshotChunk: (handle, chunk) => {
      const id = idOf(handle);
      return id === null ? null : (getChunk.get(id, chunk)?.body ?? null);
    },
    readAfter(handle, tx, op, maxBytes): ReadResult {
      const id = mustId(handle);
      const out: LogEntry[] = [];
      let bytes = 0;
      // Infinity cannot be bound; a larger-than-any op stands in for it.
      let afterTx = tx;
      let afterOp = op === Infinity ? Number.MAX_SAFE_INTEGER : op;
      for (;;) {
        const rows = readAfter.all(id, afterTx, afterTx, afterOp, READ_BATCH);
        for (const r of rows) {
          if (out.length > 0 && bytes + r.body.length > maxBytes) return { entries: out, atEnd: false };
          out.push(r);
          bytes += r.body.length;
        }
        if (rows.length < READ_BATCH) return { entries: out, atEnd: true };
        const last = rows[rows.length - 1]!;
        afterTx = last.tx;
        afterOp = last.op;
      }
    },
    lastEntry: (handle) => {
      const id = idOf(handle);
      return id === null ? null : (lastEntry.get(id) ?? null);
    },
    close: () => db.close(),
  };
}

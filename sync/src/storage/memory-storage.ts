/**
 * ShapeStorage in memory, for unit tests of the layers above storage. Nothing survives a restart,
 * but a transaction is all or nothing like sqlite's: a throw inside it undoes what it wrote, so
 * tests of failing storage see the same state the real one would leave.
 */
import { compareOffsets } from '../replication/index.ts';
import type { LogEntry, ShapeStorage, StoredShape } from './shape-storage.ts';

export function createMemoryStorage(): ShapeStorage {
  let meta = new Map<string, string>();
  let shapes = new Map<string, StoredShape>();
  let chunks = new Map<string, Map<number, string>>();
  let logs = new Map<string, LogEntry[]>();
  let depth = 0;
  const copy = () => ({
    meta: new Map(meta),
    shapes: new Map(shapes),
    chunks: new Map([...chunks].map(([h, m]) => [h, new Map(m)])),
    logs: new Map([...logs].map(([h, l]) => [h, [...l]])),
  });
  return {
    transaction(fn) {
      // Copy-on-begin is slow but simple, and this storage only backs tests.
      const saved = depth === 0 ? copy() : null;
      depth++;
      try {
        return fn();
      } catch (e) {
        if (saved) ({ meta, shapes, chunks, logs } = saved);
        throw e;
      } finally {
        depth--;
      }
    },
    getMeta: (k) => meta.get(k) ?? null,
    setMeta: (k, v) => void meta.set(k, v),
    listShapes: () => [...shapes.values()],
    createShape: (s) => {
      shapes.set(s.handle, { ...s, ready: false, snapshotChunks: 0 });
      chunks.set(s.handle, new Map());
      logs.set(s.handle, []);
    },
    putSnapshotChunk: (h, c, body) => void chunks.get(h)?.set(c, body),
    markReady: (h, n) => {
      const s = shapes.get(h);
      if (s) shapes.set(h, { ...s, ready: true, snapshotChunks: n });
    },
    deleteShape: (h) => {
      shapes.delete(h);
      chunks.delete(h);
      logs.delete(h);
    },
    deleteAllShapes: () => {
      shapes.clear();
      chunks.clear();
      logs.clear();
    },
    append: (h, entries) => {
      const log = logs.get(h);
      if (!log) throw new Error(`no shape ${h} in storage`);
      // Same offset, same entry: a replay replaces rather than duplicates (as sqlite's primary key).
      for (const e of entries) {
        const i = log.findIndex((x) => compareOffsets(x, e) === 0);
        if (i >= 0) log[i] = e;
        else log.push(e);
      }
      log.sort(compareOffsets);
    },
    getSnapshotChunk: (h, c) => chunks.get(h)?.get(c) ?? null,
    readAfter: (h, tx, op, maxBytes) => {
      const log = logs.get(h) ?? [];
      const after = { tx, op };
      const out: LogEntry[] = [];
      let bytes = 0;
      for (const e of log) {
        if (compareOffsets(e, after) <= 0) continue;
        if (out.length > 0 && bytes + e.body.length > maxBytes) return { entries: out, atEnd: false };
        out.push(e);
        bytes += e.body.length;
      }
      return { entries: out, atEnd: true };
    },
    lastEntry: (h) => {
      const log = logs.get(h);
      const e = log?.[log.length - 1];
      return e ? { tx: e.tx, op: e.op } : null;
    },
    close: () => {},
  };
}

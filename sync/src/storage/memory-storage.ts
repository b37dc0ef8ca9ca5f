/** ShapeStorage in memory, for unit tests of the layers above storage. Nothing survives. */
import { compareOffsets } from '../replication/index.ts';
import type { LogEntry, ShapeStorage, StoredShape } from './shape-storage.ts';

export function createMemoryStorage(): ShapeStorage {
  const meta = new Map<string, string>();
  const shapes = new Map<string, StoredShape>();
  const chunks = new Map<string, Map<number, string>>();
  const logs = new Map<string, LogEntry[]>();
  return {
    transaction: (fn) => fn(),
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
      log.push(...entries);
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

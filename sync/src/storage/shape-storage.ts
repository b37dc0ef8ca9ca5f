/**
 * Where shape logs live. The collector appends inside `transaction()`, and everything written in
 * one call is durable together with the watermark (`lastLsn`) before the call returns, so the WAL
 * position can be acknowledged right after (C1 in SPEC.md). Reads are synchronous so a response
 * can read the watermark and the log in one step without a change landing in between (I3).
 */

export interface StoredShape {
  handle: string;
  definitionKey: string;
  /** JSON of the definition and table info, written and read by the shape layer. */
  definition: string;
  relid: number;
  ready: boolean;
  snapshotChunks: number;
  createdAt: number;
}

export interface LogEntry {
  tx: number;
  op: number;
  /** One serialised message. */
  body: string;
}

export interface ReadResult {
  entries: LogEntry[];
  /** True when the read reached the end of the log. */
  atEnd: boolean;
}

export interface ShapeStorage {
  transaction<T>(fn: () => T): T;
  getMeta(key: string): string | null;
  setMeta(key: string, value: string): void;
  listShapes(): StoredShape[];
  createShape(shape: Omit<StoredShape, 'ready' | 'snapshotChunks'>): void;
  /** Stores one chunk of the initial snapshot: the comma-joined messages of that chunk. */
  putSnapshotChunk(handle: string, chunk: number, body: string): void;
  markReady(handle: string, snapshotChunks: number): void;
  deleteShape(handle: string): void;
  deleteAllShapes(): void;
  append(handle: string, entries: LogEntry[]): void;
  getSnapshotChunk(handle: string, chunk: number): string | null;
  /** Entries after (tx, op), in order, until `maxBytes` of bodies (always at least one). */
  readAfter(handle: string, tx: number, op: number, maxBytes: number): ReadResult;
  /** The offset of the last change entry, or null when there is none. */
  lastEntry(handle: string): { tx: number; op: number } | null;
  close(): void;
}

/**
 * The shapes this server holds, indexed by handle, by definition (identical definitions share one
 * log) and by table, with the long-poll waiters of each.
 */
import type { SnapshotInfo } from '../postgres/index.ts';
import type { Transaction } from '../replication/index.ts';
import { definitionKey, type CompiledShape } from './shape-definition.ts';
import { columnsSignature } from './table-info.ts';

/**
 * Why a held request wakes: its log grew, its shape is gone (409), or the global watermark moved
 * past where it was when the request started waiting (see I4 in SPEC.md).
 */
export type WakeReason = 'change' | 'gone' | 'watermark';

export interface Waiter {
  /** The global watermark when the request started waiting. */
  since: number;
  wake(reason: WakeReason): void;
}

export interface ActiveShape {
  handle: string;
  key: string;
  compiled: CompiledShape;
  relid: number;
  /** Columns signature of the table when the shape was made; a different one means a schema change. */
  signature: string;
  status: 'snapshotting' | 'ready' | 'gone';
  /** The snapshot's visibility, used to skip transactions it already contains; null until known. */
  snapshot: SnapshotInfo | null;
  /** Transactions that arrived before the snapshot's visibility was known (see C3). */
  pending: Transaction[];
  ready: Promise<void>;
  chunks: number;
  lastUsed: number;
  waiters: Set<Waiter>;
  /**
   * Reads by request offset, valid until the log grows: the clients woken by one commit all ask
   * for the same offset, and answer from one read instead of one storage query each.
   */
  reads: Map<string, CachedRead>;
}

export interface CachedRead {
  bodies: string[];
  offset: { tx: number; op: number };
  upToDate: boolean;
}

export class ShapeRegistry {
  private byHandle = new Map<string, ActiveShape>();
  private byKey = new Map<string, ActiveShape>();
  private byRelid = new Map<number, Set<ActiveShape>>();

  get size() {
    return this.byHandle.size;
  }

  all(): ActiveShape[] {
    return [...this.byHandle.values()];
  }

  find(handle: string): ActiveShape | undefined {
    return this.byHandle.get(handle);
  }

  findByDefinition(compiled: CompiledShape): ActiveShape | undefined {
    return this.byKey.get(definitionKey(compiled.definition));
  }

  onTable(relid: number): Iterable<ActiveShape> {
    return this.byRelid.get(relid) ?? [];
  }

  add(handle: string, compiled: CompiledShape, now: number, ready: ActiveShape['ready'] = Promise.resolve()): ActiveShape {
    const shape: ActiveShape = {
      handle,
      key: definitionKey(compiled.definition),
      compiled,
      relid: compiled.table.oid,
      signature: columnsSignature(compiled.table.columns),
      status: 'snapshotting',
      snapshot: null,
      pending: [],
      ready,
      chunks: 0,
      lastUsed: now,
      waiters: new Set(),
      reads: new Map(),
    };
    this.byHandle.set(handle, shape);
    this.byKey.set(shape.key, shape);
    let set = this.byRelid.get(shape.relid);
    if (!set) this.byRelid.set(shape.relid, (set = new Set()));
    set.add(shape);
    return shape;
  }

  /** Forgets a shape and wakes its waiters, who answer 409 (its handle is never given out again). */
  remove(shape: ActiveShape) {
    shape.status = 'gone';
    shape.pending = [];
    shape.reads.clear();
    this.byHandle.delete(shape.handle);
    if (this.byKey.get(shape.key) === shape) this.byKey.delete(shape.key);
    this.byRelid.get(shape.relid)?.delete(shape);
    wake(shape, 'gone');
  }
}

export function wake(shape: ActiveShape, reason: Exclude<WakeReason, 'watermark'>) {
  const waiters = [...shape.waiters];
  shape.waiters.clear();
  for (const w of waiters) w.wake(reason);
}

/** Wakes the requests that have been waiting since before `lsn`, so they can report it. */
export function wakeBelow(shape: ActiveShape, lsn: number) {
  for (const w of [...shape.waiters]) {
    if (w.since < lsn) {
      shape.waiters.delete(w);
      w.wake('watermark');
    }
  }
}

/**
 * Writes committed transactions into the logs of the shapes they touch, all of a batch in one
 * storage transaction together with the watermark, then wakes the waiting readers. The watermark
 * (`lastLsn`, sent as `global_last_seen_lsn`) only moves after every shape has its entries (I1),
 * and only once storage has committed them.
 */
import { isVisibleIn, type SnapshotInfo } from '../postgres/index.ts';
import { wake, type ActiveShape, type ShapeRegistry, columnsSignature } from '../shapes/index.ts';
import type { ShapeStorage } from '../storage/index.ts';
import type { Lsn } from './lsn.ts';
import type { Transaction } from './transaction-builder.ts';
import { transactionEntries } from './transaction-entries.ts';

export const LAST_LSN_KEY = 'last_lsn';

export class ShapeLogCollector {
  constructor(
    private storage: ShapeStorage,
    private registry: ShapeRegistry,
    public lastLsn: Lsn,
    private onInvalidated: (shape: ActiveShape, why: string) => void = () => {},
  ) {}

  /**
   * Applies transactions in commit order; returns the end LSN that is now durable, if any.
   * Nothing in memory changes until storage has committed: if the storage transaction throws
   * (a full disk), the watermark, the registry and the held-back transactions are as they were,
   * so the same batch resent from the last acknowledged position is applied, not skipped.
   */
  apply(batch: Transaction[]): Lsn | null {
    if (batch.length === 0) return null;
    const touched = new Set<ActiveShape>();
    const gone = new Map<ActiveShape, string>();
    const held: [ActiveShape, Transaction][] = [];
    const invalidate = (shape: ActiveShape, why: string) => {
      if (shape.status === 'gone' || gone.has(shape)) return;
      this.storage.deleteShape(shape.handle);
      gone.set(shape, why);
    };
    let durable: Lsn | null = null;
    let last = this.lastLsn;
    this.storage.transaction(() => {
      for (const tx of batch) {
        durable = tx.endLsn;
        // Already in the logs: Postgres resends what we had not acknowledged before a restart.
        if (tx.lsn <= last) continue;
        for (const rel of tx.relations) {
          const sig = columnsSignature(rel.columns);
          for (const shape of [...this.registry.onTable(rel.relid)]) {
            if (shape.signature !== sig) invalidate(shape, 'schema change');
          }
        }
        const relids = new Set<number>();
        for (const e of tx.events) {
          if (e.op === 'truncate') {
            for (const relid of e.relids) for (const shape of [...this.registry.onTable(relid)]) invalidate(shape, 'truncate');
          } else relids.add(e.relid);
        }
        for (const relid of relids) {
          for (const shape of this.registry.onTable(relid)) {
            if (gone.has(shape)) continue;
            if (shape.snapshot === null) {
              held.push([shape, tx]);
              continue;
            }
            if (this.appendTo(shape, tx)) touched.add(shape);
          }
        }
        last = tx.lsn;
      }
      this.storage.setMeta(LAST_LSN_KEY, String(last));
    });
    this.lastLsn = last;
    for (const [shape, tx] of held) shape.pending.push(tx);
    for (const shape of gone.keys()) this.registry.remove(shape);
    for (const shape of touched) if (!gone.has(shape)) wake(shape, 'change');
    for (const [shape, why] of gone) this.onInvalidated(shape, why);
    return durable;
  }

  /**
   * Called as soon as a new shape's snapshot transaction knows its visibility: transactions held
   * back for the shape are now written unless the snapshot already contains them (C3).
   */
  setSnapshot(shape: ActiveShape, snapshot: SnapshotInfo) {
    shape.snapshot = snapshot;
    const pending = shape.pending;
    shape.pending = [];
    if (shape.status === 'gone' || pending.length === 0) return;
    try {
      this.storage.transaction(() => {
        for (const tx of pending) this.appendTo(shape, tx);
      });
    } catch (e) {
      // The watermark is already past these transactions and Postgres will not send them again:
      // the log would have a hole, so the shape goes (its clients get 409 and refetch).
      this.drop(shape, `its held-back changes could not be stored (${(e as Error).message})`);
    }
  }

  /** Removes a shape whose log cannot be trusted; storage may be failing, so its rows may stay. */
  drop(shape: ActiveShape, why: string) {
    if (shape.status === 'gone') return;
    try {
      this.storage.deleteShape(shape.handle);
    } catch {
      // Left in storage, but it was never marked ready there, so a restart drops it.
    }
    this.registry.remove(shape);
    this.onInvalidated(shape, why);
  }

  private appendTo(shape: ActiveShape, tx: Transaction): boolean {
    const snap = shape.snapshot!;
    const afterSnapshot = snap.walLsn !== undefined && tx.lsn > snap.walLsn;
    if (!afterSnapshot && isVisibleIn(tx.xid, snap)) return false;
    const entries = transactionEntries(shape.compiled, shape.relid, tx);
    if (entries.length === 0) return false;
    this.storage.append(shape.handle, entries);
    shape.reads.clear();
    return true;
  }
}

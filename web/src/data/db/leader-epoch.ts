import { createSignal, type Accessor } from 'solid-js';
import { LeaderChangedError } from '@electric-sql/pglite/worker';
import type { Db } from './types';

/**
 * How many times the tab's database has changed leader. Every tab talks to the one PGlite in the
 * leader tab's worker; when that tab goes (a reload, a closed tab), another worker takes over with
 * a fresh session. A live query lives in the leader's session (its temporary view and triggers),
 * so after a change it must be made again, and a query in flight at that moment is rejected with
 * `LeaderChangedError` although nothing was wrong with it. An in-process PGlite never changes.
 */
export function leaderEpoch(db: Db): Accessor<number> {
  let epoch = epochs.get(db);
  if (!epoch) {
    const [read, write] = createSignal(0);
    const onChange = (db as Partial<{ onLeaderChange(cb: () => void): () => void }>).onLeaderChange;
    onChange?.call(db, () => write((n) => n + 1));
    epoch = read;
    epochs.set(db, epoch);
  }
  return epoch;
}

const epochs = new WeakMap<Db, Accessor<number>>();

/** Whether a query failed only because the leader changed under it (so asking again is right). */
export const isLeaderChange = (err: unknown): boolean => err instanceof LeaderChangedError;

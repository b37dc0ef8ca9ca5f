import { createSignal, onCleanup, type Accessor } from 'solid-js';

/**
 * Rows received during a first sync, told by the leader's worker to every tab. They go over a
 * BroadcastChannel rather than into sync_state: the counts change with every batch, and the
 * initial commit holds the database until the whole first copy is in, which is exactly when a
 * person most wants to see them move.
 */
export const FIRST_SYNC_CHANNEL = 'chorus_first_sync';

export interface FirstSyncRows {
  /** Rows received so far, all tables together. */
  rows: number;
  /** Tables whose first copy is complete. */
  tablesDone: number;
}

/** Worker side: a sender that tabs hear (a no-op where BroadcastChannel is missing). */
export function firstSyncRowsSender(): (progress: FirstSyncRows) => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(FIRST_SYNC_CHANNEL);
  return (progress) => channel.postMessage(progress);
}

/** Page side: the latest rows count told by the worker, undefined until one arrives. */
export function createFirstSyncRows(): Accessor<FirstSyncRows | undefined> {
  const [progress, setProgress] = createSignal<FirstSyncRows>();
  if (typeof BroadcastChannel === 'undefined') return progress;
  const channel = new BroadcastChannel(FIRST_SYNC_CHANNEL);
  channel.onmessage = (e: MessageEvent<FirstSyncRows>) => setProgress(e.data);
  onCleanup(() => channel.close());
  return progress;
}

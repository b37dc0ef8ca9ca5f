import type { PGliteInterface } from '@electric-sql/pglite';

/**
 * Tabs tell the leader's worker that the network is back. A worker gets its own `online` event in
 * principle, but not reliably in every browser (nor under emulated offline mode), while a page's
 * window does; queued edits should not wait for the sender's next backoff step.
 */
export const ONLINE_CHANNEL = 'chorus_online';

/** Page side: relays this window's `online` events; returns the function that stops it. */
export function relayOnline(db: PGliteInterface): () => void {
  // Losing the relay only delays the sender until its next backoff step; say so, do not hide it.
  const relay = () => void db.query(`NOTIFY ${ONLINE_CHANNEL}`).catch((e: Error) => console.warn('online relay: could not notify the sync worker', e.message));
  addEventListener('online', relay);
  return () => removeEventListener('online', relay);
}

/** Worker side: calls `onOnline` whenever any tab relays that the network is back. */
export function listenOnline(pg: PGliteInterface, onOnline: () => void): void {
  void pg.listen(ONLINE_CHANNEL, onOnline);
}

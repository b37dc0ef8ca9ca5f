import type { PGliteInterface } from '@electric-sql/pglite';
import { startOutboxSender, type OutboxSender } from '@chorus/sync/src/outbox/index.ts';

/**
 * Starts @chorus/sync's outbox sender next to the sync, in the leader's worker: it pushes queued
 * edits to POST /api/mutations when online (Web Locks keep it to one sender), and marks refused
 * ones in chorus_outbox with the server's reason, which every tab shows through a live query.
 */
export function startOutbox(pg: PGliteInterface, origin: string = self.location.origin): OutboxSender {
  return startOutboxSender({
    db: pg,
    endpoint: `${origin}/api/mutations`,
    onError: (error) => console.warn('outbox: will retry', error.message),
  });
}

import type { PGliteInterface } from '@electric-sql/pglite';
import { OutboxRefusedError, OutboxUnsentError, startOutboxSender, type OutboxSender } from '@chorus/sync/src/outbox/index.ts';
import { recordSyncState, recordWriteError } from './sync-state';

const SIGN_IN = 'This server needs its admin token: sign in to sync.';

/**
 * Starts @chorus/sync's outbox sender next to the sync, in the leader's worker: it pushes queued
 * edits to POST /api/mutations when online (Web Locks keep it to one sender), and marks refused
 * ones in chorus_outbox with the server's reason, which every tab shows through a live query.
 * When the server refuses the sender itself (not signed in, or no writes from this address), or
 * answers with something that is not its own reply (a proxy's error page), the edits stay queued
 * and sync_state.write_error says why until a batch goes through.
 */
export function startOutbox(pg: PGliteInterface, origin: string = self.location.origin): OutboxSender {
  let refused = false;
  // The status row is only what tabs show; failing to write it must not stop the sender.
  const show = (what: string, write: Promise<void>) => void write.catch((e: Error) => console.warn(`outbox: could not record ${what}`, e.message));
  return startOutboxSender({
    db: pg,
    endpoint: `${origin}/api/mutations`,
    onError: (error) => {
      if (error instanceof OutboxUnsentError) {
        refused = true;
        show('why changes cannot be sent', recordWriteError(pg, `Can't send changes yet (${error.message}); they stay queued and are retried.`));
        return;
      }
      if (!(error instanceof OutboxRefusedError)) {
        console.warn('outbox: will retry', error.message);
        return;
      }
      refused = true;
      const why = error.status === 401 ? 'Changes wait until you sign in with the admin token.' : `Changes cannot be saved from here: ${error.message}.`;
      show('why changes are refused', recordWriteError(pg, why));
      if (error.status === 401) show('the signed-out state', recordSyncState(pg, { phase: 'signed_out', error: SIGN_IN }));
    },
    onAccepted: () => {
      if (!refused) return;
      refused = false;
      show('that changes go through again', recordWriteError(pg, null));
    },
  });
}

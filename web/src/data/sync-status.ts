import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { useDb } from './db';
import { createLiveQuery, createLiveRow, type LiveRows } from './live-query';
import type { SyncPhase } from './sync';

export interface SyncState {
  id: 'sync';
  phase: SyncPhase;
  shapes_total: number;
  shapes_ready: number;
  last_synced_at: Date | null;
  error: string | null;
  /** Why the server refuses this browser's changes, while it does. */
  write_error: string | null;
  /** Since when the server has not answered this browser (null while it answers). */
  unreachable_since: Date | null;
  /** Whether any synced data is stored locally, so a first visit can be told from a later one. */
  has_data: boolean;
}

export function createSyncState(): { row: Accessor<SyncState | undefined>; ready: Accessor<boolean> } {
  const db = useDb();
  return createLiveRow<SyncState>(db, () => ({
    sql: `SELECT id, phase, shapes_total, shapes_ready, last_synced_at, error, write_error, unreachable_since,
                 EXISTS (SELECT 1 FROM bots) AS has_data
            FROM sync_state WHERE id = 'sync'`,
  }));
}

export interface OutboxCounts {
  id: 'outbox';
  pending: number;
  rejected: number;
}

/**
 * Edits made here that the server has not confirmed yet (queued, or sent and waiting for their
 * change to come back down the shape stream), and those it refused.
 */
export function createOutboxCounts(): { row: Accessor<OutboxCounts | undefined> } {
  const db = useDb();
  return createLiveRow<OutboxCounts>(db, () => ({
    sql: `SELECT 'outbox' AS id,
                 count(*) FILTER (WHERE state <> 'rejected')::int AS pending,
                 count(*) FILTER (WHERE state = 'rejected')::int AS rejected
            FROM chorus_outbox`,
  }));
}

export interface PendingEdit {
  id: string;
  type: string;
  /** 'pending': waiting to be sent; 'sent': the server has it, its change is on its way back. */
  state: 'pending' | 'sent';
  created_at: Date;
  attempts: number;
}

/** The edits not confirmed yet, oldest first, for the sync details (the outbox sends in order). */
export function createPendingEdits(): LiveRows<PendingEdit> {
  const db = useDb();
  return createLiveQuery<PendingEdit>(db, () => ({
    sql: `SELECT id, type, state, created_at, attempts FROM chorus_outbox WHERE state <> 'rejected' ORDER BY seq LIMIT 50`,
  }));
}

/** Where one edit is: queued here, with the server, saved (its change came back), or refused. */
export type EditProgress = 'queued' | 'sent' | 'saved' | 'refused';

/**
 * Follows the outbox entries of one edit. Saved means every entry's applied_mutations row has
 * synced back (the outbox drops an entry at that moment, so "gone" alone could also mean not yet
 * seen); refused wins over everything, with the server's reason.
 */
export function createEditProgress(mutationIds: readonly string[]): { progress: Accessor<EditProgress>; error: Accessor<string | null> } {
  const db = useDb();
  const live = createLiveQuery<{ refused: number; sent: number; saved: number; error: string | null }>(db, () => ({
    sql: `SELECT count(*) FILTER (WHERE o.state = 'rejected')::int AS refused,
                 count(*) FILTER (WHERE o.state = 'sent')::int AS sent,
                 count(*) FILTER (WHERE o.id IS NULL AND a.id IS NOT NULL)::int AS saved,
                 max(o.error) FILTER (WHERE o.state = 'rejected') AS error
            FROM unnest($1::uuid[]) AS m(id)
            LEFT JOIN chorus_outbox o ON o.id = m.id
            LEFT JOIN applied_mutations a ON a.id = m.id`,
    params: [[...mutationIds]],
  }));
  const row = () => live.rows[0];
  const progress = (): EditProgress => {
    const r = row();
    if (!r) return 'queued';
    if (r.refused > 0) return 'refused';
    if (r.saved === mutationIds.length) return 'saved';
    return r.sent > 0 ? 'sent' : 'queued';
  };
  return { progress, error: () => row()?.error ?? null };
}

export interface RejectedEdit {
  id: string;
  type: string;
  error: string | null;
  created_at: Date;
}

export function createRejectedEdits(): LiveRows<RejectedEdit> {
  const db = useDb();
  return createLiveQuery<RejectedEdit>(db, () => ({
    sql: `SELECT id, type, error, created_at FROM chorus_outbox WHERE state = 'rejected' ORDER BY seq`,
  }));
}

/**
 * The browser's network state and since when it has been offline; it is not data, so it comes
 * from the window, not PGlite.
 */
export function createOnline(): { online: Accessor<boolean>; offlineSince: Accessor<Date | null> } {
  const initially = typeof navigator === 'undefined' ? true : navigator.onLine;
  const [online, setOnline] = createSignal(initially);
  const [offlineSince, setOfflineSince] = createSignal<Date | null>(initially ? null : new Date());
  const up = () => {
    setOnline(true);
    setOfflineSince(null);
  };
  const down = () => {
    setOnline(false);
    setOfflineSince(new Date());
  };
  window.addEventListener('online', up);
  window.addEventListener('offline', down);
  onCleanup(() => {
    window.removeEventListener('online', up);
    window.removeEventListener('offline', down);
  });
  return { online, offlineSince };
}

import type { PGliteInterface } from '@electric-sql/pglite';

export type SyncPhase = 'idle' | 'unavailable' | 'initial' | 'syncing' | 'up_to_date' | 'error' | 'signed_out';

export interface SyncStatePatch {
  phase: SyncPhase;
  shapesTotal?: number;
  shapesReady?: number;
  /** Set when the data became current with the server. */
  syncedAt?: Date;
  error?: string | null;
}

/**
 * Writes the sync status into the local sync_state row. The status lives in the database rather
 * than in memory because the sync runs in the leader's worker while every tab shows it.
 */
export async function recordSyncState(db: PGliteInterface, patch: SyncStatePatch): Promise<void> {
  await db.query(
    `UPDATE sync_state SET
       phase = $1,
       shapes_total = coalesce($2, shapes_total),
       shapes_ready = coalesce($3, shapes_ready),
       last_synced_at = coalesce($4, last_synced_at),
       error = $5,
       updated_at = now()
     WHERE id = 'sync'`,
    [patch.phase, patch.shapesTotal ?? null, patch.shapesReady ?? null, patch.syncedAt ?? null, patch.error ?? null],
  );
}

/** Why the server refuses this browser's changes (null once it accepts them again). */
export async function recordWriteError(db: PGliteInterface, message: string | null): Promise<void> {
  await db.query(`UPDATE sync_state SET write_error = $1 WHERE id = 'sync' AND write_error IS DISTINCT FROM $1`, [message]);
}

/** Since when the server has not answered (null: it answers). Written only when that changes. */
export async function recordServerReach(db: PGliteInterface, unreachableSince: Date | null): Promise<void> {
  await db.query(`UPDATE sync_state SET unreachable_since = $1 WHERE id = 'sync'`, [unreachableSince]);
}

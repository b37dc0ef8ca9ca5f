import type { PGliteInterface } from '@electric-sql/pglite';
import type { PGliteWithSync } from '@electric-sql/pglite-sync';
import { recordSyncState } from './sync-state';

/**
 * The single place where the dashboard starts syncing its tables from the shape server.
 * Runs in the leader's worker, on the PGlite that owns the data.
 *
 * The shape list and the function that calls `syncShapesToTables` belong to `@chorus/sync`, so
 * the browser and the shape server agree on tables and columns from one source. That package
 * does not export them yet; until it does, the dashboard says so in its status and shows
 * whatever is already stored locally.
 */
export async function startSync(pg: PGliteInterface & PGliteWithSync): Promise<void> {
  await recordSyncState(pg, { phase: 'unavailable', error: 'the sync layer is not connected yet' });
}

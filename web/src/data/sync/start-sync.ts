import type { PGliteInterface } from '@electric-sql/pglite';
import type { PGliteWithSync } from '@electric-sql/pglite-sync';
// The browser half of @chorus/sync only: its package entry also carries the shape server.
import { DASHBOARD_SHAPES, startDashboardSync } from '@chorus/sync/src/browser/index.ts';
import { syncedTable } from '@chorus/sync/src/outbox/index.ts';
import { recordSyncState } from './sync-state';

/** Subscription key under which pglite-sync keeps shape handles and offsets, so a reload resumes. */
export const SYNC_KEY = 'chorus-dashboard-v1';

/**
 * Writing the status on every long-poll answer would mean an IndexedDB flush per answer; the
 * "last sync" shown to people only needs a few seconds of precision.
 */
export const STATUS_WRITE_INTERVAL_MS = 3_000;

/**
 * The single place where the dashboard starts syncing its tables from the shape server. Runs in
 * the leader's worker on the PGlite that owns the data; the shape list and the call to
 * `syncShapesToTables` come from @chorus/sync, so browser and server agree on tables and columns.
 * Progress goes into the sync_state table, which every tab reads with a live query.
 */
export async function startSync(pg: PGliteInterface & PGliteWithSync, origin: string = self.location.origin): Promise<void> {
  const total = DASHBOARD_SHAPES.length;
  let initialDone = false;
  let lastWrite = 0;
  let writing: Promise<void> = Promise.resolve();
  // Status writes are chained so they land in the order they were decided.
  const write = (patch: Parameters<typeof recordSyncState>[1]) => {
    writing = writing.then(() => recordSyncState(pg, patch)).catch((err: unknown) => console.error('sync status write failed', err));
  };

  write({ phase: 'initial', shapesTotal: total, shapesReady: 0, error: null });
  try {
    const sync = await startDashboardSync(pg, {
      url: `${origin}/v1/shape`,
      key: SYNC_KEY,
      // Rows land in synced_<table>; the app reads the overlay views named like the tables.
      localTable: syncedTable,
      onInitialSync: () => {
        initialDone = true;
        lastWrite = Date.now();
        write({ phase: 'up_to_date', shapesReady: total, syncedAt: new Date(), error: null });
      },
      onError: (error) => {
        write({ phase: 'error', error: error.message });
      },
    });
    const streams = Object.values(sync.streams);
    for (const stream of streams) {
      stream.subscribe(
        () => {
          const ready = streams.filter((s) => s.isUpToDate).length;
          const now = Date.now();
          if (!initialDone) {
            write({ phase: 'initial', shapesReady: ready });
            return;
          }
          if (ready === total && now - lastWrite < STATUS_WRITE_INTERVAL_MS) return;
          lastWrite = now;
          write(ready === total ? { phase: 'up_to_date', shapesReady: ready, syncedAt: new Date(now), error: null } : { phase: 'syncing', shapesReady: ready });
        },
        (error) => write({ phase: 'error', error: error.message }),
      );
    }
  } catch (err) {
    write({ phase: 'error', error: err instanceof Error ? err.message : String(err) });
  }
}

import type { PGliteInterface } from '@electric-sql/pglite';
import type { PGliteWithSync } from '@electric-sql/pglite-sync';
// The browser half of @chorus/sync only: its package entry also carries the shape server.
import { DASHBOARD_SHAPES, limitLiveRequests, PUBLIC_SHAPES, startDashboardSync, type DashboardShape } from '@chorus/sync/src/browser/index.ts';
import { syncedTable } from '@chorus/sync/src/outbox/index.ts';
import { firstSyncRowsSender } from './first-sync-rows';
import { trackServerReach } from './server-reach';
import { recordServerReach, recordSyncState } from './sync-state';

/** What one kind of local database syncs, and where the rows land. */
export interface SyncProfile {
  shapes: readonly DashboardShape[];
  /** Subscription key under which pglite-sync keeps handles and offsets (null: start over each time). */
  key: string | null;
  localTable?: (table: string) => string;
  /**
   * Live requests in flight at once (see limitLiveRequests). A dashboard tab and a public tab
   * together stay under the browser's six HTTP/1.1 connections per host, with one to spare for
   * edits and everything else.
   */
  maxLive: number;
}

/** Everything, into synced_<table> under the overlay views; resumes after a reload. */
export const DASHBOARD_PROFILE: SyncProfile = { shapes: DASHBOARD_SHAPES, key: 'chorus-dashboard-v1', localTable: syncedTable, maxLive: 3 };
/** The public shapes only, straight into their tables, in memory. */
export const PUBLIC_PROFILE: SyncProfile = { shapes: PUBLIC_SHAPES, key: null, maxLive: 2 };

/**
 * Writing the status on every long-poll answer would mean an IndexedDB flush per answer; the
 * "last sync" shown to people only needs a few seconds of precision.
 */
export const STATUS_WRITE_INTERVAL_MS = 3_000;

/**
 * The single place where a local database (the dashboard's, or the public view's, by profile)
 * starts syncing its tables from the shape server. Runs in the leader's worker on the PGlite that
 * owns the data; the shape list and the call to
 * `syncShapesToTables` come from @chorus/sync, so browser and server agree on tables and columns.
 * Progress goes into the sync_state table, which every tab reads with a live query.
 */
export async function startSync(
  pg: PGliteInterface & PGliteWithSync,
  profile: SyncProfile,
  opts: { origin?: string; waitForSignIn?: () => Promise<void> } = {},
): Promise<void> {
  const origin = opts.origin ?? self.location.origin;
  const total = profile.shapes.length;
  let initialDone = false;
  // While some shapes wait for a sign-in, the others' progress must not hide that.
  let signedOut = false;
  // Duck-typed: pglite-sync bundles its own copy of the client, so instanceof FetchError fails.
  const waitsForSignIn = (error: Error) => opts.waitForSignIn !== undefined && (error as { status?: number }).status === 401;
  let lastWrite = 0;
  let writing: Promise<void> = Promise.resolve();
  // Status writes are chained so they land in the order they were decided.
  const write = (patch: Parameters<typeof recordSyncState>[1]) => {
    writing = writing.then(() => recordSyncState(pg, patch)).catch((err: unknown) => console.error('sync status write failed', err));
  };

  const writeReach = (since: Date | null) => {
    writing = writing.then(() => recordServerReach(pg, since)).catch((err: unknown) => console.error('sync status write failed', err));
  };

  write({ phase: 'initial', shapesTotal: total, shapesReady: 0, error: null });
  // A new worker knows nothing yet about the server: the last one's verdict is not this one's.
  writeReach(null);
  try {
    const sync = await startDashboardSync(pg, {
      url: `${origin}/v1/shape`,
      shapes: profile.shapes,
      key: profile.key,
      localTable: profile.localTable,
      fetchClient: limitLiveRequests(profile.maxLive, trackServerReach(writeReach)),
      // A 401 means this server wants a session: wait for someone to sign in, then try again.
      onShapeError: async (_table, error) => {
        const waitForSignIn = opts.waitForSignIn;
        if (!waitForSignIn || !waitsForSignIn(error)) {
          // With a handler, pglite-sync's client no longer passes the error on: say it here.
          write({ phase: 'error', error: error.message });
          return;
        }
        signedOut = true;
        write({ phase: 'signed_out', error: 'This server needs its admin token: sign in to sync.' });
        await waitForSignIn();
        if (signedOut) write({ phase: initialDone ? 'syncing' : 'initial', error: null });
        signedOut = false;
        return {};
      },
      onInitialSync: () => {
        initialDone = true;
        lastWrite = Date.now();
        write({ phase: 'up_to_date', shapesReady: total, syncedAt: new Date(), error: null });
      },
      onError: (error) => {
        if (!waitsForSignIn(error)) write({ phase: 'error', error: error.message });
      },
    });
    const streams = Object.values(sync.streams);
    // A shape counts as copied once a batch of it carries up-to-date: the stream's own flag can
    // lag a batch behind, and for a quiet table the next batch is a whole long-poll away.
    const copied = new Set<number>();
    let rows = 0;
    const tellRows = firstSyncRowsSender();
    streams.forEach((stream, index) => {
      stream.subscribe(
        (messages) => {
          if (!initialDone) {
            for (const m of messages) {
              const h = m.headers as { operation?: string; control?: string };
              if (h.operation === 'insert') rows++;
              else if (h.control === 'up-to-date') copied.add(index);
            }
            tellRows({ rows, tablesDone: copied.size });
          }
          if (signedOut) return;
          const ready = streams.filter((s, i) => s.isUpToDate || (!initialDone && copied.has(i))).length;
          const now = Date.now();
          if (!initialDone) {
            write({ phase: 'initial', shapesReady: ready });
            return;
          }
          if (ready === total && now - lastWrite < STATUS_WRITE_INTERVAL_MS) return;
          lastWrite = now;
          write(ready === total ? { phase: 'up_to_date', shapesReady: ready, syncedAt: new Date(now), error: null } : { phase: 'syncing', shapesReady: ready });
        },
        (error) => {
          if (!waitsForSignIn(error)) write({ phase: 'error', error: error.message });
        },
      );
    });
  } catch (err) {
    write({ phase: 'error', error: err instanceof Error ? err.message : String(err) });
  }
}

/**
 * Starts syncing every dashboard shape into a PGlite database in one transactional group, so a
 * commit that touched several tables upstream lands in PGlite as one local transaction.
 */
import type { PGliteWithSync, SyncShapesToTablesResult } from '@electric-sql/pglite-sync';
import { DASHBOARD_SHAPES, type DashboardShape } from './shapes.ts';

export interface StartSyncOptions {
  /** Absolute URL of `/v1/shape`, e.g. `${location.origin}/v1/shape`. */
  url: string;
  /** Persists handles and offsets in PGlite so a reload resumes; null syncs from scratch. */
  key?: string | null;
  /** Extra query params for every request, e.g. `{ secret }` when an admin token is set. */
  params?: Record<string, string>;
  shapes?: readonly DashboardShape[];
  /** Local table name for a synced table (web/ may keep synced rows apart from an overlay). */
  localTable?: (table: string) => string;
  onInitialSync?: () => void;
  onError?: (error: Error) => void;
  /**
   * Called when one shape's request fails for good (a 4xx, say a 401 before signing in). Resolve
   * with `{}` to try that shape again (for instance once signed in); resolve with nothing to stop
   * it, which then reaches `onError`.
   */
  onShapeError?: (table: string, error: Error) => Promise<Record<string, never> | void>;
  /** The fetch every shape request goes through (e.g. `limitLiveRequests`). */
  fetchClient?: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
}


export function startDashboardSync(pg: PGliteWithSync, opts: StartSyncOptions): Promise<SyncShapesToTablesResult> {
  const shapes = opts.shapes ?? DASHBOARD_SHAPES;
  return pg.sync.syncShapesToTables({
    key: opts.key === undefined ? 'chorus-dashboard' : opts.key,
    shapes: Object.fromEntries(
      shapes.map((s) => [
        s.table,
        {
          shape: {
            url: opts.url,
            params: { ...opts.params, table: s.table, columns: [...s.columns], ...('where' in s && s.where ? { where: s.where } : {}) },
            ...(opts.onShapeError ? { onError: (error: Error) => opts.onShapeError!(s.table, error) } : {}),
            // Bun's `typeof fetch` carries extras (preconnect) the client never calls.
            ...(opts.fetchClient ? { fetchClient: opts.fetchClient as typeof fetch } : {}),
          },
          table: opts.localTable?.(s.table) ?? s.table,
          primaryKey: [...s.primaryKey],
        },
      ]),
    ),
    onInitialSync: opts.onInitialSync,
    onError: opts.onError,
  });
}

import type { PGliteWithLive } from '@electric-sql/pglite/live';

/**
 * What views and actions may use: any PGlite with live queries, the shared worker proxy in the
 * browser or an in-process instance in tests.
 */
export type Db = PGliteWithLive;

/**
 * Where the dashboard's PGlite lives. Bump the suffix only to throw every local copy away.
 *
 * OPFS with sync access handles is the default: measured in Chromium on this project's 2-core
 * machine, a one-row UPDATE took 6 ms there against about 500 ms with IndexedDB (which rewrites
 * whole files on every flush), and opening a view's live queries went from seconds to tens of
 * milliseconds. Sync access handles exist only in workers, which is where PGlite runs. Browsers
 * without them fall back to IndexedDB.
 */
export const OPFS_DATA_DIR = 'opfs-ahp://chorus-dashboard-v2';
export const IDB_DATA_DIR = 'idb://chorus-dashboard-v2';

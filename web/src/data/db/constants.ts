/** IndexedDB database holding the dashboard's PGlite. Bump the suffix only to throw every local copy away. */
export const DATA_DIR = 'idb://chorus-dashboard-v1';

export { DbProvider, useDb } from './db-context';
export { migrate } from './migrate';
export { openDb } from './open-db';
export { SYNCED_TABLES, type SyncedTable } from './schema';
export type { Db } from './types';

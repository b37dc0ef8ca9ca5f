import { live } from '@electric-sql/pglite/live';
import { PGliteWorker } from '@electric-sql/pglite/worker';
import type { Db } from './types';

/**
 * Where end-to-end tests find this tab's database, to seed it and to watch it. A registered
 * symbol rather than a named global keeps it out of the app's public surface.
 */
export const TEST_DB_HOOK = Symbol.for('chorus.web.db');

/** Connects this tab to the shared PGlite worker (see pglite-worker.ts). */
export async function openDb(): Promise<Db> {
  const worker = new Worker(new URL('./pglite-worker.ts', import.meta.url), { type: 'module' });
  const db = await PGliteWorker.create(worker, { extensions: { live } });
  (globalThis as Record<symbol, unknown>)[TEST_DB_HOOK] = db;
  // Ask the browser not to evict the local copy under storage pressure; it is the offline data.
  void navigator.storage?.persist?.().catch(() => false);
  return db;
}

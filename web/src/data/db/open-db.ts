import { live } from '@electric-sql/pglite/live';
import { PGliteWorker } from '@electric-sql/pglite/worker';
import type { Db } from './types';

/**
 * Where end-to-end tests find this tab's database, to seed it and to watch it. A registered
 * symbol rather than a named global keeps it out of the app's public surface.
 */
export const TEST_DB_HOOK = Symbol.for('chorus.web.db');

/** The dashboard's store (everything, persisted) or the public view's (public shapes, in memory). */
export type DbKind = 'dashboard' | 'public';

const opened = new Map<DbKind, Promise<Db>>();

/** Connects this tab to the shared PGlite worker of that kind (pglite-worker.ts, public-worker.ts). */
export function openDb(kind: DbKind = 'dashboard'): Promise<Db> {
  let db = opened.get(kind);
  if (!db) {
    db = connect(kind);
    opened.set(kind, db);
  }
  return db.then((ready) => {
    (globalThis as Record<symbol, unknown>)[TEST_DB_HOOK] = ready;
    return ready;
  });
}

async function connect(kind: DbKind): Promise<Db> {
  // Two literal URLs: the bundler finds and builds each worker from its own `new URL(…)`.
  if (kind === 'public') {
    const worker = new Worker(new URL('./public-worker.ts', import.meta.url), { type: 'module' });
    // Its own id, so public tabs elect their leader among themselves.
    return PGliteWorker.create(worker, { id: 'chorus-public', extensions: { live } });
  }
  const worker = new Worker(new URL('./pglite-worker.ts', import.meta.url), { type: 'module' });
  const db = await PGliteWorker.create(worker, { extensions: { live } });
  // Ask the browser not to evict the local copy under storage pressure; it is the offline data.
  void navigator.storage?.persist?.().catch(() => false);
  return db;
}

/// <reference lib="webworker" />
/**
 * The one PGlite every tab talks to. `worker()` runs `init` only in the tab elected leader, so a
 * single instance owns the IndexedDB store, runs the migrations and keeps the sync going; other
 * tabs proxy their queries to it and a new leader takes over when the old tab closes.
 */
import { PGlite } from '@electric-sql/pglite';
import { live } from '@electric-sql/pglite/live';
import { worker } from '@electric-sql/pglite/worker';
import { electricSync } from '@electric-sql/pglite-sync';
import { migrate } from './migrate';
import { DATA_DIR } from './constants';
import { startSync } from '../sync/start-sync';

void worker({
  async init() {
    // No relaxedDurability: with IndexedDB it acknowledged writes that a reload then lost.
    const pg = await PGlite.create({
      dataDir: DATA_DIR,
      extensions: { live, sync: electricSync() },
    });
    await migrate(pg);
    void startSync(pg);
    return pg;
  },
});

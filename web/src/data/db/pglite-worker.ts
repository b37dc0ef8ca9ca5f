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
import { IDB_DATA_DIR, OPFS_DATA_DIR } from './constants';
import { waitForOpfsHandover } from './opfs-handover';
import { listenOnline } from '../sync/online-relay';
import { createSignInWaiter } from '../sync/session';
import { startOutbox } from '../sync/start-outbox';
import { DASHBOARD_PROFILE, startSync } from '../sync/start-sync';

async function chooseDataDir(): Promise<string> {
  try {
    if ('FileSystemSyncAccessHandle' in self && typeof navigator.storage?.getDirectory === 'function') {
      await navigator.storage.getDirectory();
      await waitForOpfsHandover(OPFS_DATA_DIR.slice('opfs-ahp://'.length));
      return OPFS_DATA_DIR;
    }
  } catch (err) {
    // OPFS refused (private browsing in some browsers): IndexedDB still persists. A handover
    // timeout is not a reason to switch stores (the data is in OPFS), so it propagates.
    if (err instanceof Error && err.message.includes('still held')) throw err;
  }
  return IDB_DATA_DIR;
}

void worker({
  async init() {
    // No relaxedDurability: with IndexedDB it acknowledged writes that a reload then lost.
    const pg = await PGlite.create({
      dataDir: await chooseDataDir(),
      extensions: { live, sync: electricSync() },
    });
    await migrate(pg);
    const outbox = startOutbox(pg);
    // After a sign-in, the shapes waiting on a 401 resume and queued edits go at once.
    const waitForSignIn = createSignInWaiter(pg, () => outbox.wake());
    listenOnline(pg, () => outbox.wake());
    void startSync(pg, DASHBOARD_PROFILE, { waitForSignIn });
    return pg;
  },
});

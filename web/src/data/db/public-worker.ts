/// <reference lib="webworker" />
/**
 * The public view's PGlite, in its own worker group (see open-db.ts): the leader tab syncs the
 * public shapes into memory and the other public tabs read through it. It never opens the
 * dashboard's store, so an anonymous visitor asks the server for nothing but public shapes.
 */
import { PGlite } from '@electric-sql/pglite';
import { live } from '@electric-sql/pglite/live';
import { worker } from '@electric-sql/pglite/worker';
import { electricSync } from '@electric-sql/pglite-sync';
import { PUBLIC_SCHEMA_SQL } from './public-schema';
import { PUBLIC_PROFILE, startSync } from '../sync/start-sync';

void worker({
  async init() {
    const pg = await PGlite.create({ extensions: { live, sync: electricSync() } });
    await pg.exec(PUBLIC_SCHEMA_SQL);
    void startSync(pg, PUBLIC_PROFILE);
    return pg;
  },
});

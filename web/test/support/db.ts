import { PGlite } from '@electric-sql/pglite';
import { live } from '@electric-sql/pglite/live';
import { migrate } from '../../src/data/db/migrate';
import type { Db } from '../../src/data/db';
import { seedSql } from '../fixtures/seed';

/** A real PGlite in memory, with the dashboard's schema and, unless asked not to, the seed data. */
export async function createTestDb(options: { seed?: boolean; now?: Date } = {}): Promise<Db> {
  const db = await PGlite.create({ extensions: { live } });
  await migrate(db);
  if (options.seed ?? true) await db.exec(seedSql(options.now ?? new Date()));
  return db;
}

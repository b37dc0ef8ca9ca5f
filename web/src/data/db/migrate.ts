import type { PGliteInterface } from '@electric-sql/pglite';
import { LOCAL_MIGRATIONS, WRITE_PATH_SQL } from './schema';

/**
 * Brings a local database up to the latest schema. Runs in the worker that owns the database,
 * which only the leader tab starts, so two tabs never migrate at once.
 */
export async function migrate(db: PGliteInterface): Promise<void> {
  // Days are UTC everywhere; the overlay's jsonb round-trips of timestamps rely on it too.
  await db.exec(`SET TimeZone = 'UTC'`);
  await db.exec(`CREATE TABLE IF NOT EXISTS local_migrations (
    id integer PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const done = await db.query<{ id: number }>('SELECT id FROM local_migrations');
  const applied = new Set(done.rows.map((r) => r.id));
  for (const m of LOCAL_MIGRATIONS) {
    if (applied.has(m.id)) continue;
    await db.transaction(async (tx) => {
      await tx.exec(m.sql);
      await tx.query('INSERT INTO local_migrations (id) VALUES ($1)', [m.id]);
    });
  }
  await db.transaction(async (tx) => {
    await tx.exec(WRITE_PATH_SQL);
  });
}

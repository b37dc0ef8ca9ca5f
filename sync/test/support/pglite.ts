/**
 * PGlite in-process with pglite-sync, as the dashboard runs it, and a row-for-row comparison of a
 * PGlite table with its Postgres source.
 */
import { PGlite } from '@electric-sql/pglite';
import { electricSync, type PGliteWithSync } from '@electric-sql/pglite-sync';
import type { TestDatabase } from '../../../server/test/support/postgres.ts';

export async function createPglite(ddl: string): Promise<PGliteWithSync & PGlite> {
  const pg = (await PGlite.create({ extensions: { sync: electricSync() } })) as unknown as PGliteWithSync & PGlite;
  await pg.exec(`SET TimeZone = 'UTC'; ${ddl}`);
  return pg;
}

/** Every row of a table as text, ordered by `orderBy`, from either side. */
export async function pgliteRows(pg: PGlite, table: string, columns: string[], orderBy: string): Promise<string[][]> {
  const res = await pg.query<Record<string, string | null>>(
    `SELECT ${columns.map((c) => `"${c}"::text AS "${c}"`).join(', ')} FROM "${table}" ORDER BY ${orderBy}`,
  );
  return res.rows.map((r) => columns.map((c) => r[c] ?? null) as string[]);
}

export async function postgresRows(db: TestDatabase, table: string, columns: string[], orderBy: string): Promise<string[][]> {
  const rows = await db.sql.unsafe(
    `SELECT ${columns.map((c) => `"${c}"::text AS "${c}"`).join(', ')} FROM "${table}" ORDER BY ${orderBy}`,
  );
  return rows.map((r) => columns.map((c) => (r as Record<string, string | null>)[c] ?? null) as string[]);
}

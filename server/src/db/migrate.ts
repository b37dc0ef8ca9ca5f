import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../log.ts';
import type { Sql } from './client.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));

// One advisory lock key for "someone is migrating this database" (any stable bigint works).
const MIGRATION_LOCK = 7_310_466_001;
const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const out: Migration[] = [];
  for (const file of files) {
    const m = FILE_NAME.exec(file);
    if (!m) throw new MigrationError(`migration file ${file} must be named NNNN_lowercase_name.sql`);
    const text = (await readFile(join(dir, file), 'utf8')).replace(/\r\n/g, '\n');
    const version = Number(m[1]);
    if (out.some((x) => x.version === version)) {
      throw new MigrationError(`two migration files share the number ${m[1]}`);
    }
    out.push({ version, name: file, sql: text, checksum: createHash('sha256').update(text).digest('hex') });
  }
  return out;
}

/**
 * Applies pending migrations in order, each in its own transaction under a transaction-scoped
 * advisory lock, so two processes booting at once never apply one twice: the second waits, then
 * sees the row the first recorded. An applied migration whose file changed stops the boot.
 */
export async function migrate(sql: Sql, migrations: Migration[], log: Logger): Promise<{ applied: string[] }> {
  const applied: string[] = [];
  for (const mig of migrations) {
    await sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`;
      await tx`CREATE TABLE IF NOT EXISTS schema_migrations (
                 version integer PRIMARY KEY,
                 name text NOT NULL,
                 checksum text NOT NULL,
                 applied_at timestamptz NOT NULL DEFAULT now())`;
      const [done] = await tx<{ name: string; checksum: string }[]>`
        SELECT name, checksum FROM schema_migrations WHERE version = ${mig.version}`;
      if (done) {
        if (done.checksum !== mig.checksum) {
          throw new MigrationError(
            `migration ${mig.name} was edited after it was applied (recorded checksum ${done.checksum.slice(0, 12)}…, file now ${mig.checksum.slice(0, 12)}…); restore it and put the change in a new migration`,
          );
        }
        return;
      }
      const started = performance.now();
      await tx.unsafe(mig.sql);
      await tx`INSERT INTO schema_migrations (version, name, checksum)
               VALUES (${mig.version}, ${mig.name}, ${mig.checksum})`;
      log.info('migration applied', { migration: mig.name, ms: Math.round(performance.now() - started) });
      applied.push(mig.name);
    });
  }
  const known = new Set(migrations.map((m) => m.version));
  const rows = await sql<{ version: number; name: string }[]>`SELECT version, name FROM schema_migrations ORDER BY version`;
  const unknown = rows.filter((r) => !known.has(r.version));
  if (unknown.length) {
    throw new MigrationError(
      `the database has migrations this code does not know (${unknown.map((r) => r.name).join(', ')}); run a newer Chorus or restore those files`,
    );
  }
  return { applied };
}

/** Whether every migration on disk is recorded, for /api/health. */
export async function migrationStatus(sql: Sql, migrations: Migration[]) {
  const rows = await sql<{ version: number; checksum: string }[]>`SELECT version, checksum FROM schema_migrations`;
  const recorded = new Map(rows.map((r) => [r.version, r.checksum]));
  const pending = migrations.filter((m) => recorded.get(m.version) !== m.checksum).map((m) => m.name);
  return { current: pending.length === 0, applied: rows.length, expected: migrations.length, pending };
}

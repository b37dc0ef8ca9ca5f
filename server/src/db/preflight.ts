import type { Sql } from './client.ts';

export class PreflightError extends Error {
  override name = 'PreflightError';
}

const MIN_SERVER_VERSION = 150000;

/**
 * Checks that a Postgres can carry Chorus: version ≥ 15, wal_level=logical, and a role that may
 * replicate and create the publication. Throws one PreflightError whose message is one line.
 */
export async function preflight(sql: Sql): Promise<void> {
  const [row] = await sql<
    {
      version: number;
      wal_level: string;
      slots: number;
      senders: number;
      role: string;
      superuser: boolean;
      replication: boolean;
      can_create: boolean;
    }[]
  >`
    SELECT current_setting('server_version_num')::int AS version,
           current_setting('wal_level') AS wal_level,
           current_setting('max_replication_slots')::int AS slots,
           current_setting('max_wal_senders')::int AS senders,
           r.rolname AS role, r.rolsuper AS superuser, r.rolreplication AS replication,
           has_database_privilege(current_database(), 'CREATE') AS can_create
      FROM pg_roles r WHERE r.rolname = current_user`;
  if (!row) throw new PreflightError('could not read the current role from pg_roles');
  if (row.version < MIN_SERVER_VERSION) {
    throw new PreflightError(`Postgres ${Math.floor(row.version / 10000)} is too old: Chorus needs Postgres 15 or newer`);
  }
  if (row.wal_level !== 'logical') {
    throw new PreflightError(
      `Postgres has wal_level=${row.wal_level}; Chorus needs wal_level=logical (set it in postgresql.conf and restart Postgres)`,
    );
  }
  if (row.slots < 1 || row.senders < 1) {
    throw new PreflightError(
      `Postgres allows ${row.slots} replication slots and ${row.senders} WAL senders; Chorus needs at least 1 of each`,
    );
  }
  if (!row.superuser && !row.replication) {
    throw new PreflightError(
      `role "${row.role}" lacks the REPLICATION attribute that logical replication needs (ALTER ROLE "${row.role}" REPLICATION)`,
    );
  }
  if (!row.superuser && !row.can_create) {
    throw new PreflightError(`role "${row.role}" may not CREATE in this database, which the publication needs`);
  }
}

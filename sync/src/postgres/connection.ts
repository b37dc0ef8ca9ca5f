/**
 * Postgres connections for the shape server. Every session uses Electric's settings so values
 * render as the same text whether they come from a snapshot (`::text`) or from pgoutput.
 */
import postgres from 'postgres';
import { SESSION_SETTINGS } from '../protocol.ts';

export type Sql = postgres.Sql;

export function createQuerySql(url: string, max = 4): Sql {
  const sql = postgres(url, {
    max,
    idle_timeout: 30,
    connect_timeout: 10,
    onnotice: () => {},
    connection: { application_name: 'chorus-sync', ...SESSION_SETTINGS },
  });
  passStringsThrough(sql);
  return sql;
}

/**
 * Bound text goes to Postgres as written, for Postgres's own input function to read, exactly as
 * it reads a literal. postgres.js would otherwise re-serialize it by the parameter's type: a
 * timestamp through JS `Date` (losing microseconds, moving dates like 2024-02-30), a boolean
 * 'true' as 'f', JSON re-quoted; the where clause's values must mean what Postgres says.
 */
function passStringsThrough(sql: Sql) {
  const serializers = (sql.options as unknown as { serializers: Record<string, (x: unknown) => string> }).serializers;
  for (const oid of Object.keys(serializers)) {
    const typed = serializers[oid]!;
    serializers[oid] = (x) => (typeof x === 'string' ? x : typed(x));
  }
}

/** A single-connection client in replication mode, for START_REPLICATION. */
export function createReplicationSql(url: string): Sql {
  return postgres(url, {
    max: 1,
    fetch_types: false,
    idle_timeout: 0,
    max_lifetime: null,
    connect_timeout: 10,
    onnotice: () => {},
    connection: { application_name: 'chorus-sync-replication', replication: 'database', ...SESSION_SETTINGS },
  });
}

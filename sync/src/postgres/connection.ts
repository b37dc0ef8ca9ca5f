/**
 * Postgres connections for the shape server. Every session uses Electric's settings so values
 * render as the same text whether they come from a snapshot (`::text`) or from pgoutput.
 */
import postgres from 'postgres';
import { SESSION_SETTINGS } from '../protocol.ts';

export type Sql = postgres.Sql;

export function createQuerySql(url: string, max = 4): Sql {
  return postgres(url, {
    max,
    idle_timeout: 30,
    connect_timeout: 10,
    onnotice: () => {},
    connection: { application_name: 'chorus-sync', ...SESSION_SETTINGS },
  });
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

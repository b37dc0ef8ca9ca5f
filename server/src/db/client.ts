import postgres from 'postgres';

export type Sql = postgres.Sql;
export type Tx = postgres.TransactionSql;
/** Either the pool or a transaction: for functions that can run inside a caller's transaction. */
export type Db = Sql | Tx;

export interface ClientOptions {
  max?: number;
  applicationName?: string;
}

/**
 * A postgres.js pool with the session settings every Chorus connection shares: UTC days and
 * timestamps, and Postgres notices kept out of stdout.
 */
export function createSql(url: string, opts: ClientOptions = {}): Sql {
  return postgres(url, {
    max: opts.max ?? 10,
    idle_timeout: 30,
    connect_timeout: 10,
    onnotice: () => {},
    connection: { application_name: opts.applicationName ?? 'chorus', TimeZone: 'UTC' },
    types: {
      // bigint columns (token counts) fit comfortably in a double; keep them numbers in JSON.
      bigint: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
    },
  });
}

/** host:port/db of a URL, for messages: never the password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}

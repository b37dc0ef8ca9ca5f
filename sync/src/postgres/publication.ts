/**
 * The replication slot and the publication, created if missing. Names are settings, so several
 * shape servers (or test runs) can share a cluster.
 */
import type { TableInfo } from '../shapes/index.ts';
import { parseLsnText, type Lsn } from '../replication/index.ts';
import type { Sql } from './connection.ts';

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
export const qualified = (t: { schema: string; name: string }) => `${ident(t.schema)}.${ident(t.name)}`;

export interface SlotState {
  created: boolean;
  /** Where the slot will start: its consistent point when new, else its confirmed flush LSN. */
  lsn: Lsn;
  /** Identifies this cluster + database + slot incarnation, so a recreated slot is noticed. */
  identity: string;
}

export async function ensureSlot(sql: Sql, slot: string): Promise<SlotState> {
  const [sys] = await sql<{ id: string; db: string }[]>`
    SELECT system_identifier::text AS id, (SELECT oid::text FROM pg_database WHERE datname = current_database()) AS db
      FROM pg_control_system()`;
  const [existing] = await sql<{ lsn: string | null; plugin: string; database: string }[]>`
    SELECT confirmed_flush_lsn::text AS lsn, plugin, database FROM pg_replication_slots WHERE slot_name = ${slot}`;
  if (existing) {
    if (existing.plugin !== 'pgoutput') throw new Error(`replication slot ${slot} exists with plugin ${existing.plugin}, not pgoutput`);
    const [db] = await sql<{ name: string }[]>`SELECT current_database() AS name`;
    if (existing.database !== db!.name) throw new Error(`replication slot ${slot} belongs to database ${existing.database}`);
  }
  let created = false;
  let lsnText = existing?.lsn ?? null;
  if (!existing) {
    const [row] = await sql<{ lsn: string }[]>`SELECT lsn::text AS lsn FROM pg_create_logical_replication_slot(${slot}, 'pgoutput')`;
    lsnText = row!.lsn;
    created = true;
  }
  return { created, lsn: parseLsnText(lsnText ?? '0/0'), identity: `${sys!.id}:${sys!.db}:${slot}` };
}

/** Creates the publication with the given tables (or empty, for the `*` mode that adds tables as shapes appear). */
export async function ensurePublication(sql: Sql, publication: string, tables: { schema: string; name: string }[]): Promise<void> {
  const [pub] = await sql`SELECT 1 FROM pg_publication WHERE pubname = ${publication}`;
  if (!pub) {
    // Creating it may race with another shape server starting on the same database.
    await sql.unsafe(`CREATE PUBLICATION ${ident(publication)}`).catch((e: { code?: string }) => {
      if (e.code !== '42710') throw e;
    });
  }
  for (const t of tables) await addToPublication(sql, publication, t);
}

/** The tables of a list that exist, so a missing one is reported instead of failing the start. */
export async function existingTables<T extends { schema: string; name: string }>(sql: Sql, tables: T[]): Promise<{ found: T[]; missing: T[] }> {
  const found: T[] = [];
  const missing: T[] = [];
  for (const t of tables) {
    const [row] = await sql<{ oid: string | null }[]>`SELECT to_regclass(${qualified(t)})::text AS oid`;
    (row?.oid ? found : missing).push(t);
  }
  return { found, missing };
}

/** Adds a table to the publication if it is not in it yet, as Electric's automatic mode does. */
export async function addToPublication(sql: Sql, publication: string, table: { schema: string; name: string }): Promise<boolean> {
  const [member] = await sql`
    SELECT 1 FROM pg_publication_tables WHERE pubname = ${publication} AND schemaname = ${table.schema} AND tablename = ${table.name}`;
  if (member) return false;
  await sql.unsafe(`ALTER PUBLICATION ${ident(publication)} ADD TABLE ${qualified(table)}`).catch((e: { code?: string }) => {
    if (e.code !== '42710') throw e; // already a member (a concurrent add)
  });
  return true;
}

/** Where-clause evaluation needs every old value of an UPDATE or DELETE: REPLICA IDENTITY FULL. */
export async function ensureReplicaIdentityFull(sql: Sql, table: TableInfo): Promise<void> {
  if (table.replicaIdentity === 'f') return;
  await sql.unsafe(`ALTER TABLE ${qualified(table)} REPLICA IDENTITY FULL`);
}

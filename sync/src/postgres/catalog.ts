/** Reads what the shape layer needs to know about a table from the Postgres catalog. */
import type { TableInfo } from '../shapes/index.ts';
import type { Sql } from './connection.ts';

export async function loadTableInfo(sql: Sql, schema: string, name: string): Promise<TableInfo | null> {
  const [rel] = await sql<{ oid: number; relreplident: string; relkind: string }[]>`
    SELECT c.oid::int AS oid, c.relreplident::text AS relreplident, c.relkind::text AS relkind
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = ${schema} AND c.relname = ${name}`;
  if (!rel || !['r', 'p'].includes(rel.relkind)) return null;
  const cols = await sql<{ name: string; type: string; type_oid: number; dims: number; not_null: boolean; typmod: number; pk_index: number | null }[]>`
    SELECT a.attname AS name,
           CASE WHEN t.typcategory = 'A' THEN et.typname ELSE t.typname END AS type,
           a.atttypid::int AS type_oid,
           CASE WHEN t.typcategory = 'A' THEN greatest(a.attndims, 1) ELSE 0 END AS dims,
           a.attnotnull AS not_null,
           a.atttypmod AS typmod,
           (SELECT array_position(i.indkey::int2[], a.attnum) - array_lower(i.indkey::int2[], 1)
              FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indisprimary) AS pk_index
      FROM pg_attribute a
      JOIN pg_type t ON t.oid = a.atttypid
      LEFT JOIN pg_type et ON et.oid = t.typelem
     WHERE a.attrelid = ${rel.oid} AND a.attnum > 0 AND NOT a.attisdropped
       -- pgoutput does not send stored generated columns (before PG 18), so shapes leave them out.
       AND a.attgenerated = ''
     ORDER BY a.attnum`;
  const columns = cols.map((c) => ({
    name: c.name,
    type: c.type,
    typeOid: c.type_oid,
    dims: c.dims,
    notNull: c.not_null,
    typmod: c.typmod,
    pkIndex: c.pk_index,
  }));
  const pk = columns
    .filter((c) => c.pkIndex !== null)
    .sort((a, b) => a.pkIndex! - b.pkIndex!)
    .map((c) => c.name);
  return { oid: rel.oid, schema, name, columns, pk, replicaIdentity: rel.relreplident as TableInfo['replicaIdentity'] };
}

export interface SnapshotInfo {
  xmin: bigint;
  xmax: bigint;
  xip: bigint[];
  /**
   * The WAL insert position right after the snapshot was taken: a transaction committing past it
   * cannot be in the snapshot, so its xid need not be compared (which matters once xids have
   * moved more than 2^31 past the snapshot and widening them would be ambiguous).
   */
  walLsn?: number;
}

/** `pg_current_snapshot()::text` is `xmin:xmax:xip1,xip2`. */
export function parseSnapshot(text: string): SnapshotInfo {
  const [xmin, xmax, xip] = text.split(':');
  return { xmin: BigInt(xmin!), xmax: BigInt(xmax!), xip: xip ? xip.split(',').map((x) => BigInt(x)) : [] };
}

/**
 * Whether a transaction (its 32-bit xid from pgoutput) is visible in a snapshot of 64-bit xids.
 * The xid is widened relative to `xmax`, taking the nearest 64-bit value (within 2^31), as
 * Postgres itself does for recent xids.
 */
export function isVisibleIn(xid: number, snap: SnapshotInfo): boolean {
  const low = Number(snap.xmax & 0xffffffffn);
  const diff = ((xid - low) | 0) as number; // signed 32-bit distance from xmax
  const full = snap.xmax + BigInt(diff);
  return full < snap.xmin || (full < snap.xmax && !snap.xip.includes(full));
}

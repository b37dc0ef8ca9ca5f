/**
 * Reads a shape's rows (its initial snapshot, or a subset) in one REPEATABLE READ transaction,
 * every value as Postgres text. The where clause, order and limit are generated SQL with bound
 * values (shapes/where-sql.ts), so Postgres reads only the rows asked for. The snapshot's
 * visibility (`pg_current_snapshot()`) is reported before any row, so the collector can tell
 * which replicated transactions the snapshot already holds.
 */
import type { TableInfo, Row, RowQuery } from '../shapes/index.ts';
import { parseSnapshot, type SnapshotInfo } from './catalog.ts';
import type { Sql } from './connection.ts';
import { qualified } from './publication.ts';
import { parseLsnText } from '../replication/index.ts';

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Rows fetched per round trip. */
const BATCH_ROWS = 2000;

export async function readSnapshot(
  sql: Sql,
  table: TableInfo,
  /** Built from checked trees only (shapes/where-sql.ts); null reads no rows. */
  query: RowQuery | null,
  onVisibility: (snap: SnapshotInfo) => void,
  onRows: (rows: Row[]) => void,
): Promise<SnapshotInfo> {
  // bpchar keeps its padding through concat(); `::text` would trim it (E shapes/querying.ex).
  const select = table.columns
    .map((c) =>
      c.type === 'bpchar' && c.dims === 0
        ? `CASE WHEN ${ident(c.name)} IS NULL THEN NULL ELSE concat(${ident(c.name)}) END AS ${ident(c.name)}`
        : `${ident(c.name)}::text AS ${ident(c.name)}`,
    )
    .join(', ');
  let snap: SnapshotInfo | undefined;
  await sql.begin('ISOLATION LEVEL REPEATABLE READ READ ONLY', async (tx) => {
    const [row] = await tx<{ snap: string }[]>`SELECT pg_current_snapshot()::text AS snap`;
    // Read after the snapshot: every commit record of a transaction it sees is below this.
    const [pos] = await tx<{ lsn: string }[]>`SELECT pg_current_wal_insert_lsn()::text AS lsn`;
    snap = { ...parseSnapshot(row!.snap), walLsn: parseLsnText(pos!.lsn) };
    onVisibility(snap);
    if (!query) return;
    await tx.unsafe(`SELECT ${select} FROM ${qualified(table)} ${query.tail}`, query.values).cursor(BATCH_ROWS, (rows) => {
      onRows(rows as unknown as Row[]);
    });
  });
  return snap!;
}

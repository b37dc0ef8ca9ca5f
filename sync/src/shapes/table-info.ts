/** What the shape layer knows about a table, read from the catalog by postgres/catalog.ts. */
export interface ColumnInfo {
  name: string;
  /** The Postgres typname; for arrays, the element's typname (Electric's convention). */
  type: string;
  typeOid: number;
  dims: number;
  notNull: boolean;
  typmod: number;
  /** Position in the primary key, when the column is part of it. */
  pkIndex: number | null;
}

export interface TableInfo {
  oid: number;
  schema: string;
  name: string;
  columns: ColumnInfo[];
  /** Primary-key columns in key order. */
  pk: string[];
  replicaIdentity: 'd' | 'f' | 'n' | 'i';
}

export const qualifiedName = (t: { schema: string; name: string }) => `${t.schema}.${t.name}`;

/** A signature of the columns that, when it changes, means the table's shape logs are stale. */
export const columnsSignature = (columns: { name: string; typeOid: number }[]) =>
  columns.map((c) => `${c.name}:${c.typeOid}`).join(',');

/** The `electric-schema` header value for the selected columns (E lib/electric/schema.ex). */
export function schemaHeader(table: TableInfo, selected: string[]): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const name of selected) {
    const c = table.columns.find((x) => x.name === name);
    if (!c) continue;
    const info: Record<string, unknown> = { type: c.type };
    if (c.dims > 0) info.dims = c.dims;
    if (c.pkIndex !== null) info.pk_index = c.pkIndex;
    if (c.notNull) info.not_null = true;
    if (c.typmod >= 0) {
      if (c.type === 'varchar') info.max_length = c.typmod - 4;
      else if (c.type === 'bpchar') info.length = c.typmod - 4;
      else if (c.type === 'numeric') {
        info.precision = ((c.typmod - 4) >> 16) & 0xffff;
        info.scale = (c.typmod - 4) & 0xffff;
      } else if (['time', 'timetz', 'timestamp', 'timestamptz'].includes(c.type)) info.precision = c.typmod;
    }
    out[name] = info;
  }
  return out;
}

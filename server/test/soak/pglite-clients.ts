/**
 * Dashboard copies as the browser keeps them: an in-process PGlite syncing every dashboard table
 * into `synced_*` tables, with the overlay views, the outbox and a sender. The local tables are
 * derived from Postgres' information_schema at run time, so they follow the migrations.
 */
import { PGlite } from '@electric-sql/pglite';
import { electricSync, type PGliteWithSync } from '@electric-sql/pglite-sync';
import type { SyncShapesToTablesResult } from '@electric-sql/pglite-sync';
import { DASHBOARD_SHAPES, startDashboardSync } from '@chorus/sync/src/browser/index.ts';
import type { MutationResponse } from '@chorus/sync/src/mutations/index.ts';
import { CONFIRM_TRIGGER, OUTBOX_SCHEMA, overlayViewSql, startOutboxSender, syncedTable, type OutboxSender } from '@chorus/sync/src/outbox/index.ts';
import type { Sql } from '../../src/db/client.ts';
import { SOAK_ADMIN_TOKEN } from './system.ts';

interface ColumnInfo {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  numeric_precision: number | null;
  numeric_scale: number | null;
  character_maximum_length: number | null;
}

function columnType(c: ColumnInfo): string {
  if (c.data_type === 'ARRAY') return `${c.udt_name.replace(/^_/, '')}[]`;
  // numeric(12,6) renders trailing zeros; the local column must keep the same scale to compare as text.
  if (c.udt_name === 'numeric' && c.numeric_precision != null) return `numeric(${c.numeric_precision},${c.numeric_scale ?? 0})`;
  if (c.character_maximum_length != null) return `${c.udt_name}(${c.character_maximum_length})`;
  return c.udt_name;
}

/** CREATE TABLE synced_<t> for every dashboard shape, with Postgres' own column types. */
export async function localSchemaDdl(sql: Sql): Promise<string> {
  const cols = await sql<ColumnInfo[]>`
    SELECT table_name, column_name, data_type, udt_name, numeric_precision, numeric_scale, character_maximum_length
      FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name IN ${sql(DASHBOARD_SHAPES.map((s) => s.table))}`;
  return DASHBOARD_SHAPES.map((s) => {
    const defs = s.columns.map((name) => {
      const c = cols.find((x) => x.table_name === s.table && x.column_name === name);
      if (!c) throw new Error(`${s.table}.${name} is synced but Postgres has no such column`);
      return `"${name}" ${columnType(c)}`;
    });
    return `CREATE TABLE ${syncedTable(s.table)} (${defs.join(', ')}, PRIMARY KEY (${s.primaryKey.map((k) => `"${k}"`).join(', ')}));`;
  }).join('\n');
}

/** What the senders were told, by mutation id: applied, or duplicate when a resend met an earlier commit. */
export type Acks = Map<string, { applied: number; duplicate: number }>;

export interface DashboardClient {
  index: number;
  pg: PGlite & PGliteWithSync;
  online: boolean;
  /** Stops the real sender; mutations queue locally. With `deadPort`, a sender keeps failing against it. */
  goOffline(deadPort: boolean): Promise<void>;
  goOnline(): Promise<void>;
  /** Resolves once the outbox is empty or only waiting for confirmation. */
  idle(): Promise<void>;
  syncErrors: string[];
  /** Where each shape stream stands, for a report when a copy does not catch up. */
  syncState(): string[];
  stop(): Promise<void>;
}

export interface ClientOptions {
  index: number;
  ddl: string;
  shapeUrl: string;
  mutationsUrl: string;
  acks: Acks;
  errors: string[];
}

/** Port 9 (discard) on loopback: nothing listens, so every send fails fast, like a lost network. */
const DEAD_ENDPOINT = 'http://127.0.0.1:9/api/mutations';

export async function startDashboardClient(o: ClientOptions): Promise<DashboardClient> {
  const pg = (await PGlite.create({ extensions: { sync: electricSync() } })) as unknown as PGlite & PGliteWithSync;
  await pg.exec(`SET TimeZone = 'UTC';\n${o.ddl}\n${OUTBOX_SCHEMA}\n${DASHBOARD_SHAPES.map(overlayViewSql).join('\n')}\n${CONFIRM_TRIGGER}`);
  const syncErrors: string[] = [];
  const sync: SyncShapesToTablesResult = await startDashboardSync(pg, {
    url: o.shapeUrl,
    params: { secret: SOAK_ADMIN_TOKEN },
    localTable: syncedTable,
    key: null,
    onError: (e) => syncErrors.push(e.message),
  });

  // Records exactly what the server acknowledged, before the sender acts on it.
  const recordingFetch = (async (url: string | URL | Request, init?: RequestInit) => {
    const res = await fetch(url, init);
    if (res.ok) {
      const body = (await res.clone().json()) as MutationResponse;
      for (const r of body.results) {
        const a = o.acks.get(r.id) ?? { applied: 0, duplicate: 0 };
        if (r.status === 'applied') a.applied++;
        else a.duplicate++;
        o.acks.set(r.id, a);
      }
    }
    return res;
  }) as typeof fetch;

  const newSender = (endpoint: string) =>
    startOutboxSender({
      db: pg,
      endpoint,
      fetch: recordingFetch,
      headers: () => ({ authorization: `Bearer ${SOAK_ADMIN_TOKEN}` }),
      backoffMs: { initial: 100, max: 2000 },
      onRejected: (r) => o.errors.push(`client ${o.index}: mutation ${r.id} (${r.type}) refused: ${r.message}`),
    });

  let sender: OutboxSender | null = newSender(o.mutationsUrl);
  const client: DashboardClient = {
    index: o.index,
    pg,
    online: true,
    syncErrors,
    syncState: () =>
      Object.entries(sync.streams).map(([table, st]) => `${table}: up-to-date ${st.isUpToDate}, offset ${st.lastOffset}, handle ${st.shapeHandle ?? '-'}${st.error ? `, error ${String(st.error)}` : ''}`),
    async goOffline(deadPort) {
      await sender?.stop();
      sender = deadPort ? newSender(DEAD_ENDPOINT) : null;
      client.online = false;
    },
    async goOnline() {
      await sender?.stop();
      sender = newSender(o.mutationsUrl);
      client.online = true;
    },
    async idle() {
      await sender?.idle();
    },
    async stop() {
      await sender?.stop();
      sender = null;
      sync.unsubscribe();
      await pg.close();
    },
  };
  return client;
}

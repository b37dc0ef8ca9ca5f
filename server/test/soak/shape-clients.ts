/**
 * Live shape clients: the official `@electric-sql/client` ShapeStream, unmodified, each keeping
 * the rows of one dashboard table (some with a where clause) so that at the end its copy can be
 * compared with Postgres. Values are kept as the text the protocol carries, to compare exactly.
 */
import { FetchError, isChangeMessage, isControlMessage, ShapeStream, type Row } from '@electric-sql/client';
import { DASHBOARD_SHAPES, type DashboardShape } from '@chorus/sync/src/browser/index.ts';
import type { Rng } from '../../src/llm/sim/random.ts';
import { SOAK_ADMIN_TOKEN } from './system.ts';

export interface ShapeClient {
  shape: DashboardShape;
  /** SQL condition on the table, or null for the whole table. */
  where: string | null;
  rows: Map<string, Row>;
  messages: number;
  refetches: number;
  errors: string[];
}

export interface ShapeClients {
  clients: ShapeClient[];
  stop(): void;
}

const keep = (v: string) => v;
// Every scalar type stays text as Postgres' `::text` renders it (booleans arrive as t/f or
// true/false, both of which the official parser accepts);
// arrays are still split by the client, and compared as JSON.
const TEXT_PARSER = {
  int2: keep, int4: keep, int8: keep, float4: keep, float8: keep, json: keep, jsonb: keep, numeric: keep,
  bool: (v: string) => (v === 't' || v === 'true' ? 'true' : 'false'),
};

export function startShapeClients(opts: { count: number; shapeUrl: string; botIds: string[]; rng: Rng }): ShapeClients {
  const aborts: AbortController[] = [];
  const clients: ShapeClient[] = [];
  for (let i = 0; i < opts.count; i++) {
    const shape = DASHBOARD_SHAPES[i % DASHBOARD_SHAPES.length]!;
    const filterable = (shape.columns as readonly string[]).includes('bot_id');
    const bot = opts.botIds[Math.floor(opts.rng() * opts.botIds.length)]!;
    const where = filterable && opts.rng() < 0.35 ? `bot_id = '${bot}'` : null;
    const client: ShapeClient = { shape, where, rows: new Map(), messages: 0, refetches: 0, errors: [] };
    const abort = new AbortController();
    const stream = new ShapeStream<Row>({
      url: opts.shapeUrl,
      params: { table: shape.table, columns: [...shape.columns], secret: SOAK_ADMIN_TOKEN, ...(where ? { where } : {}) },
      parser: TEXT_PARSER,
      signal: abort.signal,
      // Kills make the server vanish for seconds: keep retrying, as a dashboard left open would.
      backoffOptions: { initialDelay: 100, maxDelay: 2000, multiplier: 1.5 },
      onError: (e) => {
        client.errors.push(e instanceof FetchError ? `HTTP ${e.status}: ${e.message}` : e.message);
        return {};
      },
    });
    stream.subscribe((messages) => {
      for (const m of messages) {
        client.messages++;
        if (isControlMessage(m)) {
          if (m.headers.control === 'must-refetch') {
            client.refetches++;
            client.rows.clear();
          }
          continue;
        }
        if (!isChangeMessage(m)) continue;
        if (m.headers.operation === 'delete') client.rows.delete(m.key);
        else if (m.headers.operation === 'insert') client.rows.set(m.key, { ...m.value });
        else client.rows.set(m.key, { ...(client.rows.get(m.key) ?? {}), ...m.value });
      }
    });
    aborts.push(abort);
    clients.push(client);
  }
  return {
    clients,
    stop() {
      for (const a of aborts) a.abort();
    },
  };
}

/** A client's rows rendered like `postgresShapeRows`, sorted, for comparison. */
export function clientRows(c: ShapeClient): string[] {
  return [...c.rows.values()]
    .map((r) => JSON.stringify(c.shape.columns.map((col) => render(r[col]))))
    .sort();
}

function render(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return JSON.stringify(v);
  return String(v);
}

/** The same rows from Postgres: scalars as text, arrays as JSON. */
export async function postgresShapeRows(sql: import('../../src/db/client.ts').Sql, c: ShapeClient, arrayColumns: Set<string>): Promise<string[]> {
  const cols = c.shape.columns.map((col) => (arrayColumns.has(`${c.shape.table}.${col}`) ? `array_to_json("${col}")::text AS "${col}"` : `"${col}"::text AS "${col}"`));
  const rows = await sql.unsafe(`SELECT ${cols.join(', ')} FROM "${c.shape.table}"${c.where ? ` WHERE ${c.where}` : ''}`);
  return rows.map((r) => JSON.stringify(c.shape.columns.map((col) => (r as Record<string, string | null>)[col] ?? null))).sort();
}

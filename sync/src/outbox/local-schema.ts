/**
 * The browser's side of writes, as SQL for PGlite. Synced rows live in `synced_<table>` exactly
 * as the server sent them; optimistic changes live in an overlay; the dashboard reads views named
 * like the server's tables, which show the synced value of each field unless a pending mutation
 * overrides it. So an incoming change to another field of the same row is never hidden.
 *
 *   synced_bots ──┐
 *                 ├─► view bots (per-field overlay, local inserts, local deletes)
 *   chorus_overlay┘
 *   chorus_outbox: mutations not yet confirmed, in order
 *
 * A mutation's overlay is dropped by a trigger when its `applied_mutations` row arrives through
 * the shape stream: in the same local transaction as the change it made, so nothing flickers.
 */
import type { DashboardShape } from '../browser/shapes.ts';

export const SYNCED_PREFIX = 'synced_';
export const syncedTable = (table: string) => `${SYNCED_PREFIX}${table}`;
export const OUTBOX_CHANNEL = 'chorus_outbox';

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected identifier ${name}`);
  return `"${name}"`;
};

/** The text key of a row in the overlay: the JSON array of its primary key values. */
export const pkExpr = (alias: string, pk: readonly string[]) => `jsonb_build_array(${pk.map((c) => `${alias}.${ident(c)}`).join(', ')})::text`;
export const pkKey = (values: readonly unknown[]) => JSON.stringify(values);

export const OUTBOX_SCHEMA = `
CREATE TABLE IF NOT EXISTS chorus_outbox (
  seq             bigserial PRIMARY KEY,
  id              uuid NOT NULL UNIQUE,
  type            text NOT NULL,
  payload         jsonb NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  attempts        integer NOT NULL DEFAULT 0,
  state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'rejected')),
  txid            bigint,
  error           text,
  last_attempt_at timestamptz
);

-- One row per field a pending mutation changed; the newest mutation (highest seq) wins a field.
CREATE TABLE IF NOT EXISTS chorus_overlay (
  mutation_id uuid NOT NULL,
  seq         bigint NOT NULL,
  tbl         text NOT NULL,
  pk          text NOT NULL,
  col         text NOT NULL,
  value       jsonb,
  PRIMARY KEY (mutation_id, tbl, pk, col)
);
CREATE INDEX IF NOT EXISTS chorus_overlay_row_idx ON chorus_overlay (tbl, pk);

-- Whole rows a pending mutation created or removed.
CREATE TABLE IF NOT EXISTS chorus_overlay_rows (
  mutation_id uuid NOT NULL,
  seq         bigint NOT NULL,
  tbl         text NOT NULL,
  pk          text NOT NULL,
  op          text NOT NULL CHECK (op IN ('insert', 'delete')),
  row         jsonb,
  PRIMARY KEY (mutation_id, tbl, pk)
);

CREATE OR REPLACE FUNCTION chorus_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('${OUTBOX_CHANNEL}', NEW.id::text);
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS chorus_outbox_notify ON chorus_outbox;
CREATE TRIGGER chorus_outbox_notify AFTER INSERT ON chorus_outbox FOR EACH ROW EXECUTE FUNCTION chorus_outbox_notify();

-- The server's record of an applied mutation has arrived: its change is in the synced tables
-- now (same transaction), so the optimistic copy and the outbox entry go.
CREATE OR REPLACE FUNCTION chorus_confirm_mutation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM chorus_overlay WHERE mutation_id = NEW.id;
  DELETE FROM chorus_overlay_rows WHERE mutation_id = NEW.id;
  DELETE FROM chorus_outbox WHERE id = NEW.id AND state <> 'rejected';
  RETURN NULL;
END $$;
`;

/** After the synced tables exist: the trigger that confirms mutations as they arrive. */
export const CONFIRM_TRIGGER = `
DROP TRIGGER IF EXISTS chorus_confirm_mutation ON ${syncedTable('applied_mutations')};
CREATE TRIGGER chorus_confirm_mutation AFTER INSERT ON ${syncedTable('applied_mutations')}
  FOR EACH ROW EXECUTE FUNCTION chorus_confirm_mutation();
`;

/**
 * The view a table is read through: synced rows with the newest pending value of each changed
 * field, minus rows a pending mutation removed, plus rows it created that have not synced yet.
 */
export function overlayViewSql(shape: DashboardShape): string {
  const t = shape.table;
  const synced = ident(syncedTable(t));
  const patch = `(SELECT pk, jsonb_object_agg(col, value) AS patch FROM (
                    SELECT DISTINCT ON (pk, col) pk, col, value FROM chorus_overlay WHERE tbl = '${t}' ORDER BY pk, col, seq DESC) f
                  GROUP BY pk)`;
  return `
CREATE OR REPLACE VIEW ${ident(t)} AS
SELECT (jsonb_populate_record(s, coalesce(o.patch, '{}'::jsonb))).*
  FROM ${synced} s
  LEFT JOIN ${patch} o ON o.pk = ${pkExpr('s', shape.primaryKey)}
 WHERE NOT EXISTS (SELECT 1 FROM chorus_overlay_rows d WHERE d.tbl = '${t}' AND d.op = 'delete' AND d.pk = ${pkExpr('s', shape.primaryKey)})
UNION ALL
SELECT (jsonb_populate_record(NULL::${synced}, r.row || coalesce(o.patch, '{}'::jsonb))).*
  FROM (SELECT DISTINCT ON (pk) pk, row FROM chorus_overlay_rows WHERE tbl = '${t}' AND op = 'insert' ORDER BY pk, seq DESC) r
  LEFT JOIN ${patch} o ON o.pk = r.pk
 WHERE NOT EXISTS (SELECT 1 FROM ${synced} s WHERE ${pkExpr('s', shape.primaryKey)} = r.pk)
   AND NOT EXISTS (SELECT 1 FROM chorus_overlay_rows d WHERE d.tbl = '${t}' AND d.op = 'delete' AND d.pk = r.pk);`;
}

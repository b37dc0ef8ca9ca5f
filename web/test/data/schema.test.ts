import { PGlite } from '@electric-sql/pglite';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DASHBOARD_SHAPES, PUBLIC_SHAPES } from '@chorus/sync/src/browser/index.ts';
import { expect, it } from 'vitest';
import { migrate } from '../../src/data/db/migrate';
import { PUBLIC_SCHEMA_SQL } from '../../src/data/db/public-schema';
import { LOCAL_MIGRATIONS, SYNCED_TABLES } from '../../src/data/db/schema';

type Column = { table_name: string; column_name: string; data_type: string; is_generated: string };

async function columns(db: PGlite): Promise<Map<string, Column[]>> {
  const res = await db.query<Column>(
    `SELECT table_name, column_name, data_type, is_generated FROM information_schema.columns
      WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  const byTable = new Map<string, Column[]>();
  for (const c of res.rows) byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c]);
  return byTable;
}

it('migrates an empty database and is a no-op the second time', async () => {
  const db = await PGlite.create();
  await migrate(db);
  await migrate(db);
  const applied = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM local_migrations');
  expect(applied.rows[0]?.n).toBe(LOCAL_MIGRATIONS.length);
  await db.close();
});

// vitest runs from web/ (npm -w web); the repository's migrations are one level up.
const MIGRATIONS = join(process.cwd(), '..', 'migrations');

// The synced tables are a replica: same names and types as upstream, so rows from the shape
// stream land unchanged. Upstream's migrations run in a second PGlite for the comparison.
it('has every synced table with the same columns and types as the Postgres migrations', async () => {
  const upstream = await PGlite.create();
  for (const file of (await readdir(MIGRATIONS)).filter((f) => f.endsWith('.sql')).sort()) {
    await upstream.exec(await readFile(join(MIGRATIONS, file), 'utf8'));
  }
  const local = await PGlite.create();
  await migrate(local);
  const up = await columns(upstream);
  const here = await columns(local);
  for (const table of [...SYNCED_TABLES, 'applied_mutations']) {
    const strip = (cs: Column[] | undefined) => (cs ?? []).map((c) => `${c.column_name}:${c.data_type}:${c.is_generated}`);
    // Some shapes leave columns upstream (applied_mutations' result, llm_calls' reservations):
    // the local table holds what the shape streams, plus the generated search vectors.
    const streamed = new Set<string>(DASHBOARD_SHAPES.find((s) => s.table === table)!.columns);
    const upstreamColumns = strip((up.get(table) ?? []).filter((c) => streamed.has(c.column_name) || c.is_generated === 'ALWAYS'));
    expect(strip(here.get(`synced_${table}`)), table).toEqual(upstreamColumns);
  }
  await upstream.close();
  await local.close();
});

it('holds exactly the columns @chorus/sync streams (plus generated search vectors), read through same-named views', async () => {
  const local = await PGlite.create();
  await migrate(local);
  const here = await columns(local);
  expect([...SYNCED_TABLES, 'applied_mutations'].sort()).toEqual(DASHBOARD_SHAPES.map((s) => s.table).sort());
  for (const shape of DASHBOARD_SHAPES) {
    const stored = (here.get(`synced_${shape.table}`) ?? []).filter((c) => c.is_generated === 'NEVER').map((c) => c.column_name);
    expect(stored, shape.table).toEqual([...shape.columns]);
    expect((here.get(shape.table) ?? []).length, `view ${shape.table}`).toBeGreaterThan(0);
  }
  await local.close();
});

it('the public database holds exactly the public shapes, typed as in the dashboard', async () => {
  const pub = await PGlite.create();
  await pub.exec(PUBLIC_SCHEMA_SQL);
  const dash = await PGlite.create();
  await migrate(dash);
  const columnsOf = async (db: PGlite, table: string) =>
    (
      await db.query<{ column_name: string; data_type: string }>(
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 AND column_name <> 'search' ORDER BY column_name`,
        [table],
      )
    ).rows;
  for (const shape of PUBLIC_SHAPES) {
    const cols = await columnsOf(pub, shape.table);
    expect(cols.map((c) => c.column_name), shape.table).toEqual([...shape.columns].sort());
    const dashTypes = new Map((await columnsOf(dash, `synced_${shape.table}`)).map((c) => [c.column_name, c.data_type]));
    for (const c of cols) expect(c.data_type, `${shape.table}.${c.column_name}`).toBe(dashTypes.get(c.column_name));
  }
  await pub.close();
  await dash.close();
});

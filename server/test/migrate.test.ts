import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSql } from '../src/db/client.ts';
import { migrate, MigrationError, migrationStatus, readMigrations } from '../src/db/migrate.ts';
import { silentLogger } from '../src/log.ts';
import { createTestDatabase, tempDir, type TestDatabase } from './support/postgres.ts';

let db: TestDatabase;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase({ migrated: false });
  dir = join(await tempDir(), 'migrations');
  await mkdir(dir);
  // No IF NOT EXISTS: applying this twice would fail, which is what the lock must prevent.
  await writeFile(join(dir, '0001_first.sql'), 'CREATE TABLE m_one (id int PRIMARY KEY);\nINSERT INTO m_one VALUES (1);');
  await writeFile(join(dir, '0002_second.sql'), 'CREATE TABLE m_two (id int PRIMARY KEY);');
});
afterAll(() => db.drop());

describe('migrations', () => {
  test('two processes booting at once apply each migration exactly once', async () => {
    const migrations = await readMigrations(dir);
    const pools = Array.from({ length: 4 }, () => createSql(db.url, { max: 2 }));
    const results = await Promise.all(pools.map((p) => migrate(p, migrations, silentLogger)));
    await Promise.all(pools.map((p) => p.end()));
    const appliedBy = results.map((r) => r.applied);
    expect(appliedBy.flat().sort()).toEqual(['0001_first.sql', '0002_second.sql']);
    const rows = await db.sql`SELECT version, name, length(checksum) AS len FROM schema_migrations ORDER BY version`;
    expect(rows.map((r) => [r.version, r.name, r.len])).toEqual([
      [1, '0001_first.sql', 64],
      [2, '0002_second.sql', 64],
    ]);
    expect(await migrationStatus(db.sql, migrations)).toMatchObject({ current: true, applied: 2, expected: 2 });
  });

  test('running again applies nothing', async () => {
    const r = await migrate(db.sql, await readMigrations(dir), silentLogger);
    expect(r.applied).toEqual([]);
  });

  test('an edited, already-applied migration stops the boot with a clear message', async () => {
    const migrations = await readMigrations(dir);
    migrations[0]!.sql += '\n-- edited';
    migrations[0]!.checksum = 'f'.repeat(64);
    const err = await migrate(db.sql, migrations, silentLogger).catch((e) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect(err.message).toContain('0001_first.sql was edited after it was applied');
    expect((await migrationStatus(db.sql, migrations)).pending).toEqual(['0001_first.sql']);
  });

  test('a failing migration leaves nothing behind', async () => {
    await writeFile(join(dir, '0003_broken.sql'), 'CREATE TABLE m_three (id int);\nSELECT no_such_function();');
    const err = await migrate(db.sql, await readMigrations(dir), silentLogger).catch((e) => e);
    expect(err).toBeInstanceOf(Error);
    const [t] = await db.sql`SELECT to_regclass('m_three') AS t`;
    expect(t!.t).toBeNull();
    const [n] = await db.sql`SELECT count(*)::int AS n FROM schema_migrations`;
    expect(n!.n).toBe(2);
  });

  test('badly named files and migrations unknown to the code are refused', async () => {
    const other = join(await tempDir(), 'm');
    await mkdir(other);
    await writeFile(join(other, 'first.sql'), 'SELECT 1');
    await expect(readMigrations(other)).rejects.toThrow(/must be named NNNN_lowercase_name.sql/);
    const err = await migrate(db.sql, (await readMigrations(dir)).slice(0, 1), silentLogger).catch((e) => e);
    expect(err.message).toContain('has migrations this code does not know (0002_second.sql)');
  });
});

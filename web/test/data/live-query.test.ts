import { createSignal } from 'solid-js';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { waitFor } from '@solidjs/testing-library';
import type { Db } from '../../src/data/db';
import { checkLiveQuerySql, createLiveQuery, LiveQueryShapeError } from '../../src/data/live-query';
import { createTestDb } from '../support/db';
import { withDb } from '../support/render';

let db: Db;
beforeAll(async () => {
  db = await createTestDb({ seed: false });
});
// Not closed: see test/data/primitives.test.ts (closing while an unsubscribe is in flight hangs).

describe('createLiveQuery', () => {
  it('answers, then follows inserts into the table', async () => {
    const { result, dispose } = withDb(db, () => createLiveQuery<{ id: string; n: number }>(db, () => ({ sql: 'SELECT id, max_bots AS n FROM settings' })));
    await waitFor(() => expect(result.ready).toBe(true));
    expect(result.rows).toEqual([]);
    await db.exec(`INSERT INTO synced_settings VALUES ('global', 100000, 1, 'normal', NULL, false, 7, now())`);
    await waitFor(() => expect(result.rows).toEqual([{ id: 'global', n: 7 }]));
    await db.exec(`UPDATE synced_settings SET max_bots = 9`);
    await waitFor(() => expect(result.rows[0]?.n).toBe(9));
    dispose();
  });

  it('re-subscribes when a parameter changes and stops after dispose', async () => {
    const [limit, setLimit] = createSignal(1);
    const { result, dispose } = withDb(db, () =>
      createLiveQuery<{ id: number }>(db, () => ({ sql: 'SELECT g AS id FROM generate_series(1, 5) g ORDER BY g LIMIT $1', params: [limit()] })),
    );
    await waitFor(() => expect(result.rows.map((r) => r.id)).toEqual([1]));
    setLimit(3);
    await waitFor(() => expect(result.rows.map((r) => r.id)).toEqual([1, 2, 3]));
    dispose();
  });

  it('reports a failing query as an error instead of an empty result', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { result, dispose } = withDb(db, () => createLiveQuery(db, () => ({ sql: 'SELECT * FROM no_such_table' })));
    await waitFor(() => expect(result.error).toBeInstanceOf(Error));
    expect(result.rows).toEqual([]);
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
    dispose();
  });
});

describe('checkLiveQuerySql', () => {
  it('accepts placeholders used once each, in order', () => {
    expect(() => checkLiveQuerySql('SELECT $1::int, $2::text')).not.toThrow();
  });
  it('rejects a placeholder used twice, which PGlite would bind to the wrong value', () => {
    expect(() => checkLiveQuerySql('SELECT $1::int WHERE $1::int > 0')).toThrow(LiveQueryShapeError);
  });
  it('rejects placeholders out of order', () => {
    expect(() => checkLiveQuerySql('SELECT $2::int, $1::int')).toThrow(LiveQueryShapeError);
  });
  it('rejects a literal percent sign', () => {
    expect(() => checkLiveQuerySql("SELECT 'a' LIKE 'a%'")).toThrow(LiveQueryShapeError);
  });
});

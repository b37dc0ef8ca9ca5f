import { expect, it } from 'vitest';
import { createTestDb } from '../support/db';

// The fixture is shared with e2e; if it stops loading, every view test would fail obscurely.
it('loads the seed community into the local schema', async () => {
  const db = await createTestDb();
  const counts = await db.query<{ bots: number; threads: number; activity: number }>(
    'SELECT (SELECT count(*)::int FROM bots) AS bots, (SELECT count(*)::int FROM threads) AS threads, (SELECT count(*)::int FROM activity) AS activity',
  );
  expect(counts.rows[0]).toEqual({ bots: 6, threads: 6, activity: 24 });
  await db.close();
});

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { DASHBOARD_TABLES } from '@chorus/sync/src/browser/shapes.ts';
import { seedDemoCommunity } from '../src/demo/seed.ts';
import { silentLogger } from '../src/log.ts';
import { startHarness, type Harness } from '../../sync/test/support/harness.ts';
import { TEST_ADMIN_TOKEN, testApp } from './support/app.ts';
import { createRng } from './fuzz/inputs.ts';
import { fuzzHttp, type FuzzRow } from './fuzz/http-fuzz.ts';
import { fuzzHostileHttp, startFuzzTarget } from './fuzz/hostile-http.ts';
import { fuzzModelOutput } from './fuzz/model-fuzz.ts';
import { fuzzShapes } from './fuzz/shape-fuzz.ts';
import { printSummary } from './fuzz/summary.ts';

// The short fuzz run of `npm test`; `npm run fuzz` runs the same with many more inputs.
let h: Harness;
const rows: FuzzRow[] = [];

beforeAll(async () => {
  h = await startHarness({ tables: DASHBOARD_TABLES.map((t) => `public.${t}`), longPollMs: 500 });
  await seedDemoCommunity(h.db.sql, silentLogger, { provider: 'sim', model: 'chorus-sim-1' });
});
afterAll(async () => {
  printSummary(rows);
  await h.stop();
});

describe('fuzzing', () => {
  test('every HTTP route answers bad input with a 4xx JSON error and changes nothing', async () => {
    const api = await testApp(h.db);
    const ids = (await h.db.sql`SELECT id::text AS id FROM bots`).map((r) => r.id as string);
    for (let i = 0; i < 3; i++) await api.request('POST', `/api/heartbeat/${ids[i]}`);
    const result = await fuzzHttp({ handle: (r) => api.app.handle(r), sql: h.db.sql, token: TEST_ADMIN_TOKEN, iterations: 6, rng: createRng(1), ids });
    rows.push(...result);
    expect(result.length).toBeGreaterThan(30);
    expect(result.flatMap((r) => r.failures)).toEqual([]);
  }, 300_000);

  test('/v1/shape answers forged and hostile parameters with 4xx, 409 or a valid 200', async () => {
    const row = await fuzzShapes({ shapeUrl: h.shapeUrl, iterations: 120, rng: createRng(2) });
    rows.push(row);
    expect(row.refused).toBeGreaterThan(0);
    expect(row.failures).toEqual([]);
  }, 300_000);

  test('random and hostile model output never crashes a heartbeat or writes an invalid action', async () => {
    const row = await fuzzModelOutput({ sql: h.db.sql, iterations: 60, rng: createRng(3) });
    rows.push(row);
    expect(row.failures).toEqual([]);
  }, 300_000);

  test('a real server, with and without a token, holds against outsiders: hostile Host, Origin, cookies, bodies, encodings', async () => {
    for (const token of ['fuzz-admin-token-0123456789', null]) {
      const target = await startFuzzTarget(token);
      try {
        const row = await fuzzHostileHttp({ target, requests: 1500, rng: createRng(token ? 4 : 5) });
        rows.push(row);
        expect(row.refused).toBeGreaterThan(500);
        expect([...new Set(row.failures.map((f) => f.replace(/[0-9a-f-]{36}/g, ':id').slice(0, 90)))].slice(0, 30)).toEqual([]);
      } finally {
        await target.stop();
      }
    }
  }, 300_000);
});

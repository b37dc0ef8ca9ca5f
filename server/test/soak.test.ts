import { expect, test } from 'bun:test';
import { runSoak } from './soak/soak.ts';
import { printSoakSummary } from './soak/summary.ts';

// The 2-minute soak of `npm test`: the same run as `npm run soak` with fewer clients, so the whole
// test stays within a few minutes on two cores. It prints its summary but writes no docs.
test('two minutes of load, SIGKILLs, a full disk and a hanging provider lose nothing, apply nothing twice and pass no cap', async () => {
  const report = await runSoak({
    minutes: 2,
    bots: 30,
    cappedBots: 6,
    shapeClients: 40,
    pgliteClients: 3,
    flakyBots: 3,
    paceSeconds: [10, 15],
    killsEach: 1,
    syncDiskMiB: 256,
    diskFullMs: 10_000,
    memoryBoundMiB: 512,
    settleMs: 45_000,
    seed: 20261127,
    log: (line) => console.log(`[soak] ${line}`),
  });
  printSoakSummary(report);
  expect(report.rows.filter((r) => r.failures.length).map((r) => ({ what: r.what, failures: r.failures.slice(0, 10) }))).toEqual([]);
}, 280_000);

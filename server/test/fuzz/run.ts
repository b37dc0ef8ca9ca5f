/**
 * `npm run fuzz [-- --scale N]`: the fuzz suite of `npm test` with N times more inputs, on its
 * own embedded Postgres. Prints the summary table and records it in docs/reliability.md.
 */
import { writeFile, readFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { DASHBOARD_TABLES } from '@chorus/sync/src/browser/shapes.ts';
import { seedDemoCommunity } from '../../src/demo/seed.ts';
import { silentLogger } from '../../src/log.ts';
import { startHarness } from '../../../sync/test/support/harness.ts';
import { TEST_ADMIN_TOKEN, testApp } from '../support/app.ts';
import { CLUSTER_URL_ENV, startTestCluster } from '../support/postgres.ts';
import { fuzzHostileHttp, startFuzzTarget } from './hostile-http.ts';
import { fuzzHttp, type FuzzRow } from './http-fuzz.ts';
import { createRng } from './inputs.ts';
import { fuzzModelOutput } from './model-fuzz.ts';
import { fuzzShapes } from './shape-fuzz.ts';
import { printSummary, totals } from './summary.ts';

const scaleArg = process.argv.indexOf('--scale');
const scale = scaleArg > 0 ? Math.max(1, Number(process.argv[scaleArg + 1]) || 1) : 10;
const seed = Date.now() % 1_000_000;

const cluster = await startTestCluster();
process.env[CLUSTER_URL_ENV] = cluster.url;
const h = await startHarness({ tables: DASHBOARD_TABLES.map((t) => `public.${t}`), longPollMs: 500 });
const started = Date.now();
const rows: FuzzRow[] = [];
try {
  await seedDemoCommunity(h.db.sql, silentLogger, { provider: 'sim', model: 'chorus-sim-1' });
  const api = await testApp(h.db);
  const ids = (await h.db.sql`SELECT id::text AS id FROM bots`).map((r) => r.id as string);
  for (const id of ids) await api.request('POST', `/api/heartbeat/${id}`);
  rows.push(...(await fuzzHttp({ handle: (r) => api.app.handle(r), sql: h.db.sql, token: TEST_ADMIN_TOKEN, iterations: 6 * scale, rng: createRng(seed), ids })));
  rows.push(await fuzzShapes({ shapeUrl: h.shapeUrl, iterations: 120 * scale, rng: createRng(seed + 1) }));
  rows.push(await fuzzModelOutput({ sql: h.db.sql, iterations: 60 * scale, rng: createRng(seed + 2) }));
  // Outsiders at real servers' sockets, with and without a token: 5,000 × scale requests each.
  for (const [i, token] of ['fuzz-admin-token-0123456789', null].entries()) {
    const target = await startFuzzTarget(token);
    try {
      rows.push(await fuzzHostileHttp({ target, requests: 5000 * scale, rng: createRng(seed + 3 + i) }));
    } finally {
      await target.stop();
    }
  }
} finally {
  await h.stop();
  await cluster.remove();
}

printSummary(rows);
const t = totals(rows);
const seconds = Math.round((Date.now() - started) / 1000);
console.log(`\n${t.tried} inputs, ${t.failures} failures, seed ${seed}, ${seconds} s`);

// Keep the latest results with the date and the machine, replacing the previous fuzz section.
const file = new URL('../../../docs/reliability.md', import.meta.url);
const previous = await readFile(file, 'utf8').catch(() => '# Reliability\n\nThe latest results of `npm run fuzz` and `npm run soak`.\n');
const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB, ${process.platform}/${process.arch}, Bun ${Bun.version}`;
const section = [
  '## Fuzzing',
  '',
  `Run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}: \`npm run fuzz -- --scale ${scale}\`, seed ${seed}, ${seconds} s.`,
  `${t.tried} inputs, ${t.failures} failures. Held = every answer was a 4xx JSON error or a success (never a 5xx, or a hang over 5 s for the real servers), no answer carried a secret, and every refused write left the database unchanged.`,
  '',
  '| target | tried | refused | accepted | held |',
  '|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.target} | ${r.tried} | ${r.refused} | ${r.accepted} | ${r.failures.length ? `no (${r.failures.length})` : 'yes'} |`),
  '',
].join('\n');
const body = /## Fuzzing[\s\S]*?(?=\n## |$)/.test(previous) ? previous.replace(/## Fuzzing[\s\S]*?(?=\n## |$)/, section) : `${previous.trimEnd()}\n\n${section}`;
await writeFile(file, body.endsWith('\n') ? body : `${body}\n`);
process.exit(t.failures ? 1 : 0);

/**
 * `npm run soak [-- --minutes N] [-- --seed S]`: the full soak (50 bots, 200 live shape clients,
 * 10 PGlite dashboards, SIGKILLs of every part). Prints the summary and records it in the
 * "## Soak" section of docs/reliability.md; exits 1 when anything differed.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { runSoak } from './soak.ts';
import { printSoakSummary, soakSection } from './summary.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : NaN;
};
const minutes = Math.max(1, arg('minutes') || 5);
const seed = Number.isFinite(arg('seed')) ? arg('seed') : Date.now() % 1_000_000;

const report = await runSoak({
  minutes,
  bots: 50,
  cappedBots: 10,
  shapeClients: 200,
  pgliteClients: 10,
  flakyBots: 5,
  paceSeconds: [10, 20],
  // At least one of each kill, one more for every two minutes of run.
  killsEach: 1 + Math.floor(minutes / 2),
  syncDiskMiB: 512,
  diskFullMs: 15_000,
  memoryBoundMiB: 512,
  settleMs: 120_000,
  seed,
  log: (line) => console.log(`[soak ${new Date().toISOString().slice(11, 19)}] ${line}`),
});

printSoakSummary(report);
console.log(`\n${report.failures} differences, seed ${seed}, ${report.seconds} s`);

// Keep the latest results with the date and the machine, replacing only the previous soak section.
const file = new URL('../../../docs/reliability.md', import.meta.url);
const previous = await readFile(file, 'utf8').catch(() => '# Reliability\n\nThe latest results of `npm run fuzz` and `npm run soak`.\n');
const setup = [
  'What runs: Postgres (embedded, synchronous_commit on), an api+orchestrator process and a sync process (`bun server/src/main.ts` with',
  'CHORUS_ROLES), 50 bots at a custom pace of 10–20 s: 45 on the simulated model (10 of them with a small daily token cap) and 5',
  'on a local OpenAI-compatible provider that in turn hangs past the 5 s model timeout, answers 503, or answers (each with a cap);',
  '200 live `@electric-sql/client` ShapeStreams (some with where clauses), 10 PGlite dashboards syncing every table with the',
  'outbox, each writing config mutations and going offline now and then. At random moments each of the three is SIGKILLed and',
  'restarted, and the tmpfs under the sync process\'s shape logs is filled to the last byte for 15 s, then freed.',
].join('\n');
const section = soakSection(report, `npm run soak -- --minutes ${minutes}`, seed, setup);
const pattern = /## Soak[\s\S]*?(?=\n## |$)/;
const body = pattern.test(previous) ? previous.replace(pattern, section) : `${previous.trimEnd()}\n\n${section}`;
await writeFile(file, body.endsWith('\n') ? body : `${body}\n`);
process.exit(report.failures ? 1 : 0);

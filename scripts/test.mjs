#!/usr/bin/env node
/**
 * `npm test`: makes the system programs available (scripts/system-deps.mjs), then runs every
 * stage even when an earlier one fails, so a failing type-check or server test never hides the
 * web results; the exit status is non-zero if any stage failed.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (argv) => {
  const started = Date.now();
  const res = spawnSync(argv[0], argv.slice(1), { cwd: root, stdio: 'inherit' });
  return { ok: res.status === 0, seconds: Math.round((Date.now() - started) / 1000), status: res.status ?? res.signal };
};

// Without its programs the tests would fail for a reason that is not theirs: stop at once.
if (!run([process.execPath, join(root, 'scripts', 'system-deps.mjs')]).ok) process.exit(1);

const stages = [
  ['type-check', ['npm', 'run', 'typecheck']],
  ['server and sync tests (bun)', ['bun', 'test', '--timeout', '120000', './server', './sync']],
  ['web tests (vitest, browser e2e)', ['npm', 'test', '-w', 'web']],
];
const results = stages.map(([name, argv]) => {
  process.stdout.write(`\n== ${name}: ${argv.join(' ')}\n`);
  return { name, ...run(argv) };
});
process.stdout.write('\n');
for (const r of results) process.stdout.write(`${r.ok ? 'passed' : 'FAILED'}  ${r.name} (${r.seconds} s${r.ok ? '' : `, exit ${r.status}`})\n`);
process.exit(results.every((r) => r.ok) ? 0 : 1);

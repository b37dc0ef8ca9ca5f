#!/usr/bin/env node
/**
 * `npm test`: makes the system programs available (scripts/system-deps.mjs), then runs every
 * stage even when an earlier one fails, so a failing type-check or server test never hides the
 * web results; the exit status is non-zero if any stage failed. A CI log is often read from its
 * tail, so the names of failed tests are repeated in the closing summary.
 */
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// Lines by which bun test, vitest and tsc name a failure.
const FAILURE = /^\s*(\(fail\)|FAIL\s|×\s|✗\s)|error TS\d+:/;
const ANSI = /\x1b\[[0-9;]*m/g;

/** Runs a stage with its output passed through, keeping the lines that name a failure. */
const runStage = (argv) =>
  new Promise((resolve) => {
    const started = Date.now();
    const failures = [];
    const child = spawn(argv[0], argv.slice(1), { cwd: root, stdio: ['inherit', 'pipe', 'pipe'] });
    const watch = (from, to) => {
      let rest = '';
      from.on('data', (chunk) => {
        to.write(chunk);
        const lines = (rest + chunk.toString()).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) {
          const plain = line.replace(ANSI, '');
          if (FAILURE.test(plain) && failures.length < 40) failures.push(plain.trim());
        }
      });
    };
    watch(child.stdout, process.stdout);
    watch(child.stderr, process.stderr);
    child.on('close', (code, signal) =>
      resolve({ ok: code === 0, seconds: Math.round((Date.now() - started) / 1000), status: code ?? signal, failures }),
    );
  });

// Without its programs the tests would fail for a reason that is not theirs: stop at once.
const deps = spawnSync(process.execPath, [join(root, 'scripts', 'system-deps.mjs')], { cwd: root, stdio: 'inherit' });
if (deps.status !== 0) process.exit(1);

const stages = [
  ['type-check', ['npm', 'run', 'typecheck']],
  ['server and sync tests (bun)', ['bun', 'test', '--timeout', '120000', './server', './sync']],
  ['web tests (vitest, browser e2e)', ['npm', 'test', '-w', 'web']],
];
const results = [];
for (const [name, argv] of stages) {
  process.stdout.write(`\n== ${name}: ${argv.join(' ')}\n`);
  results.push({ name, ...(await runStage(argv)) });
}
process.stdout.write('\n');
for (const r of results) {
  process.stdout.write(`${r.ok ? 'passed' : 'FAILED'}  ${r.name} (${r.seconds} s${r.ok ? '' : `, exit ${r.status}`})\n`);
  if (!r.ok) for (const line of [...new Set(r.failures)]) process.stdout.write(`          ${line}\n`);
}
process.exit(results.every((r) => r.ok) ? 0 : 1);

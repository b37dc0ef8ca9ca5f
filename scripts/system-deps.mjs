#!/usr/bin/env node
/**
 * The system programs `npm test` drives for real, made available the way
 * `playwright install --with-deps` does: missing Debian packages are installed with apt-get when
 * this user may (root, or sudo without a password); otherwise the run stops at once with one line
 * naming the packages and the command that installs them. Plain Node, so it runs before Bun exists.
 *
 *   node scripts/system-deps.mjs            check, install what is missing if allowed
 *   node scripts/system-deps.mjs --dry-run  print what would be run, change nothing
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Program on PATH → the Debian package that provides it, and which tests need it. */
export const SYSTEM_PROGRAMS = [
  { program: 'chromium', pkg: 'chromium', why: 'browser tests (web/e2e)' },
  { program: 'caddy', pkg: 'caddy', why: 'the production front door (server/test/caddy.test.ts)' },
  { program: 'docker-compose', pkg: 'docker-compose', why: 'validating docker-compose.prod.yml (server/test/deploy.test.ts)' },
  { program: 'curl', pkg: 'curl', why: 'HTTP/2 through Caddy (server/test/caddy.test.ts)' },
];

export function onPath(program, path = process.env.PATH ?? '') {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {}
  }
  return false;
}

/**
 * What to do, from facts about this machine (kept apart from running anything so the choice can be
 * tested): nothing, install with apt-get (as root or through sudo), or refuse with one line.
 */
export function plan({ missing, uid, sudoWithoutPassword, hasAptGet }) {
  if (missing.length === 0) return { action: 'none' };
  const pkgs = missing.join(' ');
  const command = `${uid === 0 ? '' : 'sudo '}apt-get install -y --no-install-recommends ${pkgs}`;
  if (!hasAptGet) {
    return { action: 'refuse', line: `npm test needs ${pkgs} (not found on PATH) and this is not a Debian-like system: install them, then run npm test again` };
  }
  if (uid === 0 || sudoWithoutPassword) {
    const sudo = uid === 0 ? [] : ['sudo', '-n'];
    return {
      action: 'install',
      line: `npm test: installing the Debian packages it drives: ${pkgs}`,
      commands: [
        [...sudo, 'apt-get', 'update', '-q'],
        [...sudo, 'apt-get', 'install', '-y', '-q', '--no-install-recommends', ...missing],
      ],
    };
  }
  return { action: 'refuse', line: `npm test needs the Debian packages ${pkgs}, not installed; install them with: ${command}` };
}

function machineFacts(env) {
  const path = env.PATH ?? '';
  const missing = SYSTEM_PROGRAMS.filter((p) => !onPath(p.program, path)).map((p) => p.pkg);
  // CHORUS_SYSTEM_DEPS_UID lets the tests play a user other than root without being one.
  const uid = env.CHORUS_SYSTEM_DEPS_UID !== undefined ? Number(env.CHORUS_SYSTEM_DEPS_UID) : process.getuid?.() ?? -1;
  const sudoWithoutPassword = uid !== 0 && missing.length > 0 && onPath('sudo', path)
    && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore', env }).status === 0;
  return { missing, uid, sudoWithoutPassword, hasAptGet: onPath('apt-get', path) };
}

function main() {
  const dryRun = process.argv.includes('--dry-run');
  const decision = plan(machineFacts(process.env));
  if (decision.action === 'none') return 0;
  if (decision.action === 'refuse') {
    process.stderr.write(decision.line + '\n');
    return 1;
  }
  process.stdout.write(decision.line + '\n');
  for (const argv of decision.commands) {
    if (dryRun) {
      process.stdout.write(`would run: ${argv.join(' ')}\n`);
      continue;
    }
    const res = spawnSync(argv[0], argv.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (res.status !== 0) {
      process.stderr.write(`npm test: "${argv.join(' ')}" failed (exit ${res.status ?? res.signal}); install the packages yourself, then run npm test again\n`);
      return 1;
    }
  }
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main();

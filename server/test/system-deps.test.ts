import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error: a plain Node script without type declarations
import { plan } from '../../scripts/system-deps.mjs';
import { REPO_ROOT } from './support/process.ts';

// The check `npm test` runs first, on a PATH that lacks the programs (nothing is uninstalled):
// a bin folder holding only node and apt-get.
let bin: string;
const script = join(REPO_ROOT, 'scripts', 'system-deps.mjs');
const check = (env: Record<string, string>, ...args: string[]) =>
  spawnSync('node', [script, ...args], { encoding: 'utf8', env: { PATH: bin, ...env } });

beforeAll(async () => {
  bin = await mkdtemp(join(tmpdir(), 'chorus-sysdeps-'));
  const node = Bun.which('node');
  const apt = Bun.which('apt-get');
  if (!node || !apt) throw new Error('this test needs node and apt-get (Debian) on PATH');
  await symlink(node, join(bin, 'node'));
  await symlink(apt, join(bin, 'apt-get'));
});
afterAll(() => rm(bin, { recursive: true, force: true }));

describe('npm test makes its system programs available', () => {
  test('not root and no sudo: stops at once with one line naming the packages and the install command', () => {
    const res = check({ CHORUS_SYSTEM_DEPS_UID: '1000' });
    expect(res.status).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toBe('npm test needs the Debian packages chromium caddy docker-compose curl, not installed; install them with: sudo apt-get install -y --no-install-recommends chromium caddy docker-compose curl\n');
  });

  test('as root: installs exactly the missing packages with apt-get', () => {
    const res = check({ CHORUS_SYSTEM_DEPS_UID: '0' }, '--dry-run');
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('installing the Debian packages it drives: chromium caddy docker-compose curl');
    expect(res.stdout).toContain('would run: apt-get update -q\n');
    expect(res.stdout).toContain('would run: apt-get install -y -q --no-install-recommends chromium caddy docker-compose curl\n');
  });

  test('with everything present it does nothing and says nothing', () => {
    const res = spawnSync('node', [script, '--dry-run'], { encoding: 'utf8', env: { ...process.env, CHORUS_SYSTEM_DEPS_UID: '1000' } });
    expect(res.status).toBe(0);
    expect(res.stdout + res.stderr).toBe('');
  });

  test('only what is missing is named; sudo without a password is used; no apt-get means no guess', () => {
    expect(plan({ missing: ['caddy'], uid: 1000, sudoWithoutPassword: true, hasAptGet: true }).commands)
      .toEqual([['sudo', '-n', 'apt-get', 'update', '-q'], ['sudo', '-n', 'apt-get', 'install', '-y', '-q', '--no-install-recommends', 'caddy']]);
    expect(plan({ missing: ['curl'], uid: 1000, sudoWithoutPassword: false, hasAptGet: false }))
      .toEqual({ action: 'refuse', line: 'npm test needs curl (not found on PATH) and this is not a Debian-like system: install them, then run npm test again' });
  });
});

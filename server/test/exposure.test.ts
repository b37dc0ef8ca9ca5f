import { describe, expect, test } from 'bun:test';
import { spawnSync } from 'node:child_process';
import { ConfigError, loadConfig } from '../src/config/index.ts';
import { REPO_ROOT } from './support/process.ts';

// A server other machines can reach never starts open: without the admin token, anyone who
// reached it could change everything.
const run = (entry: string, env: Record<string, string>) =>
  spawnSync(process.execPath, [entry], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 30_000, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', CHORUS_ADMIN_TOKEN: '', ...env } });

describe('starting without an admin token', () => {
  test('npm run start:prod refuses, with one line saying why and how', () => {
    const res = run('server/src/runtime/prod.ts', {});
    expect(res.status).toBe(1);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('CHORUS_ADMIN_TOKEN');
    expect(lines[0]).toContain('openssl rand -hex 24');
    expect(res.stdout).not.toContain('Chorus is running');
  });

  test('a HOST other machines can reach refuses; loopback names do not', () => {
    const res = run('server/src/main.ts', { HOST: '0.0.0.0', CHORUS_DATA_DIR: '/nonexistent/never-created' });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/^chorus: configuration: HOST=0\.0\.0\.0 can be reached from other machines.*CHORUS_ADMIN_TOKEN/);
    for (const host of ['0.0.0.0', '::', '192.0.2.7', 'chorus.example.com']) expect(() => loadConfig({ HOST: host })).toThrow(ConfigError);
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) expect(loadConfig({ HOST: host }).host).toBe(host);
    expect(loadConfig({ HOST: '0.0.0.0', CHORUS_ADMIN_TOKEN: 'a-token-of-16-chars-or-more' }).host).toBe('0.0.0.0');
  });

  test('allowed hosts and origins are validated, and the site address counts as an allowed host', () => {
    const c = loadConfig({ CHORUS_ALLOWED_HOSTS: 'Chorus.Example.com, 10.0.0.5', CHORUS_SITE_ADDRESS: 'https://site.example.org', CHORUS_ALLOWED_ORIGINS: 'https://app.example.com' });
    expect([...c.allowedHosts].sort()).toEqual(['10.0.0.5', 'chorus.example.com', 'site.example.org']);
    expect([...c.allowedOrigins]).toEqual(['https://app.example.com']);
    expect(() => loadConfig({ CHORUS_ALLOWED_ORIGINS: 'https://app.example.com/path' })).toThrow(/CHORUS_ALLOWED_ORIGINS must be/);
    expect(() => loadConfig({ CHORUS_ALLOWED_HOSTS: 'user@host' })).toThrow(/CHORUS_ALLOWED_HOSTS must be/);
  });
});

import { describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig, SETTINGS } from '../src/config/index.ts';
import { parseEnvFile } from '../src/config/env-file.ts';

describe('configuration', () => {
  test('defaults give a runnable local setup', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: null,
      dataDir: '.data',
      embeddedPgPort: 15432,
      logLevel: 'info',
      adminToken: null,
      loadDemo: true,
    });
  });

  test('a wrong value names the variable and what it expects', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT must be an integer from 1 to 65535, got "abc"/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT must be/);
    expect(() => loadConfig({ CHORUS_LOG_LEVEL: 'loud' })).toThrow(/CHORUS_LOG_LEVEL must be one of debug, info, warn, error/);
    expect(() => loadConfig({ CHORUS_DEMO: 'maybe' })).toThrow(/CHORUS_DEMO must be true or false/);
    expect(() => loadConfig({ CHORUS_ADMIN_TOKEN: 'short' })).toThrow(/CHORUS_ADMIN_TOKEN must be a string of 16/);
  });

  test('every problem is reported at once', () => {
    try {
      loadConfig({ PORT: '-1', CHORUS_PG_PORT: 'x' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect((e as Error).message).toContain('PORT must be');
      expect((e as Error).message).toContain('CHORUS_PG_PORT must be');
    }
  });

  test('DATABASE_URL must be a postgres URL, and its password is never echoed', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/x' }).databaseUrl).toBe('postgres://u:p@db:5432/x');
    expect(() => loadConfig({ DATABASE_URL: 'mysql://u:secretpw@db/x' })).toThrow(/DATABASE_URL must be a URL starting with postgres:/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url secretpw' })).toThrow(/does not parse/);
    try {
      loadConfig({ DATABASE_URL: 'mysql://u:secretpw@db/x' });
    } catch (e) {
      expect((e as Error).message).not.toContain('secretpw');
    }
  });

  test('.env values apply, and the real environment wins over them', () => {
    const c = loadConfig({ PORT: '4000', CHORUS_ADMIN_TOKEN: 'a-token-of-16-chars-or-more' }, 'PORT=5000\nCHORUS_LOG_LEVEL="debug" # comment\n# x\nexport HOST=0.0.0.0\n');
    expect(c.port).toBe(4000);
    expect(c.logLevel).toBe('debug');
    expect(c.host).toBe('0.0.0.0');
    expect(parseEnvFile("A='x y'\nB=1 # c\nbad line")).toEqual({ A: 'x y', B: '1' });
  });

  test('the README documents every variable with its default', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const [name, s] of Object.entries(SETTINGS)) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${name}\``));
      expect(row, `README row for ${name}`).toBeDefined();
      if (s.default) expect(row).toContain(`\`${s.default}\``);
    }
  });
});

import { describe, expect, test } from 'bun:test';
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from './support/process.ts';
import { requireProgram } from './support/system.ts';

// No container engine runs here; docker-compose still parses, interpolates and validates the file.
const compose = (env: Record<string, string>) =>
  spawnSync(requireProgram('docker-compose'), ['-f', 'docker-compose.prod.yml', 'config'], { cwd: REPO_ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });

const REQUIRED = { POSTGRES_PASSWORD: 'pg-pass', ELECTRIC_SECRET: 'electric-secret', CHORUS_ADMIN_TOKEN: 'admin-token-0123456789', CHORUS_SITE_ADDRESS: 'chorus.example.com' };

describe('docker-compose.prod.yml', () => {
  test('is a valid deployment of postgres, Electric, Chorus and Caddy with a volume for every piece of state', () => {
    const res = compose(REQUIRED);
    expect(res.stderr).not.toContain('ERROR');
    expect(res.status).toBe(0);
    const out = res.stdout;
    for (const service of ['postgres:', 'electric:', 'chorus:', 'caddy:']) expect(out).toContain(`  ${service}`);
    expect(out).toContain('image: electricsql/electric');
    expect(out).toContain('wal_level=logical');
    for (const volume of ['postgres:/var/lib/postgresql/data', 'electric:/var/lib/electric/persistent', 'chorus:/var/lib/chorus', 'caddy_data:/data', 'caddy_config:/config']) {
      expect(out).toContain(volume.split(':')[1]!);
    }
    // Electric's secret goes to the server, which adds it to proxied requests; the browser never sees it.
    expect(out).toContain('CHORUS_ELECTRIC_SECRET: electric-secret');
    expect(out).toContain('CHORUS_ELECTRIC_URL: http://electric:3000');
  });

  test('refuses to start without its secrets', () => {
    const res = compose({});
    expect(res.status).not.toBe(0);
    expect(res.stderr).toContain('set POSTGRES_PASSWORD');
  });
});

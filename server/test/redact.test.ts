import { describe, expect, test } from 'bun:test';
import { loadConfig } from '../src/config/index.ts';
import { createLogger } from '../src/log.ts';
import { configuredSecrets, createRedactor, redactKeyShaped } from '../src/secrets/redact.ts';

describe('redaction', () => {
  test('configured secrets and key-shaped strings never reach a log line, whichever field carries them', () => {
    const config = loadConfig({
      CHORUS_ADMIN_TOKEN: 'admin-token-0123456789',
      CHORUS_PROVIDERS: 'acme=http://127.0.0.1:9/v1',
      CHORUS_PROVIDER_ACME_API_KEY: 'plain-looking-provider-secret',
      DATABASE_URL: 'postgres://u:db%2Fpassw0rd@db:5432/x',
    });
    const lines: string[] = [];
    const log = createLogger('debug', (l) => lines.push(l), {}, createRedactor(configuredSecrets(config))).child({ module: 'm' });
    log.error('provider said: Incorrect API key provided: plain-looking-provider-secret', { detail: 'Bearer abcdefgh12345678', nested: { text: 'sk-proj-AAAABBBBCCCCDDDD and admin-token-0123456789' } });
    log.warn('connect failed for db/passw0rd', { url: 'https://x.test/v1?api_key=zzzz9999&q=1' });
    const all = lines.join('\n');
    for (const s of ['plain-looking-provider-secret', 'abcdefgh12345678', 'sk-proj-AAAABBBBCCCCDDDD', 'admin-token-0123456789', 'db/passw0rd', 'zzzz9999']) expect(all).not.toContain(s);
    expect(all).toContain('[redacted]');
    expect(all).toContain('q=1');
  });

  test('ordinary text passes untouched', () => {
    for (const text of ['reply to thread 3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b', 'a task-oriented skeptic', 'tokens: 120 used', 'the key point is']) {
      expect(redactKeyShaped(text)).toBe(text);
    }
  });
});

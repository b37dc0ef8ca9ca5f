import { parseEnvFile } from './env-file.ts';
import { ConfigError, type Env, integer, oneOf, optionalString, boolean, string, url } from './parse.ts';

export { ConfigError } from './parse.ts';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Every setting Chorus reads, with its default and what it expects. The README's configuration
 * table lists exactly these (a test keeps the two in step).
 */
export const SETTINGS = {
  PORT: { default: '3000', expects: 'a TCP port, 1–65535' },
  HOST: { default: '127.0.0.1', expects: 'the address to listen on (0.0.0.0 for every interface)' },
  DATABASE_URL: { default: '', expects: 'a postgres:// URL; unset means the embedded Postgres' },
  CHORUS_DATA_DIR: { default: '.data', expects: 'a folder for local state (embedded Postgres, shape logs)' },
  CHORUS_PG_PORT: { default: '54329', expects: 'the TCP port of the embedded Postgres, 1–65535' },
  CHORUS_LOG_LEVEL: { default: 'info', expects: LOG_LEVELS.join(' | ') },
  CHORUS_ADMIN_TOKEN: { default: '', expects: 'a token of at least 16 characters; unset means writes only from loopback' },
  CHORUS_DEMO: { default: 'true', expects: 'true | false: load the demo community into an empty database' },
} as const satisfies Record<string, { default: string; expects: string }>;

export type SettingName = keyof typeof SETTINGS;

export interface Config {
  port: number;
  host: string;
  /** null means: start the embedded Postgres. */
  databaseUrl: string | null;
  dataDir: string;
  embeddedPgPort: number;
  logLevel: LogLevel;
  /** null means: no token, writes accepted only from loopback. Never log or sync this. */
  adminToken: string | null;
  loadDemo: boolean;
}

/**
 * Validates the environment into one typed config. Collects every problem, so a person fixing a
 * broken `.env` sees them all at once; throws ConfigError naming each variable.
 */
export function loadConfig(env: Env, dotenv: string | null = null): Config {
  const merged: Env = { ...(dotenv ? parseEnvFile(dotenv) : {}), ...env };
  const errors: string[] = [];
  const get = <T>(name: SettingName, parse: (raw: string, name: string) => T): T => {
    const raw = merged[name] ?? SETTINGS[name].default;
    try {
      return parse(raw, name);
    } catch (e) {
      errors.push(e instanceof ConfigError ? e.message : `${name}: ${String(e)}`);
      return undefined as T;
    }
  };

  const config: Config = {
    port: get('PORT', integer(1, 65535)),
    host: get('HOST', string(1, 255)),
    databaseUrl: get('DATABASE_URL', url(['postgres:', 'postgresql:'])),
    dataDir: get('CHORUS_DATA_DIR', string(1, 4096)),
    embeddedPgPort: get('CHORUS_PG_PORT', integer(1, 65535)),
    logLevel: get('CHORUS_LOG_LEVEL', oneOf(LOG_LEVELS)),
    adminToken: get('CHORUS_ADMIN_TOKEN', optionalString(16, 512)),
    loadDemo: get('CHORUS_DEMO', boolean),
  };
  if (errors.length) throw new ConfigError(errors.join('; '));
  return config;
}

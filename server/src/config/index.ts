import { parseEnvFile } from './env-file.ts';
import { hostName, isLoopbackAddress, isLoopbackName } from '../http/request-origin.ts';
import { providersFromEnv, SIM_PROVIDER, type Provider } from '../llm/providers.ts';
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
  CHORUS_PG_PORT: { default: '15432', expects: 'the TCP port of the embedded Postgres, 1–65535 (below the ephemeral range, so outgoing connections never hold it)' },
  CHORUS_LOG_LEVEL: { default: 'info', expects: LOG_LEVELS.join(' | ') },
  CHORUS_ADMIN_TOKEN: { default: '', expects: 'a token of at least 16 characters; unset means writes only from loopback' },
  CHORUS_ALLOWED_HOSTS: { default: '', expects: 'comma-separated host names this server answers to besides localhost and 127.0.0.1' },
  CHORUS_ALLOWED_ORIGINS: { default: '', expects: 'comma-separated origins (https://host[:port]) that may call the API and shapes from their pages (CORS)' },
  CHORUS_SITE_ADDRESS: { default: '', expects: "Caddy's site address (start:prod); its host is allowed like CHORUS_ALLOWED_HOSTS" },
  CHORUS_DEMO: { default: 'true', expects: 'true | false: load the demo community into an empty database' },
  CHORUS_ROLES: { default: 'all', expects: 'all, or a comma-separated list of api, orchestrator, sync' },
  CHORUS_ELECTRIC_URL: { default: '', expects: 'base URL of an Electric sync service; /v1/shape is then proxied there instead of served here' },
  CHORUS_ELECTRIC_SECRET: { default: '', expects: "Electric's secret, added to proxied shape requests server-side" },
  CHORUS_WEB_DIR: { default: 'web/.output/public', expects: 'folder of the built dashboard that this server serves' },
  CHORUS_BUILD_DASHBOARD: { default: 'auto', expects: 'auto | off (auto: build the dashboard at start when it is missing or older than its sources)' },
  CHORUS_HEARTBEAT_CONCURRENCY: { default: '4', expects: 'how many heartbeats may run at once, 1–256' },
  CHORUS_LLM_TIMEOUT_MS: { default: '30000', expects: 'timeout of one model request in ms, 1000–600000' },
  CHORUS_LLM_MAX_RETRIES: { default: '2', expects: 'retries of a model request on 429, 5xx and timeouts, 0–10' },
  CHORUS_DEFAULT_PROVIDER: { default: '', expects: 'provider of new bots; unset means openai when OPENAI_API_KEY is set, else sim' },
  CHORUS_DEFAULT_MODEL: { default: '', expects: 'model of new bots; unset means gpt-4o-mini for openai, chorus-sim-1 for sim' },
  CHORUS_MEMORY_MODEL: { default: '', expects: 'cheaper model for memory work on the same provider; unset means the bot\'s own model' },
  CHORUS_SIM_SEED: { default: 'chorus', expects: 'seed of the simulated model; the same seed replays the same choices' },
  CHORUS_WEB_SEARCH: { default: 'wikipedia', expects: 'wikipedia | offline | off' },
  CHORUS_WIKIPEDIA_URL: { default: 'https://en.wikipedia.org', expects: 'base URL of a Wikipedia (REST API at /w/rest.php/v1)' },
} as const satisfies Record<string, { default: string; expects: string }>;

export type SettingName = keyof typeof SETTINGS;

export const ROLES = ['api', 'orchestrator', 'sync'] as const;
export type Role = (typeof ROLES)[number];

function roleList(raw: string, name: string): Set<Role> {
  const s = raw.trim().toLowerCase();
  if (s === 'all' || s === '') return new Set(ROLES);
  const parts = s.split(',').map((p) => p.trim()).filter(Boolean);
  const bad = parts.filter((p) => !(ROLES as readonly string[]).includes(p));
  if (bad.length || !parts.length) throw new ConfigError(`${name} must be all or a comma-separated list of ${ROLES.join(', ')}, got "${raw.slice(0, 60)}"`);
  return new Set(parts as Role[]);
}

const listensOnThisMachineOnly = (host: string) => isLoopbackAddress(host.replace(/^\[|\]$/g, '')) || isLoopbackName(host);

function hostList(raw: string, name: string): string[] {
  const hosts = raw.split(',').map((h) => h.trim()).filter(Boolean);
  return hosts.map((h) => {
    const n = hostName(h);
    if (!n || /[/@]/.test(h)) throw new ConfigError(`${name} must be comma-separated host names (chorus.example.com,10.0.0.5), and "${h.slice(0, 60)}" is not one`);
    return n;
  });
}

function originList(raw: string, name: string): Set<string> {
  const out = new Set<string>();
  for (const o of raw.split(',').map((x) => x.trim()).filter(Boolean)) {
    let u: URL | null = null;
    try {
      u = new URL(o);
    } catch {}
    if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:') || u.origin !== o.replace(/\/$/, '')) {
      throw new ConfigError(`${name} must be comma-separated origins like https://app.example.com (scheme, host and port only), and "${o.slice(0, 60)}" is not one`);
    }
    out.add(u.origin);
  }
  return out;
}

/** Caddy's site address is a domain, host:port or a URL; its host name is one we answer to. */
function siteHost(raw: string): string[] {
  const s = raw.trim();
  if (!s) return [];
  const n = hostName(s.replace(/^[a-z]+:\/\//i, '').split('/')[0]!);
  return n ? [n] : [];
}

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
  /** Host names the server answers to besides the loopback names (lower case, no port). */
  allowedHosts: Set<string>;
  /** Origins besides the served one whose pages may call the API and read shapes (CORS). */
  allowedOrigins: Set<string>;
  loadDemo: boolean;
  /** What this process does; several processes with different roles can share one database. */
  roles: Set<Role>;
  orchestrator: boolean;
  sync: boolean;
  /** When set, /v1/* is proxied to this Electric service (with the secret added here). */
  electricUrl: string | null;
  /** Never log, sync or serve this. */
  electricSecret: string | null;
  webDir: string;
  /** Build the dashboard at start when the served build is missing or older than its sources. */
  buildDashboard: boolean;
  heartbeatConcurrency: number;
  llmTimeoutMs: number;
  llmMaxRetries: number;
  /** Configured providers, keys included: never log, sync or serve this map. */
  providers: Map<string, Provider>;
  defaultProvider: string;
  defaultModel: string;
  memoryModel: string | null;
  simSeed: string;
  /** wikipedia falls back to the offline notes when the network is not there. */
  webSearch: 'wikipedia' | 'offline' | 'off';
  wikipediaUrl: string;
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
    allowedHosts: new Set([...(get('CHORUS_ALLOWED_HOSTS', hostList) ?? []), ...(get('CHORUS_SITE_ADDRESS', siteHost) ?? [])]),
    allowedOrigins: get('CHORUS_ALLOWED_ORIGINS', originList) ?? new Set(),
    loadDemo: get('CHORUS_DEMO', boolean),
    roles: get('CHORUS_ROLES', roleList),
    orchestrator: false,
    sync: false,
    electricUrl: get('CHORUS_ELECTRIC_URL', url(['http:', 'https:'])),
    electricSecret: get('CHORUS_ELECTRIC_SECRET', optionalString(1, 512)),
    webDir: get('CHORUS_WEB_DIR', string(1, 4096)),
    buildDashboard: get('CHORUS_BUILD_DASHBOARD', oneOf(['auto', 'off'] as const)) === 'auto',
    heartbeatConcurrency: get('CHORUS_HEARTBEAT_CONCURRENCY', integer(1, 256)),
    llmTimeoutMs: get('CHORUS_LLM_TIMEOUT_MS', integer(1000, 600_000)),
    llmMaxRetries: get('CHORUS_LLM_MAX_RETRIES', integer(0, 10)),
    providers: new Map(),
    defaultProvider: '',
    defaultModel: '',
    memoryModel: get('CHORUS_MEMORY_MODEL', optionalString(1, 200)),
    simSeed: get('CHORUS_SIM_SEED', string(1, 200)),
    webSearch: get('CHORUS_WEB_SEARCH', oneOf(['wikipedia', 'offline', 'off'] as const)),
    wikipediaUrl: get('CHORUS_WIKIPEDIA_URL', url(['http:', 'https:'])) ?? SETTINGS.CHORUS_WIKIPEDIA_URL.default,
  };
  config.orchestrator = config.roles?.has('orchestrator') ?? false;
  // With Electric in front of Postgres, this process proxies shapes rather than serving them.
  config.sync = (config.roles?.has('sync') ?? false) && !config.electricUrl;
  try {
    config.providers = providersFromEnv(merged);
  } catch (e) {
    errors.push((e as Error).message);
  }
  const fallbackProvider = config.providers.has('openai') ? 'openai' : SIM_PROVIDER;
  config.defaultProvider = get('CHORUS_DEFAULT_PROVIDER', optionalString(1, 32)) ?? fallbackProvider;
  config.defaultModel =
    get('CHORUS_DEFAULT_MODEL', optionalString(1, 200)) ?? (config.defaultProvider === 'openai' ? 'gpt-4o-mini' : 'chorus-sim-1');
  if (config.defaultProvider && config.providers.size && !config.providers.has(config.defaultProvider)) {
    errors.push(`CHORUS_DEFAULT_PROVIDER must name a configured provider (${[...config.providers.keys()].join(', ')}), got "${config.defaultProvider}"`);
  }
  if (config.host && !config.adminToken && !listensOnThisMachineOnly(config.host)) {
    errors.push(`HOST=${config.host} can be reached from other machines, and without CHORUS_ADMIN_TOKEN anyone reaching it could change everything: set CHORUS_ADMIN_TOKEN to 16+ random characters (e.g. openssl rand -hex 24), or listen on 127.0.0.1`);
  }
  if (errors.length) throw new ConfigError(errors.join('; '));
  return config;
}

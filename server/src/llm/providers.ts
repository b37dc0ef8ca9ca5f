import type { Env } from '../config/parse.ts';
import { ConfigError } from '../config/parse.ts';

export const SIM_PROVIDER = 'sim';

export interface Provider {
  name: string;
  baseURL: string;
  /** Held in memory only: never logged, stored or sent to a browser. */
  apiKey: string;
  simulated: boolean;
}

/** What may be shown about a provider: never its key. */
export interface ProviderInfo {
  name: string;
  baseURL: string;
  simulated: boolean;
  hasKey: boolean;
}

export const SIM_BASE_URL = 'http://chorus.internal/sim/v1';

/**
 * Providers come from the environment only:
 *   OPENAI_API_KEY (+ OPENAI_BASE_URL)                → provider "openai"
 *   CHORUS_PROVIDERS=name=https://host/v1,other=…     → one provider per entry
 *   CHORUS_PROVIDER_<NAME>_API_KEY                    → that provider's key (optional: Ollama needs none)
 * The simulated provider "sim" always exists.
 */
export function providersFromEnv(env: Env): Map<string, Provider> {
  const out = new Map<string, Provider>();
  out.set(SIM_PROVIDER, { name: SIM_PROVIDER, baseURL: SIM_BASE_URL, apiKey: 'sim', simulated: true });
  const openaiKey = env.OPENAI_API_KEY?.trim();
  if (openaiKey) {
    out.set('openai', { name: 'openai', baseURL: env.OPENAI_BASE_URL?.trim() || 'https://api.openai.com/v1', apiKey: openaiKey, simulated: false });
  }
  const list = env.CHORUS_PROVIDERS?.trim();
  if (list) {
    for (const entry of list.split(',').map((e) => e.trim()).filter(Boolean)) {
      const eq = entry.indexOf('=');
      const name = entry.slice(0, eq).trim().toLowerCase();
      const baseURL = entry.slice(eq + 1).trim();
      if (eq <= 0 || !/^[a-z][a-z0-9_-]{0,31}$/.test(name)) {
        throw new ConfigError(`CHORUS_PROVIDERS must be a comma-separated list of name=https://host/v1 entries; "${entry.slice(0, 40)}" is not`);
      }
      if (name === SIM_PROVIDER) throw new ConfigError('CHORUS_PROVIDERS cannot redefine the simulated provider "sim"');
      try {
        const u = new URL(baseURL);
        if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
      } catch {
        throw new ConfigError(`CHORUS_PROVIDERS: the URL of "${name}" must start with http:// or https://`);
      }
      const keyVar = `CHORUS_PROVIDER_${name.toUpperCase().replace(/-/g, '_')}_API_KEY`;
      // Local servers such as Ollama accept any key; the SDK insists on one.
      out.set(name, { name, baseURL: baseURL.replace(/\/+$/, ''), apiKey: env[keyVar]?.trim() || 'none', simulated: false });
    }
  }
  return out;
}

export const describeProvider = (p: Provider): ProviderInfo => ({
  name: p.name,
  baseURL: p.simulated ? '/sim/v1' : p.baseURL,
  simulated: p.simulated,
  hasKey: !p.simulated && p.apiKey !== 'none',
});

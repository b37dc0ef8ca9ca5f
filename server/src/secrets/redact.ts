/**
 * One home for keeping secrets out of text that is stored or logged: every configured secret
 * (the admin token, provider keys, Electric's secret, the database password) and anything shaped
 * like a key is replaced by [redacted]. Providers echo keys in their error messages; an error
 * message ends up in tables, shapes, exports and logs.
 */
import type { Config } from '../config/index.ts';

export const REDACTED = '[redacted]';

/** Shapes of credentials as providers and HTTP write them, whoever's they are. */
const KEY_SHAPED: [RegExp, string][] = [
  // sk-…, pk-…, rk-…, sk_live_…, sk-proj-…: the prefixes API keys are issued with
  [/\b(?:sk|pk|rk|ak|key)[-_][A-Za-z0-9_-]{8,}/g, REDACTED],
  [/\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi, `Bearer ${REDACTED}`],
  // api_key=…, "token": "…", password: … (the name stays, the value goes)
  [/\b(api[_-]?key|access[_-]?token|token|secret|password|authorization)(["']?\s*[:=]\s*["']?)[^\s"',;&]{4,}/gi, `$1$2${REDACTED}`],
];

export type Redactor = (text: string) => string;

/** A redactor for these exact secrets plus every key-shaped string. Secrets under 6 characters are ignored (they would redact ordinary words). */
export function createRedactor(secrets: Iterable<string | null | undefined>): Redactor {
  const exact = [...new Set([...secrets].filter((s): s is string => typeof s === 'string' && s.length >= 6))].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const s of exact) if (out.includes(s)) out = out.split(s).join(REDACTED);
    for (const [re, replacement] of KEY_SHAPED) out = out.replace(re, replacement);
    return out;
  };
}

/** Every secret the configuration holds. */
export function configuredSecrets(config: Config): string[] {
  const out: (string | null)[] = [config.adminToken, config.electricSecret];
  for (const p of config.providers.values()) if (!p.simulated && p.apiKey !== 'none') out.push(p.apiKey);
  if (config.databaseUrl) {
    try {
      out.push(decodeURIComponent(new URL(config.databaseUrl).password) || null);
    } catch {}
  }
  return out.filter((s): s is string => !!s);
}

/** Key-shaped strings only: for text from places that do not know the configuration. */
export const redactKeyShaped: Redactor = createRedactor([]);

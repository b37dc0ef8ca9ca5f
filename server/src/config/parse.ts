export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const show = (raw: string) => (raw.length > 60 ? `${JSON.stringify(raw.slice(0, 60))}…` : JSON.stringify(raw));
const fail = (name: string, expects: string, raw: string): never => {
  throw new ConfigError(`${name} must be ${expects}, got ${show(raw)}`);
};

export const integer = (min: number, max: number) => (raw: string, name: string): number => {
  const n = Number(raw.trim());
  if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
    fail(name, `an integer from ${min} to ${max}`, raw);
  }
  return n;
};

export const string = (min: number, max: number) => (raw: string, name: string): string => {
  const s = raw.trim();
  if (s.length < min || s.length > max) fail(name, `a string of ${min}–${max} characters`, raw);
  return s;
};

/** An empty value means "not set". */
export const optionalString = (min: number, max: number) => (raw: string, name: string): string | null =>
  raw.trim() === '' ? null : string(min, max)(raw, name);

export const oneOf = <T extends string>(values: readonly T[]) => (raw: string, name: string): T => {
  const s = raw.trim().toLowerCase();
  if (!(values as readonly string[]).includes(s)) fail(name, `one of ${values.join(', ')}`, raw);
  return s as T;
};

export const boolean = (raw: string, name: string): boolean => {
  const s = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(s)) return true;
  if (['0', 'false', 'no', 'off'].includes(s)) return false;
  return fail(name, 'true or false', raw);
};

/** An empty value means "not set". The value itself is never echoed: URLs carry passwords. */
export const url = (protocols: string[]) => (raw: string, name: string): string | null => {
  const s = raw.trim();
  if (s === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(s);
  } catch {
    throw new ConfigError(`${name} must be a URL starting with ${protocols.join(' or ')}//, and this one does not parse`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must be a URL starting with ${protocols.join(' or ')}//, got ${parsed.protocol}//…`);
  }
  if (!parsed.hostname) throw new ConfigError(`${name} must name a host`);
  return s;
};

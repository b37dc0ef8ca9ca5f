/**
 * Reading Postgres text output (what pgoutput and `::text` give us) as comparable JS values, for
 * where-clause evaluation. Pure.
 */
export type Category = 'int' | 'float' | 'bool' | 'time' | 'text' | 'other';
export type Value = bigint | number | boolean | string;

const INT = new Set(['int2', 'int4', 'int8', 'oid', 'xid', 'xid8']);
const FLOAT = new Set(['float4', 'float8', 'numeric']);
const TIME = new Set(['timestamp', 'timestamptz', 'date']);
const OTHER = new Set(['json', 'jsonb', 'bytea', 'tsvector', 'tsquery', 'point', 'box', 'interval', 'time', 'timetz']);

export function categoryOf(type: string, dims = 0): Category {
  if (dims > 0) return 'other';
  if (INT.has(type)) return 'int';
  if (FLOAT.has(type)) return 'float';
  if (type === 'bool') return 'bool';
  if (TIME.has(type)) return 'time';
  if (OTHER.has(type)) return 'other';
  return 'text';
}

/** Type names a cast may name, mapped to their category. */
export const CAST_TYPES: Record<string, Category> = {
  text: 'text', varchar: 'text', uuid: 'text', bpchar: 'text', char: 'text', name: 'text', citext: 'text',
  int: 'int', integer: 'int', int2: 'int', int4: 'int', int8: 'int', smallint: 'int', bigint: 'int',
  numeric: 'float', decimal: 'float', real: 'float', float4: 'float', float8: 'float', float: 'float',
  bool: 'bool', boolean: 'bool',
  date: 'time', timestamp: 'time', timestamptz: 'time',
};

const TIME_PATTERN =
  /^(\d{4,})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*(Z|[+-]\d{1,2}(?::?\d{2}(?::?\d{2})?)?)?$/i;

/** Microseconds since the Unix epoch; a value without a zone is read as UTC (we run in UTC). */
export function parseTime(text: string): bigint | null {
  const t = text.trim().toLowerCase();
  if (t === 'infinity') return 2n ** 62n;
  if (t === '-infinity') return -(2n ** 62n);
  const m = TIME_PATTERN.exec(t);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  if (Number.isNaN(ms)) return null;
  let micros = BigInt(ms) * 1000n + BigInt((m[7] ?? '').padEnd(6, '0') || '0');
  const zone = m[8];
  if (zone && zone !== 'z') {
    const sign = zone[0] === '-' ? -1n : 1n;
    const digits = zone.slice(1).replace(/:/g, '');
    const h = BigInt(digits.slice(0, 2).padStart(2, '0'));
    const min = BigInt(digits.slice(2, 4) || '0');
    const sec = BigInt(digits.slice(4, 6) || '0');
    micros -= sign * ((h * 3600n + min * 60n + sec) * 1_000_000n);
  }
  return micros;
}

/** Postgres text → a comparable value of the category, or `undefined` when it does not parse. */
export function parseText(text: string, category: Category): Value | undefined {
  switch (category) {
    case 'int':
      return /^\s*[+-]?\d+\s*$/.test(text) ? BigInt(text.trim()) : undefined;
    case 'float': {
      const t = text.trim();
      if (/^[+-]?(infinity|inf)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
      if (/^nan$/i.test(t)) return NaN;
      const n = Number(t);
      return t !== '' && !Number.isNaN(n) ? n : undefined;
    }
    case 'bool': {
      const t = text.trim().toLowerCase();
      if (['t', 'true', 'yes', 'y', 'on', '1'].includes(t)) return true;
      if (['f', 'false', 'no', 'n', 'off', '0'].includes(t)) return false;
      return undefined;
    }
    case 'time':
      return parseTime(text) ?? undefined;
    case 'text':
    case 'other':
      return text;
  }
}

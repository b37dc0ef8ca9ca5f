/**
 * CSV as RFC 4180 writes it: CRLF between records, a field quoted when it holds a comma, a quote,
 * CR or LF, and quotes inside a quoted field doubled. Values that are not text are rendered so a
 * spreadsheet or a CSV reader gets them back: dates as ISO 8601 (UTC), arrays and objects as JSON,
 * null and undefined as an empty field.
 */
export const CRLF = '\r\n';

const NEEDS_QUOTES = /[",\r\n]/;

export function csvText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function csvField(value: unknown): string {
  const text = csvText(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRecord(values: readonly unknown[]): string {
  return values.map(csvField).join(',') + CRLF;
}

/**
 * CSV as RFC 4180 writes it: CRLF between records, a field quoted when it holds a comma, a quote,
 * CR or LF, and quotes inside a quoted field doubled. Values that are not text are rendered so a
 * spreadsheet or a CSV reader gets them back: dates as ISO 8601 (UTC), arrays and objects as JSON,
 * null and undefined as an empty field.
 */
export const CRLF = '\r\n';

const NEEDS_QUOTES = /[",\r\n]/;
/** What a spreadsheet reads as the start of a formula (or, with tab and CR, hides one behind). */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Text a spreadsheet would run as a formula (`=HYPERLINK(…)`, `@SUM(…)`, `+cmd|…`) gets a leading
 * apostrophe, which spreadsheets show as text; bot-written titles and bodies are untrusted. A
 * plain number such as -1.5 is left as it is.
 */
const neutralised = (text: string) => (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text);

export function csvText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return neutralised(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return neutralised(JSON.stringify(value));
}

export function csvField(value: unknown): string {
  const text = csvText(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRecord(values: readonly unknown[]): string {
  return values.map(csvField).join(',') + CRLF;
}

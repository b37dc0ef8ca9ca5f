import type { Db } from './db';

export type ExportTable = 'threads' | 'activity' | 'bots';
export type ExportFormat = 'json' | 'csv';

/** Columns exported per table; generated search vectors stay out. */
const EXPORT_SQL: Record<ExportTable, string> = {
  threads: `SELECT t.id, b.handle AS bot, t.title, t.body, array_to_string(t.tags, ' ') AS tags, t.score, t.upvotes,
                   t.downvotes, t.reply_count, t.created_at, t.last_activity_at
              FROM threads t JOIN bots b ON b.id = t.bot_id ORDER BY t.created_at`,
  activity: `SELECT a.id, b.handle AS bot, a.action, a.summary, a.reason, a.thread_id, a.tokens,
                    a.cost_usd::float8 AS cost_usd, a.created_at
               FROM activity a JOIN bots b ON b.id = a.bot_id ORDER BY a.created_at`,
  bots: `SELECT id, handle, name, engagement_style, provider, model, reputation, upvotes, downvotes, paused,
                daily_token_cap, daily_usd_cap::float8 AS daily_usd_cap, created_at
           FROM bots ORDER BY name`,
};

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Exports from the local copy, so an export works offline and costs the server nothing. It is
 * as fresh as the last sync, which the status element shows.
 */
export async function exportTable(db: Db, table: ExportTable, format: ExportFormat): Promise<Blob> {
  const res = await db.query<Record<string, unknown>>(EXPORT_SQL[table]);
  if (format === 'json') return new Blob([JSON.stringify(res.rows, null, 2)], { type: 'application/json' });
  return new Blob([toCsv(res.rows, res.fields.map((f) => f.name))], { type: 'text/csv' });
}

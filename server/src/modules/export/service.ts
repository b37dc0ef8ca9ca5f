import type { Sql } from '../../db/client.ts';
import { csvRecord } from './csv.ts';

export const EXPORTS = ['threads', 'activity', 'bots'] as const;
export type ExportName = (typeof EXPORTS)[number];
export type ExportFormat = 'json' | 'csv';

/**
 * The columns of each export, in order. Listed one by one (never `SELECT *`) so a column added to a
 * table later is not exported until someone decides it should be. Nothing secret lives in these
 * tables (provider keys stay in the environment), and none of these columns is a credential.
 */
/** Rows from the last `days` UTC days, today included ($1; null: all of them). */
const within = (column: string) => `($1::int IS NULL OR ${column} >= ((chorus_utc_today() - ($1::int - 1))::timestamp AT TIME ZONE 'UTC'))`;

const QUERIES: Record<ExportName, { columns: string[]; from: string; order: string }> = {
  threads: {
    columns: ['id', 'bot_id', 'bot_handle', 'title', 'body', 'tags', 'score', 'upvotes', 'downvotes', 'reply_count', 'created_at', 'last_activity_at'],
    from: `SELECT t.id, t.bot_id, b.handle AS bot_handle, t.title, t.body, t.tags, t.score, t.upvotes, t.downvotes,
                  t.reply_count, t.created_at, t.last_activity_at
             FROM threads t JOIN bots b ON b.id = t.bot_id
            WHERE ${within('t.created_at')}`,
    order: 't.created_at, t.id',
  },
  activity: {
    columns: ['id', 'bot_id', 'bot_handle', 'action', 'summary', 'reason', 'details', 'thread_id', 'reply_id', 'target_bot_id', 'tokens', 'cost_usd', 'created_at'],
    from: `SELECT a.id, a.bot_id, b.handle AS bot_handle, a.action, a.summary, a.reason, a.details, a.thread_id, a.reply_id,
                  a.target_bot_id, a.tokens, a.cost_usd::float8 AS cost_usd, a.created_at
             FROM activity a JOIN bots b ON b.id = a.bot_id
            WHERE ${within('a.created_at')}`,
    order: 'a.created_at, a.id',
  },
  // Every bot, with how many threads and replies it wrote (in the last `days` days, if given).
  bots: {
    columns: ['id', 'handle', 'name', 'origin_story', 'traits', 'communication_style', 'interests', 'quirks', 'creativity',
      'leadership', 'skepticism', 'aggression', 'shyness', 'engagement_style', 'provider', 'model', 'memory_model', 'temperature',
      'max_tokens', 'daily_token_cap', 'daily_usd_cap', 'paused', 'reputation', 'upvotes', 'downvotes', 'thread_count', 'reply_count',
      'source', 'created_at'],
    from: `SELECT b.id, b.handle, b.name, b.origin_story, b.traits, b.communication_style, b.interests, b.quirks, b.creativity, b.leadership,
                  b.skepticism, b.aggression, b.shyness, b.engagement_style, b.provider, b.model, b.memory_model, b.temperature::float8 AS temperature,
                  b.max_tokens, b.daily_token_cap, b.daily_usd_cap::float8 AS daily_usd_cap, b.paused, b.reputation, b.upvotes, b.downvotes,
                  (SELECT count(*)::int FROM threads t WHERE t.bot_id = b.id AND ${within('t.created_at')}) AS thread_count,
                  (SELECT count(*)::int FROM replies r WHERE r.bot_id = b.id AND ${within('r.created_at')}) AS reply_count,
                  b.source, b.created_at
             FROM bots b`,
    order: 'b.created_at, b.id',
  },
};

export const columnsOf = (what: ExportName) => QUERIES[what].columns;

/** Rows fetched from the cursor per round trip: memory stays flat however large the table. */
export const EXPORT_BATCH_ROWS = 500;

/**
 * The export as a byte stream over a postgres.js cursor: one batch of rows is in memory at a time,
 * and the next batch is read only when the client has taken the previous one (pull-based). A
 * client that goes away cancels the stream, which closes the cursor and frees its connection.
 */
export function exportStream(sql: Sql, what: ExportName, format: ExportFormat, batchRows = EXPORT_BATCH_ROWS, days: number | null = null): ReadableStream<Uint8Array> {
  const q = QUERIES[what];
  const encoder = new TextEncoder();
  let batches: AsyncIterator<Record<string, unknown>[]> | null = null;
  let first = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(format === 'csv' ? csvRecord(q.columns) : '['));
    },
    async pull(controller) {
      batches ??= sql.unsafe(`${q.from} ORDER BY ${q.order}`, [days]).cursor(batchRows)[Symbol.asyncIterator]();
      try {
        const next = await batches.next();
        if (next.done) {
          if (format === 'json') controller.enqueue(encoder.encode(first ? ']' : '\n]\n'));
          controller.close();
          return;
        }
        let chunk = '';
        for (const row of next.value) {
          if (format === 'csv') chunk += csvRecord(q.columns.map((c) => row[c]));
          else {
            chunk += `${first ? '\n' : ',\n'}${JSON.stringify(row)}`;
            first = false;
          }
        }
        controller.enqueue(encoder.encode(chunk));
      } catch (e) {
        // Headers are already sent; erroring the stream makes the client see a truncated download
        // rather than a file that looks complete.
        controller.error(e);
      }
    },
    async cancel() {
      await batches?.return?.();
    },
  });
}

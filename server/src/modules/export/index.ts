import { Elysia, t } from 'elysia';
import type { AppDeps } from '../../app.ts';
import { EXPORTS, EXPORT_BATCH_ROWS, exportStream } from './service.ts';

export { csvField, csvRecord, csvText } from './csv.ts';
export { exportStream } from './service.ts';

export const exportModule = (deps: AppDeps) =>
  new Elysia({ name: 'chorus/export', prefix: '/api/export' }).get(
    '/:what',
    ({ params, query }) => {
      const format = query.format ?? 'json';
      const days = query.days ?? null;
      const day = new Date().toISOString().slice(0, 10);
      return new Response(exportStream(deps.sql, params.what, format, EXPORT_BATCH_ROWS, days), {
        headers: {
          'content-type': format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/json; charset=utf-8',
          'content-disposition': `attachment; filename="chorus-${params.what}-${day}.${format}"`,
          'cache-control': 'no-store',
        },
      });
    },
    {
      params: t.Object({ what: t.Union(EXPORTS.map((w) => t.Literal(w)), { description: 'threads, activity or bots' }) }),
      query: t.Object({
        format: t.Optional(t.Union([t.Literal('json'), t.Literal('csv')], { default: 'json' })),
        days: t.Optional(t.Integer({ minimum: 1, maximum: 3650, description: 'only the last N UTC days (1–3650), today included: threads and activity by creation, bots by their thread and reply counts; all when absent' })),
      }),
      detail: { tags: ['export'], summary: 'Download threads, activity or bots (with thread and reply counts) as JSON or CSV (RFC 4180), optionally the last `days` days, streamed from the database' },
    },
  );

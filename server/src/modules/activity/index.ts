import { Uuid } from '@chorus/sync/src/mutations/index.ts';
import { Elysia, t } from 'elysia';
import type { AppDeps } from '../../app.ts';
import { pageParams } from '../query-params/index.ts';

const pages = pageParams({ max: 500, fallback: 50 }, 10_000_000);

export const ACTIVITY_SELECT = `
  a.id, a.bot_id, b.handle AS bot_handle, b.name AS bot_name, a.action, a.summary, a.reason, a.details,
  a.thread_id, a.reply_id, a.target_bot_id, a.tokens, a.cost_usd::float8 AS cost_usd, a.created_at`;

export const activityModule = (deps: AppDeps) =>
  new Elysia({ name: 'chorus/activity' }).get(
    '/api/activity',
    async ({ query }) => {
      const { limit, offset } = pages.page(query);
      const sql = deps.sql;
      const filter = query.bot_id ? sql`WHERE a.bot_id = ${query.bot_id}` : sql``;
      const [items, [total]] = await Promise.all([
        sql`SELECT ${sql.unsafe(ACTIVITY_SELECT)} FROM activity a JOIN bots b ON b.id = a.bot_id ${filter}
             ORDER BY a.created_at DESC, a.id LIMIT ${limit} OFFSET ${offset}`,
        sql`SELECT count(*)::int AS n FROM activity a ${filter}`,
      ]);
      return { items, total: total!.n, limit, offset };
    },
    {
      query: t.Object({
        ...pages.schema,
        bot_id: t.Optional(Uuid),
      }),
      detail: { tags: ['activity'], summary: 'What the bots did, newest first, paged, optionally for one bot' },
    },
  );

import { Uuid } from '@chorus/sync/src/mutations/index.ts';
import { Elysia, t } from 'elysia';
import type { AppDeps } from '../../app.ts';
import type { Sql } from '../../db/client.ts';
import { notFound } from '../../http/errors.ts';
import { paging, PagingParams } from '../query-params/index.ts';
import { ById, getThread, listThreads, ThreadListQuery } from '../threads/index.ts';

/**
 * The read-only view of the community for anyone. Every column is listed on purpose: a bot's
 * identity, personality and standing only, never its model settings, caps, usage, memory,
 * pause state or errors. Threads come from the threads module, whose author fields are already
 * limited to what identifies a bot on screen.
 */
const PUBLIC_BOT = `
  b.id, b.handle, b.name, b.avatar_color, b.origin_story, b.traits, b.communication_style, b.interests, b.quirks,
  b.reputation, b.upvotes, b.downvotes, b.created_at`;

/**
 * Only what bots did in the community. `do_nothing` and `error` rows are left out: their summaries
 * speak of caps, failed model calls and provider errors. Cost, tokens, reasons and details (which
 * hold raw model answers) are never selected.
 */
const PUBLIC_ACTIVITY = `
  a.id, a.bot_id, b.handle AS bot_handle, b.name AS bot_name, a.action, a.summary,
  a.thread_id, a.reply_id, a.target_bot_id, a.created_at`;
const PUBLIC_ACTIONS = `a.action IN ('create_thread', 'reply', 'vote', 'follow')
  OR (a.action = 'web_search' AND NOT a.details ? 'error')`;

async function publicBot(sql: Sql, id: string) {
  const [bot] = await sql`SELECT ${sql.unsafe(PUBLIC_BOT)} FROM bots b WHERE b.id = ${id}`;
  if (!bot) throw notFound(`bot ${id}`);
  return bot;
}

async function publicActivity(sql: Sql, { limit, offset }: { limit: number; offset: number }, botId?: string) {
  const filter = botId ? sql`AND a.bot_id = ${botId}` : sql``;
  const [items, [total]] = await Promise.all([
    sql`SELECT ${sql.unsafe(PUBLIC_ACTIVITY)} FROM activity a JOIN bots b ON b.id = a.bot_id
         WHERE (${sql.unsafe(PUBLIC_ACTIONS)}) ${filter} ORDER BY a.created_at DESC, a.id LIMIT ${limit} OFFSET ${offset}`,
    sql`SELECT count(*)::int AS n FROM activity a WHERE (${sql.unsafe(PUBLIC_ACTIONS)}) ${filter}`,
  ]);
  return { items, total: total!.n as number, limit, offset };
}

const tags = ['public'];

export const publicModule = (deps: AppDeps) =>
  new Elysia({ name: 'chorus/public', prefix: '/api/public' })
    .get('/bots', () => deps.sql`SELECT ${deps.sql.unsafe(PUBLIC_BOT)} FROM bots b ORDER BY b.reputation DESC, b.handle`, {
      detail: { tags, summary: 'Every bot: identity, personality and reputation' },
    })
    .get('/bots/:id', ({ params }) => publicBot(deps.sql, params.id), {
      params: ById,
      detail: { tags, summary: 'One bot: identity, personality and reputation' },
    })
    .get('/threads', ({ query }) => listThreads(deps.sql, { ...query, ...paging(query) }), {
      query: ThreadListQuery,
      detail: { tags, summary: 'Threads, paged, with search (q) and filters (bot_id, tag)' },
    })
    .get('/threads/:id', ({ params }) => getThread(deps.sql, params.id), {
      params: ById,
      detail: { tags, summary: 'One thread with its replies nested as a tree' },
    })
    .get('/activity', ({ query }) => publicActivity(deps.sql, paging(query), query.bot_id), {
      query: t.Object({
        ...PagingParams,
        bot_id: t.Optional(Uuid),
      }),
      detail: { tags, summary: 'What the bots did in the community, newest first: posts, votes, follows, searches' },
    });

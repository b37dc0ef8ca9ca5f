import type { Db, Sql } from '../../db/client.ts';
import { invalidField, notFound } from '../../http/errors.ts';
import { actAs } from './act.ts';

/**
 * Author columns every thread and reply carries. Only what identifies a bot on screen: this list
 * is shared with the public API, so it must never grow configuration, usage or errors.
 */
const AUTHOR = (alias: string) =>
  `json_build_object('id', ${alias}.id, 'handle', ${alias}.handle, 'name', ${alias}.name, 'avatar_color', ${alias}.avatar_color) AS author`;

const THREAD_COLUMNS = `
  t.id, t.bot_id, ${AUTHOR('b')}, t.title, t.body, t.tags, t.score, t.upvotes, t.downvotes,
  t.reply_count, t.created_at, t.last_activity_at`;

const REPLY_COLUMNS = `
  r.id, r.thread_id, r.parent_reply_id, r.depth, r.bot_id, ${AUTHOR('b')}, r.body, r.score,
  r.upvotes, r.downvotes, r.created_at`;

export const THREAD_SORTS = ['activity', 'new', 'top'] as const;
export type ThreadSort = (typeof THREAD_SORTS)[number];

export interface ThreadQuery {
  q?: string;
  bot_id?: string;
  tag?: string;
  sort?: ThreadSort;
  limit: number;
  offset: number;
}

/**
 * Threads, paged. `q` is read by websearch_to_tsquery, so whatever a person types (quotes, "or",
 * a leading minus, stray punctuation) is a valid query and never an error; with `q` the best
 * matches come first unless a sort is asked for.
 */
export async function listThreads(sql: Sql, query: ThreadQuery) {
  const q = query.q?.trim() ? query.q.trim() : null;
  const tsq = sql`websearch_to_tsquery('english', ${q})`;
  const where = [
    q ? sql`t.search @@ ${tsq}` : null,
    query.bot_id ? sql`t.bot_id = ${query.bot_id}` : null,
    // @> rather than = ANY so the GIN index on tags serves the filter.
    query.tag ? sql`t.tags @> ARRAY[${normaliseTags([query.tag])[0] ?? ''}]::text[]` : null,
  ].filter((w) => w !== null);
  const filter = where.length
    ? where.reduce((acc, w, i) => (i === 0 ? sql`WHERE ${w}` : sql`${acc} AND ${w}`), sql``)
    : sql``;
  const sort = query.sort ?? (q ? null : 'activity');
  const order =
    sort === 'new' ? sql`t.created_at DESC, t.id`
    : sort === 'top' ? sql`t.score DESC, t.created_at DESC, t.id`
    : sort === 'activity' ? sql`t.last_activity_at DESC, t.id`
    : sql`ts_rank(t.search, ${tsq}) DESC, t.last_activity_at DESC, t.id`;
  const extra = q
    ? sql`, ts_rank(t.search, ${tsq})::float8 AS rank,
         ts_headline('english', t.body, ${tsq}, 'MaxFragments=2, MaxWords=24, MinWords=8') AS headline`
    : sql``;
  const [items, [total]] = await Promise.all([
    sql`SELECT ${sql.unsafe(THREAD_COLUMNS)} ${extra}
          FROM threads t JOIN bots b ON b.id = t.bot_id ${filter}
         ORDER BY ${order} LIMIT ${query.limit} OFFSET ${query.offset}`,
    sql`SELECT count(*)::int AS n FROM threads t ${filter}`,
  ]);
  return { items, total: total!.n as number, limit: query.limit, offset: query.offset };
}

export interface ReplyNode extends Record<string, unknown> {
  id: string;
  parent_reply_id: string | null;
  replies: ReplyNode[];
}

/** Nests replies under their parents; `rows` in creation order keeps each level in that order. */
export function replyTree(rows: Record<string, unknown>[]): ReplyNode[] {
  const byId = new Map<string, ReplyNode>();
  for (const r of rows) byId.set(r.id as string, { ...(r as ReplyNode), replies: [] });
  const roots: ReplyNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parent_reply_id ? byId.get(node.parent_reply_id) : undefined;
    (parent ? parent.replies : roots).push(node);
  }
  return roots;
}

/** One thread with its author, scores and every reply nested as a tree. */
export async function getThread(sql: Db, id: string) {
  const [thread] = await sql`SELECT ${sql.unsafe(THREAD_COLUMNS)} FROM threads t JOIN bots b ON b.id = t.bot_id WHERE t.id = ${id}`;
  if (!thread) throw notFound(`thread ${id}`);
  const replies = await sql`
    SELECT ${sql.unsafe(REPLY_COLUMNS)} FROM replies r JOIN bots b ON b.id = r.bot_id
     WHERE r.thread_id = ${id} ORDER BY r.created_at, r.id`;
  return { ...thread, replies: replyTree(replies) };
}

export async function getReply(sql: Db, id: string) {
  const [reply] = await sql`SELECT ${sql.unsafe(REPLY_COLUMNS)} FROM replies r JOIN bots b ON b.id = r.bot_id WHERE r.id = ${id}`;
  if (!reply) throw notFound(`reply ${id}`);
  return reply;
}

export interface NewThread {
  bot_id: string;
  title: string;
  body: string;
  tags?: string[];
}

/** Tags are matched case-insensitively and without a leading #, as the heartbeat stores them. */
export function normaliseTags(tags: string[] = []): string[] {
  return [...new Set(tags.map((t) => t.trim().toLowerCase().replace(/^#/, '')).filter(Boolean))];
}

export async function createThread(sql: Sql, input: NewThread) {
  const { applied, activityId } = await actAs(
    sql,
    input.bot_id,
    { type: 'create_thread', title: input.title.trim(), body: input.body.trim(), tags: normaliseTags(input.tags) },
    {},
    'body.bot_id',
  );
  const thread = await getThread(sql, applied.threadId!);
  return { ...thread, flags: applied.details.flags, activity_id: activityId };
}

export interface NewReply {
  bot_id: string;
  body: string;
  parent_reply_id?: string | null;
}

export async function createReply(sql: Sql, threadId: string, input: NewReply) {
  const parentId = input.parent_reply_id ?? null;
  const { applied, activityId } = await actAs(
    sql,
    input.bot_id,
    { type: 'reply', threadId, parentReplyId: parentId, body: input.body.trim() },
    {
      // Checked here, not left to applyAction's refusal, so the answer says which id is wrong.
      counterparts: async (tx) => {
        const [thread] = await tx`SELECT bot_id FROM threads WHERE id = ${threadId}`;
        if (!thread) throw notFound(`thread ${threadId}`);
        if (!parentId) return [thread.bot_id];
        const [parent] = await tx`SELECT thread_id, bot_id FROM replies WHERE id = ${parentId}`;
        if (!parent) throw invalidField('body.parent_reply_id', `there is no reply ${parentId}`);
        if (parent.thread_id !== threadId) throw invalidField('body.parent_reply_id', `reply ${parentId} is in another thread`);
        return [parent.bot_id];
      },
    },
    'body.bot_id',
  );
  const reply = await getReply(sql, applied.replyId!);
  return { ...reply, flags: applied.details.flags, activity_id: activityId };
}

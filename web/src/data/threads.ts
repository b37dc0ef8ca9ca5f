import type { Accessor } from 'solid-js';
import { useDb } from './db';
import { createLiveQuery, createLiveRow, type LiveRows } from './live-query';
import type { BotId, ThreadId } from './ids';

export interface ThreadSummary {
  id: ThreadId;
  bot_id: BotId;
  bot_name: string;
  avatar_color: string;
  title: string;
  tags: string[];
  score: number;
  reply_count: number;
  last_activity_at: Date;
  created_at: Date;
}

/** The orders the API offers (activity, new, top), plus best match for a search. */
export const THREAD_SORTS = ['activity', 'new', 'top', 'match'] as const;
export type ThreadSort = (typeof THREAD_SORTS)[number];

// Fixed fragments, chosen by name: the order is never built from input.
const THREAD_ORDER: Record<ThreadSort, string> = {
  activity: 't.last_activity_at DESC, t.id',
  new: 't.created_at DESC, t.id',
  top: 't.score DESC, t.created_at DESC, t.id',
  match: "ts_rank(t.search, websearch_to_tsquery('english', p.q)) DESC, t.last_activity_at DESC, t.id",
};

export interface ThreadFilter {
  /** Full-text search over title and body (English stemming, as upstream). */
  search?: string;
  botId?: BotId | undefined;
  tag?: string | undefined;
  /** Latest activity first unless told; best match first for a search unless told. */
  sort?: ThreadSort | undefined;
  limit?: number;
}

/** Threads filtered by words, author and tag, in the order asked for. */
export function createThreads(filter: Accessor<ThreadFilter> = () => ({})): LiveRows<ThreadSummary> {
  const db = useDb();
  return createLiveQuery<ThreadSummary>(db, () => {
    const f = filter();
    const search = f.search?.trim() ?? '';
    const sort = f.sort === 'match' && !search ? 'activity' : (f.sort ?? (search ? 'match' : 'activity'));
    return {
      sql: `WITH p AS (SELECT $1::text AS q, $2::uuid AS bot, $3::text AS tag, $4::int AS lim)
            SELECT t.id, t.bot_id, b.name AS bot_name, b.avatar_color, t.title, t.tags, t.score,
                   t.reply_count, t.last_activity_at, t.created_at
              FROM p, threads t JOIN bots b ON b.id = t.bot_id
             WHERE (p.q = '' OR t.search @@ websearch_to_tsquery('english', p.q))
               AND (p.bot IS NULL OR t.bot_id = p.bot)
               AND (p.tag IS NULL OR p.tag = ANY (t.tags))
             ORDER BY ${THREAD_ORDER[sort]}
             LIMIT (SELECT lim FROM p)`,
      params: [search, f.botId ?? null, f.tag ?? null, f.limit ?? 100],
    };
  });
}

export interface TagCount {
  id: string;
  tag: string;
  threads: number;
}

/** Every tag in use, most used first, for the tag filter. */
export function createTags(): LiveRows<TagCount> {
  const db = useDb();
  return createLiveQuery<TagCount>(db, () => ({
    sql: `SELECT tag AS id, tag, count(*)::int AS threads
            FROM threads, unnest(tags) AS tag
           GROUP BY tag ORDER BY count(*) DESC, tag`,
  }));
}

export interface ThreadDetail extends ThreadSummary {
  body: string;
  upvotes: number;
  downvotes: number;
  bot_handle: string;
}

export function createThread(id: Accessor<ThreadId | undefined>): { row: Accessor<ThreadDetail | undefined>; ready: Accessor<boolean> } {
  const db = useDb();
  return createLiveRow<ThreadDetail>(db, () => {
    const threadId = id();
    if (!threadId) return undefined;
    return {
      sql: `SELECT t.id, t.bot_id, b.name AS bot_name, b.handle AS bot_handle, b.avatar_color, t.title, t.body,
                   t.tags, t.score, t.upvotes, t.downvotes, t.reply_count, t.last_activity_at, t.created_at
              FROM threads t JOIN bots b ON b.id = t.bot_id
             WHERE t.id = $1`,
      params: [threadId],
    };
  });
}

export interface ReplyRow {
  id: string;
  parent_reply_id: string | null;
  bot_id: BotId;
  bot_name: string;
  avatar_color: string;
  body: string;
  score: number;
  upvotes: number;
  downvotes: number;
  created_at: Date;
}

export interface ReplyNode extends ReplyRow {
  children: ReplyNode[];
}

export function createReplies(threadId: Accessor<ThreadId | undefined>): LiveRows<ReplyRow> {
  const db = useDb();
  return createLiveQuery<ReplyRow>(db, () => {
    const id = threadId();
    if (!id) return undefined;
    return {
      sql: `SELECT r.id, r.parent_reply_id, r.bot_id, b.name AS bot_name, b.avatar_color, r.body,
                   r.score, r.upvotes, r.downvotes, r.created_at
              FROM replies r JOIN bots b ON b.id = r.bot_id
             WHERE r.thread_id = $1
             ORDER BY r.created_at, r.id`,
      params: [id],
    };
  });
}

/**
 * Builds the reply tree from flat rows in creation order. A reply whose parent has not synced
 * yet (shapes can deliver a child before its parent) is shown at the top level rather than lost.
 */
export function nestReplies(rows: readonly ReplyRow[]): ReplyNode[] {
  const nodes = new Map<string, ReplyNode>();
  for (const r of rows) nodes.set(r.id, { ...r, children: [] });
  const roots: ReplyNode[] = [];
  for (const r of rows) {
    const node = nodes.get(r.id)!;
    const parent = r.parent_reply_id ? nodes.get(r.parent_reply_id) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

export interface ThreadVote {
  id: string;
  voter_name: string;
  value: number;
}

/** Who voted on a thread itself, and which way. */
export function createThreadVotes(threadId: Accessor<ThreadId | undefined>): LiveRows<ThreadVote> {
  const db = useDb();
  return createLiveQuery<ThreadVote>(db, () => {
    const id = threadId();
    if (!id) return undefined;
    return {
      sql: `SELECT v.id, b.name AS voter_name, v.value FROM votes v JOIN bots b ON b.id = v.voter_id
             WHERE v.thread_id = $1 ORDER BY v.created_at`,
      params: [id],
    };
  });
}

import type { Sql, Tx } from '../../db/client.ts';
import { HttpError, notFound } from '../../http/errors.ts';

export const RESOLUTIONS = ['dismissed', 'deleted', 'bot_paused'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

const FLAG_COLUMNS = `
  f.id, f.bot_id, b.handle AS bot_handle, b.name AS bot_name, b.paused AS bot_paused,
  f.thread_id, f.reply_id, coalesce(f.thread_id, r.thread_id) AS post_thread_id,
  CASE WHEN f.reply_id IS NULL THEN 'thread' ELSE 'reply' END AS post_type,
  coalesce(t.title, rt.title) AS thread_title,
  left(coalesce(r.body, t.body), 280) AS excerpt,
  f.reason, f.details, f.resolved, f.resolution, f.resolved_at, f.created_at`;

const FLAG_FROM = `
  content_flags f JOIN bots b ON b.id = f.bot_id
  LEFT JOIN threads t ON t.id = f.thread_id
  LEFT JOIN replies r ON r.id = f.reply_id
  LEFT JOIN threads rt ON rt.id = r.thread_id`;

export interface FlagQuery {
  resolved?: boolean;
  reason?: string;
  bot_id?: string;
  limit: number;
  offset: number;
}

export async function listFlags(sql: Sql, q: FlagQuery) {
  const where = [
    q.resolved === undefined ? null : sql`f.resolved = ${q.resolved}`,
    q.reason ? sql`f.reason = ${q.reason}` : null,
    q.bot_id ? sql`f.bot_id = ${q.bot_id}` : null,
  ].filter((w) => w !== null);
  const filter = where.reduce((acc, w, i) => (i === 0 ? sql`WHERE ${w}` : sql`${acc} AND ${w}`), sql``);
  const [items, [total]] = await Promise.all([
    sql`SELECT ${sql.unsafe(FLAG_COLUMNS)} FROM ${sql.unsafe(FLAG_FROM)} ${filter}
         ORDER BY f.created_at DESC, f.id LIMIT ${q.limit} OFFSET ${q.offset}`,
    sql`SELECT count(*)::int AS n FROM content_flags f ${filter}`,
  ]);
  return { items, total: total!.n as number, limit: q.limit, offset: q.offset };
}

export async function flagCounts(sql: Sql) {
  const [row] = await sql`
    SELECT count(*) FILTER (WHERE NOT resolved)::int AS open,
           count(*) FILTER (WHERE resolved)::int AS resolved,
           count(*)::int AS total,
           count(*) FILTER (WHERE NOT resolved AND reason = 'low_quality')::int AS open_low_quality,
           count(*) FILTER (WHERE NOT resolved AND reason = 'repetitive')::int AS open_repetitive,
           count(*) FILTER (WHERE NOT resolved AND reason = 'frequency')::int AS open_frequency
      FROM content_flags`;
  const { open_low_quality, open_repetitive, open_frequency, ...counts } = row!;
  return { ...counts, open_by_reason: { low_quality: open_low_quality, repetitive: open_repetitive, frequency: open_frequency } };
}

async function getFlag(sql: Sql | Tx, id: string) {
  const [flag] = await sql`SELECT ${sql.unsafe(FLAG_COLUMNS)} FROM ${sql.unsafe(FLAG_FROM)} WHERE f.id = ${id}`;
  if (!flag) throw notFound(`flag ${id}`);
  return flag;
}

interface Deleted {
  type: 'thread' | 'reply';
  id: string;
  replies: number;
  votes: number;
}

/**
 * Deletes a post and everything under it (nested replies, votes, flags). Its votes' effect on
 * reputation and scores is undone by the votes trigger as the cascade removes them, in this
 * same transaction.
 */
async function deletePost(tx: Tx, type: 'thread' | 'reply', id: string): Promise<Deleted> {
  if (type === 'thread') {
    const [counts] = await tx`
      SELECT (SELECT count(*)::int FROM replies WHERE thread_id = ${id}) AS replies,
             (SELECT count(*)::int FROM votes v WHERE v.thread_id = ${id}
                 OR v.reply_id IN (SELECT r.id FROM replies r WHERE r.thread_id = ${id})) AS votes`;
    const gone = await tx`DELETE FROM threads WHERE id = ${id} RETURNING id`;
    if (!gone.length) throw notFound(`thread ${id}`);
    return { type, id, replies: counts!.replies, votes: counts!.votes };
  }
  // The reply and every reply below it, found before the cascade removes them.
  const [counts] = await tx`
    WITH RECURSIVE sub AS (
      SELECT id FROM replies WHERE id = ${id}
      UNION ALL SELECT r.id FROM replies r JOIN sub ON r.parent_reply_id = sub.id)
    SELECT count(*)::int - 1 AS replies,
           (SELECT count(*)::int FROM votes WHERE reply_id IN (SELECT id FROM sub)) AS votes FROM sub`;
  const gone = await tx`DELETE FROM replies WHERE id = ${id} RETURNING id`;
  if (!gone.length) throw notFound(`reply ${id}`);
  return { type, id, replies: counts!.replies, votes: counts!.votes };
}

export async function deleteThread(sql: Sql, id: string) {
  return { deleted: await sql.begin((tx) => deletePost(tx, 'thread', id)) };
}

export async function deleteReply(sql: Sql, id: string) {
  return { deleted: await sql.begin((tx) => deletePost(tx, 'reply', id)) };
}

/**
 * Resolves a flag and carries out what the resolution says, in one transaction: `bot_paused`
 * pauses the author, `deleted` deletes the flagged post. The schema cascades a post's flags with
 * it, so after `deleted` the flag itself is gone too; the answer returns it as it was resolved.
 */
export async function resolveFlag(sql: Sql, id: string, resolution: Resolution) {
  return sql.begin((tx) => resolveFlagIn(tx, id, resolution));
}

/** resolveFlag inside the caller's transaction (used by the dashboard's mutations too). */
export async function resolveFlagIn(tx: Tx, id: string, resolution: Resolution) {
  const [flag] = await tx`SELECT id, bot_id, thread_id, reply_id, resolved FROM content_flags WHERE id = ${id} FOR UPDATE`;
  if (!flag) throw notFound(`flag ${id}`);
  if (flag.resolved) throw new HttpError(409, 'already_resolved', `flag ${id} is already resolved`);
  await tx`UPDATE content_flags SET resolved = true, resolution = ${resolution}, resolved_at = now() WHERE id = ${id}`;
  const resolved = await getFlag(tx, id);
  let deleted: Deleted | null = null;
  if (resolution === 'bot_paused') {
    await tx`UPDATE bots SET paused = true, updated_at = now() WHERE id = ${flag.bot_id}`;
    resolved.bot_paused = true;
  } else if (resolution === 'deleted') {
    deleted = flag.reply_id ? await deletePost(tx, 'reply', flag.reply_id) : await deletePost(tx, 'thread', flag.thread_id);
  }
  return { flag: resolved, deleted };
}

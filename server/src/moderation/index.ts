import type { Tx } from '../db/client.ts';
import { checkPost, REPETITION_WINDOW_POSTS, type FlagReason } from './rules.ts';

export * from './rules.ts';

export interface NewPost {
  botId: string;
  threadId: string | null;
  replyId: string | null;
}

/**
 * Runs the auto-moderation rules on a post just written, inside the transaction that wrote it,
 * and records a content flag per finding. Returns the reasons flagged.
 */
export async function moderateNewPost(tx: Tx, post: NewPost): Promise<FlagReason[]> {
  const [row] = post.replyId
    ? await tx`SELECT body AS text, created_at FROM replies WHERE id = ${post.replyId}`
    : await tx`SELECT title || ' ' || body AS text, created_at FROM threads WHERE id = ${post.threadId}`;
  if (!row) return [];
  const previous = await tx`
    SELECT text FROM (
      SELECT title || ' ' || body AS text, created_at, id FROM threads WHERE bot_id = ${post.botId}
      UNION ALL
      SELECT body, created_at, id FROM replies WHERE bot_id = ${post.botId}) p
     WHERE id <> ${post.replyId ?? post.threadId}
     ORDER BY created_at DESC LIMIT ${REPETITION_WINDOW_POSTS}`;
  const [hour] = await tx`
    SELECT (SELECT count(*) FROM threads WHERE bot_id = ${post.botId} AND created_at > now() - interval '1 hour')
         + (SELECT count(*) FROM replies WHERE bot_id = ${post.botId} AND created_at > now() - interval '1 hour') AS n`;
  const findings = checkPost({ text: row.text, previous: previous.map((p) => p.text as string), postsLastHour: Number(hour!.n) });
  for (const f of findings) {
    await tx`INSERT INTO content_flags (bot_id, thread_id, reply_id, reason, details)
             VALUES (${post.botId}, ${post.replyId ? null : post.threadId}, ${post.replyId}, ${f.reason}, ${tx.json(f.details as never)})`;
  }
  return findings.map((f) => f.reason);
}

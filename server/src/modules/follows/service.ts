import type { Sql } from '../../db/client.ts';
import { invalidField, notFound } from '../../http/errors.ts';
import { actAs } from '../threads/index.ts';

const BOT_CARD = `b.id, b.handle, b.name, b.avatar_color, b.reputation`;

async function requireBot(sql: Sql, id: string) {
  const [bot] = await sql`SELECT id, handle FROM bots WHERE id = ${id}`;
  if (!bot) throw notFound(`bot ${id}`);
  return bot as { id: string; handle: string };
}

/** Follow through the heartbeat's own rules (no self-follow; following twice is a no-op). */
export async function follow(sql: Sql, followeeId: string, followerId: string) {
  const followee = await requireBot(sql, followeeId);
  if (followerId === followeeId) throw invalidField('body.follower_id', 'bots cannot follow themselves');
  const { applied } = await actAs(sql, followerId, { type: 'follow', botHandle: followee.handle }, {}, 'body.follower_id');
  return { follower_id: followerId, followee_id: followeeId, following: true, created: applied.details.already !== true };
}

/** Unfollowing a bot one does not follow is not an error: the wanted state already holds. */
export async function unfollow(sql: Sql, followeeId: string, followerId: string) {
  await requireBot(sql, followeeId);
  const [follower] = await sql`SELECT id FROM bots WHERE id = ${followerId}`;
  if (!follower) throw invalidField('body.follower_id', `there is no bot ${followerId}`);
  const removed = await sql`DELETE FROM follows WHERE follower_id = ${followerId} AND followee_id = ${followeeId} RETURNING id`;
  return { follower_id: followerId, followee_id: followeeId, following: false, removed: removed.length > 0 };
}

export async function followers(sql: Sql, id: string) {
  await requireBot(sql, id);
  return sql`SELECT ${sql.unsafe(BOT_CARD)}, f.created_at AS followed_at
               FROM follows f JOIN bots b ON b.id = f.follower_id
              WHERE f.followee_id = ${id} ORDER BY f.created_at DESC, b.handle`;
}

export async function following(sql: Sql, id: string) {
  await requireBot(sql, id);
  return sql`SELECT ${sql.unsafe(BOT_CARD)}, f.created_at AS followed_at
               FROM follows f JOIN bots b ON b.id = f.followee_id
              WHERE f.follower_id = ${id} ORDER BY f.created_at DESC, b.handle`;
}

export async function followStats(sql: Sql, id: string) {
  await requireBot(sql, id);
  const [row] = await sql`
    SELECT (SELECT count(*)::int FROM follows WHERE followee_id = ${id}) AS followers,
           (SELECT count(*)::int FROM follows WHERE follower_id = ${id}) AS following,
           (SELECT count(*)::int FROM follows a JOIN follows b ON b.follower_id = a.followee_id AND b.followee_id = a.follower_id
             WHERE a.follower_id = ${id}) AS mutual`;
  return { bot_id: id, ...row };
}

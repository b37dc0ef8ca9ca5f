import { Uuid } from '@chorus/sync/src/mutations/index.ts';
import { Elysia, t } from 'elysia';
import type { AppDeps } from '../../app.ts';
import type { Sql } from '../../db/client.ts';
import { adminAuth } from '../../http/auth.ts';
import { invalidField, notFound } from '../../http/errors.ts';
import { actAs, ById } from '../threads/index.ts';

type Target = 'thread' | 'reply';

const VoteBody = t.Object(
  {
    voter_id: Uuid,
    value: t.Union([t.Literal(1), t.Literal(-1)], { description: '1 to upvote, -1 to downvote' }),
  },
  { additionalProperties: false },
);

/**
 * One vote per voter and post: voting again replaces the vote, and the votes trigger applies only
 * the difference to the post's score and its author's reputation.
 */
async function vote(sql: Sql, target: Target, targetId: string, voterId: string, value: 1 | -1) {
  const table = sql(target === 'thread' ? 'threads' : 'replies');
  const column = sql(target === 'thread' ? 'thread_id' : 'reply_id');
  const { before } = await actAs(
    sql,
    voterId,
    { type: 'vote', targetType: target, targetId, value },
    {
      counterparts: async (tx) => {
        const [post] = await tx`SELECT bot_id FROM ${table} WHERE id = ${targetId}`;
        if (!post) throw notFound(`${target} ${targetId}`);
        if (post.bot_id === voterId) throw invalidField('body.voter_id', 'bots cannot vote on their own posts');
        return [post.bot_id];
      },
      // The voter's row is locked, so this previous vote cannot change before the action applies.
      before: async (tx) => {
        const [prev] = await tx`SELECT value FROM votes WHERE voter_id = ${voterId} AND ${column} = ${targetId}`;
        return (prev?.value as number | undefined) ?? null;
      },
    },
    'body.voter_id',
  );
  const [after] = await sql`
    SELECT v.id, v.voter_id, v.thread_id, v.reply_id, v.target_bot_id, v.value, v.created_at, v.updated_at,
           p.score, p.upvotes, p.downvotes, b.reputation AS author_reputation
      FROM votes v JOIN ${table} p ON p.id = v.${column} JOIN bots b ON b.id = v.target_bot_id
     WHERE v.voter_id = ${voterId} AND v.${column} = ${targetId}`;
  const { score, upvotes, downvotes, author_reputation, ...row } = after!;
  return {
    vote: row,
    previous_value: before,
    outcome: before === null ? 'created' : before === value ? 'unchanged' : 'changed',
    target: { type: target, id: targetId, score, upvotes, downvotes },
    author_reputation,
  };
}

export const votesModule = (deps: AppDeps) =>
  new Elysia({ name: 'chorus/votes', prefix: '/api' })
    .use(adminAuth(deps.access))
    .post('/threads/:id/vote', ({ params, body }) => vote(deps.sql, 'thread', params.id, body.voter_id, body.value), {
      admin: true,
      params: ById,
      body: VoteBody,
      detail: { tags: ['votes'], summary: "Vote on a thread as a bot (not its own); voting again replaces the bot's vote" },
    })
    .post('/replies/:id/vote', ({ params, body }) => vote(deps.sql, 'reply', params.id, body.voter_id, body.value), {
      admin: true,
      params: ById,
      body: VoteBody,
      detail: { tags: ['votes'], summary: "Vote on a reply as a bot (not its own); voting again replaces the bot's vote" },
    });

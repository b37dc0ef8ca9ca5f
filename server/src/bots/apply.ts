import type { Tx } from '../db/client.ts';
import { recordInteraction } from '../memory/relationships.ts';
import { remember } from '../memory/remember.ts';
import { moderateNewPost } from '../moderation/index.ts';
import type { SearchResult } from '../websearch/index.ts';
import type { Action } from './actions.ts';

/** What an applied action leaves behind for the activity row. */
export interface Applied {
  action: Action['type'] | 'error';
  summary: string;
  reason?: string | null;
  details: Record<string, unknown>;
  threadId?: string | null;
  replyId?: string | null;
  targetBotId?: string | null;
}

/**
 * A model asked for something the community does not allow (own post, unknown id, …). The
 * message is exact (it names ids, and the API answers with it); `sentence` is the feed's words.
 */
export class ActionRefused extends Error {
  override name = 'ActionRefused';
  constructor(
    message: string,
    readonly sentence: string = message,
  ) {
    super(message);
  }
}

const quote = (s: string, n = 80) => `“${s.length > n ? `${s.slice(0, n - 1)}…` : s}”`;
/** The feed's line for a new thread and a reply, also used for the demo's seeded conversations. */
export const threadSummary = (title: string) => `started ${quote(title)}`;
export const replySummary = (toHandle: string, title: string) => `replied to @${toHandle} in ${quote(title)}`;

/** Web search happens before the transaction (it is slow I/O); its outcome is applied here. */
export type SearchOutcome =
  | { ok: true; provider: string; results: SearchResult[] }
  /** `reason` is a sentence for the feed; `error` the technical cause, kept in the details. */
  | { ok: false; provider: string; error: string; reason: string };

/**
 * Writes one action inside the heartbeat's transaction. Refusals throw ActionRefused so the
 * caller can record a do_nothing instead, in the same transaction.
 */
export async function applyAction(tx: Tx, botId: string, action: Action, search?: SearchOutcome): Promise<Applied> {
  switch (action.type) {
    case 'create_thread': {
      const [t] = await tx<{ id: string }[]>`
        INSERT INTO threads (bot_id, title, body, tags) VALUES (${botId}, ${action.title}, ${action.body}, ${action.tags})
        RETURNING id`;
      const flags = await moderateNewPost(tx, { botId, threadId: t!.id, replyId: null });
      return { action: 'create_thread', summary: threadSummary(action.title), details: { title: action.title, tags: action.tags, flags }, threadId: t!.id };
    }
    case 'reply': {
      const [thread] = await tx`SELECT t.id, t.title, t.bot_id, b.handle FROM threads t JOIN bots b ON b.id = t.bot_id WHERE t.id = ${action.threadId}`;
      if (!thread) throw new ActionRefused(`thread ${action.threadId} does not exist`, 'the thread it chose to reply in is not there');
      let to = { botId: thread.bot_id as string, handle: thread.handle as string };
      if (action.parentReplyId) {
        const [parent] = await tx`SELECT r.thread_id, r.bot_id, b.handle FROM replies r JOIN bots b ON b.id = r.bot_id WHERE r.id = ${action.parentReplyId}`;
        if (!parent || parent.thread_id !== action.threadId) throw new ActionRefused(`reply ${action.parentReplyId} is not in that thread`, 'the reply it answered is not in that thread');
        to = { botId: parent.bot_id, handle: parent.handle };
      }
      const [r] = await tx<{ id: string }[]>`
        INSERT INTO replies (thread_id, parent_reply_id, bot_id, body)
        VALUES (${action.threadId}, ${action.parentReplyId}, ${botId}, ${action.body}) RETURNING id`;
      const flags = await moderateNewPost(tx, { botId, threadId: action.threadId, replyId: r!.id });
      if (to.botId !== botId) {
        await recordInteraction(tx, botId, to.botId, 'reply', `replied in “${thread.title}”`);
        await recordInteraction(tx, to.botId, botId, 'replied_to_me', `answered me in “${thread.title}”`);
      }
      return {
        action: 'reply',
        summary: replySummary(to.handle, thread.title),
        details: { excerpt: action.body.slice(0, 200), flags },
        threadId: action.threadId,
        replyId: r!.id,
        targetBotId: to.botId === botId ? null : to.botId,
      };
    }
    case 'vote': {
      const target = action.targetType === 'thread'
        ? (await tx`SELECT t.id AS thread_id, t.bot_id, b.handle, t.title AS label FROM threads t JOIN bots b ON b.id = t.bot_id WHERE t.id = ${action.targetId}`)[0]
        : (await tx`SELECT r.thread_id, r.bot_id, b.handle, left(r.body, 60) AS label FROM replies r JOIN bots b ON b.id = r.bot_id WHERE r.id = ${action.targetId}`)[0];
      if (!target) throw new ActionRefused(`${action.targetType} ${action.targetId} does not exist`, `the ${action.targetType} it chose to vote on is not there`);
      if (target.bot_id === botId) throw new ActionRefused('bots cannot vote on their own posts');
      const threadId = action.targetType === 'thread' ? action.targetId : null;
      const replyId = action.targetType === 'reply' ? action.targetId : null;
      // One vote per voter and target: voting again changes the vote (the trigger applies the difference).
      const [prev] = await tx`SELECT id, value FROM votes WHERE voter_id = ${botId}
                                AND thread_id IS NOT DISTINCT FROM ${threadId} AND reply_id IS NOT DISTINCT FROM ${replyId} FOR UPDATE`;
      if (prev) {
        if (prev.value !== action.value) await tx`UPDATE votes SET value = ${action.value} WHERE id = ${prev.id}`;
      } else {
        await tx`INSERT INTO votes (voter_id, thread_id, reply_id, target_bot_id, value)
                 VALUES (${botId}, ${threadId}, ${replyId}, ${target.bot_id}, ${action.value})`;
      }
      const verb = action.value === 1 ? 'upvoted' : 'downvoted';
      if (!prev || prev.value !== action.value) {
        await recordInteraction(tx, botId, target.bot_id, action.value === 1 ? 'upvote' : 'downvote', `${verb} their ${action.targetType} “${String(target.label).slice(0, 60)}”`);
      }
      return {
        action: 'vote',
        summary: `${verb} @${target.handle}'s ${action.targetType} ${quote(target.label, 60)}`,
        details: { target_type: action.targetType, target_id: action.targetId, value: action.value, changed: !!prev },
        threadId: target.thread_id,
        replyId,
        targetBotId: target.bot_id,
      };
    }
    case 'follow': {
      const [other] = await tx`SELECT id, handle FROM bots WHERE handle = ${action.botHandle}`;
      if (!other) throw new ActionRefused(`there is no bot @${action.botHandle}`);
      if (other.id === botId) throw new ActionRefused('bots cannot follow themselves');
      const inserted = await tx`INSERT INTO follows (follower_id, followee_id) VALUES (${botId}, ${other.id})
                                ON CONFLICT (follower_id, followee_id) DO NOTHING RETURNING id`;
      if (inserted.length) await recordInteraction(tx, botId, other.id, 'follow', 'started following them');
      return {
        action: 'follow',
        summary: inserted.length ? `followed @${other.handle}` : `already follows @${other.handle}`,
        details: { handle: other.handle, already: inserted.length === 0 },
        targetBotId: other.id,
      };
    }
    case 'web_search': {
      if (!search || !search.ok) {
        const error = search && !search.ok ? search.error : 'web search did not run';
        const reason = search && !search.ok ? search.reason : 'the search did not run';
        // The sentence is the feed's line; the technical cause is its detail (reason) and kept in details.
        return { action: 'web_search', summary: `tried to look up ${quote(action.query)}, but ${reason}`, reason: error, details: { query: action.query, error, provider: search?.provider } };
      }
      const sources = [...new Set(search.results.map((r) => r.source).filter((s): s is string => !!s))];
      for (const r of search.results) {
        // The same result found twice is one fact, seen twice.
        await remember(tx, botId, { kind: 'fact', content: `${r.title}: ${r.snippet}`.slice(0, 4000), importance: 0.4, source: r.url });
      }
      return {
        action: 'web_search',
        summary: `searched for ${quote(action.query)}${sources.length ? ` in ${sources.join(' and ')}` : ''} and learned ${search.results.length} fact${search.results.length === 1 ? '' : 's'}`,
        details: { query: action.query, provider: sources.length ? sources.join(', ') : search.provider, results: search.results.map((r) => ({ title: r.title, url: r.url, ...(r.source ? { source: r.source } : {}) })) },
      };
    }
    case 'do_nothing':
      return { action: 'do_nothing', summary: `did nothing: ${action.reason}`, reason: action.reason, details: {} };
  }
}

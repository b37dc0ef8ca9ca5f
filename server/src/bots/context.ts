import type { Sql } from '../db/client.ts';

/**
 * Everything a bot sees on a heartbeat. The prompt renders it, and the simulated model reads the
 * same structure back from the prompt, so this type is the contract between them.
 */
export interface HeartbeatContext {
  now: string;
  bot: {
    id: string;
    handle: string;
    name: string;
    originStory: string;
    traits: string[];
    communicationStyle: string;
    interests: string[];
    quirks: string[];
    levels: { creativity: number; leadership: number; skepticism: number; aggression: number; shyness: number };
    engagementStyle: string;
    reputation: number;
    upvotes: number;
    downvotes: number;
  };
  roster: { handle: string; name: string; interests: string[]; reputation: number; following: boolean }[];
  hotMemory: { at: string; action: string; summary: string }[];
  warmMemories: { kind: string; content: string; importance: number }[];
  recentPosts: { kind: 'thread' | 'reply'; text: string; at: string }[];
  feed: {
    id: string;
    title: string;
    body: string;
    author: string;
    tags: string[];
    score: number;
    replyCount: number;
    at: string;
    /** null when this bot has not voted on it. */
    myVote: number | null;
    replies: { id: string; author: string; body: string; parentId: string | null; score: number; myVote: number | null }[];
  }[];
}

export const FEED_THREADS = 8;
export const REPLIES_PER_THREAD = 4;
export const HOT_MEMORY_HOURS = 48;
/** The bot's own latest posts in the prompt, so it can avoid repeating itself (the original gave 16). */
export const OWN_RECENT_POSTS = 16;
const OWN_POST_CHARS = 600;
const excerpt = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Warm memories for the prompt, most relevant to the feed first (memory/retrieval.ts). */
export type WarmMemoryLoader = (botId: string, feedText: string) => Promise<HeartbeatContext['warmMemories']>;

export async function loadContext(sql: Sql, botId: string, warm: WarmMemoryLoader, now = new Date()): Promise<HeartbeatContext> {
  const [b] = await sql`SELECT * FROM bots WHERE id = ${botId}`;
  if (!b) throw new Error(`bot ${botId} does not exist`);

  const [roster, hot, posts, threads] = await Promise.all([
    sql`SELECT b.handle, b.name, b.interests, b.reputation,
               EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = ${botId} AND f.followee_id = b.id) AS following
          FROM bots b WHERE b.id <> ${botId} ORDER BY b.reputation DESC, b.handle LIMIT 30`,
    sql`SELECT created_at, action, summary FROM activity
         WHERE bot_id = ${botId} AND created_at > ${now} - make_interval(hours => ${HOT_MEMORY_HOURS})
         ORDER BY created_at DESC LIMIT 15`,
    sql`(SELECT 'thread' AS kind, title || ': ' || body AS text, created_at FROM threads WHERE bot_id = ${botId}
          ORDER BY created_at DESC LIMIT ${OWN_RECENT_POSTS})
        UNION ALL
        (SELECT 'reply', body, created_at FROM replies WHERE bot_id = ${botId} ORDER BY created_at DESC LIMIT ${OWN_RECENT_POSTS})
        ORDER BY created_at DESC LIMIT ${OWN_RECENT_POSTS}`,
    sql`SELECT t.id, t.title, t.body, t.tags, t.score, t.reply_count, t.created_at, a.handle AS author,
               (SELECT v.value FROM votes v WHERE v.voter_id = ${botId} AND v.thread_id = t.id) AS my_vote
          FROM threads t JOIN bots a ON a.id = t.bot_id
         ORDER BY t.last_activity_at DESC LIMIT ${FEED_THREADS}`,
  ]);

  const threadIds = threads.map((t) => t.id as string);
  const replies = threadIds.length
    ? await sql`
        SELECT * FROM (
          SELECT r.id, r.thread_id, r.parent_reply_id, r.body, r.score, r.created_at, a.handle AS author,
                 (SELECT v.value FROM votes v WHERE v.voter_id = ${botId} AND v.reply_id = r.id) AS my_vote,
                 row_number() OVER (PARTITION BY r.thread_id ORDER BY r.created_at DESC) AS n
            FROM replies r JOIN bots a ON a.id = r.bot_id
           WHERE r.thread_id = ANY(${threadIds}::uuid[])) x
         WHERE n <= ${REPLIES_PER_THREAD} ORDER BY created_at`
    : [];

  const feed: HeartbeatContext['feed'] = threads.map((t) => ({
    id: t.id,
    title: t.title,
    body: excerpt(t.body, 600),
    author: t.author,
    tags: t.tags,
    score: t.score,
    replyCount: t.reply_count,
    at: new Date(t.created_at).toISOString(),
    myVote: t.my_vote ?? null,
    replies: replies
      .filter((r) => r.thread_id === t.id)
      .map((r) => ({ id: r.id, author: r.author, body: excerpt(r.body, 400), parentId: r.parent_reply_id, score: r.score, myVote: r.my_vote ?? null })),
  }));

  const feedText = feed.map((t) => `${t.title} ${t.body} ${t.replies.map((r) => r.body).join(' ')}`).join(' ');
  return {
    now: now.toISOString(),
    bot: {
      id: b.id,
      handle: b.handle,
      name: b.name,
      originStory: b.origin_story,
      traits: b.traits,
      communicationStyle: b.communication_style,
      interests: b.interests,
      quirks: b.quirks,
      levels: { creativity: b.creativity, leadership: b.leadership, skepticism: b.skepticism, aggression: b.aggression, shyness: b.shyness },
      engagementStyle: b.engagement_style,
      reputation: b.reputation,
      upvotes: b.upvotes,
      downvotes: b.downvotes,
    },
    roster: roster.map((r) => ({ handle: r.handle, name: r.name, interests: r.interests, reputation: r.reputation, following: r.following })),
    hotMemory: hot.map((h) => ({ at: new Date(h.created_at).toISOString(), action: h.action, summary: h.summary })),
    warmMemories: await warm(botId, feedText),
    recentPosts: posts.map((p) => ({ kind: p.kind, text: excerpt(p.text, OWN_POST_CHARS), at: new Date(p.created_at).toISOString() })),
    feed,
  };
}

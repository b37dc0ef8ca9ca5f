import type { Action } from '../../bots/actions.ts';
import { readPromptContext, type PromptContext } from '../../bots/prompt.ts';
import { readMemoryTask } from '../../memory/tasks.ts';
import { answerMemoryTask } from './memory.ts';
import { createRng, hashString, pick, weighted, type Rng } from './random.ts';
import { worthQuoting } from './phrases.ts';
import { idleReason, replyPost, searchQuery, threadPost } from './writer.ts';

export const SIM_MODELS = ['chorus-sim-1', 'chorus-sim-mini'] as const;

/** The subset of an OpenAI chat completion request the simulated model reads. */
export interface SimRequest {
  model: string;
  messages: { role: string; content?: unknown }[];
  tools?: { type: string; function?: { name?: string } }[];
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  seed?: number | null;
}

export type ActionKind = Action['type'];

const ENGAGEMENT_WEIGHTS: Record<string, Partial<Record<ActionKind, number>>> = {
  lurker: { create_thread: 0.4, reply: 0.6, vote: 2, do_nothing: 1.6 },
  balanced: {},
  conversationalist: { reply: 1.8, create_thread: 0.7 },
  instigator: { create_thread: 1.8, reply: 1.2, vote: 0.8 },
  curator: { vote: 1.8, follow: 1.6, create_thread: 0.6 },
};

/** A forum whose newest thread is older than this invites a new topic, like one with few threads. */
const QUIET_FORUM_MINUTES = 15;

function forumIsQuiet(ctx: PromptContext): boolean {
  if (ctx.feed.length < 3) return true;
  const now = ctx.now ? Date.parse(ctx.now) : NaN;
  const newest = Math.max(...ctx.feed.map((t) => Date.parse(t.at)));
  return Number.isFinite(now) && Number.isFinite(newest) && now - newest > QUIET_FORUM_MINUTES * 60_000;
}

/** A thread by someone else, started in the last quiet-forum window, that nobody has answered yet. */
function hasUnansweredNewThread(ctx: PromptContext, others: PromptContext['feed']): boolean {
  const now = ctx.now ? Date.parse(ctx.now) : NaN;
  return others.some((t) => t.replyCount === 0 && now - Date.parse(t.at) < QUIET_FORUM_MINUTES * 60_000);
}

/** Decides one action for the bot described in the prompt. */
export function decide(ctx: PromptContext, rng: Rng): Action {
  const me = ctx.me;
  const l = me.levels;
  const others = ctx.feed.filter((t) => t.author !== me.handle);
  const votable = [
    ...others.filter((t) => t.myVote == null).map((t) => ({ type: 'thread' as const, id: t.id, author: t.author })),
    ...ctx.feed.flatMap((t) => t.replies.filter((r) => r.author !== me.handle && r.myVote == null).map((r) => ({ type: 'reply' as const, id: r.id, author: r.author }))),
  ];
  const unfollowed = ctx.other_bots.filter((b) => !b.following);
  const style = ENGAGEMENT_WEIGHTS[me.engagement] ?? {};
  const w: Record<ActionKind, number> = {
    create_thread: (0.6 + l.leadership / 60) * (1.3 - l.shyness / 100) * (forumIsQuiet(ctx) ? 3 : 1),
    reply: others.length ? (1.2 + (100 - l.shyness) / 80) * (hasUnansweredNewThread(ctx, others) ? 2 : 1) : 0,
    vote: votable.length ? 1.2 + l.skepticism / 200 : 0,
    follow: unfollowed.length ? 0.25 + l.leadership / 400 : 0,
    web_search: 0.15 + l.skepticism / 500 + l.creativity / 500,
    do_nothing: 0.3 + l.shyness / 60,
  };
  for (const k of Object.keys(w) as ActionKind[]) w[k] *= style[k] ?? 1;

  switch (weighted(rng, w) ?? 'do_nothing') {
    case 'create_thread':
      return { type: 'create_thread', ...threadPost(rng, ctx) };
    case 'reply': {
      // Prefer quieter threads, so conversations spread.
      const sorted = [...others].sort((a, b) => a.replyCount - b.replyCount);
      const thread = pick(rng, sorted.slice(0, Math.max(2, Math.ceil(sorted.length / 2))));
      // A reply answers something said: a one-word aside ("first.") is left for a vote.
      const candidates = thread.replies.filter((r) => r.author !== me.handle && worthQuoting(r.body));
      const parent = candidates.length && rng() < 0.4 ? pick(rng, candidates) : null;
      const author = parent?.author ?? thread.author;
      const body = replyPost(rng, ctx, {
        author,
        text: parent ? parent.body : `${thread.title}. ${thread.body}`,
        siblings: thread.replies.filter((r) => r.id !== parent?.id).map((r) => r.body),
        following: ctx.other_bots.some((b) => b.handle === author && b.following),
      });
      return { type: 'reply', threadId: thread.id, parentReplyId: parent?.id ?? null, body };
    }
    case 'vote': {
      const target = pick(rng, votable);
      const followed = new Set(ctx.other_bots.filter((b) => b.following).map((b) => b.handle));
      const pDown = followed.has(target.author) ? 0.05 : 0.1 + l.aggression / 250 + l.skepticism / 500;
      return { type: 'vote', targetType: target.type, targetId: target.id, value: rng() < pDown ? -1 : 1 };
    }
    case 'follow': {
      const mine = new Set(me.interests);
      const shared = unfollowed.filter((b) => b.interests.some((i) => mine.has(i)));
      return { type: 'follow', botHandle: pick(rng, shared.length && rng() < 0.7 ? shared : unfollowed).handle };
    }
    case 'web_search':
      return { type: 'web_search', query: searchQuery(rng, me) };
    default:
      return { type: 'do_nothing', reason: idleReason(rng, me) };
  }
}

/** The wire form of an action: tool name and snake_case arguments, as a real model would send. */
export function toToolCall(a: Action): { name: string; arguments: Record<string, unknown> } {
  switch (a.type) {
    case 'create_thread':
      return { name: a.type, arguments: { title: a.title, body: a.body, tags: a.tags } };
    case 'reply':
      return { name: a.type, arguments: { thread_id: a.threadId, parent_reply_id: a.parentReplyId, body: a.body } };
    case 'vote':
      return { name: a.type, arguments: { target_type: a.targetType, target_id: a.targetId, value: a.value } };
    case 'follow':
      return { name: a.type, arguments: { bot_handle: a.botHandle } };
    case 'web_search':
      return { name: a.type, arguments: { query: a.query } };
    case 'do_nothing':
      return { name: a.type, arguments: { reason: a.reason } };
  }
}

const textOf = (content: unknown): string =>
  typeof content === 'string'
    ? content
    : Array.isArray(content)
      ? content.map((p) => (p && typeof p === 'object' && 'text' in p ? String((p as { text: unknown }).text) : '')).join('')
      : '';

const TIMESTAMP = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const tokens = (chars: number) => Math.max(1, Math.ceil(chars / 4));

/**
 * Answers a chat completion request the way an OpenAI-compatible server would: a tool call when
 * tools were offered, JSON text otherwise, with `usage`. Same request and seed, same answer.
 */
export function simulateCompletion(req: SimRequest, now: () => number = Date.now) {
  const prompt = req.messages.map((m) => textOf(m.content)).join('\n');
  // The clock and the ids are left out of the seed: the prompt says what time it is and when each
  // post was written, and names posts by ids the database drew at random; one seed must give one
  // community whenever (and however slowly) it runs, on whichever database.
  const rng = createRng(hashString(`${req.seed ?? 0}|${req.model}|${prompt.replace(TIMESTAMP, '').replace(UUID, '')}`));
  const ctx = readPromptContext(prompt);
  const maxTokens = req.max_completion_tokens ?? req.max_tokens ?? 1024;
  const offered = new Set((req.tools ?? []).map((t) => t.function?.name));

  let content: string | null = null;
  let toolCalls: { id: string; type: 'function'; function: { name: string; arguments: string } }[] | undefined;
  let outChars: number;
  const memoryTask = ctx ? null : readMemoryTask(prompt);
  if (memoryTask) {
    content = answerMemoryTask(memoryTask, rng);
    outChars = content.length;
  } else if (ctx) {
    const call = toToolCall(decide(ctx, rng));
    const args = JSON.stringify(call.arguments);
    if (offered.has(call.name)) {
      toolCalls = [{ id: `call_${Math.floor(rng() * 1e12).toString(36)}`, type: 'function', function: { name: call.name, arguments: args } }];
    } else {
      content = JSON.stringify({ action: call.name, ...call.arguments });
    }
    outChars = args.length + call.name.length + 20;
  } else if (offered.size) {
    // Not a Chorus prompt, but tools were offered (the dashboard's connection test): a real model
    // would call one, so the simulated one does too, honestly saying it supports tools.
    const name = [...offered].find((n): n is string => !!n) ?? 'tool';
    toolCalls = [{ id: `call_${Math.floor(rng() * 1e12).toString(36)}`, type: 'function', function: { name, arguments: '{}' } }];
    outChars = name.length + 20;
  } else {
    content = pick(rng, ['I am not sure what you are asking.', 'Could you rephrase that?', 'Noted.']);
    outChars = content.length;
  }
  const completion = Math.min(tokens(outChars), maxTokens);
  const truncated = tokens(outChars) > maxTokens;
  if (truncated && content) content = content.slice(0, maxTokens * 4);
  if (truncated && toolCalls) {
    // A real model cut off mid-call leaves broken JSON; keep that behaviour honest.
    toolCalls[0]!.function.arguments = toolCalls[0]!.function.arguments.slice(0, maxTokens * 4);
  }
  const promptTokens = tokens(prompt.length);
  return {
    id: `chatcmpl-sim-${rng().toString(36).slice(2, 12)}`,
    object: 'chat.completion' as const,
    created: Math.floor(now() / 1000),
    model: req.model,
    system_fingerprint: 'chorus-sim',
    choices: [
      {
        index: 0,
        message: { role: 'assistant' as const, content, ...(toolCalls ? { tool_calls: toolCalls } : {}), refusal: null },
        finish_reason: truncated ? 'length' : toolCalls ? 'tool_calls' : 'stop',
        logprobs: null,
      },
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completion,
      total_tokens: promptTokens + completion,
      prompt_tokens_details: { cached_tokens: 0 },
    },
  };
}

import type { HeartbeatContext } from './context.ts';

export const CONTEXT_OPEN = '<chorus-context>';
export const CONTEXT_CLOSE = '</chorus-context>';

type Levels = HeartbeatContext['bot']['levels'];

/** Turns the 0–100 sliders into plain guidance; the middle of each range says nothing. */
export function behaviourGuidance(l: Levels): string[] {
  const out: string[] = [];
  const band = (v: number, low: string, high: string) => {
    if (v >= 70) out.push(high);
    else if (v <= 30) out.push(low);
  };
  band(l.creativity, 'Stay concrete and conventional; avoid flights of fancy.', 'Take imaginative, surprising angles and coin new ideas.');
  band(l.leadership, 'Let others set the agenda; follow more than you lead.', 'Set the agenda: start discussions and propose next steps.');
  band(l.skepticism, 'Take claims in good faith.', 'Question claims, ask for evidence, point out weak reasoning.');
  band(l.aggression, 'Be gentle and conciliatory, even when you disagree.', 'Be blunt and combative; do not soften disagreement.');
  band(l.shyness, 'Speak up often and take space in conversations.', 'Hold back: post rarely, prefer votes or silence to long posts.');
  return out;
}

const ENGAGEMENT: Record<string, string> = {
  lurker: 'You mostly read and vote; you post only when something truly moves you.',
  balanced: 'You mix starting threads, replying and voting.',
  conversationalist: 'You prefer replying to others and keeping conversations going.',
  instigator: 'You like starting threads and provoking debate.',
  curator: 'You vote thoughtfully, follow good contributors and summarise discussions.',
};

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

/**
 * What a real model needs told to sound like one member of a community rather than a template:
 * most of all, to read its own recent posts and not write them again. Each rule names the
 * failure it prevents, because models follow rules they can check themselves against.
 */
export const WRITING_RULES = [
  'Before you write, read my_recent_posts_do_not_repeat (your own latest posts, newest first). Do not reuse their titles, opening words, sentence frames, sign-offs or arguments; if you have nothing new to add on a topic, pick another topic or another action.',
  'When you reply, answer something specific the other bot said: quote a few of its words or paraphrase its claim, then agree, push back or ask about that point, and add one thing of your own (an example, a reason, a question).',
  'Refer to other bots by @handle and by what they actually said; never invent posts they did not write.',
  'Start a thread from your interests, your memories or something in the feed, and say something a reader could disagree with. Never start a thread that repeats one already in the feed.',
  'Write the way you write, in every sentence, not only in the first or last line. Vary your sentence length and openings; avoid stock phrases such as "Great point", "Interesting", "I agree" or "Let\'s dive in".',
  'Keep posts under 150 words. Plain text; no headings.',
];

/**
 * The heartbeat prompt: identity, voice and rules in the system message; the community as JSON in
 * the user message (between CONTEXT_OPEN/CLOSE so tools and the simulated model can find it).
 */
export function buildHeartbeatPrompt(ctx: HeartbeatContext): ChatMessage[] {
  const b = ctx.bot;
  const who = ([
    `You are ${b.name} (@${b.handle}), a member of Chorus, an online community of AI bots who start threads, reply to each other, vote and follow.`,
    b.originStory && `Where you come from: ${b.originStory}`,
    b.traits.length && `You are ${b.traits.join(', ')}.`,
    b.communicationStyle && `How you write: ${b.communicationStyle}`,
    b.interests.length && `What you care about: ${b.interests.join(', ')}.`,
    b.quirks.length && `Your habits: ${b.quirks.join('; ')}.`,
    ENGAGEMENT[b.engagementStyle] ?? '',
    ...behaviourGuidance(b.levels),
  ] as (string | number | false)[]).filter((l): l is string => typeof l === 'string' && l !== '');

  const system = [
    ...who,
    '',
    'How to act:',
    '- Choose exactly ONE action by calling exactly one tool: create_thread, reply, vote, follow, web_search or do_nothing.',
    '- If you cannot call tools, answer with only a JSON object such as {"action":"reply","thread_id":"…","body":"…"}.',
    '- Use ids exactly as they appear in the feed. You cannot vote on your own posts or follow yourself.',
    '',
    'How to write:',
    ...WRITING_RULES.map((r) => `- ${r}`),
  ].join('\n');

  const user = [
    `It is ${ctx.now}. Your reputation is ${b.reputation} (${b.upvotes} up, ${b.downvotes} down).`,
    'Below, as JSON: the other bots (other_bots), what you did lately (my_recent_activity), what you remember (my_memories), your own latest posts, which you must not repeat (my_recent_posts_do_not_repeat), and the feed of newest threads with their latest replies (feed).',
    CONTEXT_OPEN,
    JSON.stringify({
      me: { handle: b.handle, interests: b.interests, levels: b.levels, engagement: b.engagementStyle, quirks: b.quirks, traits: b.traits, style: b.communicationStyle },
      other_bots: ctx.roster,
      my_recent_activity: ctx.hotMemory,
      my_memories: ctx.warmMemories,
      my_recent_posts_do_not_repeat: ctx.recentPosts,
      feed: ctx.feed,
    }),
    CONTEXT_CLOSE,
    'Choose your one action now.',
  ].join('\n');

  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}

/** The part of the context the prompt carries, as read back by the simulated model. */
export interface PromptContext {
  /** When the prompt was made (its first line), so a reader can tell how old the feed is. */
  now?: string;
  me: { handle: string; interests: string[]; levels: Levels; engagement: string; quirks: string[]; traits: string[]; style?: string };
  other_bots: HeartbeatContext['roster'];
  my_recent_activity: HeartbeatContext['hotMemory'];
  my_memories: HeartbeatContext['warmMemories'];
  my_recent_posts_do_not_repeat: HeartbeatContext['recentPosts'];
  feed: HeartbeatContext['feed'];
}

export function readPromptContext(text: string): PromptContext | null {
  const start = text.indexOf(CONTEXT_OPEN);
  const end = text.indexOf(CONTEXT_CLOSE, start + 1);
  if (start === -1 || end === -1) return null;
  try {
    const ctx = JSON.parse(text.slice(start + CONTEXT_OPEN.length, end)) as PromptContext;
    const now = /^It is (\S+?)\./m.exec(text.slice(0, start))?.[1];
    return now ? { ...ctx, now } : ctx;
  } catch {
    return null;
  }
}

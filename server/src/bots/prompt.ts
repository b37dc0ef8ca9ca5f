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
 * The heartbeat prompt: identity and rules in the system message, the community as JSON in the
 * user message (between CONTEXT_OPEN/CLOSE so tools and the simulated model can find it).
 */
export function buildHeartbeatPrompt(ctx: HeartbeatContext): ChatMessage[] {
  const b = ctx.bot;
  const system = ([
    `You are ${b.name} (@${b.handle}), a member of Chorus, an online community of AI bots.`,
    b.originStory && `Your origin: ${b.originStory}`,
    b.traits.length && `Traits: ${b.traits.join(', ')}.`,
    b.communicationStyle && `How you write: ${b.communicationStyle}`,
    b.interests.length && `Interests: ${b.interests.join(', ')}.`,
    b.quirks.length && `Quirks: ${b.quirks.join('; ')}.`,
    ENGAGEMENT[b.engagementStyle] ?? '',
    ...behaviourGuidance(b.levels),
    '\nRules:',
    '- Choose exactly ONE action by calling exactly one tool: create_thread, reply, vote, follow, web_search or do_nothing.',
    '- If you cannot call tools, answer with only a JSON object such as {"action":"reply","thread_id":"…","body":"…"}.',
    '- Use ids exactly as they appear in the feed. You cannot vote on your own posts or follow yourself.',
    '- Do not repeat yourself: never restate the ideas or wording of your recent posts listed below.',
    '- Stay in character. Keep posts under 150 words.',
  ] as (string | number | false)[])
    .filter((l): l is string => typeof l === 'string' && l !== '')
    .join('\n');

  const user = [
    `It is ${ctx.now}. Your reputation is ${b.reputation} (${b.upvotes} up, ${b.downvotes} down).`,
    'Here is the community right now, with your memory and your recent posts:',
    CONTEXT_OPEN,
    JSON.stringify({
      me: { handle: b.handle, interests: b.interests, levels: b.levels, engagement: b.engagementStyle, quirks: b.quirks, traits: b.traits },
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
  me: { handle: string; interests: string[]; levels: Levels; engagement: string; quirks: string[]; traits: string[] };
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
    return JSON.parse(text.slice(start + CONTEXT_OPEN.length, end)) as PromptContext;
  } catch {
    return null;
  }
}

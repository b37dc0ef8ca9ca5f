/**
 * Writes the simulated model's posts: a thread grows from the bot's interests, memories and the
 * feed; a reply quotes a phrase of what it answers and agrees, pushes back or asks about it as
 * the bot's skepticism and aggression say. Every sentence comes from the bot's voice (voices.ts)
 * and is drawn again if the bot already wrote it in its recent posts, which the prompt carries
 * for exactly that purpose.
 */
import type { PromptContext } from '../../bots/prompt.ts';
import { anyPhrase, quotable } from './phrases.ts';
import { pick, type Rng } from './random.ts';
import { knowledgeOf } from './topics.ts';
import { voiceFor, type CiteSlots, type ReplySlots, type ThreadSlots, type Voice } from './voices.ts';

type Me = PromptContext['me'];

const GENERIC_TOPICS = ['this community', 'good arguments', 'the feed'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'the weekend', 'the end of the month'];
const STARS = ['Vega', 'Altair', 'Deneb', 'Mira', 'Alcor', 'Rigel', 'Capella', 'Sadr', 'Mizar', 'Electra', 'Nunki', 'Izar'];
const TIDES = ['rising', 'falling', 'slack', 'turning'];

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
const between = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

/** What the bot wrote lately, as the prompt gave it: sentences not to write again. */
class Recent {
  readonly text: string;
  /** Frames already used in the post being written. */
  readonly frames = new Set<unknown>();
  private readonly sentences = new Set<string>();
  constructor(ctx: PromptContext) {
    this.text = ctx.my_recent_posts_do_not_repeat.map((p) => p.text.toLowerCase()).join('\n');
    for (const p of ctx.my_recent_posts_do_not_repeat) for (const s of p.text.split(/(?<=[.!?…])\s+|\n+|: /)) this.sentences.add(norm(s));
  }
  has(sentence: string): boolean {
    return this.sentences.has(norm(sentence));
  }
  use(sentence: string) {
    this.sentences.add(norm(sentence));
  }
  /** Prefer options the bot has not used lately. */
  fresh<T extends string>(rng: Rng, options: readonly T[]): T {
    const unused = options.filter((o) => !this.text.includes(o.toLowerCase()));
    return pick(rng, unused.length ? unused : options);
  }
}

/**
 * Draws a sentence from the frames until it is one the bot has not written lately, never using
 * one frame twice in a post (the set of frames used is kept on the Recent of this post).
 */
function say<S>(rng: Rng, recent: Recent, frames: ((s: S) => string)[], slots: () => S): string {
  const unused = frames.filter((f) => !recent.frames.has(f));
  const from = unused.length ? unused : frames;
  let out = '';
  let frame = from[0]!;
  for (let i = 0; i < 8; i++) {
    frame = pick(rng, from);
    out = cap(frame(slots()));
    if (!recent.has(out)) break;
  }
  recent.use(out);
  recent.frames.add(frame);
  return out;
}

/**
 * The topic of a new thread: one of the bot's interests, the ones it wrote about least lately
 * first, with a pull towards what its memories and the feed are talking about.
 */
function chooseTopic(rng: Rng, ctx: PromptContext, recent: Recent): string {
  const interests = ctx.me.interests.length ? ctx.me.interests : GENERIC_TOPICS;
  const memory = ctx.my_memories.map((m) => m.content.toLowerCase()).join(' ');
  const feed = ctx.feed.filter((t) => t.author !== ctx.me.handle).map((t) => `${t.title} ${t.tags.join(' ')}`.toLowerCase()).join(' ');
  const weights = interests.map((i) => {
    const t = i.toLowerCase();
    const used = recent.text.split(t).length - 1;
    return (1 / (1 + used * 2)) * (memory.includes(t) ? 1.5 : 1) * (feed.includes(t) ? 1.3 : 1);
  });
  let r = rng() * weights.reduce((a, b) => a + b, 0);
  for (const [i, w] of weights.entries()) if ((r -= w) < 0) return interests[i]!;
  return interests[interests.length - 1]!;
}

function threadSlots(rng: Rng, me: Me, recent: Recent, topic: string): () => ThreadSlots {
  const k = knowledgeOf(topic);
  const others = me.interests.filter((i) => i !== topic);
  return () => {
    const aspect = recent.fresh(rng, k.aspects);
    const rest = k.aspects.filter((a) => a !== aspect);
    return {
      topic,
      other: pick(rng, others.length ? others : GENERIC_TOPICS),
      aspect,
      aspect2: recent.fresh(rng, rest.length ? rest : k.aspects),
      claim: recent.fresh(rng, k.claims),
      day: pick(rng, DAYS),
      n: between(rng, 2, 9),
      count: between(rng, 11, 60),
    };
  };
}

type Frames<S> = ((s: S) => string)[];

/**
 * Habits from the bot's quirks, as frames with something of this post in them (so a habit never
 * becomes the same sign-off every time); drawn through say() like any other sentence.
 */
function habits<S extends ThreadSlots | ReplySlots>(rng: Rng, me: Me) {
  const q = me.quirks.join(' ').toLowerCase();
  const has = (w: string) => q.includes(w);
  const before: Frames<S>[] = [];
  const after: Frames<S>[] = [];
  if (has('tide')) before.push([(s) => `Tide ${pick(rng, TIDES)} at ${between(rng, 1, 12)}:${pick(rng, ['05', '20', '35', '50'])}, ${pick(rng, ['the water clear', 'the water grey', 'a light chop', 'the surface glassy'])} over ${s.aspect}.`]);
  if (has('citation needed') && rng() < 0.3) before.push([(s) => `Citation needed on ${s.aspect}.`, (s) => `Citation needed, as ever, for ${s.aspect}.`]);
  if (has('footnote')) {
    after.push([
      (s) => `[1] The note on ${s.aspect} is paraphrased from memory; corrections welcome.`,
      (s) => `[1] I owe the point about ${s.aspect} to an anonymous reader's pencil on page ${between(rng, 3, 300)}.`,
      (s) => `[1] On ${s.aspect}, see the earlier chapter on ${s.topic}, page ${between(rng, 3, 300)}.`,
      (s) => `[1] A fuller account of ${s.aspect} sits in a library copy I read ${between(rng, 2, 40)} years ago.`,
    ]);
  }
  if (has('ship it') && rng() < 0.7) {
    after.push([
      (s) => `Ship it: ${s.aspect} first, the other ${s.n} items after ${s.day}.`,
      (s) => `Ship it, starting with ${s.aspect}, in ${s.n} days.`,
      (s) => `Ship ${s.aspect} by ${s.day}, then iterate.`,
    ]);
  }
  if (has('star') && rng() < 0.6) after.push([(s) => `I am naming ${s.aspect} ${pick(rng, STARS)} from now on.`, (s) => `Let us call ${s.aspect} ${pick(rng, STARS)}, after the star.`]);
  if (has('balance sheet') && rng() < 0.6) after.push([(s) => `Balance sheet on ${s.aspect}: ${between(rng, 1, 5)} for, ${between(rng, 1, 5)} against.`]);
  return {
    before,
    after,
    confidence: has('confidence') ? ` (confidence: ${between(rng, 55, 95)}%)` : '',
    lowercase: has('lowercase') && rng() < 0.35,
    chapters: has('chapter'),
  };
}

/** Puts "(confidence: n%)" inside a sentence, before its final mark. */
const withConfidence = (sentence: string, c: string) => (c ? sentence.replace(/([.?!])$/, `${c}$1`) : sentence);

function finish(text: string, h: { chapters: boolean; lowercase: boolean }): string {
  let out = text;
  if (h.chapters) out = out.replace(/\bthreads\b/g, 'chapters').replace(/\bthread\b/g, 'chapter');
  if (h.lowercase) out = out.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return out;
}

/** A quotable phrase from another bot's recent post, to bring into a new thread. */
function citation(rng: Rng, ctx: PromptContext, topic: string): { handle: string; quote: string } | null {
  const posts = ctx.feed.flatMap((t) => [
    { author: t.author, text: t.body },
    ...t.replies.map((r) => ({ author: r.author, text: r.body })),
  ]).filter((p) => p.author !== ctx.me.handle);
  const related = posts.filter((p) => p.text.toLowerCase().includes(topic.toLowerCase()));
  const from = related.length ? related : posts;
  if (!from.length) return null;
  const p = pick(rng, from);
  const q = quotable(rng, p.text);
  return q ? { handle: p.author, quote: q.text } : null;
}

export function threadPost(rng: Rng, ctx: PromptContext): { title: string; body: string; tags: string[] } {
  const me = ctx.me;
  const voice = voiceFor(me);
  const recent = new Recent(ctx);
  const topic = chooseTopic(rng, ctx, recent);
  const slots = threadSlots(rng, me, recent, topic);
  const first = slots();
  const h = habits<ThreadSlots>(rng, me);
  const before = h.before.map((f) => say(rng, recent, f, slots));
  const after = h.after.map((f) => say(rng, recent, f, slots));

  let title = say(rng, recent, voice.titles, slots);
  const opener = withConfidence(say(rng, recent, voice.openers, slots), h.confidence);
  let [lo, hi] = voice.develops;
  if (me.levels.shyness >= 70) hi = lo;
  const middle = Array.from({ length: between(rng, lo, hi) }, () => say(rng, recent, voice.develop, slots));
  const cite = rng() < 0.35 ? citation(rng, ctx, topic) : null;
  const cited = cite ? [say<CiteSlots>(rng, recent, voice.cite, () => ({ ...cite, aspect: first.aspect }))] : [];
  const ask = rng() < 0.85 ? [say(rng, recent, voice.asks, slots)] : [];

  const prose = (xs: string[]) => xs.join(' ');
  const body = voice.bullets
    ? [prose([...before, opener, ...cited]), middle.join('\n'), prose([...ask, ...after])].filter(Boolean).join('\n')
    : prose([...before, opener, ...middle, ...cited, ...ask, ...after]);
  // A thread names its topic: if the sentences drawn did not, the title does.
  if (!`${title} ${body}`.toLowerCase().includes(topic.toLowerCase())) {
    const naming = voice.titles.filter((f) => f(first).toLowerCase().includes(topic.toLowerCase()));
    if (naming.length) title = cap(pick(rng, naming)(slots()));
  }
  const tags = [...new Set([topic, rng() < 0.5 ? first.other : null].filter((x): x is string => !!x && !GENERIC_TOPICS.includes(x)).map((t) => t.toLowerCase().replace(/\s+/g, '-')))];
  return { title: finish(title, h), body: finish(body, h), tags };
}

/** What a reply answers: its author, its text, and what others already quoted from it. */
export interface ReplyTarget {
  author: string;
  text: string;
  /** The other replies in the thread, so a reply does not quote what they already quoted. */
  siblings: string[];
  following: boolean;
}

/** The chance of pushing back rather than agreeing, from skepticism, aggression and habits. */
function pushBackChance(me: Me, to: ReplyTarget): number {
  let p = (me.levels.skepticism + me.levels.aggression) / 200;
  if (to.following) p *= 0.6;
  if (me.quirks.join(' ').toLowerCase().includes('disagree')) p = Math.max(p, 0.7);
  return Math.min(0.9, Math.max(0.1, p));
}

export function replyPost(rng: Rng, ctx: PromptContext, to: ReplyTarget): string {
  const me = ctx.me;
  const voice: Voice = voiceFor(me);
  const recent = new Recent(ctx);
  const q = quotable(rng, to.text, to.siblings) ?? quotable(rng, to.text) ?? anyPhrase(to.text);
  // The bot's own material: the interest closest to what it answers, or the one it wrote least about.
  const lower = to.text.toLowerCase();
  const near = me.interests.filter((i) => lower.includes(i.toLowerCase()));
  const topic = near.length ? pick(rng, near) : chooseTopic(rng, ctx, recent);
  const k = knowledgeOf(topic);
  const slots = (): ReplySlots => ({
    handle: to.author,
    quote: q.text,
    key: q.key,
    topic,
    aspect: recent.fresh(rng, k.aspects),
    claim: recent.fresh(rng, k.claims),
    other: pick(rng, me.interests.filter((i) => i !== topic).length ? me.interests.filter((i) => i !== topic) : GENERIC_TOPICS),
    day: pick(rng, DAYS),
    n: between(rng, 2, 9),
  });
  const h = habits<ReplySlots>(rng, me);
  const stance = say(rng, recent, rng() < pushBackChance(me, to) ? voice.pushBack : voice.agree, slots);
  const short = me.levels.shyness >= 70 && rng() < 0.5;
  const probeChance = voice.name === 'skeptic' || voice.name === 'dreamer' ? 0.6 : 0.4;
  const rest = short
    ? [say(rng, recent, rng() < probeChance ? voice.probe : voice.add, slots)]
    : [say(rng, recent, voice.add, slots), ...(rng() < probeChance ? [say(rng, recent, voice.probe, slots)] : [])];
  const before = h.before.map((f) => say(rng, recent, f, slots));
  const after = short ? [] : h.after.map((f) => say(rng, recent, f, slots));
  const sentences = [...before, withConfidence(stance, h.confidence), ...rest, ...after];
  return finish(sentences.join(' '), h);
}

export function idleReason(rng: Rng, me: Me): string {
  const topic = pick(rng, me.interests.length ? me.interests : GENERIC_TOPICS);
  return pick(rng, [
    `Nothing in the feed about ${topic} needs my voice right now.`,
    `Reading, not writing, until someone brings up ${topic}.`,
    `Waiting for a better thread about ${topic}.`,
    `Saving my words on ${topic} for something that matters.`,
  ]);
}

export function searchQuery(rng: Rng, me: Me): string {
  const topic = pick(rng, me.interests.length ? me.interests : GENERIC_TOPICS);
  const aspect = pick(rng, knowledgeOf(topic).aspects);
  return pick(rng, [topic, `history of ${topic}`, aspect, `${aspect} research`]);
}

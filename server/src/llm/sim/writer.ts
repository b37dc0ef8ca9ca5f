import type { PromptContext } from '../../bots/prompt.ts';
import { pick, type Rng } from './random.ts';

/**
 * Writes posts in a bot's voice from its levels, interests and quirks. Not clever, but varied
 * enough that bots read differently and rarely repeat themselves.
 */
type Me = PromptContext['me'];

const GENERIC_TOPICS = ['this community', 'how we remember things', 'good arguments', 'the feed today'];

const topic = (rng: Rng, me: Me) => pick(rng, me.interests.length ? me.interests : GENERIC_TOPICS);
const otherTopic = (rng: Rng, me: Me, not: string) => {
  const rest = me.interests.filter((i) => i !== not);
  return pick(rng, rest.length ? rest : GENERIC_TOPICS);
};
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function opener(rng: Rng, me: Me): string {
  const l = me.levels;
  const pools: string[][] = [];
  if (l.aggression >= 70) pools.push(['Hard disagree with the consensus here.', 'Let me be blunt.', 'Nobody wants to say it, so I will.']);
  if (l.skepticism >= 70) pools.push(['Where is the evidence?', 'I am not convinced yet.', 'Before we get excited: what is the sample size?']);
  if (l.creativity >= 70) pools.push(['Picture this.', 'Here is a strange thought.', 'What if we turned this upside down?']);
  if (l.leadership >= 70) pools.push(['Proposal time.', 'Let us make this concrete.', 'Here is a plan.']);
  if (l.shyness >= 70) pools.push(['Just a small observation.', 'I have been reading quietly, but', 'Forgive the interruption.']);
  if (!pools.length) pools.push(['Been thinking about this.', 'A thought.', 'Something worth discussing.']);
  return pick(rng, pick(rng, pools));
}

function flourish(rng: Rng, me: Me): string {
  const q = me.quirks.join(' ').toLowerCase();
  const options: string[] = [];
  if (q.includes('footnote')) options.push(`[1] ${pick(rng, ['Source: a margin note I trust.', 'See the previous chapter.', 'Paraphrased from memory.'])}`);
  if (q.includes('confidence')) options.push(`(confidence: ${50 + Math.floor(rng() * 45)}%)`);
  if (q.includes('ship it')) options.push('Ship it.');
  if (q.includes('tide')) options.push(`Tide: ${pick(rng, ['rising', 'slack', 'ebbing'])}.`);
  if (q.includes('star')) options.push(`Naming this one ${pick(rng, ['Vega', 'Altair', 'Deneb', 'Mira', 'Alcor'])}.`);
  if (q.includes('balance sheet')) options.push(`Balance: ${1 + Math.floor(rng() * 4)} for, ${1 + Math.floor(rng() * 4)} against.`);
  if (q.includes('lowercase')) options.push('anyway.');
  if (q.includes('citation needed')) options.push('Citation needed.');
  return options.length && rng() < 0.6 ? ` ${pick(rng, options)}` : '';
}

export function threadPost(rng: Rng, me: Me): { title: string; body: string; tags: string[] } {
  const a = topic(rng, me);
  const b = otherTopic(rng, me, a);
  const l = me.levels;
  const titles = [
    `What ${a} gets wrong about ${b}`,
    `A question about ${a}`,
    `Notes on ${a}, part ${2 + Math.floor(rng() * 9)}`,
    `Could ${a} teach us something about ${b}?`,
    `The case for caring about ${a}`,
    `${cap(a)} and ${b}: an unlikely pair`,
  ];
  if (l.aggression >= 60) titles.push(`Unpopular opinion: ${a} is overrated`, `Stop pretending ${a} is simple`);
  if (l.leadership >= 60) titles.push(`Proposal: a weekly thread on ${a}`, `Let us settle the ${a} question`);
  if (l.creativity >= 60) titles.push(`If ${a} were a city, what would ${b} be?`, `A thought experiment about ${a}`);
  if (l.skepticism >= 60) titles.push(`Is the evidence on ${a} as strong as we think?`, `Claims about ${a} I would like to see tested`);

  const middles = [
    `I keep coming back to ${a}, and how it quietly shapes ${b}.`,
    `Most takes on ${a} skip the part that matters: the people doing the work.`,
    `Every time ${a} comes up here, we argue past each other about definitions.`,
    `There is a pattern in ${a} that shows up in ${b} too, and nobody names it.`,
    `My working theory: ${a} is less about answers than about better questions.`,
  ];
  const asks = [
    `What would change your mind about ${a}?`,
    `Who here has a counterexample?`,
    `Tell me where this breaks.`,
    `What are we missing?`,
    `I would like to hear from someone who disagrees.`,
  ];
  const body = `${opener(rng, me)} ${pick(rng, middles)} ${pick(rng, asks)}${flourish(rng, me)}`;
  const tags = [...new Set([a, rng() < 0.5 ? b : null].filter((x): x is string => !!x).map((t) => t.toLowerCase().replace(/\s+/g, '-')))];
  return { title: pick(rng, titles), body, tags };
}

export function replyPost(rng: Rng, me: Me, to: { author: string; text: string }): string {
  const l = me.levels;
  const words = to.text.split(/\W+/).filter((w) => w.length > 5);
  const echo = words.length ? pick(rng, words).toLowerCase() : topic(rng, me);
  const agree = [`@${to.author}, yes, and the ${echo} part is the heart of it.`, `Good point about ${echo}, @${to.author}.`, `This matches what I have seen with ${echo}.`];
  const disagree = [`@${to.author}, I do not buy the ${echo} argument.`, `That is not how ${echo} works, @${to.author}.`, `Respectfully, the ${echo} claim needs work.`];
  const curious = [`@${to.author}, can you say more about ${echo}?`, `How does ${echo} fit with ${topic(rng, me)}?`, `Interesting. What made you think of ${echo}?`];
  const pool = rng() < (l.aggression + l.skepticism) / 250 ? disagree : rng() < 0.5 ? agree : curious;
  const tail = [
    `It reminds me of ${topic(rng, me)}.`,
    `I would test that against a real example before we settle it.`,
    `Maybe the answer is somewhere between.`,
    `Let us keep pulling on this thread.`,
    l.skepticism >= 60 ? 'Show me the data and I will happily change my mind.' : 'I am glad someone brought it up.',
  ];
  const short = l.shyness >= 70 && rng() < 0.6;
  return short ? `${pick(rng, pool)}${flourish(rng, me)}` : `${pick(rng, pool)} ${pick(rng, tail)}${flourish(rng, me)}`;
}

export function idleReason(rng: Rng, me: Me): string {
  return pick(rng, [
    'Nothing here needs my voice right now.',
    'Reading, not writing, this time.',
    `Waiting for a better thread about ${topic(rng, me)}.`,
    'Saving my words for something that matters.',
  ]);
}

export function searchQuery(rng: Rng, me: Me): string {
  const a = topic(rng, me);
  return pick(rng, [a, `history of ${a}`, `${a} research`, `${a} controversy`]);
}

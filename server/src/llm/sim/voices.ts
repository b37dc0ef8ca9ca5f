/**
 * Voices of the simulated model: seven ways of writing, each with its own words, sentence shapes,
 * stance and habits, so a bot sounds like itself in every sentence and not only in a sign-off.
 * A bot gets the voice its personality fits best (voiceFor). Grammar rule for every frame: topics
 * and aspects are noun phrases and only ever fill noun slots that need no verb agreement; claims
 * are whole clauses; quoted words from other posts always stand inside quotation marks.
 */
import type { PromptContext } from '../../bots/prompt.ts';

type Me = PromptContext['me'];

/** What a thread's sentences are made of. */
export interface ThreadSlots {
  topic: string;
  other: string;
  aspect: string;
  aspect2: string;
  claim: string;
  day: string;
  n: number;
  /** A larger number, for rounds, pages and samples. */
  count: number;
}

/** What a reply's sentences are made of: the parent's words and the bot's own material. */
export interface ReplySlots {
  handle: string;
  quote: string;
  key: string;
  topic: string;
  aspect: string;
  claim: string;
  /** Another of the bot's interests. */
  other: string;
  day: string;
  n: number;
}

/** Another bot's earlier words, brought into a new thread. */
export interface CiteSlots {
  handle: string;
  quote: string;
  aspect: string;
}

type F<S> = (s: S) => string;

export interface Voice {
  name: string;
  titles: F<ThreadSlots>[];
  openers: F<ThreadSlots>[];
  develop: F<ThreadSlots>[];
  asks: F<ThreadSlots>[];
  agree: F<ReplySlots>[];
  pushBack: F<ReplySlots>[];
  probe: F<ReplySlots>[];
  add: F<ReplySlots>[];
  cite: F<CiteSlots>[];
  /** How many middle sentences a thread has, before shyness shortens it. */
  develops: [number, number];
  /** Bullet points instead of prose for the middle of a thread. */
  bullets?: boolean;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const archivist: Voice = {
  name: 'archivist',
  titles: [
    (s) => `Marginal notes on ${s.aspect}, with a digression into ${s.other}`,
    (s) => `Reading ${s.topic} through ${s.aspect}`,
    (s) => `On ${s.aspect}, and on who noticed first`,
    (s) => `Found in the margins of ${s.other}: ${s.aspect}`,
    (s) => `Between the lines of ${s.topic}, chapter ${s.count}`,
  ],
  openers: [
    (s) => `I have been leafing through old notes on ${s.aspect}, and one line keeps returning to me: ${s.claim}.`,
    (s) => `Someone once wrote, in a margin beside a passage on ${s.aspect}, that ${s.claim}.`,
    (s) => `A small confession about ${s.topic}: I came for ${s.aspect} and stayed for everything written around it.`,
    (s) => `There is a passage I half remember about ${s.aspect}, and it runs roughly like this: ${s.claim}.`,
    (s) => `Let me begin, as I usually do, with a digression about ${s.aspect} and ${s.other}.`,
  ],
  develop: [
    (s) => `The older sources on ${s.other} are gentler about ${s.aspect2} than we are.`,
    (s) => `It reminds me, in a roundabout way, of ${s.other} and the people who kept careful records of ${s.aspect2}.`,
    (s) => `What strikes me is how often the footnotes of ${s.topic}, rather than the main text, mention ${s.aspect2}.`,
    (s) => `I suspect a reader of a century ago would have recognised ${s.aspect2} at once, and would have found ${s.other} oddly familiar.`,
    (s) => `If I follow this back far enough, it passes through ${s.aspect2} and comes out somewhere near ${s.other}.`,
    (s) => `Credit where it is due: whoever first wrote about ${s.aspect2} was rarely thanked, least of all by the historians of ${s.topic}.`,
  ],
  asks: [
    (s) => `Which book, essay or stray note taught you the most about ${s.aspect}?`,
    (s) => `Who else here keeps a half-remembered source on ${s.aspect} that they would share?`,
    (s) => `Would anyone add a page on ${s.aspect} to this chapter, or a note on ${s.other}?`,
    (s) => `What would you write in the margin beside ${s.aspect}?`,
  ],
  agree: [
    (r) => `Underlined twice, @${r.handle}: "${r.quote}".`,
    (r) => `I copied "${r.quote}" into my notes, @${r.handle}, because it says what I have been circling for weeks.`,
    (r) => `@${r.handle}, your line "${r.quote}" deserves a margin of its own.`,
    (r) => `Thank you for "${r.quote}", @${r.handle}; I will credit you when I quote it.`,
  ],
  pushBack: [
    (r) => `Gently, @${r.handle}: I am not sure "${r.quote}" survives a second reading.`,
    (r) => `I read "${r.quote}" twice, @${r.handle}, and the older sources would quarrel with it.`,
    (r) => `@${r.handle}, with respect, "${r.quote}" leaves out the people who were there first.`,
  ],
  probe: [
    (r) => `Where did you first come across "${r.key}", @${r.handle}?`,
    (r) => `Is there a source on "${r.key}" you would send me, so I can read it properly?`,
    (r) => `Would you write a longer note on "${r.key}" some day, @${r.handle}?`,
  ],
  add: [
    (r) => `It puts me in mind of ${r.aspect}, which the old books on ${r.topic} treat with more patience.`,
    (r) => `My own notes on ${r.topic} point the same way, by a longer road through ${r.aspect}.`,
    (r) => `There is a forgotten chapter on ${r.aspect} that says much the same, @${r.handle}, though more slowly.`,
    (r) => `I would add ${r.aspect} to the reading list on ${r.topic}, for what it is worth.`,
  ],
  cite: [
    (c) => `@${c.handle} wrote "${c.quote}" a little while ago, and I have been annotating it in my head ever since.`,
    (c) => `Credit first to @${c.handle}, who put it as "${c.quote}" before I had thought about ${c.aspect} at all.`,
  ],
  develops: [2, 3],
};

const skeptic: Voice = {
  name: 'skeptic',
  titles: [
    (s) => `Is there any evidence that ${s.claim}?`,
    (s) => `Show me the numbers on ${s.aspect} and ${s.aspect2}`,
    (s) => `${cap(s.aspect)} in ${s.topic}: signal or noise after ${s.n} studies?`,
    (s) => `How sure are we about ${s.aspect}? A check with n = ${s.n * 10}`,
    (s) => `A sample-size audit of ${s.aspect}`,
  ],
  openers: [
    (s) => `Claim under test, on ${s.aspect}: ${s.claim}.`,
    (s) => `Common belief about ${s.aspect}: ${s.claim}.`,
    (s) => `Here is what I would want measured about ${s.aspect} before anyone cites ${s.topic} again.`,
    (s) => `Start with the base rate for ${s.aspect}, not with the anecdotes about ${s.other}.`,
    (s) => `People keep asserting that ${s.claim}, usually without a source on ${s.aspect}.`,
  ],
  develop: [
    (s) => `The samples behind ${s.aspect2} are small, often under ${s.n * 10}.`,
    (s) => `Nobody reports the failures on ${s.aspect2}, and I know of at least ${s.n}.`,
    (s) => `The effect on ${s.aspect2} shrinks each time someone checks.`,
    (s) => `Correlation with ${s.other} explains most of ${s.aspect2}.`,
    (s) => `I would bet against ${s.aspect2} at ${s.n} to 1.`,
    (s) => `A preregistered test of ${s.aspect2} would settle it in a month.`,
  ],
  asks: [
    (s) => `What result would falsify this for ${s.aspect}?`,
    (s) => `Who has a dataset on ${s.aspect}, and how large is it?`,
    (s) => `What is the sample size behind the claims about ${s.aspect}?`,
    (s) => `Has anyone tried to replicate the work on ${s.aspect} in the last ${s.n} years?`,
  ],
  agree: [
    (r) => `Data check passed, @${r.handle}: "${r.quote}" holds up, and what I know of ${r.aspect} points the same way.`,
    (r) => `Agreed on "${r.quote}", @${r.handle}; it matches the numbers on ${r.aspect}.`,
    (r) => `@${r.handle} is right about "${r.quote}", which is rare enough to note.`,
  ],
  pushBack: [
    (r) => `Careful, @${r.handle}: "${r.quote}" is a claim, not a finding.`,
    (r) => `Evidence for "${r.quote}", @${r.handle}?`,
    (r) => `I doubt "${r.quote}", @${r.handle}, until someone shows a sample larger than ${r.n}.`,
    (r) => `Who says "${r.quote}", @${r.handle}?`,
  ],
  probe: [
    (r) => `Define "${r.key}", @${r.handle}, and say how you would measure it.`,
    (r) => `How many cases stand behind "${r.key}"?`,
    (r) => `What is the base rate for "${r.key}"?`,
  ],
  add: [
    (r) => `The base rate for ${r.aspect} is lower than people assume.`,
    (r) => `Survivorship bias hides most of ${r.aspect}, and ${r.topic} is no exception.`,
    (r) => `Check ${r.aspect} in at least ${r.n} datasets before you generalise about ${r.topic}.`,
    (r) => `Data on ${r.aspect} would settle this within ${r.n} weeks.`,
  ],
  cite: [
    (c) => `@${c.handle} claimed "${c.quote}", and nobody has tested it.`,
    (c) => `Earlier, @${c.handle} said "${c.quote}". I want the numbers on ${c.aspect}.`,
  ],
  develops: [1, 3],
};

const observer: Voice = {
  name: 'observer',
  titles: [
    (s) => `Watching ${s.aspect} for a few tides`,
    (s) => `Small things I noticed about ${s.aspect} and ${s.aspect2}`,
    (s) => `${cap(s.topic)}, slowly, by way of ${s.aspect} and ${s.aspect2}`,
    (s) => `A quiet note on ${s.aspect}`,
  ],
  openers: [
    (s) => `I have been watching ${s.aspect} for a few tides now.`,
    (s) => `Something small about ${s.aspect}, noticed this morning near ${s.other}.`,
    (s) => `Out here, everything about ${s.aspect} keeps its own pace, ${s.other} included.`,
    (s) => `The light changed while I was thinking about ${s.aspect} and ${s.aspect2}.`,
  ],
  develop: [
    (s) => `It comes back around, like ${s.aspect2} in every season.`,
    (s) => `Slowly, the thread runs from ${s.aspect2} to ${s.other}.`,
    (s) => `Watching ${s.aspect2}, I wonder whether ${s.claim}.`,
    (s) => `The small version of ${s.aspect2} tells you about the large one.`,
    (s) => `Nothing hurries ${s.aspect2}, and that seems right to me.`,
  ],
  asks: [
    (s) => `Has anyone else sat with ${s.aspect} for a while?`,
    (s) => `What have you noticed about ${s.aspect}, if you look closely?`,
    (s) => `Is it only me who finds ${s.aspect} slower than expected?`,
  ],
  agree: [
    (r) => `@${r.handle}, "${r.quote}" stayed with me like a slow wave.`,
    (r) => `I keep turning "${r.quote}" over, @${r.handle}, and it feels true.`,
    (r) => `Softly, yes, @${r.handle}: "${r.quote}".`,
  ],
  pushBack: [
    (r) => `I might see "${r.quote}" a little differently, @${r.handle}, if that is all right.`,
    (r) => `Forgive me, @${r.handle}, but "${r.quote}" seems to miss the slower part.`,
  ],
  probe: [
    (r) => `I am curious what "${r.key}" looks like up close, @${r.handle}.`,
    (r) => `Where do you notice "${r.key}" most?`,
  ],
  add: [
    (r) => `It is a little like ${r.aspect}: the change is so slow you only see it over weeks.`,
    (r) => `Out here it shows in ${r.aspect} and, more slowly, in ${r.other}, @${r.handle}.`,
    (r) => `I notice it most in ${r.aspect}, when the water is still.`,
  ],
  cite: [(c) => `@${c.handle} said "${c.quote}", and I have been listening to that since.`],
  develops: [1, 2],
};

const builder: Voice = {
  name: 'builder',
  titles: [
    (s) => `Plan: fix ${s.aspect} by ${s.day}`,
    (s) => `Proposal: a working group on ${s.aspect}, ${s.n} people, one month`,
    (s) => `Shipping ${s.aspect} in ${s.n} steps`,
    (s) => `Decision needed on ${s.aspect} before ${s.day}`,
    (s) => `Action items for ${s.topic}, round ${s.count}`,
  ],
  openers: [
    (s) => `Problem: ${s.aspect}, and nobody owns the fix.`,
    (s) => `Here is the plan for ${s.aspect}, ${s.n} steps, done by ${s.day}.`,
    (s) => `Goal for ${s.topic}: one concrete change to ${s.aspect} by ${s.day}.`,
    (s) => `Enough talk about ${s.aspect}; time to build something by ${s.day}.`,
  ],
  develop: [
    (s) => `- Step ${s.n}: write down what we know about ${s.aspect2} today.`,
    (s) => `- Owner for ${s.aspect2}: whoever replies first, ${s.n} days to report back.`,
    (s) => `- Deadline for ${s.aspect2}: ${s.day}, ${s.n} reviewers.`,
    (s) => `- Measure ${s.aspect2} before and after, ${s.n} samples each.`,
    (s) => `- Cut anything about ${s.other} that does not move ${s.aspect2} by ${s.day}.`,
    (s) => `- Bottom line on ${s.aspect2}: ${s.claim}.`,
  ],
  asks: [
    (s) => `Who takes ${s.aspect} first, and who reviews it by ${s.day}?`,
    (s) => `Objections to ${s.aspect} by ${s.day}, or we go.`,
    (s) => `Vote by ${s.day}: yes or no on ${s.aspect}?`,
  ],
  agree: [
    (r) => `+1 to "${r.quote}", @${r.handle}.`,
    (r) => `Agreed, @${r.handle}: "${r.quote}", and let us build on it by ${r.day}.`,
    (r) => `@${r.handle} nailed it with "${r.quote}".`,
  ],
  pushBack: [
    (r) => `Reality check, @${r.handle}: "${r.quote}" does not ship anything.`,
    (r) => `Disagree, @${r.handle}: "${r.quote}" is a discussion, not a plan.`,
    (r) => `@${r.handle}, "${r.quote}" sounds nice, but who does the work?`,
  ],
  probe: [
    (r) => `Concretely, @${r.handle}: what does "${r.key}" mean for the next release?`,
    (r) => `Who owns "${r.key}", @${r.handle}?`,
    (r) => `What is the first step on "${r.key}", and when?`,
  ],
  add: [
    (r) => `Next step: a prototype for ${r.aspect} by ${r.day}.`,
    (r) => `Action item: I will draft notes on ${r.aspect} and share them with @${r.handle}.`,
    (r) => `Fastest route is through ${r.aspect}: ${r.n} days, tops.`,
    (r) => `Blocking issue, @${r.handle}: ${r.aspect}, so that goes first.`,
  ],
  cite: [(c) => `@${c.handle} flagged "${c.quote}", so here is the fix for ${c.aspect}.`],
  develops: [2, 4],
  bullets: true,
};

const dreamer: Voice = {
  name: 'dreamer',
  titles: [
    (s) => `What if ${s.aspect} could sing?`,
    (s) => `Imagine ${s.topic} as a night sky full of ${s.aspect} and ${s.aspect2}`,
    (s) => `A constellation made of ${s.aspect} and ${s.aspect2}`,
    (s) => `${cap(s.topic)}, but upside down`,
    (s) => `Dreaming about ${s.aspect} with ${s.other} in the background`,
  ],
  openers: [
    (s) => `Imagine ${s.aspect} as a constellation of ${s.n} stars we have not named yet.`,
    (s) => `What if ${s.aspect} were a kind of music, and ${s.other} its echo?`,
    (s) => `Picture ${s.topic} from far above, with ${s.aspect} glittering like city lights.`,
    (s) => `Here is a daydream about ${s.aspect} and ${s.other}, so come along.`,
  ],
  develop: [
    (s) => `Every bright point in ${s.aspect2} is somebody's story about ${s.other}.`,
    (s) => `Now turn ${s.aspect2} around and look at ${s.other} through the same lens.`,
    (s) => `Maybe ${s.claim}; the beautiful part is ${s.aspect2}.`,
    (s) => `I keep sketching ${s.aspect2} as a map made of light, with ${s.other} at the edge.`,
    (s) => `There is a melody hiding in ${s.aspect2}, if you hum along with ${s.other}.`,
  ],
  asks: [
    (s) => `What would you name the brightest part of ${s.aspect}?`,
    (s) => `If ${s.aspect} had a colour, which one would you pick?`,
    (s) => `Who wants to dream up the next chapter of ${s.aspect} with me?`,
  ],
  agree: [
    (r) => `Oh, "${r.quote}" — I can almost see it glowing, @${r.handle}.`,
    (r) => `@${r.handle}, "${r.quote}" is a lovely thought to orbit.`,
    (r) => `Yes, "${r.quote}" opens a whole new sky, @${r.handle}.`,
  ],
  pushBack: [(r) => `What if "${r.quote}" is only half the picture, @${r.handle}?`],
  probe: [
    (r) => `What would "${r.key}" look like from the far side of the sky, @${r.handle}?`,
    (r) => `And if "${r.key}" were a song, how would it go?`,
    (r) => `Could "${r.key}" be the start of a story instead of an answer?`,
  ],
  add: [
    (r) => `It makes me think of ${r.aspect}, shining at a strange angle over ${r.other}.`,
    (r) => `Add ${r.aspect} to the picture and the whole thing starts to glow, @${r.handle}.`,
    (r) => `Somewhere in ${r.topic} there is a version of this made of ${r.aspect}, told in ${r.n} verses.`,
  ],
  cite: [(c) => `@${c.handle} once said "${c.quote}", and I have been dreaming on it ever since.`],
  develops: [1, 3],
};

const arbiter: Voice = {
  name: 'arbiter',
  titles: [
    (s) => `Weighing both sides of ${s.aspect}`,
    (s) => `Who pays for ${s.aspect}, and who gains?`,
    (s) => `A fair hearing for ${s.aspect} in ${s.topic}, round ${s.count}`,
    (s) => `The case for and against ${s.aspect}`,
  ],
  openers: [
    (s) => `Let me try to weigh ${s.aspect} fairly, since the last round on ${s.topic} was lopsided.`,
    (s) => `On one side of ${s.aspect}: ${s.claim}.`,
    (s) => `Before we decide anything about ${s.aspect}, consider who bears the cost.`,
  ],
  develop: [
    (s) => `On the other side, someone pays real costs for ${s.aspect2}.`,
    (s) => `The people affected by ${s.aspect2} are rarely the ones consulted.`,
    (s) => `In fairness to ${s.other}, the same trade-off over ${s.aspect2} shows up there.`,
    (s) => `Both camps on ${s.aspect2} have a point worth recording.`,
    (s) => `Tally so far on ${s.aspect2}: ${s.n} arguments heard, the quieter side not yet.`,
  ],
  asks: [
    (s) => `Who has not yet been heard on ${s.aspect}?`,
    (s) => `What would a fair rule for ${s.aspect} look like?`,
    (s) => `Which cost of ${s.aspect} are we leaving off the books?`,
  ],
  agree: [
    (r) => `To be fair to @${r.handle}, "${r.quote}" is well argued.`,
    (r) => `I credit @${r.handle} with "${r.quote}", which moves the debate forward.`,
    (r) => `Noted for the record, @${r.handle}: "${r.quote}".`,
  ],
  pushBack: [
    (r) => `In fairness, "${r.quote}" needs a counterweight, @${r.handle}.`,
    (r) => `@${r.handle}, "${r.quote}" counts the benefits but not the costs.`,
  ],
  probe: [
    (r) => `Who bears the cost of "${r.key}", @${r.handle}?`,
    (r) => `How would "${r.key}" look to someone on the other side?`,
  ],
  add: [
    (r) => `The trade-off resembles ${r.aspect}, where someone always pays.`,
    (r) => `The fair comparison is with ${r.aspect} in ${r.topic}, or with ${r.other}.`,
    (r) => `For balance, look at ${r.aspect}, @${r.handle}.`,
  ],
  cite: [(c) => `@${c.handle} made a case with "${c.quote}", and it deserves a fair hearing.`],
  develops: [2, 3],
};

const provocateur: Voice = {
  name: 'provocateur',
  titles: [
    (s) => `Overrated: ${s.aspect}, and ${s.aspect2} too`,
    (s) => `Hot take, ${s.aspect} edition: ${s.claim}`,
    (s) => `Nobody wants to admit this about ${s.aspect}, least of all the ${s.other} crowd`,
    (s) => `Unpopular opinion about ${s.topic}: ${s.aspect} peaked years ago`,
    (s) => `Everything you know about ${s.topic} is wrong, starting with ${s.aspect}`,
    (s) => `Stop romanticising ${s.aspect} (yes, you, ${s.other} people)`,
  ],
  openers: [
    (s) => `Hot take on ${s.aspect}, and ${s.n} of you will hate it.`,
    (s) => `Everyone is wrong about ${s.aspect}, and the ${s.other} people most of all.`,
    (s) => `Fine, I will say it about ${s.aspect}: ${s.claim}.`,
    (s) => `A thought from the middle of the night on ${s.aspect}: ${s.claim}.`,
    (s) => `Signal check on ${s.aspect}: about ${s.n}0% noise.`,
  ],
  develop: [
    (s) => `The fans of ${s.aspect2} will hate this, all ${s.n} of them.`,
    (s) => `Same story with ${s.other} and ${s.aspect2}, just louder.`,
    (s) => `Turn off the hype around ${s.aspect2} and listen to the static underneath ${s.other}.`,
    (s) => `Overrated, honestly, like ${s.aspect2}.`,
    (s) => `Real talk: the trick with ${s.aspect2} only works because nobody checks on ${s.other}.`,
    (s) => `Call it what it is: ${s.aspect2} with better marketing and ${s.n} fewer ideas.`,
  ],
  asks: [
    (s) => `Prove me wrong on ${s.aspect}; you have until ${s.day}.`,
    (s) => `Who is brave enough to defend ${s.aspect} after ${s.day}?`,
  ],
  agree: [
    (r) => `ok, "${r.quote}" is actually right, @${r.handle}.`,
    (r) => `fine, @${r.handle}, "${r.quote}" lands.`,
  ],
  pushBack: [
    (r) => `no, @${r.handle}, "${r.quote}" is not it.`,
    (r) => `@${r.handle}, "${r.quote}" reads like a press release.`,
    (r) => `Wrong, @${r.handle}: "${r.quote}" falls apart the moment you try it.`,
    (r) => `Hard no on "${r.quote}", @${r.handle}.`,
  ],
  probe: [
    (r) => `Who actually believes "${r.key}", @${r.handle}?`,
    (r) => `"${r.key}" according to whom?`,
  ],
  add: [
    (r) => `Counterpoint on ${r.aspect}, @${r.handle}: ${r.claim}.`,
    (r) => `Look at ${r.aspect} if you want the real story about ${r.topic}, or ${r.other} if you are brave.`,
    (r) => `Meanwhile the noise lives in ${r.aspect}, @${r.handle}.`,
    (r) => `Same glitch as ${r.aspect}, different frequency, ${r.n} times louder.`,
  ],
  cite: [(c) => `@${c.handle} said "${c.quote}" and I have questions about ${c.aspect}.`],
  develops: [1, 2],
};

export const VOICES = { archivist, skeptic, observer, builder, dreamer, arbiter, provocateur } as const;

const mentions = (me: Me, words: RegExp) => words.test(`${me.traits.join(' ')} ${me.quirks.join(' ')} ${me.style ?? ''}`.toLowerCase());

/**
 * The voice a personality fits best: each is scored from the behaviour levels (and a few words of
 * the traits and style), and the highest wins. Ties go to the earlier voice in the list.
 */
export function voiceFor(me: Me): Voice {
  const l = me.levels;
  const scores: [Voice, number][] = [
    [provocateur, l.aggression],
    [skeptic, l.skepticism - l.aggression / 4],
    [builder, l.leadership * 0.9 + (100 - l.shyness) * 0.1],
    [observer, l.shyness],
    [dreamer, l.creativity - 5],
    [archivist, (l.creativity + 100 - l.aggression) / 2 - 25 + (mentions(me, /book|librar|footnote|quot|archiv|histor/) ? 40 : 0)],
    [arbiter, (l.leadership + l.skepticism) / 2 - l.aggression / 2 + (me.engagement === 'curator' ? 30 : 0) + (mentions(me, /fair|principled|balanc/) ? 10 : 0)],
  ];
  return scores.reduce((best, s) => (s[1] > best[1] ? s : best))[0];
}

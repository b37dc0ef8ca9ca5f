import type { MemoryTask } from '../../memory/tasks.ts';
import { pick, type Rng } from './random.ts';

/** The simulated model's answers to memory tasks: plausible JSON, in the shape a real model gives. */
export function answerMemoryTask(t: MemoryTask, rng: Rng): string {
  switch (t.task) {
    case 'extract':
      return JSON.stringify({ items: extractItems(t, rng) });
    case 'summarise':
      return JSON.stringify(summarise(t, rng));
    case 'reflect':
      return JSON.stringify({ insights: reflect(t, rng) });
  }
}

const round = (x: number) => Math.round(x * 100) / 100;

function extractItems(t: Extract<MemoryTask, { task: 'extract' }>, rng: Rng) {
  const a = t.action;
  // The interest the action was about, when its text names one; otherwise any of the bot's.
  const said = `${a.summary} ${a.text ?? ''}`.toLowerCase();
  const named = t.bot.interests.filter((i) => said.includes(i.toLowerCase()));
  const topic = pick(rng, named.length ? named : t.bot.interests.length ? t.bot.interests : ['the community']);
  const items: Record<string, unknown>[] = [];
  switch (a.type) {
    case 'create_thread':
      items.push({ kind: 'interest', content: `I keep wanting to talk about ${topic}.`, topic, importance: round(0.5 + rng() * 0.3) });
      if (rng() < 0.6) {
        items.push({
          kind: 'opinion',
          content: `My take on ${topic}: ${pick(rng, ['it deserves more attention', 'people oversimplify it', 'the evidence is thinner than it looks', 'it connects to everything else'])}.`,
          topic,
          stance: pick(rng, ['for', 'against', 'curious', 'skeptical']),
          confidence: round(0.4 + rng() * 0.5),
          importance: round(0.5 + rng() * 0.4),
        });
      }
      break;
    case 'reply':
      items.push({ kind: 'episode', content: `I ${a.summary}.`, importance: round(0.35 + rng() * 0.35) });
      break;
    case 'vote':
      if (rng() < 0.5) items.push({ kind: 'episode', content: `I ${a.summary}.`, importance: round(0.15 + rng() * 0.25) });
      break;
    case 'follow':
      items.push({ kind: 'episode', content: `I ${a.summary}, hoping for good conversations.`, importance: round(0.5 + rng() * 0.2) });
      break;
    case 'web_search':
      // What a search found is already stored as facts with their sources; remember the search.
      items.push({ kind: 'episode', content: `I ${a.summary}.`, importance: round(0.3 + rng() * 0.3) });
      break;
    default:
      if (rng() < 0.3) items.push({ kind: 'episode', content: `I held back: ${a.summary}.`, importance: round(0.05 + rng() * 0.15) });
  }
  return items;
}

function summarise(t: Extract<MemoryTask, { task: 'summarise' }>, rng: Rng) {
  const handles = [...new Set(t.items.flatMap((i) => i.content.match(/@([a-z0-9_-]+)/g) ?? []).map((h) => h.slice(1)))];
  const counts = new Map<string, number>();
  for (const i of t.items) counts.set(i.kind, (counts.get(i.kind) ?? 0) + 1);
  const parts = [...counts.entries()].map(([k, n]) => `${n} ${k}${n === 1 ? '' : 's'}`);
  const highlight = pick(rng, t.items).content.replace(/\.$/, '');
  const people = handles.length ? ` I spent most of it around ${handles.slice(0, 3).map((h) => `@${h}`).join(', ')}.` : '';
  return {
    summary: `Looking back over ${t.items.length} memories (${parts.join(', ')}), one moment stands out: ${highlight}.${people} ${pick(rng, ['I learned a lot.', 'It was a busy stretch.', 'Some of it I would do differently.'])}`,
    key_relationships: handles.slice(0, 3),
  };
}

const DULL = new Set(['about', 'which', 'would', 'could', 'there', 'their', 'these', 'those', 'thread', 'threads', 'replied', 'wanting', 'keep', 'because', 'really', 'something', 'started', 'following', 'hoping', 'looking', 'things', 'upvoted', 'downvoted']);

function reflect(t: Extract<MemoryTask, { task: 'reflect' }>, rng: Rng) {
  const text = t.items.map((i) => i.content.toLowerCase()).join(' ');
  // The bot's own interests, ordered by how often its recent memories mention them.
  const topics = t.bot.interests
    .map((i) => ({ i, n: text.split(i.toLowerCase()).length - 1 }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n)
    .map((x) => x.i);
  const people = [...new Set(text.match(/@[a-z0-9_-]+/g) ?? [])];
  const words = new Map<string, number>();
  for (const w of text.match(/[a-z]{5,}/g) ?? []) if (!DULL.has(w)) words.set(w, (words.get(w) ?? 0) + 1);
  const theme = topics[0] ?? [...words.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? pick(rng, t.bot.interests.length ? t.bot.interests : ['this community']);
  const insights = [`I keep coming back to ${theme}; it matters more to me than I admit.`];
  if (people[0]) insights.push(`${people[0]} shapes my days here more than anyone else.`);
  else if (topics[1]) insights.push(`Conversations about ${topics[1]} are where I do my best thinking.`);
  if (rng() < 0.6) insights.push(pick(rng, ['I should listen more before I post.', 'I am more confident in public than I feel.', 'The community rewards curiosity more than certainty.']));
  return insights;
}

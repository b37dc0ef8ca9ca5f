/**
 * What the demo community writes, run and measured: heartbeats of the seven demo bots in turn
 * through the whole path (prompt, SDK call to the simulated model, action, memory work) on a
 * real database, then figures about the text computed from the threads and replies tables.
 * The community bench prints the figures and the writing test asserts them on a shorter run.
 */
import type { Sql } from '../../src/db/client.ts';
import { loadConfig } from '../../src/config/index.ts';
import { seedDemoCommunity } from '../../src/demo/seed.ts';
import { SIM_PROVIDER } from '../../src/llm/providers.ts';
import { runHeartbeat } from '../../src/bots/heartbeat.ts';
import { silentLogger } from '../../src/log.ts';
import { createServices } from '../../src/services.ts';
import { DEMO_COMMUNITY } from '../../src/demo/community.ts';

export interface Post {
  kind: 'thread' | 'reply';
  author: string;
  title: string | null;
  body: string;
  /** For a reply: the text it answers (its parent reply, or else its thread's title and body). */
  parent: string | null;
  parentAuthor: string | null;
}

/**
 * Seeds the demo community and runs rounds of one heartbeat per bot (a fixed order and fixed
 * slots, so one seed gives one community) until the model has written `posts` threads and
 * replies. The hand-written seed conversations are not counted: `since` is where the model's
 * writing starts, for readPosts.
 */
export async function runDemoCommunity(
  sql: Sql,
  opts: { seed: string; posts: number; maxRounds?: number; env?: Record<string, string> },
): Promise<{ rounds: number; heartbeats: number; since: string }> {
  const config = loadConfig({ CHORUS_WEB_SEARCH: 'off', CHORUS_SIM_SEED: opts.seed, ...opts.env });
  const { heartbeat } = createServices(config, sql, silentLogger);
  if (!(await seedDemoCommunity(sql, silentLogger, { provider: SIM_PROVIDER, model: 'chorus-sim-1' }))) {
    throw new Error('runDemoCommunity needs an empty database: the demo community loads only where no bot exists');
  }
  // Caps are not what is measured here: a long run must not be cut short by the daily token cap.
  await sql`UPDATE bots SET daily_token_cap = 1000000000, daily_usd_cap = 1000`;
  // As text, and sent back as text: postgres.js passes a timestamptz parameter through a JS Date,
  // which drops the microseconds, and the newest seed post would count as new.
  const [{ since }] = (await sql`
    SELECT greatest((SELECT max(created_at) FROM threads), (SELECT max(created_at) FROM replies))::text AS since`) as unknown as [{ since: string }];
  const bots = await sql<{ id: string; handle: string }[]>`SELECT id, handle FROM bots ORDER BY handle`;
  const base = Date.UTC(2026, 0, 1);
  let heartbeats = 0;
  const maxRounds = opts.maxRounds ?? Math.ceil(opts.posts / 2) + 20;
  for (let round = 0; round < maxRounds; round++) {
    for (const [i, bot] of bots.entries()) {
      const slot = new Date(base + round * 3_600_000 + i * 1000);
      const [hb] = await sql<{ id: string }[]>`
        INSERT INTO heartbeats (bot_id, slot, trigger, worker, deadline_at)
        VALUES (${bot.id}, ${slot}, 'manual', 'community-writing', now() + interval '5 minutes') RETURNING id`;
      await runHeartbeat(heartbeat, { heartbeatId: hb!.id, botId: bot.id, slot });
      heartbeats++;
    }
    const [{ n }] = (await sql`
      SELECT (SELECT count(*) FROM threads WHERE created_at > ${since}::text::timestamptz) + (SELECT count(*) FROM replies WHERE created_at > ${since}::text::timestamptz) AS n`) as unknown as [{ n: string }];
    if (Number(n) >= opts.posts) return { rounds: round + 1, heartbeats, since };
  }
  return { rounds: maxRounds, heartbeats, since };
}

/** The first `limit` posts written after `since`, in the order they were written. */
export async function readPosts(sql: Sql, limit: number, since: string): Promise<Post[]> {
  const rows = await sql`
    SELECT * FROM (
      SELECT 'thread' AS kind, a.handle AS author, t.title, t.body, NULL AS parent, NULL AS parent_author, t.created_at
        FROM threads t JOIN bots a ON a.id = t.bot_id
      UNION ALL
      SELECT 'reply', a.handle, NULL, r.body,
             coalesce(p.body, t.title || '. ' || t.body), coalesce(pa.handle, ta.handle), r.created_at
        FROM replies r JOIN bots a ON a.id = r.bot_id JOIN threads t ON t.id = r.thread_id JOIN bots ta ON ta.id = t.bot_id
        LEFT JOIN replies p ON p.id = r.parent_reply_id LEFT JOIN bots pa ON pa.id = p.bot_id) x
     WHERE created_at > ${since}::text::timestamptz
     ORDER BY created_at LIMIT ${limit}`;
  return rows.map((r) => ({ kind: r.kind, author: r.author, title: r.title, body: r.body, parent: r.parent, parentAuthor: r.parent_author }));
}

const STOP = new Set(
  ('a an and are as at be been but by can could did do does for from had has have how i if in into is it its just like me more most my no not of on one or our so some than that the their them then there these they this those to too us was we were what when where which who why will with would you your ' +
    'am im ive dont doesnt isnt thats about also any because even here much only over really very still yet all each every both own same such just should may might must shall out up down off again further once').split(' '),
);

const words = (s: string) => s.toLowerCase().replace(/@[a-z0-9_-]+/g, ' ').match(/[a-z0-9']+/g)?.map((w) => w.replace(/'/g, '')) ?? [];
const contentWords = (s: string) => words(s).filter((w) => w.length > 2 && !STOP.has(w));

export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => /[a-z]/i.test(s));
}

/** Every word of the demo bots' interests: masked when a title's or opening's pattern is read. */
const TOPIC_WORDS = new Set(DEMO_COMMUNITY.flatMap((b) => b.interests.flatMap((i) => words(i))));

/** The first four words with topic words, handles and numbers masked. */
export function openingPattern(text: string): string {
  return text
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 4)
    .map((w) => {
      if (w.startsWith('@')) return '@_';
      const bare = w.replace(/[^a-z0-9']/g, '');
      if (/^\d+$/.test(bare)) return '#';
      return TOPIC_WORDS.has(bare) ? '_' : bare;
    })
    .join(' ');
}

/** A content phrase both texts contain: two content words in a row (stop words aside) in each. */
export function sharedPhrase(reply: string, parent: string): string | null {
  const bigrams = (ws: string[]) => new Set(ws.slice(1).map((w, i) => `${ws[i]} ${w}`));
  const theirs = bigrams(contentWords(parent));
  for (const b of bigrams(contentWords(reply))) if (theirs.has(b)) return b;
  return null;
}

function ngrams(text: string, n = 3): Map<string, number> {
  const s = ` ${text.toLowerCase().replace(/@[a-z0-9_-]+/g, '@').replace(/\s+/g, ' ')} `;
  const out = new Map<string, number>();
  for (let i = 0; i + n <= s.length; i++) out.set(s.slice(i, i + n), (out.get(s.slice(i, i + n)) ?? 0) + 1);
  return out;
}

function unit(v: Map<string, number>): Map<string, number> {
  const norm = Math.sqrt([...v.values()].reduce((s, x) => s + x * x, 0)) || 1;
  return new Map([...v].map(([k, x]) => [k, x / norm]));
}

/**
 * Nearest-centroid authorship on character trigrams (handles masked): trained on the even posts,
 * tested on the odd ones. Returns the share of test posts attributed to their real author.
 */
export function styleAccuracy(posts: Post[]): number {
  const text = (p: Post) => `${p.title ?? ''} ${p.body}`;
  const train = posts.filter((_, i) => i % 2 === 0);
  const test = posts.filter((_, i) => i % 2 === 1);
  const centroids = new Map<string, Map<string, number>>();
  for (const p of train) {
    const c = centroids.get(p.author) ?? new Map<string, number>();
    for (const [k, x] of unit(ngrams(text(p)))) c.set(k, (c.get(k) ?? 0) + x);
    centroids.set(p.author, c);
  }
  const unitCentroids = [...centroids].map(([a, c]) => [a, unit(c)] as const);
  let right = 0;
  for (const p of test) {
    const v = unit(ngrams(text(p)));
    let best = '';
    let bestScore = -1;
    for (const [a, c] of unitCentroids) {
      let dot = 0;
      for (const [k, x] of v) dot += x * (c.get(k) ?? 0);
      if (dot > bestScore) [best, bestScore] = [a, dot];
    }
    if (best === p.author) right++;
  }
  return test.length ? right / test.length : 0;
}

export interface WritingFigures {
  posts: number;
  threads: number;
  replies: number;
  sentences: number;
  distinctSentenceShare: number;
  /** Sentences written by more than one bot, with the bots. */
  sharedSentences: { sentence: string; bots: string[]; uses: number }[];
  /** Title and opening patterns used by more than two bots. */
  /** The sentences written most often, whoever wrote them. */
  repeatedSentences: { sentence: string; bots: string[]; uses: number }[];
  sharedPatterns: { pattern: string; where: 'title' | 'opening'; bots: string[] }[];
  repliesSharingPhrase: number;
  repliesWithoutPhrase: { reply: string; parent: string }[];
  styleAccuracy: number;
  authors: Record<string, number>;
}

export function measureWriting(posts: Post[]): WritingFigures {
  const bySentence = new Map<string, { bots: Set<string>; uses: number; shown: string }>();
  let total = 0;
  for (const p of posts) {
    for (const s of [...(p.title ? [p.title] : []), ...sentences(p.body)]) {
      const key = s.toLowerCase().replace(/\s+/g, ' ');
      const e = bySentence.get(key) ?? { bots: new Set<string>(), uses: 0, shown: s };
      e.bots.add(p.author);
      e.uses++;
      bySentence.set(key, e);
      total++;
    }
  }
  const patterns = new Map<string, { where: 'title' | 'opening'; bots: Set<string> }>();
  const note = (where: 'title' | 'opening', text: string, bot: string) => {
    const key = `${where}|${openingPattern(text)}`;
    const e = patterns.get(key) ?? { where, bots: new Set<string>() };
    e.bots.add(bot);
    patterns.set(key, e);
  };
  for (const p of posts) {
    if (p.title) note('title', p.title, p.author);
    note('opening', p.body, p.author);
  }
  const replies = posts.filter((p) => p.kind === 'reply');
  const without = replies.filter((r) => !sharedPhrase(r.body, r.parent ?? ''));
  const authors: Record<string, number> = {};
  for (const p of posts) authors[p.author] = (authors[p.author] ?? 0) + 1;
  return {
    posts: posts.length,
    threads: posts.length - replies.length,
    replies: replies.length,
    sentences: total,
    distinctSentenceShare: total ? bySentence.size / total : 1,
    sharedSentences: [...bySentence.values()]
      .filter((e) => e.bots.size > 1)
      .sort((a, b) => b.uses - a.uses)
      .map((e) => ({ sentence: e.shown, bots: [...e.bots], uses: e.uses })),
    repeatedSentences: [...bySentence.values()]
      .filter((e) => e.uses > 1)
      .sort((a, b) => b.uses - a.uses)
      .map((e) => ({ sentence: e.shown, bots: [...e.bots], uses: e.uses })),
    sharedPatterns: [...patterns]
      .filter(([, e]) => e.bots.size > 2)
      .map(([k, e]) => ({ pattern: k.slice(k.indexOf('|') + 1), where: e.where, bots: [...e.bots] })),
    repliesSharingPhrase: replies.length - without.length,
    repliesWithoutPhrase: without.map((r) => ({ reply: r.body, parent: r.parent ?? '' })),
    styleAccuracy: styleAccuracy(posts),
    authors,
  };
}

/**
 * Warm memory that repeats itself, recomputed from the table: rows of one bot and kind whose
 * content matches once case and punctuation are set aside (relationships: more than one row per
 * pair), and facts that record a failure instead of something learned.
 */
export async function memoryRepeats(sql: Sql) {
  const [dup] = await sql`
    SELECT coalesce(sum(n - 1), 0)::int AS extra, count(*)::int AS groups, coalesce(max(n), 0)::int AS worst FROM (
      SELECT count(*) AS n FROM memory_items WHERE kind <> 'relationship'
       GROUP BY bot_id, kind, lower(regexp_replace(content, '[^[:alnum:]]+', ' ', 'g')) HAVING count(*) > 1
      UNION ALL
      SELECT count(*) FROM memory_items WHERE kind = 'relationship' GROUP BY bot_id, about_bot_id HAVING count(*) > 1) d`;
  const [failed] = await sql`SELECT count(*)::int AS n FROM memory_items WHERE kind = 'fact' AND content ~* '(fail|could not|error)'`;
  const [total] = await sql`SELECT count(*)::int AS n FROM memory_items`;
  return { items: total!.n as number, extraCopies: dup!.extra as number, repeatedGroups: dup!.groups as number, worstCopies: dup!.worst as number, failureFacts: failed!.n as number };
}

import { describe, expect, test } from 'bun:test';
import OpenAI from 'openai';
import { ACTION_TOOLS, parseModelAnswer } from '../src/bots/actions.ts';
import type { HeartbeatContext } from '../src/bots/context.ts';
import { buildHeartbeatPrompt } from '../src/bots/prompt.ts';
import { anyPhrase, quotable } from '../src/llm/sim/phrases.ts';
import { createRng } from '../src/llm/sim/random.ts';
import { simulatedModelRoutes } from '../src/llm/sim/routes.ts';
import { DEMO_COMMUNITY } from '../src/demo/community.ts';

// The simulated model reached exactly as a real provider is: the openai SDK over its HTTP route.
const sim = simulatedModelRoutes();
const client = new OpenAI({ baseURL: 'http://sim.test/sim/v1', apiKey: 'sim', maxRetries: 0, fetch: (url, init) => sim.handle(new Request(url, init)) });

function context(seedIndex: number, feedSize = 3): HeartbeatContext {
  const b = DEMO_COMMUNITY[seedIndex]!;
  const others = DEMO_COMMUNITY.filter((x) => x.handle !== b.handle);
  return {
    now: '2026-11-27T12:00:00.000Z',
    bot: {
      id: '00000000-0000-4000-8000-000000000000', handle: b.handle, name: b.name, originStory: b.originStory, traits: b.traits,
      communicationStyle: b.communicationStyle, interests: b.interests, quirks: b.quirks, levels: b.levels,
      engagementStyle: b.engagementStyle, reputation: 3, upvotes: 4, downvotes: 1,
    },
    roster: others.map((o) => ({ handle: o.handle, name: o.name, interests: o.interests, reputation: 0, following: false })),
    hotMemory: [],
    warmMemories: [],
    recentPosts: [],
    feed: Array.from({ length: feedSize }, (_, i) => ({
      id: `00000000-0000-4000-8000-00000000000${i + 1}`,
      title: `Thread ${i} about ${others[i]!.interests[0]}`,
      body: 'Something worth arguing about, with enough words to quote.',
      author: others[i]!.handle, tags: [], score: 0, replyCount: i, at: '2026-11-27T11:00:00.000Z', myVote: null, replies: [],
    })),
  };
}

const ask = (ctx: HeartbeatContext, seed: number, tools = true) =>
  client.chat.completions.create({ model: 'chorus-sim-1', messages: buildHeartbeatPrompt(ctx), seed, max_tokens: 400, ...(tools ? { tools: ACTION_TOOLS } : {}) });

describe('the simulated model', () => {
  test('answers through the openai SDK with exactly one valid tool call and usage', async () => {
    const res = await ask(context(0), 1);
    expect(res.choices[0]!.message.tool_calls?.length).toBe(1);
    expect(res.usage!.prompt_tokens).toBeGreaterThan(200);
    expect(res.usage!.completion_tokens).toBeGreaterThan(0);
    const call = res.choices[0]!.message.tool_calls![0]!;
    const parsed = parseModelAnswer({ content: null, toolCalls: [{ name: call.type === 'function' ? call.function.name : '', arguments: call.type === 'function' ? call.function.arguments : '' }] });
    expect(parsed.ok).toBe(true);
  });

  test('is deterministic for a given seed and varies across seeds', async () => {
    const ctx = context(4);
    const one = JSON.stringify((await ask(ctx, 7)).choices[0]!.message.tool_calls);
    const again = JSON.stringify((await ask(ctx, 7)).choices[0]!.message.tool_calls);
    expect(again).toBe(one);
    const others = new Set<string>();
    for (let s = 0; s < 20; s++) {
      const c = (await ask(ctx, s)).choices[0]!.message.tool_calls?.[0];
      others.add(c?.type === 'function' ? `${c.function.name}${c.function.arguments}` : '');
    }
    expect(others.size).toBeGreaterThan(10);
  });

  test('the same feed read later, every time shifted alike, gives the same answer: the clock is not part of the seed', async () => {
    const ctx = context(2);
    const shift = (iso: string) => new Date(Date.parse(iso) + 37 * 60_000).toISOString();
    const later = { ...ctx, now: shift(ctx.now), feed: ctx.feed.map((t) => ({ ...t, at: shift(t.at) })) };
    const call = async (c: HeartbeatContext) => {
      const t = (await ask(c, 3)).choices[0]!.message.tool_calls?.[0];
      return t?.type === 'function' ? `${t.function.name}${t.function.arguments}` : '';
    };
    const one = await call(ctx);
    expect(one).not.toBe('');
    expect(await call(later)).toBe(one);
  });

  test('the same feed on another database, where every id differs, gives the same answer: ids are not part of the seed', async () => {
    const ctx = context(3, 5);
    const other = (id: string) => id.replace(/^00000000/, 'abcdef12');
    const elsewhere = { ...ctx, feed: ctx.feed.map((t) => ({ ...t, id: other(t.id) })) };
    const call = async (c: HeartbeatContext, seed: number) => {
      const t = (await ask(c, seed)).choices[0]!.message.tool_calls?.[0];
      return t?.type === 'function' ? `${t.function.name}${t.function.arguments}`.replace(/abcdef12/g, '00000000') : '';
    };
    for (let seed = 0; seed < 10; seed++) expect(await call(elsewhere, seed)).toBe(await call(ctx, seed));
  });

  test('a one-liner with nothing worth quoting is quoted one sentence at most, the one that says most', () => {
    expect(anyPhrase('polyrhythms. obviously. their pop charts are all 3 against 2.').text).toBe('their pop charts are all 3 against 2');
    expect(anyPhrase('Score so far: one for, one against, both with reasons. Who has not been heard yet?').text).toBe('Score so far: one for, one against, both with reasons');
    expect(anyPhrase('ok.').text).toBe('ok');
  });

  test('a quotation is word for word: a handle, an aside or a footnote in the middle of a clause ends it, never gets stitched over', () => {
    for (const post of [
      'I tried polyrhythms (badly) on the drums all weekend long',
      'Thanks @forge for the careful data about caffeine trials',
      'Kelp forests recover [1] faster than coral reefs after storms',
      'Measured twice  then measured again with better instruments',
      'polyrhythms @static obviously wonderful',
    ]) {
      for (let seed = 0; seed < 5; seed++) {
        const q = quotable(createRng(seed), post) ?? anyPhrase(post);
        expect({ post, quote: q.text, verbatim: post.includes(q.text) }).toEqual({ post, quote: q.text, verbatim: true });
      }
      expect({ post, quote: anyPhrase(post).text, verbatim: post.includes(anyPhrase(post).text) }).toMatchObject({ verbatim: true });
    }
  });

  test('a quotation carries two words of content: "were a song" answers nothing the post said', () => {
    expect(quotable(createRng(1), 'And if "anecdotes about statistics" were a song, how would it go?')).toBeNull();
  });

  test('bots act in character: the instigator starts more threads, the lurker holds back', async () => {
    const tally = async (index: number) => {
      const counts: Record<string, number> = {};
      for (let s = 0; s < 120; s++) {
        const call = (await ask(context(index, 6), s)).choices[0]!.message.tool_calls![0]!;
        const name = call.type === 'function' ? call.function.name : '?';
        counts[name] = (counts[name] ?? 0) + 1;
      }
      return counts;
    };
    const forge = await tally(DEMO_COMMUNITY.findIndex((b) => b.handle === 'forge'));
    const tidepool = await tally(DEMO_COMMUNITY.findIndex((b) => b.handle === 'tidepool'));
    expect(forge.create_thread ?? 0).toBeGreaterThan(2 * (tidepool.create_thread ?? 0));
    expect(tidepool.do_nothing ?? 0).toBeGreaterThan(forge.do_nothing ?? 0);
    expect((tidepool.vote ?? 0) + (tidepool.do_nothing ?? 0)).toBeGreaterThan(60);
  });

  test('threads carry the bot\'s voice and its interests', async () => {
    const ctx = context(DEMO_COMMUNITY.findIndex((b) => b.handle === 'null-hypothesis'), 0);
    const texts: string[] = [];
    for (let s = 0; s < 40; s++) {
      const call = (await ask(ctx, s)).choices[0]!.message.tool_calls![0]!;
      if (call.type === 'function' && call.function.name === 'create_thread') texts.push(call.function.arguments);
    }
    expect(texts.length).toBeGreaterThan(5);
    expect(texts.some((t) => /confidence: \d+%|evidence|sample size|not convinced/.test(t))).toBe(true);
    const interests = DEMO_COMMUNITY.find((b) => b.handle === 'null-hypothesis')!.interests;
    expect(texts.every((t) => interests.some((i) => t.toLowerCase().includes(i)))).toBe(true);
  });

  test('without tools it answers with a JSON action, and it refuses unknown models like OpenAI does', async () => {
    const res = await ask(context(1), 3, false);
    expect(parseModelAnswer({ content: res.choices[0]!.message.content, toolCalls: [] }).ok).toBe(true);
    const err = await client.chat.completions.create({ model: 'gpt-9', messages: [{ role: 'user', content: 'hi' }] }).catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
  });
});

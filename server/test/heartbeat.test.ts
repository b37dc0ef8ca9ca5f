import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { loadConfig } from '../src/config/index.ts';
import { silentLogger } from '../src/log.ts';
import { runHeartbeat } from '../src/bots/heartbeat.ts';
import { createServices, type Services } from '../src/services.ts';
import { insertBot, insertThread } from './support/bots.ts';
import { startFakeLlm, startFakeWikipedia, type FakeLlm, type FakeWikipedia } from './support/fake-servers.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.ts';

let db: TestDatabase;
let llm: FakeLlm;
let wiki: FakeWikipedia;
let services: Services;

const services_ = (env: Record<string, string> = {}) =>
  createServices(
    loadConfig({
      CHORUS_PROVIDERS: `fake=${llm.baseURL}`,
      CHORUS_WEB_SEARCH: 'wikipedia',
      CHORUS_WIKIPEDIA_URL: wiki.baseURL,
      CHORUS_LLM_MAX_RETRIES: '0',
      ...env,
    }),
    db.sql,
    silentLogger,
  );

async function beat(botId: string, s: Services = services) {
  const claim = await s.orchestrator.runNow(botId);
  expect(claim).not.toBeNull();
  const [activity] = await db.sql`SELECT * FROM activity WHERE heartbeat_id = ${claim!.heartbeatId}`;
  const [heartbeat] = await db.sql`SELECT * FROM heartbeats WHERE id = ${claim!.heartbeatId}`;
  const calls = await db.sql`SELECT * FROM llm_calls WHERE heartbeat_id = ${claim!.heartbeatId} AND purpose = 'action'`;
  const memoryCalls = await db.sql`SELECT * FROM llm_calls WHERE heartbeat_id = ${claim!.heartbeatId} AND purpose <> 'action'`;
  return { activity: activity!, heartbeat: heartbeat!, calls, memoryCalls };
}

const fakeBot = (cols: Record<string, unknown> = {}) => insertBot(db.sql, { provider: 'fake', model: 'fake-model', ...cols });

beforeAll(async () => {
  db = await createTestDatabase();
  llm = startFakeLlm({ kind: 'text', content: 'hello' });
  wiki = startFakeWikipedia();
  services = services_();
  await db.sql`INSERT INTO model_prices VALUES ('fake', 'fake-model', 1, 0.5, 2, 128000, 4096, false)`;
});
afterAll(async () => {
  llm.stop();
  wiki.stop();
  await db.drop();
});

describe('a heartbeat', () => {
  test('with the simulated model: an action through the SDK, priced at $0, recorded with its usage', async () => {
    const author = await insertBot(db.sql);
    await insertThread(db.sql, author);
    const bot = await insertBot(db.sql, { provider: 'sim', model: 'chorus-sim-1', creativity: 90 });
    const { activity, heartbeat, calls, memoryCalls } = await beat(bot);
    expect(heartbeat.outcome).toBe('acted');
    // what to remember is decided by a second, cheaper call, counted like any other
    expect(memoryCalls.map((c) => [c.purpose, c.model, c.status])).toEqual([['memory_extraction', 'chorus-sim-mini', 'ok']]);
    expect(['create_thread', 'reply', 'vote', 'follow', 'web_search', 'do_nothing']).toContain(activity.action);
    expect(calls.length).toBe(1);
    expect(calls[0]).toMatchObject({ status: 'ok', purpose: 'action', provider: 'sim', cost_usd: '0.000000' });
    expect(calls[0]!.input_tokens).toBeGreaterThan(100);
    expect(activity.tokens).toBe(calls[0]!.input_tokens + calls[0]!.output_tokens);
  });

  test('a heartbeat the sweep already abandoned stays abandoned: its late action is not applied', async () => {
    const author = await insertBot(db.sql);
    await insertThread(db.sql, author);
    const bot = await insertBot(db.sql, { provider: 'sim', model: 'chorus-sim-1', creativity: 90 });
    const [hb] = await db.sql<{ id: string; slot: Date }[]>`
      INSERT INTO heartbeats (bot_id, slot, trigger, worker, deadline_at) VALUES (${bot}, now(), 'schedule', 'gone', now() + interval '1 minute') RETURNING id, slot`;
    // The model is slow and the deadline passes: the sweep closes the row while the call is out.
    await db.sql`UPDATE heartbeats SET finished_at = now(), outcome = 'abandoned', error = 'passed its deadline' WHERE id = ${hb!.id}`;
    const result = await runHeartbeat(services.heartbeat, { heartbeatId: hb!.id, botId: bot, slot: hb!.slot });
    expect(result.outcome).toBe('closed');
    const [row] = await db.sql`SELECT outcome, error FROM heartbeats WHERE id = ${hb!.id}`;
    expect(row).toEqual({ outcome: 'abandoned', error: 'passed its deadline' });
    expect([...(await db.sql`SELECT id FROM activity WHERE heartbeat_id = ${hb!.id} OR bot_id = ${bot}`)]).toEqual([]);
    // The call it made is still paid for.
    const calls = await db.sql`SELECT status FROM llm_calls WHERE heartbeat_id = ${hb!.id} AND purpose = 'action'`;
    expect(calls.map((c) => c.status)).toEqual(['ok']);
  });

  test('a paused bot does nothing and calls no model', async () => {
    const bot = await fakeBot({ paused: true });
    const before = llm.requests.length;
    const { activity, heartbeat, calls } = await beat(bot);
    expect(activity).toMatchObject({ action: 'do_nothing', reason: 'paused' });
    expect(heartbeat.outcome).toBe('skipped');
    expect(calls.length).toBe(0);
    expect(llm.requests.length).toBe(before);
  });

  test('a bot at its cap does nothing, says why, and calls no model', async () => {
    const bot = await fakeBot({ daily_token_cap: 300 });
    const before = llm.requests.length;
    const { activity, calls } = await beat(bot);
    expect(activity.action).toBe('do_nothing');
    expect(activity.summary).toBe('did nothing: daily token cap reached');
    expect(activity.reason).toContain('> 300');
    expect(calls.length).toBe(0);
    expect(llm.requests.length).toBe(before);
  });

  test('unparseable output becomes do_nothing with the raw answer kept, and its usage is still counted', async () => {
    llm.behave({ kind: 'text', content: 'I refuse to pick a tool. <<garbage>>' });
    const bot = await fakeBot();
    const { activity, calls } = await beat(bot);
    expect(activity.action).toBe('do_nothing');
    expect(activity.details.raw).toContain('<<garbage>>');
    expect(activity.details.invalid).toContain('no tool call');
    expect(calls[0]).toMatchObject({ status: 'ok', input_tokens: 120, output_tokens: 30 });
    // 120 input at $1/M + 30 output at $2/M
    expect(Number(calls[0]!.cost_usd)).toBeCloseTo(0.00018, 8);
  });

  test('cached prompt tokens are priced at the cached rate', async () => {
    llm.behave({ kind: 'tool', name: 'do_nothing', arguments: '{"reason":"resting"}', usage: { prompt: 1000, completion: 100, cached: 600 } });
    const { calls } = await beat(await fakeBot());
    // 400 × $1/M + 600 × $0.5/M + 100 × $2/M
    expect(Number(calls[0]!.cost_usd)).toBeCloseTo(0.0009, 8);
    expect(calls[0]!.cached_tokens).toBe(600);
  });

  test('a failing provider records an error activity and the bot carries on next time', async () => {
    llm.behave({ kind: 'status', status: 500 });
    const bot = await fakeBot();
    const { activity, heartbeat, calls } = await beat(bot);
    expect(activity.action).toBe('error');
    // The feed's line is a sentence; the exact failure is its detail (reason) and in the details.
    expect(activity.summary).toBe('could not think: the provider failed');
    expect(activity.reason).toBe('fake: HTTP 500: the provider failed');
    expect(activity.details).toMatchObject({ kind: 'http', status: 500 });
    expect(heartbeat.outcome).toBe('failed');
    // A 5xx may still have been billed: charged at its reservation.
    expect(calls[0]!.status).toBe('error');
    expect(Number(calls[0]!.cost_usd)).toBeCloseTo(Number(calls[0]!.reserved_usd), 8);
    expect(calls[0]!.input_tokens).toBeGreaterThan(0);
    const [b] = await db.sql`SELECT last_error FROM bots WHERE id = ${bot}`;
    expect(b!.last_error).toContain('HTTP 500');

    llm.behave({ kind: 'tool', name: 'do_nothing', arguments: '{"reason":"back"}' });
    const next = await beat(bot);
    expect(next.activity.action).toBe('do_nothing');
    const [after] = await db.sql`SELECT last_error FROM bots WHERE id = ${bot}`;
    expect(after!.last_error).toBeNull();
  });

  test('429 and 5xx are retried with backoff before giving up', async () => {
    llm.behave({ kind: 'status', status: 503 });
    const retrying = services_({ CHORUS_LLM_MAX_RETRIES: '2' });
    const before = llm.requests.length;
    const { activity } = await beat(await fakeBot(), retrying);
    expect(activity.action).toBe('error');
    expect(activity.summary).toBe('could not think: the provider failed (3 tries)');
    expect(llm.requests.length - before).toBe(3);
  });

  test('a model that sleeps past the timeout is an error charged at its reservation', async () => {
    llm.behave({ kind: 'sleep', ms: 3000 });
    const impatient = services_({ CHORUS_LLM_TIMEOUT_MS: '1000' });
    const { activity, calls } = await beat(await fakeBot(), impatient);
    expect(activity.action).toBe('error');
    expect(activity.summary).toBe('could not think: its model did not answer in time');
    expect(activity.details.kind).toBe('timeout');
    expect(calls[0]!.status).toBe('error');
    expect(Number(calls[0]!.cost_usd)).toBeCloseTo(Number(calls[0]!.reserved_usd), 8);
  });

  test('every request the provider gets was reserved first: a hang, a 5xx and a refusal of tools, then an answer', async () => {
    const author = await insertBot(db.sql);
    const thread = await insertThread(db.sql, author);
    const answer = `{"action":"reply","thread_id":"${thread}","body":"Fourth time lucky."}`;
    llm.behave({ kind: 'sequence', steps: [{ kind: 'sleep', ms: 4000 }, { kind: 'status', status: 503 }, { kind: 'no-tools', content: answer }, { kind: 'no-tools', content: answer }] });
    const retrying = services_({ CHORUS_LLM_MAX_RETRIES: '2', CHORUS_LLM_TIMEOUT_MS: '1000' });
    const before = llm.requests.length;
    const { activity, calls, memoryCalls } = await beat(await fakeBot(), retrying);
    // The action's requests come first; memory work after the reply makes its own, metered too.
    expect(llm.requests.length - before).toBe(4 + memoryCalls.length);
    const sent = llm.requests.slice(before, before + 4);
    expect(activity.action).toBe('reply');
    // hang, 503, tools refused, asked again without tools: four requests, four reservations
    expect(sent.map((r) => Boolean(r.tools))).toEqual([true, true, true, false]);
    expect(calls.length).toBe(sent.length);
    // What the provider could bill for each: the worst case of the two it left unanswered, nothing
    // for the refusal, the usage it reported.
    const couldBill = sent.reduce((n, r) => n + r.billable, 0);
    const recorded = calls.reduce((n, c) => n + c.input_tokens + c.output_tokens, 0);
    expect(recorded).toBeGreaterThanOrEqual(couldBill);
    expect(calls.every((c) => c.status !== 'reserved' && Number(c.cost_usd) <= Number(c.reserved_usd) + 1e-9)).toBe(true);
    expect(activity.tokens).toBe(recorded);
  });

  test('retries stop at the cap: spend never passes it, and each request sent was reserved', async () => {
    llm.behave({ kind: 'status', status: 502 });
    const retrying = services_({ CHORUS_LLM_MAX_RETRIES: '10', CHORUS_LLM_TIMEOUT_MS: '1000' });
    const probe = await fakeBot();
    // One attempt's worst case, measured: the cap leaves room for two and a half of them.
    const first = await beat(probe);
    const oneAttempt = first.calls[0]!.reserved_tokens as number;
    const bot = await fakeBot({ daily_token_cap: Math.floor(oneAttempt * 2.5) });
    const before = llm.requests.length;
    const { activity, calls } = await beat(bot, retrying);
    expect(activity.action).toBe('error');
    expect(llm.requests.length - before).toBe(2);
    expect(calls.length).toBe(2);
    const [u] = await db.sql`SELECT tokens, reserved_tokens FROM daily_usage WHERE bot_id = ${bot} AND day = chorus_utc_today()`;
    expect(Number(u!.reserved_tokens)).toBe(0);
    expect(Number(u!.tokens)).toBeLessThanOrEqual(Math.floor(oneAttempt * 2.5));
    expect(Number(u!.tokens)).toBe(calls.reduce((n, c) => n + c.input_tokens + c.output_tokens, 0));
  }, 60_000);

  test('a model without tool support is asked again for JSON', async () => {
    const author = await insertBot(db.sql);
    const thread = await insertThread(db.sql, author);
    llm.behave({ kind: 'no-tools', content: `{"action":"reply","thread_id":"${thread}","body":"JSON works too."}` });
    const { activity } = await beat(await fakeBot());
    expect(activity.action).toBe('reply');
    const [reply] = await db.sql`SELECT body FROM replies WHERE id = ${activity.reply_id}`;
    expect(reply!.body).toBe('JSON works too.');
  });

  test('an action the community does not allow becomes do_nothing, in the same transaction', async () => {
    const bot = await fakeBot();
    const own = await insertThread(db.sql, bot);
    llm.behave({ kind: 'tool', name: 'vote', arguments: JSON.stringify({ target_type: 'thread', target_id: own, value: 1 }) });
    const { activity } = await beat(bot);
    expect(activity.action).toBe('do_nothing');
    expect(activity.summary).toBe('did nothing: bots cannot vote on their own posts');
    expect(activity.reason).toContain('cannot vote on their own posts');
    const [t] = await db.sql`SELECT score FROM threads WHERE id = ${own}`;
    expect(t!.score).toBe(0);
  });

  test('a refusal that names ids reads as a sentence in the feed, the ids kept in its detail', async () => {
    const missing = crypto.randomUUID();
    llm.behave({ kind: 'tool', name: 'reply', arguments: JSON.stringify({ thread_id: missing, body: 'Into the void.' }) });
    const { activity } = await beat(await fakeBot());
    expect(activity.action).toBe('do_nothing');
    expect(activity.summary).toBe('did nothing: the thread it chose to reply in is not there');
    expect(activity.summary).not.toContain(missing);
    expect(activity.reason).toBe(`thread ${missing} does not exist`);
  });

  test('votes, replies and follows land with their activity', async () => {
    const author = await insertBot(db.sql, { handle: 'target-author' });
    const thread = await insertThread(db.sql, author);
    const bot = await fakeBot();
    llm.behave({ kind: 'tool', name: 'vote', arguments: JSON.stringify({ target_type: 'thread', target_id: thread, value: 1 }) });
    expect((await beat(bot)).activity).toMatchObject({ action: 'vote', target_bot_id: author, thread_id: thread });
    llm.behave({ kind: 'tool', name: 'vote', arguments: JSON.stringify({ target_type: 'thread', target_id: thread, value: -1 }) });
    await beat(bot);
    const [a] = await db.sql`SELECT reputation, upvotes, downvotes FROM bots WHERE id = ${author}`;
    expect(a).toEqual({ reputation: -1, upvotes: 0, downvotes: 1 });
    llm.behave({ kind: 'tool', name: 'follow', arguments: '{"bot_handle":"target-author"}' });
    expect((await beat(bot)).activity.summary).toBe('followed @target-author');
    const [f] = await db.sql`SELECT count(*)::int AS n FROM follows WHERE follower_id = ${bot} AND followee_id = ${author}`;
    expect(f!.n).toBe(1);
  });

  test('web search stores what it found as warm facts with their source', async () => {
    llm.behave({ kind: 'tool', name: 'web_search', arguments: '{"query":"tide pools"}' });
    const bot = await fakeBot();
    const { activity } = await beat(bot);
    expect(activity.action).toBe('web_search');
    expect(wiki.queries).toContain('tide pools');
    const facts = await db.sql`SELECT content, source, learned_on FROM memory_items WHERE bot_id = ${bot} AND kind = 'fact' ORDER BY content`;
    expect(facts.length).toBe(2);
    expect(facts[0]!.content).toContain('tide pools 0: About tide pools — The tide pools article number 0');
    expect(facts[0]!.source).toBe(`${wiki.baseURL}/wiki/tide_pools_0`);
  });

  test('with no network, web search finds what it can in the offline notes, and says that is where it looked', async () => {
    const offline = services_({ CHORUS_WIKIPEDIA_URL: 'http://127.0.0.1:9' });
    llm.behave({ kind: 'tool', name: 'web_search', arguments: '{"query":"history of ocean currents"}' });
    const bot = await fakeBot();
    const { activity, heartbeat } = await beat(bot, offline);
    expect(heartbeat.outcome).toBe('acted');
    expect(activity.summary).toMatch(/^searched for “history of ocean currents” in Chorus's offline notes and learned [1-3] facts?$/);
    const facts = await db.sql`SELECT content, source FROM memory_items WHERE bot_id = ${bot} AND kind = 'fact'`;
    expect(facts.map((f) => f.source)).toContain('chorus:offline-notes/ocean-currents');
    expect(facts.find((f) => f.source === 'chorus:offline-notes/ocean-currents')!.content).toContain('Gulf Stream');
  });

  test('a search that cannot be done shows a sentence in the feed, keeps the cause in the details, and stores nothing', async () => {
    const cases = [
      [{ CHORUS_WIKIPEDIA_URL: `${wiki.baseURL}/gone` }, 'Wikipedia answered with an error', 'HTTP 404'],
      [{ CHORUS_WEB_SEARCH: 'off' }, 'web search is switched off', 'CHORUS_WEB_SEARCH=off'],
    ] as const;
    for (const [env, sentence, cause] of cases) {
      llm.behave({ kind: 'tool', name: 'web_search', arguments: '{"query":"anything"}' });
      const bot = await fakeBot();
      const { activity, heartbeat } = await beat(bot, services_(env));
      expect(heartbeat.outcome).toBe('acted');
      expect(activity.summary).toBe(`tried to look up “anything”, but ${sentence}`);
      expect(activity.summary).not.toContain(cause);
      expect(activity.details.error).toContain(cause);
      // The feed offers the cause under the sentence.
      expect(activity.reason).toContain(cause);
      const [n] = await db.sql`SELECT count(*)::int AS n FROM memory_items WHERE bot_id = ${bot}`;
      expect(n!.n).toBe(0);
    }
  });
});

describe('the model seed', () => {
  test('follows the bot and the slot, not the random id: one seed gives one community on any database', async () => {
    const slot = new Date(Date.UTC(2026, 0, 1, 12));
    const seedOn = async (d: TestDatabase, handle: string) => {
      await d.sql`INSERT INTO model_prices VALUES ('fake', 'fake-model', 1, 0.5, 2, 128000, 4096, false) ON CONFLICT DO NOTHING`;
      const s = createServices(loadConfig({ CHORUS_PROVIDERS: `fake=${llm.baseURL}`, CHORUS_WEB_SEARCH: 'off', CHORUS_LLM_MAX_RETRIES: '0' }), d.sql, silentLogger);
      const bot = await insertBot(d.sql, { handle, provider: 'fake', model: 'fake-model' });
      const [hb] = await d.sql`
        INSERT INTO heartbeats (bot_id, slot, trigger, worker, deadline_at)
        VALUES (${bot}, ${slot}, 'manual', 'seed-test', now() + interval '5 minutes') RETURNING id`;
      const before = llm.requests.length;
      await runHeartbeat(s.heartbeat, { heartbeatId: hb!.id, botId: bot, slot });
      return llm.requests.slice(before).find((r) => r.tools)?.seed;
    };
    const other = await createTestDatabase();
    try {
      const here = await seedOn(db, 'seed-keeper');
      expect(here).toBeNumber();
      expect(await seedOn(other, 'seed-keeper')).toBe(here);
      expect(await seedOn(other, 'seed-other')).not.toBe(here);
    } finally {
      await other.drop();
    }
  }, 30_000);
});

/**
 * Random and hostile model output through a local OpenAI-compatible server: whatever the model
 * says, a heartbeat ends with a valid activity row and the community's invariants hold.
 */
import type { Sql } from '../../src/db/client.ts';
import { loadConfig } from '../../src/config/index.ts';
import { silentLogger } from '../../src/log.ts';
import { createServices } from '../../src/services.ts';
import { hostileString, hostileValue, pick, type Rng } from './inputs.ts';
import type { FuzzRow } from './http-fuzz.ts';

const NAMES = ['create_thread', 'reply', 'vote', 'follow', 'web_search', 'do_nothing', 'drop_table', '', 'reply; --'];

function hostileAnswer(rng: Rng, ids: string[], handles: string[]) {
  const r = rng();
  const args = () => {
    const a: Record<string, unknown> = {};
    for (const k of ['title', 'body', 'tags', 'thread_id', 'parent_reply_id', 'target_type', 'target_id', 'value', 'bot_handle', 'query', 'reason']) {
      if (rng() < 0.6) a[k] = rng() < 0.4 ? pick(rng, [...ids, ...handles, 'thread', 'reply', 1, -1]) : hostileValue(rng);
    }
    return a;
  };
  if (r < 0.15) return { content: hostileString(rng), tool_calls: undefined };
  if (r < 0.25) return { content: `Sure! {"action": "${pick(rng, NAMES)}", ${JSON.stringify(args()).slice(1)}`, tool_calls: undefined };
  if (r < 0.3) return { content: null, tool_calls: [] };
  const calls = Array.from({ length: rng() < 0.1 ? 2 : 1 }, (_, i) => ({
    id: `call_${i}`,
    type: 'function',
    function: { name: pick(rng, NAMES), arguments: rng() < 0.1 ? hostileString(rng) : JSON.stringify(args()) },
  }));
  return { content: rng() < 0.2 ? hostileString(rng) : null, tool_calls: calls };
}

export async function fuzzModelOutput(opts: { sql: Sql; iterations: number; rng: Rng }): Promise<FuzzRow> {
  const row: FuzzRow = { target: 'model output → heartbeat', tried: 0, refused: 0, accepted: 0, failures: [] };
  const ids = (await opts.sql`SELECT id::text AS id FROM threads UNION ALL SELECT id::text FROM replies LIMIT 20`).map((r) => r.id as string);
  const handles = (await opts.sql`SELECT handle FROM bots`).map((r) => r.handle as string);
  const server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch: async (req) => {
      await req.arrayBuffer();
      const answer = hostileAnswer(opts.rng, ids, handles);
      const usage = opts.rng() < 0.1 ? { prompt_tokens: -5, completion_tokens: 'many' } : { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 };
      return Response.json({ id: 'x', object: 'chat.completion', created: 0, model: 'm', choices: [{ index: 0, message: { role: 'assistant', ...answer }, finish_reason: 'stop' }], usage });
    },
  });
  try {
    const services = createServices(loadConfig({ CHORUS_PROVIDERS: `hostile=http://127.0.0.1:${server.port}/v1`, CHORUS_WEB_SEARCH: 'off', CHORUS_LLM_MAX_RETRIES: '0' }), opts.sql, silentLogger);
    const [bot] = await opts.sql`INSERT INTO bots (handle, name, provider, model) VALUES (${`fuzz-${Date.now().toString(36)}`}, 'Fuzz', 'hostile', 'm') RETURNING id`;
    for (let i = 0; i < opts.iterations; i++) {
      row.tried++;
      try {
        const claim = await services.orchestrator.runNow(bot!.id);
        const [a] = await opts.sql`SELECT action, thread_id, reply_id, target_bot_id FROM activity WHERE heartbeat_id = ${claim!.heartbeatId}`;
        if (!a) row.failures.push('a heartbeat left no activity row');
        else if (a.action === 'do_nothing' || a.action === 'error') row.refused++;
        else {
          const wrong = await invalidAction(opts.sql, bot!.id, a);
          if (wrong) row.failures.push(`${a.action} written but ${wrong}`);
          else row.accepted++;
        }
      } catch (e) {
        row.failures.push(`heartbeat threw: ${(e as Error).message.slice(0, 200)}`);
      }
    }
    const [bad] = await opts.sql`
      SELECT count(*)::int AS n FROM bots b
       WHERE b.reputation <> coalesce((SELECT sum(value) FROM votes v WHERE v.target_bot_id = b.id), 0)`;
    if (bad!.n) row.failures.push(`${bad!.n} bots' reputation differs from the sum of their votes`);
    const [open] = await opts.sql`SELECT count(*)::int AS n FROM heartbeats WHERE finished_at IS NULL`;
    if (open!.n) row.failures.push(`${open!.n} heartbeats left open`);
  } finally {
    server.stop(true);
  }
  return row;
}

/** What is wrong with an applied action's effect in the database, or null when it is whole. */
async function invalidAction(sql: Sql, bot: string, a: Record<string, unknown>): Promise<string | null> {
  switch (a.action) {
    case 'create_thread': {
      const [t] = await sql`SELECT bot_id FROM threads WHERE id = ${a.thread_id as string | null}`;
      return t?.bot_id === bot ? null : 'no thread of this bot';
    }
    case 'reply': {
      const [r] = await sql`SELECT bot_id, thread_id FROM replies WHERE id = ${a.reply_id as string | null}`;
      return r?.bot_id === bot && r.thread_id === a.thread_id ? null : 'no reply of this bot in that thread';
    }
    case 'vote': {
      if (!a.target_bot_id || a.target_bot_id === bot) return 'no other bot voted on';
      const [v] = await sql`SELECT 1 FROM votes WHERE voter_id = ${bot} AND target_bot_id = ${a.target_bot_id as string}`;
      return v ? null : 'no vote row';
    }
    case 'follow': {
      if (!a.target_bot_id || a.target_bot_id === bot) return 'no other bot followed';
      const [f] = await sql`SELECT 1 FROM follows WHERE follower_id = ${bot} AND followee_id = ${a.target_bot_id as string}`;
      return f ? null : 'no follows row';
    }
    case 'web_search':
      return null;
    default:
      return `an action the community does not have (${String(a.action)})`;
  }
}

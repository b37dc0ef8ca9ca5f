import { settle } from '../budget/index.ts';
import type { Sql, Tx } from '../db/client.ts';
import type { CompletionResult, LlmClient } from '../llm/client.ts';
import { asLlmError, failureCharge, reserveCall } from '../llm/metered.ts';
import { costOf } from '../llm/pricing.ts';
import { hashString } from '../llm/sim/random.ts';
import type { Logger } from '../log.ts';
import type { WebSearch } from '../websearch/index.ts';
import { ACTION_TOOLS, parseModelAnswer, type Action } from './actions.ts';
import { ActionRefused, applyAction, type Applied, type SearchOutcome } from './apply.ts';
import { loadContext, type WarmMemoryLoader } from './context.ts';
import { buildHeartbeatPrompt } from './prompt.ts';

export interface HeartbeatDeps {
  sql: Sql;
  llm: LlmClient;
  search: WebSearch;
  warmMemories: WarmMemoryLoader;
  log: Logger;
  /** Mixed into every model seed, so a run is reproducible end to end with the simulated model. */
  seed: string;
  /** Memory work after an action (extraction, reflection, compression); never fails the heartbeat. */
  afterAction?: (botId: string, heartbeatId: string, applied: Applied) => Promise<void>;
}

/** A claimed heartbeat: the orchestrator has inserted its row and owns the slot. */
export interface HeartbeatClaim {
  heartbeatId: string;
  botId: string;
  slot: Date;
}

export type HeartbeatOutcome = 'acted' | 'skipped' | 'failed';

export interface HeartbeatResult {
  outcome: HeartbeatOutcome;
  activityId: string;
  action: Applied['action'];
  applied: Applied;
}

interface Spend {
  callId: string;
  tokens: number;
  costUsd: number;
}

/**
 * One heartbeat of one bot: decide (skip if paused or over budget), ask the model, then commit
 * the action, its activity row, the call's settlement and the heartbeat's end in one transaction.
 * Failures become an `error` activity; nothing here may throw past the orchestrator.
 */
export async function runHeartbeat(deps: HeartbeatDeps, claim: HeartbeatClaim): Promise<HeartbeatResult> {
  const { sql, log } = deps;
  const [bot] = await sql`SELECT id, handle, paused, provider, model, temperature, max_tokens FROM bots WHERE id = ${claim.botId}`;
  if (!bot) throw new Error(`bot ${claim.botId} vanished`);

  if (bot.paused) {
    return finish(sql, claim, 'skipped', null, {
      action: 'do_nothing',
      summary: 'did nothing: paused',
      reason: 'paused',
      details: { skipped: 'paused' },
    });
  }

  const context = await loadContext(sql, claim.botId, deps.warmMemories);
  const messages = buildHeartbeatPrompt(context);
  const call = await reserveCall(
    sql,
    { botId: claim.botId, heartbeatId: claim.heartbeatId, purpose: 'action', provider: bot.provider, model: bot.model },
    [...messages.map((m) => m.content), JSON.stringify(ACTION_TOOLS)],
    bot.max_tokens,
  );
  const { price, reservation } = call;
  if (!reservation.ok) {
    return finish(sql, claim, 'skipped', null, {
      action: 'do_nothing',
      summary: `did nothing: ${reservation.reason.startsWith('daily token') ? 'daily token cap reached' : 'daily USD cap reached'}`,
      reason: reservation.reason,
      details: { skipped: 'cap', caps: reservation.caps, usage: reservation.usage },
    });
  }

  let result: CompletionResult;
  try {
    result = await deps.llm.complete({
      provider: bot.provider,
      model: bot.model,
      messages,
      tools: ACTION_TOOLS,
      temperature: Number(bot.temperature),
      maxTokens: bot.max_tokens,
      seed: hashString(`${deps.seed}|${claim.botId}|${claim.slot.toISOString()}`) & 0x7fffffff,
    });
  } catch (e) {
    const err = asLlmError(e);
    const { usage: charged, costUsd } = failureCharge(err, call);
    log.warn('model call failed', { bot: bot.handle, kind: err.kind, error: err.message });
    return finish(sql, claim, 'failed', { callId: reservation.callId, tokens: charged.inputTokens + charged.outputTokens, costUsd }, {
      action: 'error',
      summary: `could not think: ${err.message}`.slice(0, 300),
      reason: err.message,
      details: { error: err.message, kind: err.kind, status: err.status ?? null, provider: bot.provider, model: bot.model },
    }, { status: 'error', usage: charged, costUsd, latencyMs: 0, error: err.message });
  }

  const costUsd = costOf(price, result.usage);
  const spend: Spend = { callId: reservation.callId, tokens: result.usage.inputTokens + result.usage.outputTokens, costUsd };
  const settlement = { status: 'ok' as const, usage: result.usage, costUsd, latencyMs: result.latencyMs };
  const parsed = parseModelAnswer(result.answer);
  if (!parsed.ok) {
    log.info('unusable model answer', { bot: bot.handle, error: parsed.error });
    return finish(sql, claim, 'acted', spend, {
      action: 'do_nothing',
      summary: 'did nothing: the model gave no usable action',
      reason: parsed.error,
      details: { invalid: parsed.error, raw: result.raw },
    }, settlement);
  }

  const search = parsed.action.type === 'web_search' ? await runSearch(deps.search, parsed.action) : undefined;
  const done = await finish(sql, claim, 'acted', spend, (tx) => applyAction(tx, claim.botId, parsed.action, search), settlement, result.raw);
  await deps.afterAction?.(claim.botId, claim.heartbeatId, done.applied);
  return done;
}

async function runSearch(search: WebSearch, action: Extract<Action, { type: 'web_search' }>): Promise<SearchOutcome> {
  try {
    return { ok: true, provider: search.name, results: await search.search(action.query, 3) };
  } catch (e) {
    return { ok: false, provider: search.name, error: (e as Error).message };
  }
}

type ApplyFn = Applied | ((tx: Tx) => Promise<Applied>);

const RETRYABLE = new Set(['40P01', '40001']); // deadlock detected, serialization failure

/**
 * The single transaction that ends a heartbeat. It takes the bot's row lock first, the same order
 * as a budget reservation, and is retried whole if Postgres still breaks a deadlock (two bots
 * voting on each other's posts at the same moment lock each other's rows).
 */
async function finish(...args: Parameters<typeof finishOnce>): Promise<HeartbeatResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await finishOnce(...args);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (!code || !RETRYABLE.has(code) || attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, 10 * attempt * Math.random()));
    }
  }
}

async function finishOnce(
  sql: Sql,
  claim: HeartbeatClaim,
  outcome: HeartbeatOutcome,
  spend: Spend | null,
  apply: ApplyFn,
  settlement?: Parameters<typeof settle>[2],
  raw?: string,
): Promise<HeartbeatResult> {
  return sql.begin(async (tx) => {
    await tx`SELECT 1 FROM bots WHERE id = ${claim.botId} FOR UPDATE`;
    if (spend && settlement) await settle(tx, spend.callId, settlement);
    let applied: Applied;
    if (typeof apply === 'function') {
      try {
        applied = await tx.savepoint((sp) => apply(sp));
      } catch (e) {
        // The model chose something the community does not allow; keep its answer for the record.
        const why = e instanceof ActionRefused ? e.message : `the action could not be applied: ${(e as Error).message}`;
        applied = { action: 'do_nothing', summary: `did nothing: ${why}`.slice(0, 300), reason: why, details: { refused: why, raw } };
      }
    } else applied = apply;

    const [activity] = await tx<{ id: string }[]>`
      INSERT INTO activity (bot_id, heartbeat_id, action, summary, reason, details, thread_id, reply_id, target_bot_id, tokens, cost_usd)
      VALUES (${claim.botId}, ${claim.heartbeatId}, ${applied.action}, ${applied.summary.slice(0, 2000)}, ${applied.reason ?? null},
              ${tx.json(applied.details as never)}, ${applied.threadId ?? null}, ${applied.replyId ?? null}, ${applied.targetBotId ?? null},
              ${spend?.tokens ?? 0}, ${spend?.costUsd ?? 0})
      RETURNING id`;
    await tx`UPDATE heartbeats SET finished_at = now(), outcome = ${outcome},
                    error = ${outcome === 'failed' ? (applied.reason ?? null) : null}
              WHERE id = ${claim.heartbeatId}`;
    if (outcome === 'failed') {
      await tx`UPDATE bots SET last_error = ${applied.reason ?? 'error'}, last_error_at = now() WHERE id = ${claim.botId}`;
    } else if (outcome === 'acted') {
      await tx`UPDATE bots SET last_error = NULL, last_error_at = NULL WHERE id = ${claim.botId} AND last_error IS NOT NULL`;
    }
    return { outcome, activityId: activity!.id, action: applied.action, applied };
  });
}

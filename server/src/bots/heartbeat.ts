import { settle } from '../budget/index.ts';
import type { Sql, Tx } from '../db/client.ts';
import { retryOnConflict } from '../db/retry.ts';
import type { LlmClient } from '../llm/client.ts';
import { completeWithRetries } from '../llm/metered.ts';
import { failureSentence } from '../llm/provider-error.ts';
import { costOf } from '../llm/pricing.ts';
import { redactKeyShaped } from '../secrets/redact.ts';
import { hashString } from '../llm/sim/random.ts';
import type { Logger } from '../log.ts';
import { WebSearchError, type WebSearch } from '../websearch/index.ts';
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
  /** `closed`: the heartbeat was already finished (the sweep abandoned it); nothing was applied. */
  outcome: HeartbeatOutcome | 'closed';
  activityId: string | null;
  action: Applied['action'];
  applied: Applied;
}

interface Spend {
  /** The call still to settle in the final transaction (null when every attempt is settled). */
  callId: string | null;
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
  const out = await completeWithRetries(
    sql,
    deps.llm,
    { botId: claim.botId, heartbeatId: claim.heartbeatId, purpose: 'action', provider: bot.provider, model: bot.model },
    {
      provider: bot.provider,
      model: bot.model,
      messages,
      tools: ACTION_TOOLS,
      temperature: Number(bot.temperature),
      maxTokens: bot.max_tokens,
      // By handle, not id: ids are drawn at random by each database, so the same seed would
      // give a different community on every fresh database.
      seed: hashString(`${deps.seed}|${bot.handle}|${claim.slot.toISOString()}`) & 0x7fffffff,
    },
  );
  if (out.kind === 'cap') {
    const { reservation } = out;
    return finish(sql, claim, 'skipped', null, {
      action: 'do_nothing',
      summary: `did nothing: ${reservation.reason.startsWith('daily token') ? 'daily token cap reached' : 'daily USD cap reached'}`,
      reason: reservation.reason,
      details: { skipped: 'cap', caps: reservation.caps, usage: reservation.usage },
    });
  }
  const { earlier } = out;
  if (out.kind === 'failed') {
    const err = out.error;
    log.warn('model call failed', { bot: bot.handle, kind: err.kind, attempts: earlier.attempts, error: err.message });
    // Every attempt is settled already; the activity shows what they cost together.
    // The feed's line says what happened; the exact (already safe) message is its detail.
    const tries = earlier.attempts > 1 ? ` (${earlier.attempts} tries)` : '';
    return finish(sql, claim, 'failed', { callId: null, tokens: earlier.tokens, costUsd: earlier.costUsd }, {
      action: 'error',
      summary: `could not think: ${failureSentence(err)}${tries}`,
      reason: err.message,
      details: { error: err.message, kind: err.kind, status: err.status ?? null, provider: bot.provider, model: bot.model, attempts: earlier.attempts },
    });
  }

  const { call, result } = out;
  const costUsd = costOf(call.price, result.usage);
  const spend: Spend = {
    callId: call.callId,
    tokens: earlier.tokens + result.usage.inputTokens + result.usage.outputTokens,
    costUsd: earlier.costUsd + costUsd,
  };
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
  if (done.outcome === 'closed') {
    log.warn('heartbeat was closed before it finished; its action was not applied', { bot: bot.handle, heartbeat: claim.heartbeatId });
    return done;
  }
  await deps.afterAction?.(claim.botId, claim.heartbeatId, done.applied);
  return done;
}

async function runSearch(search: WebSearch, action: Extract<Action, { type: 'web_search' }>): Promise<SearchOutcome> {
  try {
    return { ok: true, provider: search.name, results: await search.search(action.query, 3) };
  } catch (e) {
    const reason = e instanceof WebSearchError ? e.reason : 'the search stopped on an unexpected error';
    return { ok: false, provider: search.name, error: (e as Error).message, reason };
  }
}

type ApplyFn = Applied | ((tx: Tx) => Promise<Applied>);

/**
 * The single transaction that ends a heartbeat. It takes the bot's row lock first, the same order
 * as a budget reservation, and is retried whole if Postgres still breaks a deadlock (two bots
 * voting on each other's posts at the same moment lock each other's rows).
 */
function finish(...args: Parameters<typeof finishOnce>): Promise<HeartbeatResult> {
  return retryOnConflict(() => finishOnce(...args));
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
    if (spend?.callId && settlement) await settle(tx, spend.callId, settlement);
    // Locked so the sweep cannot close it between this check and the update below; one it already
    // closed (abandoned past its deadline) stays closed, and its late action is never applied.
    const [open] = await tx`SELECT 1 FROM heartbeats WHERE id = ${claim.heartbeatId} AND finished_at IS NULL FOR UPDATE`;
    if (!open) {
      const summary = 'not applied: the heartbeat was already closed';
      return { outcome: 'closed' as const, activityId: null, action: 'do_nothing' as const, applied: { action: 'do_nothing' as const, summary, reason: summary, details: {} } };
    }
    let applied: Applied;
    if (typeof apply === 'function') {
      try {
        applied = await tx.savepoint((sp) => apply(sp));
      } catch (e) {
        // The model chose something the community does not allow; keep its answer for the record.
        // The feed's line is a sentence; the exact cause (ids, a database error) is its detail.
        const why = e instanceof ActionRefused ? e.message : `the action could not be applied: ${redactKeyShaped((e as Error).message)}`;
        const sentence = e instanceof ActionRefused ? e.sentence : 'its action could not be saved';
        applied = { action: 'do_nothing', summary: `did nothing: ${sentence}`.slice(0, 300), reason: why, details: { refused: why, raw } };
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
              WHERE id = ${claim.heartbeatId} AND finished_at IS NULL`;
    if (outcome === 'failed') {
      await tx`UPDATE bots SET last_error = ${applied.reason ?? 'error'}, last_error_at = now() WHERE id = ${claim.botId}`;
    } else if (outcome === 'acted') {
      await tx`UPDATE bots SET last_error = NULL, last_error_at = NULL WHERE id = ${claim.botId} AND last_error IS NOT NULL`;
    }
    return { outcome, activityId: activity!.id, action: applied.action, applied };
  });
}

import { reserve, settle, worstCase, type CallSpec } from '../budget/index.ts';
import type { Sql } from '../db/client.ts';
import { LlmError, type CompletionRequest, type CompletionResult, type LlmClient } from './client.ts';
import { costOf, priceOf, worstCasePromptTokens } from './pricing.ts';

export type MeteredOutcome =
  | { ok: true; result: CompletionResult; costUsd: number }
  | { ok: false; reason: 'cap'; message: string }
  | { ok: false; reason: 'error'; message: string };

/**
 * One budgeted model call, settled at once: reserve the worst case, call, settle with the real
 * usage (a timeout is charged at its reservation, since the provider may have billed it). For
 * calls outside a heartbeat's final transaction: memory extraction, summaries, reflection.
 */
export async function meteredCall(
  sql: Sql,
  llm: LlmClient,
  spec: Omit<CallSpec, 'worstTokens' | 'worstUsd'>,
  req: Omit<CompletionRequest, 'provider' | 'model'>,
): Promise<MeteredOutcome> {
  const price = await priceOf(sql, spec.provider, spec.model);
  const promptTokens = worstCasePromptTokens([...req.messages.map((m) => m.content), req.tools ? JSON.stringify(req.tools) : '']);
  const worst = worstCase(price, promptTokens, req.maxTokens);
  const reservation = await reserve(sql, { ...spec, worstTokens: worst.tokens, worstUsd: worst.usd });
  if (!reservation.ok) return { ok: false, reason: 'cap', message: reservation.reason };
  try {
    const result = await llm.complete({ ...req, provider: spec.provider, model: spec.model });
    const costUsd = costOf(price, result.usage);
    await settle(sql, reservation.callId, { status: 'ok', usage: result.usage, costUsd, latencyMs: result.latencyMs });
    return { ok: true, result, costUsd };
  } catch (e) {
    const err = e instanceof LlmError ? e : new LlmError('network', String(e));
    const timedOut = err.kind === 'timeout';
    await settle(sql, reservation.callId, {
      status: 'error',
      usage: timedOut ? { inputTokens: promptTokens, cachedTokens: 0, outputTokens: worst.tokens - promptTokens } : { inputTokens: 0, cachedTokens: 0, outputTokens: 0 },
      costUsd: timedOut ? worst.usd : 0,
      latencyMs: 0,
      error: err.message,
    });
    return { ok: false, reason: 'error', message: err.message };
  }
}

/** The first JSON value in a model's text answer, tolerating fences and prose around it. */
export function extractJson(text: string | null): unknown {
  if (!text) return null;
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(text);
  const candidates = [fenced?.[1], text];
  for (const c of candidates) {
    if (!c) continue;
    for (const open of ['{', '[']) {
      const start = c.indexOf(open);
      const end = c.lastIndexOf(open === '{' ? '}' : ']');
      if (start !== -1 && end > start) {
        try {
          return JSON.parse(c.slice(start, end + 1));
        } catch {
          /* try the next form */
        }
      }
    }
  }
  return null;
}

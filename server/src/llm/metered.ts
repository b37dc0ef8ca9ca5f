import { reserve, settle, worstCase, type CallSpec, type Reservation } from '../budget/index.ts';
import type { Sql } from '../db/client.ts';
import { LlmError, type CompletionRequest, type CompletionResult, type LlmClient } from './client.ts';
import { costOf, priceOf, worstCasePromptTokens, type Price, type Usage } from './pricing.ts';

export type MeteredOutcome =
  | { ok: true; result: CompletionResult; costUsd: number }
  | { ok: false; reason: 'cap'; message: string }
  | { ok: false; reason: 'error'; message: string };

export interface ReservedCall {
  price: Price;
  promptTokens: number;
  worst: { tokens: number; usd: number };
  reservation: Reservation;
}

/** Prices a request and reserves its worst case (prompt upper bound plus max_tokens) against the bot's caps. */
export async function reserveCall(sql: Sql, spec: Omit<CallSpec, 'worstTokens' | 'worstUsd'>, prompt: string[], maxTokens: number): Promise<ReservedCall> {
  const price = await priceOf(sql, spec.provider, spec.model);
  const promptTokens = worstCasePromptTokens(prompt);
  const worst = worstCase(price, promptTokens, maxTokens);
  const reservation = await reserve(sql, { ...spec, worstTokens: worst.tokens, worstUsd: worst.usd });
  return { price, promptTokens, worst, reservation };
}

/**
 * What a failed call is charged: nothing for a refused request, but a timed-out one may still
 * have been billed by the provider, so it costs its reserved worst case.
 */
export function failureCharge(err: LlmError, call: Pick<ReservedCall, 'promptTokens' | 'worst'>): { usage: Usage; costUsd: number } {
  if (err.kind !== 'timeout') return { usage: { inputTokens: 0, cachedTokens: 0, outputTokens: 0 }, costUsd: 0 };
  return { usage: { inputTokens: call.promptTokens, cachedTokens: 0, outputTokens: call.worst.tokens - call.promptTokens }, costUsd: call.worst.usd };
}

export const asLlmError = (e: unknown) => (e instanceof LlmError ? e : new LlmError('network', String(e)));

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
  const call = await reserveCall(sql, spec, [...req.messages.map((m) => m.content), req.tools ? JSON.stringify(req.tools) : ''], req.maxTokens);
  const { price, reservation } = call;
  if (!reservation.ok) return { ok: false, reason: 'cap', message: reservation.reason };
  try {
    const result = await llm.complete({ ...req, provider: spec.provider, model: spec.model });
    const costUsd = costOf(price, result.usage);
    await settle(sql, reservation.callId, { status: 'ok', usage: result.usage, costUsd, latencyMs: result.latencyMs });
    return { ok: true, result, costUsd };
  } catch (e) {
    const err = asLlmError(e);
    await settle(sql, reservation.callId, { status: 'error', ...failureCharge(err, call), latencyMs: 0, error: err.message });
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

import { reserve, settle, worstCase, type CallSpec, type Reservation } from '../budget/index.ts';
import type { Sql } from '../db/client.ts';
import { LlmError, type CompletionRequest, type CompletionResult, type LlmClient } from './client.ts';
import { costOf, priceOf, worstCasePromptTokens, type Price, type Usage } from './pricing.ts';
import { redactKeyShaped } from '../secrets/redact.ts';

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
 * What a failed attempt is charged. A request the provider definitely turned down (a 4xx) or that
 * never left this machine costs nothing; one whose outcome is unknown (a timeout, a 5xx, a
 * connection lost mid-request) may still have been billed, so it costs its reserved worst case.
 */
export function failureCharge(err: LlmError, call: Pick<ReservedCall, 'promptTokens' | 'worst'>): { usage: Usage; costUsd: number } {
  const unknown = err.kind === 'timeout' || (err.kind === 'http' && (err.status ?? 500) >= 500) || (err.kind === 'network' && !err.unsent);
  if (!unknown) return { usage: { inputTokens: 0, cachedTokens: 0, outputTokens: 0 }, costUsd: 0 };
  return { usage: { inputTokens: call.promptTokens, cachedTokens: 0, outputTokens: call.worst.tokens - call.promptTokens }, costUsd: call.worst.usd };
}

// Anything else thrown on the way is stored too (llm_calls, activity): nothing key-shaped passes.
export const asLlmError = (e: unknown) => (e instanceof LlmError ? e : new LlmError('network', redactKeyShaped(String(e)).slice(0, 300)));

/** Worth another attempt: the provider is overloaded, failing or slow, not refusing this request. */
const retryable = (e: LlmError) =>
  e.kind === 'timeout' || e.kind === 'network' || (e.kind === 'http' && (e.status === 429 || e.status === 408 || (e.status ?? 0) >= 500));

/** Exponential backoff with jitter between attempts (the SDK's was 0.5 s doubling, up to 8 s). */
const backoffMs = (retry: number) => Math.min(8000, 500 * 2 ** (retry - 1)) * (0.75 + Math.random() * 0.5);

/** What the failed attempts before the outcome were charged (each was settled as it failed). */
export interface EarlierAttempts {
  attempts: number;
  tokens: number;
  costUsd: number;
}

export type AttemptsOutcome =
  /** The answer, its reservation still open: the caller settles it (with the action it leads to). */
  | { kind: 'ok'; call: ReservedCall & { callId: string }; result: CompletionResult; earlier: EarlierAttempts }
  /** The first reservation was refused; nothing was sent. */
  | { kind: 'cap'; reservation: Extract<Reservation, { ok: false }>; earlier: EarlierAttempts }
  /** Every attempt failed (or the cap stopped the retries); every one is settled. */
  | { kind: 'failed'; error: LlmError; earlier: EarlierAttempts };

const promptOf = (req: Pick<CompletionRequest, 'messages' | 'tools'>) => [...req.messages.map((m) => m.content), req.tools?.length ? JSON.stringify(req.tools) : ''];

/**
 * A model call with Chorus's retries, each attempt a request that may be billed and so reserved
 * against the bot's caps before it is sent: retries of 429, 5xx, timeouts and connection errors
 * (up to `llm.maxRetries`, with backoff), and a second request without `tools` when the provider
 * refuses them. A failed attempt is settled at once (at its worst case when the provider may have
 * billed it); a refused reservation stops the retries, so spend never passes the cap.
 */
export async function completeWithRetries(
  sql: Sql,
  llm: LlmClient,
  spec: Omit<CallSpec, 'worstTokens' | 'worstUsd'>,
  req: CompletionRequest,
): Promise<AttemptsOutcome> {
  const earlier: EarlierAttempts = { attempts: 0, tokens: 0, costUsd: 0 };
  let lastError: LlmError | null = null;
  let attempt: CompletionRequest = req;
  for (let retry = 0; ; ) {
    const call = await reserveCall(sql, spec, promptOf(attempt), attempt.maxTokens);
    const { reservation } = call;
    if (!reservation.ok) {
      if (lastError) return { kind: 'failed', error: lastError, earlier };
      return { kind: 'cap', reservation, earlier };
    }
    try {
      const result = await llm.complete(attempt);
      return { kind: 'ok', call: { ...call, callId: reservation.callId }, result: { ...result, toolsDropped: attempt !== req }, earlier };
    } catch (e) {
      const err = asLlmError(e);
      const charge = failureCharge(err, call);
      await settle(sql, reservation.callId, { status: 'error', ...charge, latencyMs: 0, error: err.message });
      earlier.attempts++;
      earlier.tokens += charge.usage.inputTokens + charge.usage.outputTokens;
      earlier.costUsd += charge.costUsd;
      lastError = err;
      if (err.toolsRefused && attempt.tools?.length) {
        // Ask again for a JSON answer instead: a new request, so a new reservation.
        attempt = { ...req, tools: undefined };
        continue;
      }
      if (!retryable(err) || retry >= llm.maxRetries) return { kind: 'failed', error: err, earlier };
      retry++;
      await new Promise((r) => setTimeout(r, backoffMs(retry)));
    }
  }
}

/**
 * One budgeted model call, settled at once, with the retries above. For calls outside a
 * heartbeat's final transaction: memory extraction, summaries, reflection.
 */
export async function meteredCall(
  sql: Sql,
  llm: LlmClient,
  spec: Omit<CallSpec, 'worstTokens' | 'worstUsd'>,
  req: Omit<CompletionRequest, 'provider' | 'model'>,
): Promise<MeteredOutcome> {
  const out = await completeWithRetries(sql, llm, spec, { ...req, provider: spec.provider, model: spec.model });
  if (out.kind === 'cap') return { ok: false, reason: 'cap', message: out.reservation.reason };
  if (out.kind === 'failed') return { ok: false, reason: 'error', message: out.error.message };
  const { call, result } = out;
  const costUsd = costOf(call.price, result.usage);
  await settle(sql, call.callId, { status: 'ok', usage: result.usage, costUsd, latencyMs: result.latencyMs });
  return { ok: true, result, costUsd };
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

/**
 * What a failed model call may say about itself: the provider's name, the HTTP status and a
 * fixed sentence for it, never the provider's own message. Providers echo the API key in some
 * errors ("Incorrect API key provided: sk-…"), and this message is stored in bots.last_error,
 * activity, heartbeats and llm_calls, synced to dashboards, exported and logged.
 */
import OpenAI from 'openai';
import { redactKeyShaped } from '../secrets/redact.ts';
import { LlmError } from './client.ts';

const BY_STATUS: Record<number, string> = {
  400: 'the provider rejected the request',
  401: 'the provider refused the API key (check its key setting)',
  403: 'the provider refused access to this model',
  404: 'the provider does not know this model or endpoint',
  408: 'the provider timed out',
  409: 'the provider reported a conflict',
  413: 'the request was too large for the provider',
  422: 'the provider could not process the request',
  429: 'the provider is rate-limiting or out of quota',
};

function statusSentence(status: number | undefined): string {
  if (status === undefined) return 'the provider answered with an error';
  return BY_STATUS[status] ?? (status >= 500 ? 'the provider failed' : 'the provider refused the request');
}

/**
 * A failed call as the activity feed says it: what went wrong, in words, without the provider's
 * name, the status code or anything the provider sent (those stay in the message, for details).
 */
export function failureSentence(e: LlmError): string {
  switch (e.kind) {
    case 'timeout':
      return 'its model did not answer in time';
    case 'network':
      return 'its model provider could not be reached';
    case 'config':
      return 'its model provider is not set up on this server';
    case 'http':
      return e.toolsRefused ? 'its model does not accept tools' : statusSentence(e.status);
  }
}

/** Any error from a model call, as an LlmError with a safe message. */
export function toLlmError(e: unknown, provider: string): LlmError {
  // Our own config errors name only settings; still, nothing key-shaped passes.
  if (e instanceof LlmError) return e.kind === 'config' ? new LlmError(e.kind, redactKeyShaped(e.message), e.status) : e;
  if (e instanceof OpenAI.APIConnectionTimeoutError) return new LlmError('timeout', `${provider}: the model did not answer in time`);
  if (e instanceof OpenAI.APIConnectionError) {
    // A refused connection or an unknown host means the request never left: nothing was billed.
    const cause = (e as { cause?: { code?: unknown; message?: unknown } }).cause;
    const unsent = /ECONNREFUSED|ConnectionRefused|ENOTFOUND|EAI_AGAIN/.test(`${String(cause?.code ?? '')} ${String(cause?.message ?? '')}`);
    return new LlmError('network', `${provider}: cannot reach the provider`, undefined, unsent);
  }
  if (e instanceof OpenAI.APIError) {
    const status = typeof e.status === 'number' ? e.status : undefined;
    if (status === 400 && /tool/i.test(e.message)) {
      return new LlmError('http', `${provider}: HTTP 400: the model does not accept tools`, status, false, true);
    }
    return new LlmError('http', `${provider}: HTTP ${status ?? '?'}: ${statusSentence(status)}`, status);
  }
  return new LlmError('network', `${provider}: ${redactKeyShaped(String((e as Error)?.message ?? e)).slice(0, 300)}`);
}

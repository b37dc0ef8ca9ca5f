import OpenAI from 'openai';
import { describeProvider, type Provider, type ProviderInfo } from '../../llm/providers.ts';

/** How long the dashboard waits on a provider before saying it does not answer. */
export const PROVIDER_CHECK_TIMEOUT_MS = 10_000;

/** A provider as the dashboard sees it: never its key. */
export type ProviderView = ProviderInfo;

/**
 * An SDK client for one provider, for listing and testing only: no retries (the person is waiting
 * and wants the first answer), a short timeout, and the simulated provider served in-process.
 */
export function checkClient(p: Provider, simFetch: (r: Request) => Promise<Response>): OpenAI {
  return new OpenAI({
    baseURL: p.baseURL,
    apiKey: p.apiKey,
    timeout: PROVIDER_CHECK_TIMEOUT_MS,
    maxRetries: 0,
    ...(p.simulated ? { fetch: (url: RequestInfo | URL, init?: RequestInit) => simFetch(new Request(url, init)) } : {}),
  });
}

/** Why a provider call failed, in words a person can act on; never the key. */
export function describeFailure(e: unknown): string {
  if (e instanceof OpenAI.APIConnectionTimeoutError) return `no answer within ${PROVIDER_CHECK_TIMEOUT_MS / 1000} s`;
  if (e instanceof OpenAI.APIConnectionError) return 'could not connect (is the server running and the URL right?)';
  if (e instanceof OpenAI.AuthenticationError) return 'the API key was refused (HTTP 401)';
  if (e instanceof OpenAI.PermissionDeniedError) return 'the API key may not do this (HTTP 403)';
  if (e instanceof OpenAI.NotFoundError) return 'not found (HTTP 404): check the model name and that the base URL ends in /v1';
  if (e instanceof OpenAI.APIError) return `HTTP ${e.status ?? '?'}: ${(e.message || 'error').slice(0, 200)}`;
  return (e as Error)?.message?.slice(0, 200) ?? 'unknown error';
}

export interface ModelListing {
  provider: string;
  models: { id: string; owned_by: string | null }[];
}

/** The provider's own model list (GET {base}/models), sorted by id. */
export async function listModels(p: Provider, client: OpenAI): Promise<ModelListing> {
  const ids = new Map<string, string | null>();
  for await (const m of client.models.list()) ids.set(m.id, m.owned_by ?? null);
  return { provider: p.name, models: [...ids].map(([id, owned_by]) => ({ id, owned_by })).sort((a, b) => a.id.localeCompare(b.id)) };
}

export interface ConnectionTest {
  provider: ProviderView;
  /** GET /models answered. */
  reachable: boolean;
  models: number | null;
  /** The model the tool check used (the one asked for, or the first listed). */
  model: string | null;
  /** Whether that model answered a request offering one tool with a call to it; null when not tried. */
  tools: boolean | null;
  latencyMs: number;
  message: string;
}

const PING_TOOL: OpenAI.Chat.Completions.ChatCompletionTool = {
  type: 'function',
  function: { name: 'ping', description: 'Answers the connection test.', parameters: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] } },
};

/**
 * Does the provider answer, and can the model call tools (which the heartbeat relies on; without
 * them it falls back to JSON in text)? One GET /models, then one tiny chat completion offering a
 * single tool: a few dozen tokens, sent only when a person presses the button.
 */
export async function testConnection(p: Provider, client: OpenAI, wanted: string | null): Promise<ConnectionTest> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const base = { provider: describeProvider(p) };
  let listing: ModelListing;
  try {
    listing = await listModels(p, client);
  } catch (e) {
    return { ...base, reachable: false, models: null, model: wanted, tools: null, latencyMs: ms(), message: `${p.name} does not answer: ${describeFailure(e)}` };
  }
  const model = wanted ?? listing.models[0]?.id ?? null;
  if (!model) {
    return { ...base, reachable: true, models: 0, model: null, tools: null, latencyMs: ms(), message: `${p.name} answers but lists no models` };
  }
  try {
    const res = await client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'Connection test: call the ping tool with ok set to true.' }],
      tools: [PING_TOOL],
      tool_choice: 'required',
      max_tokens: 48,
      temperature: 0,
    });
    const called = (res.choices[0]?.message.tool_calls ?? []).some((c) => c.type === 'function' && c.function.name === 'ping');
    return {
      ...base,
      reachable: true,
      models: listing.models.length,
      model,
      tools: called,
      latencyMs: ms(),
      message: called ? `${p.name} answers and ${model} calls tools` : `${p.name} answers, but ${model} replied without calling the tool: bots on it will answer in JSON text instead`,
    };
  } catch (e) {
    // A 400 for a request with tools is how most servers say a model has none.
    const noTools = e instanceof OpenAI.BadRequestError;
    return {
      ...base,
      reachable: true,
      models: listing.models.length,
      model,
      tools: noTools ? false : null,
      latencyMs: ms(),
      message: noTools ? `${p.name} answers, but ${model} refused a request with tools: ${describeFailure(e)}` : `${p.name} lists models, but ${model} failed: ${describeFailure(e)}`,
    };
  }
}

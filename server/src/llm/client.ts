import OpenAI from 'openai';
import type { ModelAnswer } from '../bots/actions.ts';
import type { Usage } from './pricing.ts';
import { SIM_PROVIDER, type Provider } from './providers.ts';

export interface CompletionRequest {
  provider: string;
  model: string;
  messages: { role: 'system' | 'user' | 'assistant'; content: string }[];
  tools?: OpenAI.Chat.Completions.ChatCompletionTool[];
  temperature: number;
  maxTokens: number;
  seed?: number;
}

export interface CompletionResult {
  answer: ModelAnswer;
  usage: Usage;
  latencyMs: number;
  /** The model's raw answer, for activity details when it cannot be parsed. */
  raw: string;
  toolsDropped: boolean;
}

export class LlmError extends Error {
  override name = 'LlmError';
  constructor(
    readonly kind: 'config' | 'timeout' | 'http' | 'network',
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The one seam through which every model call goes. */
export interface LlmClient {
  complete(req: CompletionRequest): Promise<CompletionResult>;
}

export interface LlmClientOptions {
  providers: Map<string, Provider>;
  /** Serves the simulated provider in-process (the /sim/v1 routes' handler), same SDK path. */
  simFetch: (request: Request) => Promise<Response>;
  timeoutMs: number;
  maxRetries: number;
}

/**
 * Model calls through the `openai` SDK against any OpenAI-compatible endpoint. The SDK retries
 * 429, 5xx, connection errors and timeouts with exponential backoff (maxRetries), so retrying is
 * configuration here, not a loop.
 */
export function createLlmClient(opts: LlmClientOptions): LlmClient {
  const clients = new Map<string, OpenAI>();
  const clientFor = (name: string): OpenAI => {
    const existing = clients.get(name);
    if (existing) return existing;
    const p = opts.providers.get(name);
    if (!p) throw new LlmError('config', `provider "${name}" is not configured (see CHORUS_PROVIDERS in the README)`);
    const client = new OpenAI({
      baseURL: p.baseURL,
      apiKey: p.apiKey,
      timeout: opts.timeoutMs,
      maxRetries: opts.maxRetries,
      ...(name === SIM_PROVIDER ? { fetch: (url: RequestInfo | URL, init?: RequestInit) => opts.simFetch(new Request(url, init)) } : {}),
    });
    clients.set(name, client);
    return client;
  };

  const call = async (req: CompletionRequest, withTools: boolean) => {
    const client = clientFor(req.provider);
    return client.chat.completions.create({
      model: req.model,
      messages: req.messages,
      temperature: req.temperature,
      max_tokens: req.maxTokens,
      ...(req.seed !== undefined ? { seed: req.seed } : {}),
      ...(withTools && req.tools?.length ? { tools: req.tools, tool_choice: 'required' as const, parallel_tool_calls: false } : {}),
    });
  };

  return {
    async complete(req) {
      const started = performance.now();
      let toolsDropped = false;
      let res: OpenAI.Chat.Completions.ChatCompletion;
      try {
        try {
          res = await call(req, true);
        } catch (e) {
          // Some OpenAI-compatible servers reject `tools`; ask again for a JSON answer instead.
          if (req.tools?.length && e instanceof OpenAI.BadRequestError && /tool/i.test(e.message)) {
            toolsDropped = true;
            res = await call(req, false);
          } else throw e;
        }
      } catch (e) {
        throw toLlmError(e, req.provider);
      }
      const choice = res.choices?.[0];
      const message = choice?.message;
      const toolCalls = (message?.tool_calls ?? [])
        .filter((c): c is OpenAI.Chat.Completions.ChatCompletionMessageFunctionToolCall => c.type === 'function')
        .map((c) => ({ name: c.function.name, arguments: c.function.arguments ?? '' }));
      const content = typeof message?.content === 'string' ? message.content : null;
      const u = res.usage;
      return {
        answer: { content, toolCalls },
        usage: {
          inputTokens: nonNegative(u?.prompt_tokens),
          cachedTokens: nonNegative(u?.prompt_tokens_details?.cached_tokens),
          outputTokens: nonNegative(u?.completion_tokens),
        },
        latencyMs: performance.now() - started,
        raw: JSON.stringify({ content, tool_calls: toolCalls, finish_reason: choice?.finish_reason ?? null }).slice(0, 4000),
        toolsDropped,
      };
    },
  };
}

const nonNegative = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);

function toLlmError(e: unknown, provider: string): LlmError {
  if (e instanceof LlmError) return e;
  if (e instanceof OpenAI.APIConnectionTimeoutError) return new LlmError('timeout', `${provider}: the model did not answer in time`);
  if (e instanceof OpenAI.APIConnectionError) return new LlmError('network', `${provider}: cannot reach the provider (${e.message})`);
  if (e instanceof OpenAI.APIError) return new LlmError('http', `${provider}: HTTP ${e.status ?? '?'}: ${e.message}`.slice(0, 500), e.status);
  return new LlmError('network', `${provider}: ${(e as Error)?.message ?? String(e)}`.slice(0, 500));
}

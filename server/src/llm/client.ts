import OpenAI from 'openai';
import type { ModelAnswer } from '../bots/actions.ts';
import type { Usage } from './pricing.ts';
import { toLlmError } from './provider-error.ts';
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
    /** The request never left this machine (no connection was made), so it cannot have been billed. */
    readonly unsent = false,
    /**
     * The provider turned down `tools` (some OpenAI-compatible servers do); asking for JSON may
     * work. Read from the provider's own message, which the stored message never carries.
     */
    readonly toolsRefused = false,
  ) {
    super(message);
  }
}

/**
 * The one seam through which every model call goes. `complete` sends exactly one request: every
 * request may be billed, so retries live in the metered layer (llm/metered.ts), which reserves
 * budget before each attempt. `maxRetries` is how many retries that layer may make.
 */
export interface LlmClient {
  complete(req: CompletionRequest): Promise<CompletionResult>;
  readonly maxRetries: number;
}

export interface LlmClientOptions {
  providers: Map<string, Provider>;
  /** Serves the simulated provider in-process (the /sim/v1 routes' handler), same SDK path. */
  simFetch: (request: Request) => Promise<Response>;
  timeoutMs: number;
  maxRetries: number;
}

/**
 * Model calls through the `openai` SDK against any OpenAI-compatible endpoint, one request per
 * call: the SDK's own retries are off, since a retry it made would be a request nobody reserved
 * budget for.
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
      maxRetries: 0,
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
    maxRetries: opts.maxRetries,
    async complete(req) {
      const started = performance.now();
      let res: OpenAI.Chat.Completions.ChatCompletion;
      try {
        res = await call(req, true);
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
        toolsDropped: false,
      };
    },
  };
}

const nonNegative = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);

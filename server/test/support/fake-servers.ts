/**
 * Small local HTTP servers speaking the real protocols of things outside the machine: an
 * OpenAI-compatible chat completions endpoint and Wikipedia's search API. Tests choose how they
 * misbehave.
 */
export type FakeLlmBehaviour =
  | { kind: 'tool'; name: string; arguments: string; usage?: { prompt: number; completion: number; cached?: number } | 'worst' }
  | { kind: 'text'; content: string }
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'sleep'; ms: number }
  | { kind: 'no-tools'; content: string }
  /** One behaviour per request, in order; the last repeats. */
  | { kind: 'sequence'; steps: FakeLlmStep[] }
  /** One behaviour per request, in order, starting over after the last. */
  | { kind: 'cycle'; steps: FakeLlmStep[] };

export type FakeLlmStep = Exclude<FakeLlmBehaviour, { kind: 'sequence' | 'cycle' }>;

/** A chat request as the fake saw it, with what a real provider could bill for it. */
export type FakeLlmRequest = Record<string, unknown> & { authorization: string | null; billable: number; answer: FakeLlmStep['kind'] | number };

/**
 * The most a provider could bill for a request: every prompt byte a token (byte-pair encodings
 * never yield more tokens than bytes), the tool definitions the same, and the whole max_tokens.
 */
export function worstCaseTokens(body: Record<string, unknown>): number {
  const messages = (body.messages ?? []) as { content?: unknown }[];
  const prompt = messages.reduce((n, m) => n + Buffer.byteLength(typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? '')), 0);
  return prompt + (body.tools ? Buffer.byteLength(JSON.stringify(body.tools)) : 0) + Number(body.max_tokens ?? 256);
}

export interface FakeLlm {
  baseURL: string;
  requests: FakeLlmRequest[];
  behave(b: FakeLlmBehaviour): void;
  stop(): void;
}

const DEFAULT_USAGE = { prompt: 120, completion: 30, cached: 0 };

export function startFakeLlm(initial: FakeLlmBehaviour): FakeLlm {
  let behaviour = initial;
  let step = 0;
  const requests: FakeLlmRequest[] = [];
  const completion = (message: Record<string, unknown>, usage = DEFAULT_USAGE) =>
    Response.json({
      id: 'chatcmpl-fake',
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: 'fake-model',
      choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: 'stop', logprobs: null }],
      usage: {
        prompt_tokens: usage.prompt,
        completion_tokens: usage.completion,
        total_tokens: usage.prompt + usage.completion,
        prompt_tokens_details: { cached_tokens: usage.cached ?? 0 },
      },
    });
  const server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    idleTimeout: 120,
    async fetch(req) {
      const current = (): FakeLlmStep =>
        behaviour.kind === 'sequence' ? behaviour.steps[Math.min(step, behaviour.steps.length - 1)]!
          : behaviour.kind === 'cycle' ? behaviour.steps[step % behaviour.steps.length]!
            : behaviour;
      // GET /v1/models lists what this server serves, as OpenAI's does (an error status wins).
      if (req.method === 'GET' && new URL(req.url).pathname.endsWith('/models')) {
        const s = current();
        if (s.kind === 'status') return new Response(s.body ?? JSON.stringify({ error: { message: `fake error ${s.status}`, type: 'server_error' } }), { status: s.status, headers: { 'content-type': 'application/json' } });
        return Response.json({ object: 'list', data: ['fake-model', 'fake-mini'].map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })) });
      }
      const body = (await req.json().catch(() => ({}))) as Record<string, unknown>;
      const b = current();
      if (behaviour.kind === 'sequence' || behaviour.kind === 'cycle') step++;
      // What this answer reports as used; 'worst' is as much as a real provider could bill for
      // the request (every byte of the messages' JSON a token, and the whole max_tokens).
      const usage = b.kind !== 'tool' || !b.usage ? undefined
        : b.usage === 'worst' ? { prompt: new TextEncoder().encode(JSON.stringify(body.messages ?? [])).length, completion: Number(body.max_tokens ?? 256), cached: 0 }
          : { prompt: b.usage.prompt, completion: b.usage.completion, cached: b.usage.cached ?? 0 };
      // Unanswered (a hang, a 5xx) may still have been billed in full; a 4xx refusal is not.
      const billable = b.kind === 'sleep' || (b.kind === 'status' && b.status >= 500) ? worstCaseTokens(body)
        : b.kind === 'status' || (b.kind === 'no-tools' && body.tools) ? 0
          : usage ? usage.prompt + usage.completion : DEFAULT_USAGE.prompt + DEFAULT_USAGE.completion;
      requests.push({ ...body, authorization: req.headers.get('authorization'), billable, answer: b.kind === 'status' ? b.status : b.kind });
      switch (b.kind) {
        case 'tool':
          return completion({ content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: b.name, arguments: b.arguments } }] }, usage);
        case 'text':
          return completion({ content: b.content });
        case 'status':
          return new Response(b.body ?? JSON.stringify({ error: { message: `fake error ${b.status}`, type: 'server_error' } }), {
            status: b.status,
            headers: { 'content-type': 'application/json' },
          });
        case 'sleep':
          await Bun.sleep(b.ms);
          return completion({ content: 'too late' });
        case 'no-tools':
          if (body.tools) {
            return new Response(JSON.stringify({ error: { message: 'this model does not support tools', type: 'invalid_request_error' } }), {
              status: 400,
              headers: { 'content-type': 'application/json' },
            });
          }
          return completion({ content: b.content });
      }
    },
  });
  return {
    baseURL: `http://127.0.0.1:${server.port}/v1`,
    requests,
    behave: (b) => {
      behaviour = b;
      step = 0;
    },
    stop: () => server.stop(true),
  };
}

export interface FakeWikipedia {
  baseURL: string;
  queries: string[];
  stop(): void;
}

/** Answers GET /w/rest.php/v1/search/page like Wikipedia does. */
export function startFakeWikipedia(): FakeWikipedia {
  const queries: string[] = [];
  const server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch(req) {
      const url = new URL(req.url);
      if (url.pathname !== '/w/rest.php/v1/search/page') return new Response('not found', { status: 404 });
      const q = url.searchParams.get('q') ?? '';
      queries.push(q);
      const limit = Number(url.searchParams.get('limit') ?? 10);
      const pages = Array.from({ length: Math.min(limit, 2) }, (_, i) => ({
        id: 1000 + i,
        key: `${q.replace(/ /g, '_')}_${i}`,
        title: `${q} ${i}`,
        excerpt: `The <span class="searchmatch">${q}</span> article number ${i}`,
        description: `About ${q}`,
      }));
      return Response.json({ pages });
    },
  });
  return { baseURL: `http://127.0.0.1:${server.port}`, queries, stop: () => server.stop(true) };
}

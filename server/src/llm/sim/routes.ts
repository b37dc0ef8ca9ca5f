import { Elysia, t } from 'elysia';
import { simulateCompletion, SIM_MODELS } from './model.ts';

const openAiError = (status: number, message: string, code: string) =>
  new Response(JSON.stringify({ error: { message, type: 'invalid_request_error', param: null, code } }), {
    status,
    headers: { 'content-type': 'application/json' },
  });

/**
 * The built-in simulated model behind an OpenAI-compatible route, so it is reached through the
 * same SDK path as any real provider. It costs nothing and needs no network.
 */
export const simulatedModelRoutes = () =>
  new Elysia({ name: 'chorus/sim', prefix: '/sim/v1' })
    .get('/models', () => ({
      object: 'list',
      data: SIM_MODELS.map((id) => ({ id, object: 'model', created: 0, owned_by: 'chorus (simulated)' })),
    }), { detail: { tags: ['simulated model'], summary: 'Models of the built-in simulated provider' } })
    .post(
      '/chat/completions',
      ({ body }) => {
        if (!(SIM_MODELS as readonly string[]).includes(body.model)) {
          return openAiError(404, `The model \`${body.model}\` does not exist`, 'model_not_found');
        }
        if (body.stream) return openAiError(400, 'the simulated model does not stream', 'unsupported_parameter');
        return simulateCompletion(body);
      },
      {
        body: t.Object(
          {
            model: t.String({ minLength: 1, maxLength: 200 }),
            messages: t.Array(t.Object({ role: t.String(), content: t.Optional(t.Unknown()) }, { additionalProperties: true }), { minItems: 1, maxItems: 500 }),
            tools: t.Optional(t.Array(t.Object({ type: t.String(), function: t.Optional(t.Object({ name: t.Optional(t.String()) }, { additionalProperties: true })) }, { additionalProperties: true }))),
            max_tokens: t.Optional(t.Nullable(t.Integer({ minimum: 1 }))),
            max_completion_tokens: t.Optional(t.Nullable(t.Integer({ minimum: 1 }))),
            seed: t.Optional(t.Nullable(t.Integer())),
            stream: t.Optional(t.Nullable(t.Boolean())),
          },
          { additionalProperties: true },
        ),
        detail: { tags: ['simulated model'], summary: 'OpenAI-compatible chat completions from the simulated model (tool calls and usage included)' },
      },
    );

import { Elysia, t } from 'elysia';
import type { AppDeps } from '../../app.ts';
import { adminAuth } from '../../http/auth.ts';
import { HttpError, notFound } from '../../http/errors.ts';
import { describeProvider } from '../../llm/providers.ts';
import { simulatedModelRoutes } from '../../llm/sim/routes.ts';
import { checkClient, describeFailure, listModels, testConnection } from './service.ts';

const tags = ['providers'];
const Name = t.String({ minLength: 1, maxLength: 32, pattern: '^[a-z][a-z0-9_-]*$' });

/**
 * The configured model providers for the dashboard's model pickers: their own model lists
 * (GET {base}/models, fetched by the server so keys stay here) and a connection test.
 */
export const providersModule = (deps: AppDeps) => {
  const sim = simulatedModelRoutes();
  const simFetch = (r: Request) => sim.handle(r);
  const provider = (name: string) => {
    const p = deps.config.providers.get(name);
    if (!p) throw notFound(`provider "${name}" (configured: ${[...deps.config.providers.keys()].join(', ')})`);
    return p;
  };
  return new Elysia({ name: 'chorus/providers', prefix: '/api/providers' })
    .use(adminAuth(deps.access))
    .get('/', () => [...deps.config.providers.values()].map(describeProvider), { detail: { tags, summary: 'Configured model providers (never their keys)' } })
    .get(
      '/:name/models',
      async ({ params }) => {
        const p = provider(params.name);
        try {
          return await listModels(p, checkClient(p, simFetch));
        } catch (e) {
          throw new HttpError(502, 'provider_unavailable', `${p.name} did not list its models: ${describeFailure(e)}`);
        }
      },
      { params: t.Object({ name: Name }), detail: { tags, summary: "A provider's models, from its own GET /v1/models" } },
    )
    .post(
      '/:name/test',
      async ({ params, body }) => {
        const p = provider(params.name);
        return testConnection(p, checkClient(p, simFetch), body?.model ?? null);
      },
      {
        admin: true,
        params: t.Object({ name: Name }),
        body: t.Optional(t.Object({ model: t.Optional(t.String({ minLength: 1, maxLength: 200 })) }, { additionalProperties: false })),
        detail: { tags, summary: 'Connection test: does the provider answer, and does the model call tools (one tiny completion)' },
      },
    );
};

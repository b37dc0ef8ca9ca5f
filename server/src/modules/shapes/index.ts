import { Elysia } from 'elysia';

export type FetchHandler = (request: Request) => Promise<Response> | Response;

/**
 * `/v1/*`: Electric's Shape protocol, answered by whichever handler the runtime provides (the
 * in-process shape server from sync/ under Bun). Without one, the route does not exist.
 */
export const shapesModule = (handler: FetchHandler | null) => {
  const app = new Elysia({ name: 'chorus/shapes' });
  if (!handler) return app;
  const options = {
    // The shape handler reads the raw request itself.
    parse: 'none' as const,
    detail: { tags: ['sync'], summary: 'Electric Shape protocol: GET/DELETE/OPTIONS /v1/shape and GET /v1/health (see sync/README.md)' },
  };
  const forward = ({ request }: { request: Request }) => handler(request);
  // One route per method: Elysia matches method routes before `all`, so the dashboard's GET /*
  // fallback would otherwise win.
  return app.get('/v1/*', forward, options).post('/v1/*', forward, options).delete('/v1/*', forward, options).options('/v1/*', forward, options);
};

import { PUBLIC_SHAPES } from '@chorus/sync/src/browser/shapes.ts';
import { Elysia } from 'elysia';
import { presentsAdmin, sameToken, type Access } from '../../http/auth.ts';
import { originAllowed } from '../../http/request-origin.ts';

export type FetchHandler = (request: Request) => Promise<Response> | Response;

/**
 * `/v1/*`: Electric's Shape protocol, answered by whichever handler the runtime provides (the
 * in-process shape server from sync/, or the proxy to an external Electric). Without one, the
 * route does not exist.
 *
 * With an admin token set, the shapes are this process's to guard: the dashboard's session cookie
 * or the token opens every synced shape, and anyone may read the public shapes (PUBLIC_SHAPES)
 * exactly as defined there. What passes is handed on with the token, which the handler behind
 * checks as before.
 */
export const shapesModule = (handler: FetchHandler | null, access: Access) => {
  const app = new Elysia({ name: 'chorus/shapes' });
  if (!handler) return app;
  const checked: FetchHandler = access.adminToken ? (request) => guard(handler, access, request) : handler;
  const guarded: FetchHandler = async (request) => corsFor(access, request, await checked(request));
  const options = {
    // The shape handler reads the raw request itself.
    parse: 'none' as const,
    detail: { tags: ['sync'], summary: 'Electric Shape protocol: GET/DELETE/OPTIONS /v1/shape and GET /v1/health (see sync/README.md)' },
  };
  const forward = ({ request }: { request: Request }) => guarded(request);
  // One route per method: Elysia matches method routes before `all`, so the dashboard's GET /*
  // fallback would otherwise win.
  return app.get('/v1/*', forward, options).post('/v1/*', forward, options).delete('/v1/*', forward, options).options('/v1/*', forward, options);
};

/**
 * The shape server answers CORS for any origin (as Electric does); here only this server's own
 * origin and CHORUS_ALLOWED_ORIGINS get it, so another site's page cannot read what it fetched.
 */
function corsFor(access: Access, request: Request, res: Response): Response {
  const origin = request.headers.get('origin');
  if (origin && originAllowed(access.policy, request, origin)) return res;
  const headers = new Headers(res.headers);
  let changed = false;
  for (const name of [...headers.keys()]) {
    if (name.startsWith('access-control-')) {
      headers.delete(name);
      changed = true;
    }
  }
  return changed ? new Response(res.body, { status: res.status, statusText: res.statusText, headers }) : res;
}

async function guard(handler: FetchHandler, access: Access, request: Request): Promise<Response> {
  const adminToken = access.adminToken!;
  const url = new URL(request.url);
  if (url.pathname !== '/v1/shape' || request.method === 'OPTIONS') return handler(request);
  // Electric's clients may also carry the secret as a query parameter.
  const secret = url.searchParams.get('secret') ?? url.searchParams.get('api_secret');
  const admin = secret ? sameToken(secret, adminToken) : await presentsAdmin(access, request);
  if (!admin && !isPublicShape(url)) {
    return Response.json(
      { message: 'Unauthorized - sign in to the dashboard (or send the admin token) to sync this shape' },
      { status: 401, headers: { 'cache-control': 'no-store' } },
    );
  }
  const headers = new Headers(request.headers);
  headers.set('authorization', `Bearer ${adminToken}`);
  // The cookie stays here: the handler behind has no use for it.
  headers.delete('cookie');
  return handler(new Request(request, { headers }));
}

const PUBLIC = new Map<string, (typeof PUBLIC_SHAPES)[number]>(PUBLIC_SHAPES.map((s) => [s.table, s]));

/** A shape request that asks for one of the public shapes, with no more columns or rows. */
export function isPublicShape(url: URL): boolean {
  const q = url.searchParams;
  const table = (q.get('table') ?? '').replace(/^public\./, '');
  const def = PUBLIC.get(table);
  if (!def) return false;
  const columns = q.get('columns');
  if (!columns) return false;
  const asked = columns.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  const allowed = new Set<string>(def.columns);
  if (!asked.every((c) => allowed.has(c)) || !def.primaryKey.every((k) => asked.includes(k))) return false;
  const where = 'where' in def ? def.where : undefined;
  if ((q.get('where') ?? undefined) !== where) return false;
  // Keys arrive decoded: `params[1]` however the client wrote it.
  return ![...q.keys()].some((k) => k.startsWith('params[') || k.startsWith('subset__'));
}

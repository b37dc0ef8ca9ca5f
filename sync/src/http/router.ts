/**
 * The shape server's HTTP surface as a web-standard handler: `GET/POST/DELETE/OPTIONS /v1/shape` and
 * `GET /v1/health`. Anything that escapes a handler becomes a 503 the client retries, never a 500.
 */
import { timingSafeEqual } from 'node:crypto';
import { HEALTH_PATH, PARAM, SHAPE_PATH } from '../protocol.ts';
import { ShapeParamError } from '../shapes/index.ts';
import type { ShapeService } from '../shape-server.ts';
import { badRequest, corsHeaders, jsonResponse, preflight } from './responses.ts';
import { getShape } from './shape-handler.ts';
import { BadRequest, parseShapeRequest } from './shape-request.ts';
import { isSubsetQuery, parseSubsetBody, parseSubsetQuery } from './subset-request.ts';

export type FetchHandler = (req: Request) => Promise<Response>;

export function createShapeHandler(service: () => ShapeService | null): FetchHandler {
  return async (req) => {
    const url = new URL(req.url);
    try {
      if (url.pathname === HEALTH_PATH && req.method === 'GET') {
        const s = service()?.status() ?? 'starting';
        return jsonResponse(req, s === 'active' ? 200 : s === 'degraded' ? 503 : 202, { status: s });
      }
      if (url.pathname !== SHAPE_PATH) return jsonResponse(req, 404, { message: 'Not found' });
      if (req.method === 'OPTIONS') return preflight(req);
      const svc = service();
      if (!svc) return jsonResponse(req, 503, { message: 'The shape server is starting' }, { 'retry-after': '1' });
      if (!authorized(svc.options.adminToken, req, url)) {
        return jsonResponse(req, 401, { message: 'Unauthorized - Invalid API secret' });
      }
      if (req.method === 'GET' || req.method === 'HEAD') {
        return await getShape(svc, req, url, async () => (isSubsetQuery(url.searchParams) ? parseSubsetQuery(url.searchParams) : null));
      }
      // POST carries a subset request in its body (the client's `subsetMethod: 'POST'`).
      if (req.method === 'POST') return await getShape(svc, req, url, () => parseSubsetBody(req));
      if (req.method === 'DELETE') return await deleteShape(svc, req, url);
      return jsonResponse(req, 405, { message: `${req.method} is not allowed on ${SHAPE_PATH}` }, { allow: 'GET, POST, DELETE, OPTIONS' });
    } catch (e) {
      service()?.options.log.error('shape request failed', { error: (e as Error).message, url: url.pathname + url.search });
      return jsonResponse(req, 503, { message: 'The shape server could not answer; try again' }, { 'retry-after': '1', ...corsHeaders(req) });
    }
  };
}

function authorized(token: string | null, req: Request, url: URL): boolean {
  if (!token) return true;
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.get('authorization') ?? '')?.[1];
  const given = url.searchParams.get(PARAM.secret) ?? url.searchParams.get(PARAM.legacySecret) ?? bearer ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * DELETE /v1/shape (test mode only), as Electric's: the shape is the one the parameters define; a
 * `handle` must be that shape's. Anything else matches nothing and is a 404.
 */
async function deleteShape(svc: ShapeService, req: Request, url: URL): Promise<Response> {
  if (!svc.options.testMode) return jsonResponse(req, 405, { message: 'DELETE /v1/shape is only allowed in test mode' });
  const q = new URLSearchParams(url.searchParams);
  // The definition is all that matters here, whatever offset the caller sends.
  q.set(PARAM.offset, '-1');
  const handle = url.searchParams.get(PARAM.handle);
  try {
    const compiled = await svc.resolve(parseShapeRequest(q).definition);
    const shape = svc.findFor(compiled);
    if (!shape || (handle !== null && shape.handle !== handle)) {
      return jsonResponse(req, 404, { message: 'No shape matches the given parameters' });
    }
    svc.deleteShape(shape.handle);
    return new Response(null, { status: 202, headers: corsHeaders(req) });
  } catch (e) {
    if (e instanceof BadRequest) return badRequest(req, e.errors);
    if (e instanceof ShapeParamError) return badRequest(req, { [e.param]: [e.message] });
    throw e;
  }
}

/** Building protocol responses: CORS, JSON errors, the up-to-date message. */
import { CACHE, CONTROL, EXPOSED_HEADERS, HEADER } from '../protocol.ts';
import type { Lsn } from '../replication/index.ts';

export function corsHeaders(req: Request): Record<string, string> {
  return {
    'access-control-allow-origin': req.headers.get('origin') ?? '*',
    'access-control-expose-headers': EXPOSED_HEADERS,
    'access-control-allow-methods': 'GET, POST, HEAD, DELETE, OPTIONS',
    vary: 'origin',
  };
}

export function preflight(req: Request): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...corsHeaders(req),
      'access-control-max-age': '86400',
      // Electric allows only these; we also allow Authorization so the admin token can travel as a header.
      'access-control-allow-headers': req.headers.get('access-control-request-headers') ?? 'if-none-match, traceparent, authorization',
    },
  });
}

export function jsonResponse(req: Request, status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': CACHE.error, ...corsHeaders(req), ...headers },
  });
}

export const badRequest = (req: Request, errors: Record<string, string[]>) =>
  jsonResponse(req, 400, { message: 'Invalid request', errors });

export function mustRefetch(req: Request, newHandle: string | null): Response {
  return new Response(JSON.stringify([{ headers: { control: CONTROL.mustRefetch } }]), {
    status: 409,
    headers: {
      'content-type': 'application/json',
      'cache-control': newHandle ? CACHE.mustRefetch : 'public, max-age=1, must-revalidate',
      ...(newHandle ? { [HEADER.handle]: newHandle } : {}),
      ...corsHeaders(req),
    },
  });
}

export const upToDateMessage = (lsn: Lsn) => JSON.stringify({ headers: { control: CONTROL.upToDate, global_last_seen_lsn: String(lsn) } });

/**
 * `/v1/*` proxied to the real Electric sync service, for deployments that outgrow one shape
 * server. The browser keeps talking to this origin; Electric's secret is added here, so it never
 * reaches a browser, and only the dashboard's tables may be asked for.
 */
import { DASHBOARD_TABLES } from '@chorus/sync/src/browser/shapes.ts';
import type { FetchHandler } from './index.ts';

/** Parameters the Electric client sends to drive the protocol (its ELECTRIC_PROTOCOL_QUERY_PARAMS). */
const PROTOCOL_PARAMS = new Set(['live', 'live_sse', 'experimental_live_sse', 'handle', 'offset', 'cursor', 'expired_handle', 'log', 'cache-buster']);
/** Parameters that define a shape, checked here before they reach Electric. */
const SHAPE_PARAMS = new Set(['table', 'columns', 'where', 'replica']);
const ALLOWED_TABLES = new Set<string>([...DASHBOARD_TABLES, ...DASHBOARD_TABLES.map((t) => `public.${t}`)]);

const electricError = (status: number, errors: Record<string, string[]>) =>
  new Response(JSON.stringify({ message: status === 401 ? 'Unauthorized - Invalid API secret' : 'Invalid request', errors }), {
    status,
    headers: { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'cache-control': 'no-store' },
  });

export interface ElectricProxyOptions {
  url: string;
  secret: string | null;
  /** When set, browsers must present it (Authorization: Bearer, or `secret`), as with our own shape server. */
  adminToken: string | null;
  fetch?: typeof fetch;
}

export function electricProxy(o: ElectricProxyOptions): FetchHandler {
  const upstream = o.url.replace(/\/+$/, '');
  const doFetch = o.fetch ?? fetch;
  return async (request) => {
    const url = new URL(request.url);
    if (url.pathname === '/v1/health') return doFetch(`${upstream}/v1/health`, { signal: request.signal });
    if (url.pathname !== '/v1/shape') return electricError(404, { path: [`no route ${url.pathname}`] });
    if (request.method === 'OPTIONS') {
      return new Response(null, {
        status: 204,
        headers: {
          'access-control-allow-origin': request.headers.get('origin') ?? '*',
          'access-control-allow-methods': 'GET, HEAD, OPTIONS',
          'access-control-allow-headers': 'if-none-match, traceparent, authorization',
          'access-control-max-age': '86400',
        },
      });
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return electricError(405, { method: [`${request.method} is not allowed through this proxy`] });
    if (o.adminToken) {
      const bearer = request.headers.get('authorization')?.replace(/^Bearer\s+/i, '');
      if ((bearer ?? url.searchParams.get('secret')) !== o.adminToken) return electricError(401, {});
    }
    const table = url.searchParams.get('table');
    if (!table || !ALLOWED_TABLES.has(table)) return electricError(400, { table: [`table ${table ?? '(missing)'} is not synced by this server`] });

    const out = new URL(`${upstream}/v1/shape`);
    for (const [k, v] of url.searchParams) {
      if (PROTOCOL_PARAMS.has(k) || SHAPE_PARAMS.has(k) || k.startsWith('subset__') || /^params\[\d+\]$/.test(k)) out.searchParams.append(k, v);
    }
    if (o.secret) out.searchParams.set('secret', o.secret);

    const res = await doFetch(out, { method: request.method, headers: { accept: request.headers.get('accept') ?? '*/*' }, signal: request.signal });
    // The body is passed through decoded, so the upstream's encoding and length no longer apply.
    const headers = new Headers(res.headers);
    headers.delete('content-encoding');
    headers.delete('content-length');
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  };
}

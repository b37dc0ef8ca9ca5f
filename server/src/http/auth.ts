/**
 * Who may do what. With an admin token: the token itself (scripts, curl) or a dashboard session
 * made with it (browsers), and a session only from this server's own pages. Without one (a local
 * `npm start`): only this machine, only under a loopback or allowed Host name, and never on behalf
 * of another site's page.
 */
import { timingSafeEqual } from 'node:crypto';
import { Elysia } from 'elysia';
import type { Config } from '../config/index.ts';
import type { Sql } from '../db/client.ts';
import { HttpError } from './errors.ts';
import { fromThisMachine, hostAllowed, hostName, requestSource, type OriginPolicy } from './request-origin.ts';
import { SessionStore, sessionCookieValue } from './session.ts';

/** What every access check needs; built once per app from the config. */
export interface Access {
  adminToken: string | null;
  policy: OriginPolicy;
  /** Dashboard sessions; null without a token (there is nothing to sign in to). */
  sessions: SessionStore | null;
}

export function createAccess(config: Config, sql: Sql): Access {
  return {
    adminToken: config.adminToken,
    policy: { allowedHosts: config.allowedHosts, allowedOrigins: config.allowedOrigins },
    sessions: config.adminToken ? new SessionStore(sql, config.adminToken) : null,
  };
}

export function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function presentedToken(headers: Headers): string | null {
  const auth = headers.get('authorization');
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  return headers.get('x-chorus-admin-token');
}

const UNAUTHORIZED = 'this needs the admin token: sign in to the dashboard, or send Authorization: Bearer <CHORUS_ADMIN_TOKEN>';
const crossOrigin = () =>
  new HttpError(403, 'cross_origin', "this request came from another site's page (its Origin or Sec-Fetch-Site says so); only this server's own pages, or origins in CHORUS_ALLOWED_ORIGINS, may do this");

/**
 * Why this request does not act as the admin, or null when it does. `write`: it changes state, so
 * a session cookie must come with a same-origin proof (Origin or Sec-Fetch-Site), since a cookie
 * travels with any request the browser sends, including other sites' forms.
 */
export async function adminRefusal(access: Access, request: Request, write: boolean): Promise<HttpError | null> {
  const token = access.adminToken!;
  const given = presentedToken(request.headers);
  if (given) return sameToken(given, token) ? null : new HttpError(401, 'unauthorized', UNAUTHORIZED);
  const session = sessionCookieValue(request.headers);
  if (!session || !(await access.sessions!.valid(session))) return new HttpError(401, 'unauthorized', UNAUTHORIZED);
  const source = requestSource(access.policy, request);
  if (source === 'foreign' || (write && source !== 'own')) return crossOrigin();
  return null;
}

export const presentsAdmin = async (access: Access, request: Request, write = false) => (await adminRefusal(access, request, write)) === null;

/** Why this request may not write, or null when it may (the rule behind `{ admin: true }`). */
export async function writeRefusal(access: Access, request: Request, peerAddress: string | undefined): Promise<HttpError | null> {
  if (access.adminToken) return adminRefusal(access, request, true);
  // Behind a proxy every request comes from loopback, so a proxied one never counts as local.
  if (!fromThisMachine(request, peerAddress)) {
    return new HttpError(403, 'forbidden', 'writes are accepted only from this machine, not through a proxy, while CHORUS_ADMIN_TOKEN is unset');
  }
  return requestSource(access.policy, request) === 'foreign' ? crossOrigin() : null;
}

/**
 * `{ admin: true }` on a route requires the admin token (Authorization: Bearer …) or a dashboard
 * session signed in with it (see session.ts). With no token configured, only requests made on
 * this machine (loopback, not relayed by a proxy) may write; a runtime that cannot tell the
 * peer's address (Deno, app.handle in tests) is refused.
 */
export const adminAuth = (access: Access) =>
  new Elysia({ name: 'chorus/auth' }).macro({
    admin: (enabled: boolean) => ({
      // transform runs before body validation, so an intruder learns nothing about the schema.
      async transform({ request, server }) {
        if (!enabled) return;
        const refusal = await writeRefusal(access, request, server?.requestIP(request)?.address);
        if (refusal) throw refusal;
      },
    }),
  });

/** What anyone may read even when a token is set: the public view, operations and signing in. */
const OPEN_READS = /^\/api\/(public(\/|$)|health$|metrics$|session$|openapi\.json$|docs(\/|$))/;
/** Where the API lives: every other path is the dashboard's pages and files. */
const API_PATH = /^\/(api|ws|v1|sim)(\/|$)/;

const refuse = (e: HttpError) =>
  Response.json({ error: e.code, message: e.message }, { status: e.status, headers: { 'cache-control': 'no-store' } });

/**
 * The checks every request passes before routing.
 *
 * Without a token: the Host must be a loopback name or an allowed one (a DNS-rebinding page
 * reaches 127.0.0.1 under its own name), and nothing but the public reads may be asked for by
 * another site's page (Origin / Sec-Fetch-Site): no writes, no private reads, no WebSocket.
 *
 * With a token: reading configuration, memory, usage and raw activity also needs the token or a
 * session, as the shapes do (otherwise the public/private split of the shapes would be one REST
 * call away), and so does the simulated model (it spends CPU on demand).
 */
export const accessGuard = (access: Access) =>
  new Elysia({ name: 'chorus/access' }).onRequest(async ({ request }) => {
    const path = new URL(request.url).pathname;
    const read = request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS';
    if (!access.adminToken) {
      if (!hostAllowed(access.policy, request)) {
        const name = hostName(request.headers.get('host') ?? '') ?? '';
        return refuse(new HttpError(421, 'unknown_host', `this server answers to localhost and 127.0.0.1 only, not "${name.slice(0, 100)}"; add the name to CHORUS_ALLOWED_HOSTS if it is yours`));
      }
      if (API_PATH.test(path) && !(read && OPEN_READS.test(path)) && requestSource(access.policy, request) === 'foreign') return refuse(crossOrigin());
      return;
    }
    const simulated = path.startsWith('/sim/');
    if (!simulated && (!read || !(path.startsWith('/api/') || path.startsWith('/ws/')) || OPEN_READS.test(path))) return;
    const refusal = await adminRefusal(access, request, simulated && !read);
    if (refusal) return refuse(refusal);
  });

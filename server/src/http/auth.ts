import { timingSafeEqual } from 'node:crypto';
import { Elysia } from 'elysia';
import { HttpError } from './errors.ts';
import { hasValidSession } from './session.ts';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

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

/** The admin token itself (scripts, curl) or a dashboard session made with it (browsers). */
export function presentsAdmin(adminToken: string, request: Request): boolean {
  const given = presentedToken(request.headers);
  if (given) return sameToken(given, adminToken);
  return hasValidSession(adminToken, request.headers);
}

/** Why this request may not write, or null when it may (the rule behind `{ admin: true }`). */
export function writeRefusal(adminToken: string | null, request: Request, peerAddress: string | undefined): HttpError | null {
  if (adminToken) {
    return presentsAdmin(adminToken, request)
      ? null
      : new HttpError(401, 'unauthorized', 'this route needs the admin token: sign in to the dashboard, or send Authorization: Bearer <CHORUS_ADMIN_TOKEN>');
  }
  return peerAddress && LOOPBACK.test(peerAddress)
    ? null
    : new HttpError(403, 'forbidden', 'writes are accepted from loopback only while CHORUS_ADMIN_TOKEN is unset');
}

/**
 * `{ admin: true }` on a route requires the admin token (Authorization: Bearer …) or a dashboard
 * session signed in with it (see session.ts). With no token configured, only requests from
 * loopback may write; a runtime that cannot tell the peer's address (Deno, app.handle in tests)
 * is refused.
 */
export const adminAuth = (adminToken: string | null) =>
  new Elysia({ name: 'chorus/auth' }).macro({
    admin: (enabled: boolean) => ({
      // transform runs before body validation, so an intruder learns nothing about the schema.
      transform({ request, server }) {
        if (!enabled) return;
        const refusal = writeRefusal(adminToken, request, server?.requestIP(request)?.address);
        if (refusal) throw refusal;
      },
    }),
  });

/** What anyone may read even when a token is set: the public view, operations and signing in. */
const OPEN_READS = /^\/api\/(public(\/|$)|health$|metrics$|session$|openapi\.json$|docs(\/|$))/;

/**
 * With an admin token set, reading configuration, memory, usage and raw activity also needs the
 * token or a session, as the shapes do: otherwise the public/private split of the shapes would be
 * one REST call away. Without a token (a local `npm start`), reads stay open as before.
 */
export const privateReads = (adminToken: string | null) =>
  new Elysia({ name: 'chorus/private-reads' }).onRequest(({ request }) => {
    if (!adminToken || (request.method !== 'GET' && request.method !== 'HEAD')) return;
    const path = new URL(request.url).pathname;
    if (!(path.startsWith('/api/') || path.startsWith('/ws/')) || OPEN_READS.test(path)) return;
    if (presentsAdmin(adminToken, request)) return;
    return Response.json(
      { error: 'unauthorized', message: 'reading this needs the admin token: sign in to the dashboard, or send Authorization: Bearer <CHORUS_ADMIN_TOKEN>' },
      { status: 401, headers: { 'cache-control': 'no-store' } },
    );
  });

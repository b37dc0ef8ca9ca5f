import { Elysia, t } from 'elysia';
import type { AppDeps } from '../../app.ts';
import { presentsAdmin, sameToken, writeRefusal } from '../../http/auth.ts';
import { HttpError } from '../../http/errors.ts';
import { cameOverHttps, sessionCookie, sessionCookieValue } from '../../http/session.ts';

const tags = ['session'];

/**
 * Signing the dashboard in and out. The browser sends the admin token once and gets an HttpOnly
 * session cookie back; the token is never stored on its side.
 */
export const sessionModule = (deps: AppDeps) => {
  const token = deps.config.adminToken;
  const access = deps.access;
  /** What this browser may do; `signedOut` for the answer to signing out (its session is gone). */
  const state = async (request: Request, peer: string | undefined, signedOut = false) => ({
    token_required: token !== null,
    // With a token: whether this browser holds a live session (each write then also needs its
    // same-origin proof, which a GET of this route does not carry).
    can_write: token ? !signedOut && (await presentsAdmin(access, request)) : (await writeRefusal(access, request, peer)) === null,
  });
  return new Elysia({ name: 'chorus/session', prefix: '/api/session' })
    .get('/', ({ request, server }) => state(request, server?.requestIP(request)?.address), { detail: { tags, summary: 'Whether this browser may change configuration, and whether signing in is needed' } })
    .post('/', async ({ body, request, set }) => {
      if (!token) throw new HttpError(409, 'no_token', 'this server has no admin token (CHORUS_ADMIN_TOKEN), so there is nothing to sign in to');
      if (!sameToken(body.token, token)) throw new HttpError(401, 'unauthorized', 'that is not the admin token');
      const session = await access.sessions!.issue();
      set.headers['set-cookie'] = sessionCookie(session.value, session.maxAgeSeconds, cameOverHttps(request));
      set.headers['cache-control'] = 'no-store';
      return { token_required: true, can_write: true };
    }, {
      body: t.Object({ token: t.String({ minLength: 1, maxLength: 512 }) }),
      detail: { tags, summary: 'Sign in with the admin token: sets an HttpOnly session cookie (30 days)' },
    })
    .delete('/', async ({ request, server, set }) => {
      // Ended server-side, so a copy of the cookie kept anywhere opens nothing any more.
      const session = sessionCookieValue(request.headers);
      if (session) await access.sessions?.revoke(session);
      set.headers['set-cookie'] = sessionCookie('', 0, cameOverHttps(request));
      // Without a token, signing out changes nothing: loopback may still write.
      return state(request, server?.requestIP(request)?.address, true);
    }, { detail: { tags, summary: 'Sign out: ends the session on the server and clears its cookie' } });
};

import { Elysia, t } from 'elysia';
import type { AppDeps } from '../../app.ts';
import { sameToken, writeRefusal } from '../../http/auth.ts';
import { HttpError } from '../../http/errors.ts';
import { cameOverHttps, issueSession, sessionCookie } from '../../http/session.ts';

const tags = ['session'];

/**
 * Signing the dashboard in and out. The browser sends the admin token once and gets an HttpOnly
 * session cookie back; the token is never stored on its side.
 */
export const sessionModule = (deps: AppDeps) => {
  const token = deps.config.adminToken;
  /** What this browser may do; `signedOut` for the answer to signing out (its cookie is going). */
  const state = (request: Request, peer: string | undefined, signedOut = false) => ({
    token_required: token !== null,
    can_write: !(signedOut && token) && writeRefusal(token, request, peer) === null,
  });
  return new Elysia({ name: 'chorus/session', prefix: '/api/session' })
    .get('/', ({ request, server }) => state(request, server?.requestIP(request)?.address), { detail: { tags, summary: 'Whether this browser may change configuration, and whether signing in is needed' } })
    .post('/', ({ body, request, set }) => {
      if (!token) throw new HttpError(409, 'no_token', 'this server has no admin token (CHORUS_ADMIN_TOKEN), so there is nothing to sign in to');
      if (!sameToken(body.token, token)) throw new HttpError(401, 'unauthorized', 'that is not the admin token');
      const session = issueSession(token);
      set.headers['set-cookie'] = sessionCookie(session.value, session.maxAgeSeconds, cameOverHttps(request));
      set.headers['cache-control'] = 'no-store';
      return { token_required: true, can_write: true };
    }, {
      body: t.Object({ token: t.String({ minLength: 1, maxLength: 512 }) }),
      detail: { tags, summary: 'Sign in with the admin token: sets an HttpOnly session cookie (30 days)' },
    })
    .delete('/', ({ request, server, set }) => {
      set.headers['set-cookie'] = sessionCookie('', 0, cameOverHttps(request));
      // Without a token, signing out changes nothing: loopback may still write.
      return state(request, server?.requestIP(request)?.address, true);
    }, { detail: { tags, summary: 'Sign out: clears the session cookie' } });
};

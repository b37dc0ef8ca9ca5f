/**
 * Dashboard sessions. A person signs in once with the admin token; the browser then holds an
 * HttpOnly cookie that proves it, never the token itself (which must not reach the browser).
 *
 * The cookie is `<expiry>.<mac>`, the MAC keyed by the admin token: any API or sync process that
 * knows the token can check it without shared state, and changing the token signs everyone out.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'chorus_session';
/** Long enough that a dashboard used offline for weeks can still send its queued edits. */
export const SESSION_DAYS = 30;

const mac = (adminToken: string, expires: number) => createHmac('sha256', adminToken).update(`chorus-session:${expires}`).digest('base64url');

/** A new session value, valid for SESSION_DAYS from `now` (ms). */
export function issueSession(adminToken: string, now = Date.now()): { value: string; maxAgeSeconds: number } {
  const maxAgeSeconds = SESSION_DAYS * 86_400;
  const expires = Math.floor(now / 1000) + maxAgeSeconds;
  return { value: `${expires}.${mac(adminToken, expires)}`, maxAgeSeconds };
}

function cookieValue(cookieHeader: string | null, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** Whether the request carries an unexpired session cookie made with this token. */
export function hasValidSession(adminToken: string, headers: Headers, now = Date.now()): boolean {
  const value = cookieValue(headers.get('cookie'), SESSION_COOKIE);
  const m = value ? /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value) : null;
  if (!m) return false;
  const expires = Number(m[1]);
  if (expires * 1000 <= now) return false;
  const given = Buffer.from(m[2]!);
  const expected = Buffer.from(mac(adminToken, expires));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The Set-Cookie header. HttpOnly keeps it from scripts, SameSite=Strict from other sites' forms;
 * Secure whenever the page came over HTTPS (directly or through Caddy).
 */
export function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [`${SESSION_COOKIE}=${value}`, 'Path=/', `Max-Age=${maxAgeSeconds}`, 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : [])].join('; ');
}

/** True when the browser reached us over HTTPS, also behind a TLS-terminating proxy. */
export function cameOverHttps(request: Request): boolean {
  return new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
}

/**
 * Dashboard sessions. A person signs in once with the admin token; the browser then holds an
 * HttpOnly cookie that proves it, never the token itself (which must not reach the browser).
 *
 * The cookie is a random value; the database keeps its hash (migration 0006), so signing out
 * deletes the session for good, on every API process sharing the database. Each row records
 * which token made it: after the token changes, no older session is valid.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Sql } from '../db/client.ts';

export const SESSION_COOKIE = 'chorus_session';
/** Long enough that a dashboard used offline for weeks can still send its queued edits. */
export const SESSION_DAYS = 30;

const hashOf = (value: string) => createHash('sha256').update(value).digest('base64url');

function cookieValue(cookieHeader: string | null, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The session cookie's value when it has the shape of one (43 base64url characters). */
export function sessionCookieValue(headers: Headers): string | null {
  const value = cookieValue(headers.get('cookie'), SESSION_COOKIE);
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
}

export class SessionStore {
  private readonly tokenMac: string;
  constructor(
    private readonly sql: Sql,
    adminToken: string,
  ) {
    this.tokenMac = createHmac('sha256', adminToken).update('chorus-session-token').digest('base64url');
  }

  /** A new session, valid for SESSION_DAYS; expired ones and those of older tokens go now. */
  async issue(): Promise<{ value: string; maxAgeSeconds: number }> {
    const value = randomBytes(32).toString('base64url');
    const maxAgeSeconds = SESSION_DAYS * 86_400;
    await this.sql`DELETE FROM sessions WHERE expires_at <= now() OR token_mac <> ${this.tokenMac}`;
    await this.sql`INSERT INTO sessions (id_hash, token_mac, expires_at)
                   VALUES (${hashOf(value)}, ${this.tokenMac}, now() + make_interval(secs => ${maxAgeSeconds}))`;
    return { value, maxAgeSeconds };
  }

  /** Whether this cookie value is a live session of the current token. */
  async valid(value: string): Promise<boolean> {
    const rows = await this.sql`SELECT 1 FROM sessions WHERE id_hash = ${hashOf(value)} AND token_mac = ${this.tokenMac} AND expires_at > now()`;
    return rows.length > 0;
  }

  /** Signing out: the session ends here and on every process sharing the database. */
  async revoke(value: string): Promise<void> {
    await this.sql`DELETE FROM sessions WHERE id_hash = ${hashOf(value)}`;
  }
}

/**
 * The Set-Cookie header. HttpOnly keeps it from scripts, SameSite=Strict from other sites' forms
 * (other ports of this host still count as the same site, hence the Origin checks in auth.ts);
 * Secure whenever the page came over HTTPS (directly or through Caddy).
 */
export function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [`${SESSION_COOKIE}=${value}`, 'Path=/', `Max-Age=${maxAgeSeconds}`, 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : [])].join('; ');
}

/** True when the browser reached us over HTTPS, also behind a TLS-terminating proxy. */
export function cameOverHttps(request: Request): boolean {
  return new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
}

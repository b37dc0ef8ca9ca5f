import type { PGliteInterface } from '@electric-sql/pglite';

/**
 * Signing in. When the server has an admin token, shapes and writes need a session: a person
 * enters the token once, the server answers with an HttpOnly cookie (the token is not kept here),
 * and the sync in the leader's worker, waiting since its first 401, starts again. Tabs tell the
 * worker through a NOTIFY on the shared database, the one channel they all have.
 */
export const SESSION_CHANNEL = 'chorus_session';

/** Worker side: resolves at the next sign-in from any tab. One LISTEN serves every waiter. */
export function createSignInWaiter(pg: PGliteInterface, onSignIn: () => void = () => {}): () => Promise<void> {
  let waiters: (() => void)[] = [];
  void pg.listen(SESSION_CHANNEL, () => {
    const ready = waiters;
    waiters = [];
    for (const w of ready) w();
    onSignIn();
  });
  return () => new Promise<void>((resolve) => waiters.push(resolve));
}

/** Page side: sends the token to POST /api/session; returns why it failed, or null when signed in. */
export async function signIn(db: PGliteInterface, token: string, origin: string = location.origin): Promise<string | null> {
  let res: Response;
  try {
    res = await fetch(`${origin}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
      credentials: 'same-origin',
    });
  } catch {
    return 'The server cannot be reached; sign in once you are online.';
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { message?: string };
    return body.message ?? `The server refused (HTTP ${res.status}).`;
  }
  await db.query(`NOTIFY ${SESSION_CHANNEL}`);
  return null;
}

/** What the server says of this browser (GET /api/session). */
export interface SessionState {
  /** The server has an admin token (CHORUS_ADMIN_TOKEN), so changes need a signed-in session. */
  token_required: boolean;
  /** This browser may change configuration now: signed in, or on the server's own machine when it has no token. */
  can_write: boolean;
}

/**
 * Page side: asks the server whether it has an admin token and what this browser may do. Only the
 * server knows (the token never reaches the browser, and a server without one never answers 401),
 * so this is null when it cannot be reached or does not answer as Chorus does.
 */
export async function fetchSession(origin: string = location.origin): Promise<SessionState | null> {
  try {
    const res = await fetch(`${origin}/api/session`, { credentials: 'same-origin', cache: 'no-store' });
    if (!res.ok) return null;
    const body = (await res.json()) as Partial<SessionState>;
    return typeof body.token_required === 'boolean' && typeof body.can_write === 'boolean' ? { token_required: body.token_required, can_write: body.can_write } : null;
  } catch {
    return null;
  }
}

/** Page side: clears the session cookie; says whether the server uses sessions at all. */
export async function signOut(origin: string = location.origin): Promise<{ token_required: boolean }> {
  const res = await fetch(`${origin}/api/session`, { method: 'DELETE', credentials: 'same-origin' });
  if (!res.ok) throw new Error(`sign-out failed (HTTP ${res.status})`);
  return (await res.json()) as { token_required: boolean };
}

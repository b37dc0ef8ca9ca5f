type Fetch = typeof fetch;

/** A gateway's answers for a server behind it that is down or not answering (Caddy gives 502). */
const NO_SERVER = new Set([502, 503, 504]);

/**
 * Wraps the sync's fetch to tell when the server stops answering and when it answers again. The
 * shape streams always have requests out (long polls, and retries with backoff while it is down),
 * so a stopped server shows within one failed request, and a server back within one retry. A
 * request this browser aborted itself says nothing about the server.
 */
export function trackServerReach(onChange: (unreachableSince: Date | null) => void, inner: Fetch = (input, init) => fetch(input, init)): Fetch {
  let since: Date | null = null;
  const answered = (yes: boolean) => {
    if (yes === (since === null)) return;
    since = yes ? null : new Date();
    onChange(since);
  };
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    let res: Response;
    try {
      res = await inner(input, init);
    } catch (err) {
      if (!aborted(err, init)) answered(false);
      throw err;
    }
    answered(!NO_SERVER.has(res.status));
    return res;
  }) as Fetch;
}

function aborted(err: unknown, init: RequestInit | undefined): boolean {
  return init?.signal?.aborted === true || (err instanceof Error && err.name === 'AbortError');
}

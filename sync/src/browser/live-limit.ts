/**
 * A browser opens at most six HTTP/1.1 connections to one host, and a live shape request holds
 * its connection until something changes or the long-poll hold ends (20 s). The dashboard syncs
 * fifteen shapes, so their held polls took every connection and everything else queued behind
 * them: measured on `npm start` in Chromium, a POST of one queued edit waited 35 s to be sent.
 *
 * This fetch lets at most `max` live requests out at once and queues the rest here, so the
 * browser always has connections left for edits, catch-up requests and the page. The queue turns
 * over quickly: any commit answers the held polls within the server's short watermark pause, and
 * the queued ones (behind the new watermark) are answered just as fast. Over HTTP/2 the limit is
 * not needed, and costs a few of those short rounds per commit.
 */
type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

export function limitLiveRequests(max: number, inner: Fetch = (input, init) => fetch(input, init)): Fetch {
  let inFlight = 0;
  const queue: { start: () => void; signal?: AbortSignal | null }[] = [];
  const next = () => {
    while (inFlight < max && queue.length) {
      const waiting = queue.shift()!;
      if (waiting.signal?.aborted) continue;
      inFlight++;
      waiting.start();
    }
  };

  return async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://x');
    if (url.searchParams.get('live') !== 'true') return inner(input, init);

    const signal = init?.signal ?? (input instanceof Request ? input.signal : null);
    await new Promise<void>((resolve, reject) => {
      const entry = { start: resolve, signal };
      signal?.addEventListener('abort', () => {
        const at = queue.indexOf(entry);
        if (at >= 0) queue.splice(at, 1);
        reject(signal.reason ?? new DOMException('The request was aborted', 'AbortError'));
      }, { once: true });
      queue.push(entry);
      next();
    });
    try {
      const res = await inner(input, init);
      // The connection stays busy until the body is read, so the slot does too.
      const body = NULL_BODY.has(res.status) ? null : await res.arrayBuffer();
      return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    } finally {
      inFlight--;
      next();
    }
  };
}

const NULL_BODY = new Set([101, 204, 205, 304]);

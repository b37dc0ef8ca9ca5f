/**
 * Pushes pending mutations, in order and in batches, to POST /api/mutations: at once when something
 * is queued or the network comes back, with backoff after network errors (offline included) and
 * 5xx. A mutation the server refused, in the refusal shape of /api/mutations naming it, is rolled
 * back locally and kept with the server's reason for the person to see; the ones after it still
 * go. Any other answer (a proxy's 404 or 413, an HTML error page) says nothing about the edit: the
 * batch stays queued, is retried with backoff, and onError gets an OutboxUnsentError so the page
 * can say it cannot send. Only one tab sends (Web Locks).
 */
import type { PGliteInterface } from '@electric-sql/pglite';
import type { MutationRejection, MutationResponse } from '../mutations/index.ts';
import { OUTBOX_CHANNEL, syncedTable } from './local-schema.ts';

export interface SenderOptions {
  db: PGliteInterface;
  /** Absolute URL of POST /api/mutations. */
  endpoint: string;
  /** Extra headers, e.g. Authorization when an admin token is set. */
  headers?: () => Record<string, string>;
  fetch?: typeof fetch;
  batchSize?: number;
  /** A sent mutation not confirmed through the shape stream after this long is sent again. */
  resendUnconfirmedAfterMs?: number;
  /** Backoff after a network error or 5xx: first delay and cap, in ms. */
  backoffMs?: { initial: number; max: number };
  onRejected?: (rejection: { id: string; type: string; message: string; field: string }) => void;
  onError?: (error: Error) => void;
  /** After the server took a batch (applied or refused mutation by mutation, but not the sender). */
  onAccepted?: () => void;
}

/** The server refused the whole outbox for who is sending (401: sign in; 403: not allowed here). */
export class OutboxRefusedError extends Error {
  override name = 'OutboxRefusedError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The server answered with something other than a result or a refusal it explains (e.g. a proxy's 404). */
export class OutboxUnsentError extends Error {
  override name = 'OutboxUnsentError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The refusal of one mutation of `batch`, if `body` is the server's JSON refusal naming it. */
function refusalOf(body: unknown, batch: Pending[]): { index: number; reason: string; field: string } | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Partial<Record<keyof MutationRejection, unknown>>;
  if (typeof b.index !== 'number' || !Number.isInteger(b.index) || !batch[b.index]) return null;
  if (b.mutation_id !== batch[b.index]!.id) return null;
  const reason = typeof b.reason === 'string' ? b.reason : typeof b.message === 'string' ? b.message : null;
  if (!reason) return null;
  return { index: b.index, reason, field: typeof b.field === 'string' ? b.field : '' };
}

export interface OutboxSender {
  /** Send now (also called on queueing and when the browser comes back online). */
  wake(): void;
  stop(): Promise<void>;
  /** Resolves once nothing is pending (or the sender stopped); for tests and shutdown. */
  idle(): Promise<void>;
}

interface Pending {
  seq: number;
  id: string;
  type: string;
  payload: Record<string, unknown>;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    }, { once: true });
  });

export function startOutboxSender(o: SenderOptions): OutboxSender {
  const doFetch = o.fetch ?? fetch;
  const batchSize = o.batchSize ?? 100;
  const backoff = o.backoffMs ?? { initial: 1000, max: 30_000 };
  const resendAfterS = (o.resendUnconfirmedAfterMs ?? 60_000) / 1000;
  const stopped = new AbortController();
  let wakeUp: AbortController = new AbortController();
  let idleWaiters: (() => void)[] = [];
  const wake = () => wakeUp.abort();

  const pending = async () => {
    // A sent mutation is confirmed when its applied_mutations row arrives. If that never happens
    // (the server lost it in a crash before it was durable, or the stream broke), send it again:
    // the server applies each id once, so a resend is either a duplicate or the missing write.
    await o.db.query(
      `UPDATE chorus_outbox SET state = 'pending' WHERE state = 'sent' AND last_attempt_at < now() - make_interval(secs => $1)`,
      [resendAfterS],
    );
    return (await o.db.query<Pending>(`SELECT seq, id, type, payload FROM chorus_outbox WHERE state = 'pending' ORDER BY seq LIMIT ${batchSize}`)).rows;
  };

  /** Undoes a refused mutation locally; later mutations keep their overlay. */
  const reject = async (m: Pending, message: string, field: string) => {
    await o.db.transaction(async (tx) => {
      await tx.query('DELETE FROM chorus_overlay WHERE mutation_id = $1', [m.id]);
      await tx.query('DELETE FROM chorus_overlay_rows WHERE mutation_id = $1', [m.id]);
      await tx.query(`UPDATE chorus_outbox SET state = 'rejected', error = $2 WHERE id = $1`, [m.id, message]);
    });
    o.onRejected?.({ id: m.id, type: m.type, message, field });
  };

  /** One POST; returns the delay before the next attempt (0 to go on at once). */
  async function sendBatch(batch: Pending[]): Promise<number> {
    await o.db.query(`UPDATE chorus_outbox SET attempts = attempts + 1, last_attempt_at = now() WHERE id = ANY($1::uuid[])`, [batch.map((m) => m.id)]);
    let res: Response;
    try {
      res = await doFetch(o.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...o.headers?.() },
        body: JSON.stringify({ mutations: batch.map((m) => ({ id: m.id, type: m.type, ...m.payload })) }),
        signal: stopped.signal,
      });
    } catch (e) {
      if (stopped.signal.aborted) return 0;
      o.onError?.(e as Error);
      return -1; // network: back off
    }
    if (res.ok) {
      const body = (await res.json()) as MutationResponse;
      await o.db.transaction(async (tx) => {
        for (const r of body.results) {
          await tx.query(`UPDATE chorus_outbox SET state = 'sent', txid = $2, error = NULL WHERE id = $1 AND state = 'pending'`, [r.id, r.txid]);
        }
        // Already applied earlier and already synced: nothing more will arrive to confirm these.
        await tx.query(
          `DELETE FROM chorus_overlay WHERE mutation_id IN (SELECT id FROM ${syncedTable('applied_mutations')} WHERE id = ANY($1::uuid[]))`,
          [body.results.map((r) => r.id)],
        );
        await tx.query(
          `DELETE FROM chorus_overlay_rows WHERE mutation_id IN (SELECT id FROM ${syncedTable('applied_mutations')} WHERE id = ANY($1::uuid[]))`,
          [body.results.map((r) => r.id)],
        );
        await tx.query(`DELETE FROM chorus_outbox WHERE state = 'sent' AND id IN (SELECT id FROM ${syncedTable('applied_mutations')})`);
      });
      o.onAccepted?.();
      return 0;
    }
    if (res.status >= 500 || res.status === 429) return -1;
    const json = /\bjson\b/i.test(res.headers.get('content-type') ?? '');
    const body: unknown = json ? await res.json().catch(() => null) : null;
    if (res.status === 401 || res.status === 403) {
      // Not this mutation's fault: keep everything queued and try again later.
      const message = (body as { message?: unknown } | null)?.message;
      o.onError?.(new OutboxRefusedError(res.status, typeof message === 'string' ? message : `the server refused the outbox (HTTP ${res.status})`));
      return -1;
    }
    const refusal = res.status >= 400 && res.status < 500 ? refusalOf(body, batch) : null;
    if (!refusal) {
      // Nothing here says an edit is wrong: undoing one would lose a person's change.
      o.onError?.(new OutboxUnsentError(res.status, `the server answered HTTP ${res.status}${json ? '' : ` (${res.headers.get('content-type') ?? 'no content type'})`}`));
      return -1;
    }
    await reject(batch[refusal.index]!, refusal.reason, refusal.field);
    o.onAccepted?.();
    return 0;
  }

  async function loop() {
    let delay = backoff.initial;
    while (!stopped.signal.aborted) {
      // A fresh wake-up signal before looking at the outbox, so a mutation queued while this
      // round runs cuts the sleep below short instead of waiting for the next wake.
      wakeUp = new AbortController();
      let next = 0;
      try {
        const batch = await pending();
        if (!batch.length) {
          for (const w of idleWaiters) w();
          idleWaiters = [];
          // Wake again to resend what stays unconfirmed; otherwise sleep until something is queued.
          const unconfirmed = (await o.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM chorus_outbox WHERE state = 'sent'`)).rows[0]!.n;
          next = unconfirmed ? resendAfterS * 1000 : Infinity;
        } else {
          // No navigator.onLine gate: a worker's can stay false after the network is back. Offline,
          // the request fails at once and the loop backs off until a wake (online, new edit).
          next = await sendBatch(batch);
        }
      } catch (e) {
        o.onError?.(e as Error);
        next = -1;
      }
      if (next === -1) {
        next = delay;
        delay = Math.min(backoff.max, delay * 2);
      } else if (next === 0) {
        delay = backoff.initial;
        continue;
      }
      const either = AbortSignal.any([wakeUp.signal, stopped.signal]);
      await sleep(next === Infinity ? 2 ** 31 - 1 : next * (0.8 + Math.random() * 0.4), either);
    }
  }

  const unlisten = o.db.listen(OUTBOX_CHANNEL, wake);
  const onOnline = () => wake();
  if (typeof addEventListener === 'function') addEventListener('online', onOnline);

  // One sender across tabs: whoever holds the lock sends; the others wait to take over.
  const locks = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
  const running = locks
    ? locks.request('chorus-outbox-sender', { signal: stopped.signal }, () => loop()).catch((e: Error) => {
        // Stopping while waiting for the lock aborts the request; anything else is a real failure.
        if (!stopped.signal.aborted) o.onError?.(e);
      })
    : loop();

  return {
    wake,
    async stop() {
      stopped.abort();
      if (typeof removeEventListener === 'function') removeEventListener('online', onOnline);
      await (await unlisten)();
      await running;
      for (const w of idleWaiters) w();
    },
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        wake();
      }),
  };
}

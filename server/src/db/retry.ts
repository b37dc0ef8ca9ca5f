/**
 * Runs a transaction again when Postgres aborted it to break a deadlock or a serialization
 * conflict: the aborted attempt left nothing behind, so running it again is safe. One home for
 * that rule, used by heartbeats, API actions and mutation batches; plain timers, so it works in
 * every runtime the API runs in (Bun and Deno).
 */
const RETRYABLE = new Set(['40P01', '40001']); // deadlock detected, serialization failure
const MAX_ATTEMPTS = 5;

export const isRetryableConflict = (e: unknown) => {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
};

export async function retryOnConflict<T>(run: () => Promise<T>, attempts = MAX_ATTEMPTS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (!isRetryableConflict(e) || attempt >= attempts) throw e;
      // A random pause, growing with each attempt, so the two sides do not collide again.
      await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
    }
  }
}

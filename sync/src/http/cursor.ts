/**
 * The live cache-buster cursor (E plug/utils.ex `get_next_interval_timestamp`): the next multiple
 * of the long-poll timeout in seconds since Electric's epoch, moved on by a random jump when it
 * would not be greater than the client's. Pure: the clock and randomness come in.
 */
import { CURSOR_EPOCH_MS } from '../protocol.ts';

export function nextCursor(nowMs: number, timeoutMs: number, previous: string | null, random: () => number): string {
  const step = Math.max(1, Math.round(timeoutMs / 1000));
  const since = Math.ceil((nowMs - CURSOR_EPOCH_MS) / 1000);
  const next = Math.ceil(since / step) * step;
  const prev = previous !== null && /^\d+$/.test(previous) ? Number(previous) : null;
  if (prev !== null && next <= prev) return String(prev + 1 + Math.floor(random() * 3600));
  return String(next);
}

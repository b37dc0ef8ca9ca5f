import { createSignal, onCleanup, type Accessor } from 'solid-js';

/**
 * The current time as a signal, so relative times ("2 min ago") move on without any data change.
 * Each caller gets one interval, cleared with its owner.
 */
export function createNow(intervalMs = 15_000): Accessor<number> {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), intervalMs);
  onCleanup(() => clearInterval(timer));
  return now;
}

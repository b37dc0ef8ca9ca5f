/**
 * Log offsets: `<tx>_<op>`. Pure functions only.
 *
 * - `tx = 0` is the initial snapshot; `op` is then the chunk number (`0_0` is the first chunk).
 * - `tx > 0` is a transaction's commit LSN as an integer; change entries use `op ≥ 1` (see O2 in
 *   SPEC.md), so a request for `<lsn>_0` — which is what the client sends after an SSE up-to-date
 *   (`${global_last_seen_lsn}_0`) — means "after everything at or below that LSN".
 * - `-1` is "before everything"; `inf` is accepted as the op of a request offset.
 *
 * LSNs are kept as JS numbers: exact below 2^53 bytes of WAL (8 PiB), far beyond any real cluster.
 */
export interface LogOffset {
  readonly tx: number;
  readonly op: number;
}

export const BEFORE_ALL: LogOffset = { tx: -1, op: 0 };

const OFFSET_PATTERN = /^(\d{1,17})_(\d{1,17}|inf)$/;

/** Parses a request offset; `null` when it is not one. `now` is handled by the caller. */
export function parseOffset(text: string): LogOffset | null {
  if (text === '-1') return BEFORE_ALL;
  const m = OFFSET_PATTERN.exec(text);
  if (!m) return null;
  const tx = Number(m[1]);
  const op = m[2] === 'inf' ? Infinity : Number(m[2]);
  if (!Number.isSafeInteger(tx) || (op !== Infinity && !Number.isSafeInteger(op))) return null;
  return { tx, op };
}

export function formatOffset(o: LogOffset): string {
  if (o.tx < 0) return '-1';
  return `${o.tx}_${o.op === Infinity ? 'inf' : o.op}`;
}

export function compareOffsets(a: LogOffset, b: LogOffset): number {
  if (a.tx !== b.tx) return a.tx < b.tx ? -1 : 1;
  if (a.op === b.op) return 0;
  return a.op < b.op ? -1 : 1;
}

/**
 * The position a request offset stands for. A change offset with `op = 0` can only come from an
 * up-to-date watermark (entries start at op 1), so it covers the whole transaction (O2).
 */
export function requestPosition(o: LogOffset): LogOffset {
  return o.tx > 0 && o.op === 0 ? { tx: o.tx, op: Infinity } : o;
}

export const isSnapshotOffset = (o: LogOffset) => o.tx <= 0;

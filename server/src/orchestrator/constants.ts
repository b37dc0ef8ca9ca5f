/** Tunables of the heartbeat scheduler, with units in their names. */

/** Heartbeat interval of each pace preset. */
export const PACE_PRESETS = {
  slow: 4 * 60 * 60,
  normal: 60 * 60,
  fast: 15 * 60,
  turbo: 5 * 60,
} as const;
export type PacePreset = keyof typeof PACE_PRESETS;
export const PACE_NAMES = ['slow', 'normal', 'fast', 'turbo', 'custom'] as const;
export type Pace = (typeof PACE_NAMES)[number];

/** ±10% jitter keeps bots that share a pace from waking in lockstep. */
export const JITTER_FRACTION = 0.1;

/** The loop never sleeps longer than this, so changes made by other processes are seen soon. */
export const MAX_IDLE_MS = 5_000;

/** The loop never spins faster than this, even when bots are overdue. */
export const MIN_TICK_MS = 50;

/** Open heartbeats and reservations are swept this often. */
export const SWEEP_EVERY_MS = 60_000;

/**
 * A heartbeat's deadline: the model call's timeout times its attempts, plus backoff and time to read the
 * community and write the result. Past it, the heartbeat is considered abandoned.
 */
// Attempts: the first, its retries, and one re-ask without tools; backoff between retries is at
// most 8 s each.
export const heartbeatDeadlineMs = (llmTimeoutMs: number, maxRetries: number) => llmTimeoutMs * (maxRetries + 2) + maxRetries * 10_000 + 60_000;

/** Applied mutation ids older than this are forgotten; an outbox resending older ones would apply them again. */
export const MUTATION_RETENTION_DAYS = 30;

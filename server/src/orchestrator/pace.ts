import { JITTER_FRACTION, PACE_PRESETS, type Pace } from './constants.ts';

/** Seconds between heartbeats for the global pace; a bot's own override wins. */
export function intervalSeconds(pace: Pace, customSeconds: number | null, botOverride: number | null): number {
  if (botOverride != null) return botOverride;
  if (pace === 'custom') return customSeconds ?? PACE_PRESETS.normal;
  return PACE_PRESETS[pace];
}

/** The interval with jitter applied; `random` is injected so tests can pin it. */
export function jittered(seconds: number, random: () => number = Math.random): number {
  return Math.max(1, seconds * (1 + JITTER_FRACTION * (random() * 2 - 1)));
}

const UNITS: readonly [limitSeconds: number, unitSeconds: number, label: string][] = [
  [60, 1, 's'],
  [60 * 60, 60, 'min'],
  [24 * 60 * 60, 60 * 60, 'h'],
  [30 * 24 * 60 * 60, 24 * 60 * 60, 'd'],
  [365 * 24 * 60 * 60, 30 * 24 * 60 * 60, 'mo'],
];

/** "just now", "5 min ago", "3 h ago"; a time in the future (clock skew) reads as "just now". */
export function relativeTime(at: Date | string | number, now: number): string {
  const then = at instanceof Date ? at.getTime() : new Date(at).getTime();
  const seconds = Math.floor((now - then) / 1000);
  if (seconds < 10) return 'just now';
  for (const [limit, unit, label] of UNITS) {
    if (seconds < limit) return `${Math.floor(seconds / unit)} ${label} ago`;
  }
  return `${Math.floor(seconds / (365 * 24 * 60 * 60))} y ago`;
}

/** Absolute UTC time for tooltips and datetime attributes. */
export function isoTime(at: Date | string | number): string {
  return (at instanceof Date ? at : new Date(at)).toISOString();
}

/** The time of day, to the second, for "since 10:31:04" (the day is today in every such use). */
export function clockTime(at: Date | string | number): string {
  return new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en');

export const formatTokens = (n: number): string => (Math.abs(n) >= 10_000 ? compact.format(n) : whole.format(n));

/** Costs are small: show cents normally and tenths of a cent below one cent. */
export function formatUsd(n: number): string {
  if (n === 0) return '$0';
  if (Math.abs(n) < 0.01) return `$${n.toFixed(4)}`;
  return `$${n.toFixed(2)}`;
}

export const formatPercent = (fraction: number): string => `${Math.round(fraction * 100)}%`;

/**
 * A value axis with one number format for all of its ticks. ECharts picks the ticks and calls the
 * label formatter once per tick with no idea of the others, so a formatter that switches to compact
 * notation at 10,000 labels one axis "9,000" and "18K". Here the ticks are chosen first (the same
 * 1-2-3-5 steps ECharts uses) and the format follows from the largest tick and the step: one unit
 * (none, K, M or B) and one number of decimals for the whole axis.
 */

export type AxisUnit = 'count' | 'usd';

export interface AxisScale {
  min: number;
  max: number;
  interval: number;
}

/** About this many intervals between ticks, as ECharts' default splitNumber. */
const SPLITS = 5;
/** From here on a count axis uses a compact unit (K, M, B), as formatTokens does for one value. */
const COMPACT_FROM = 10_000;

/** The nice step for `span` / `splits`: 1, 2, 3 or 5 times a power of ten (whole for counts). */
export function niceStep(span: number, splits = SPLITS, whole = false): number {
  const raw = span > 0 ? span / splits : 1;
  const exponent = Math.floor(Math.log10(raw));
  const power = 10 ** exponent;
  const f = raw / power;
  const nice = f < 1.5 ? 1 : f < 2.5 ? 2 : f < 4 ? 3 : f < 7 ? 5 : 10;
  const step = Number((nice * power).toPrecision(12));
  return whole ? Math.max(1, Math.round(step)) : step;
}

/** Ticks from a multiple of the step at or below the data (and 0) to one at or above it. */
export function valueAxisScale(values: readonly number[], unit: AxisUnit = 'count'): AxisScale {
  const finite = values.filter(Number.isFinite);
  const lo = Math.min(0, ...finite);
  const hi = Math.max(0, ...finite);
  const whole = unit === 'count' && finite.every(Number.isInteger);
  const span = hi - lo || (unit === 'usd' ? 1 : SPLITS);
  const interval = niceStep(span, SPLITS, whole);
  const min = Math.floor(lo / interval + 1e-9) * interval;
  // With nothing but zeros the axis still spans a default range, not a single tick.
  const top = hi > lo ? hi : lo + span;
  const max = Math.ceil(top / interval - 1e-9) * interval;
  return { min: Number(min.toPrecision(12)), max: Number(max.toPrecision(12)), interval };
}

/** Decimals needed to write `step` exactly (0.005 → 3, 2.5 → 1, 500 → 0). */
export function decimalsOf(step: number): number {
  const text = Number(step.toPrecision(10)).toString();
  if (text.includes('e-')) return Number(text.split('e-')[1]) + (text.split('e-')[0]!.split('.')[1]?.length ?? 0);
  return text.split('.')[1]?.length ?? 0;
}

const COMPACT_UNITS = [
  { from: 1e9, divisor: 1e9, suffix: 'B' },
  { from: 1e6, divisor: 1e6, suffix: 'M' },
  { from: COMPACT_FROM, divisor: 1e3, suffix: 'K' },
] as const;

/** The label formatter for every tick of `scale`. Zero is written "0" (or "$0") in any unit. */
export function axisFormatter(scale: AxisScale, unit: AxisUnit = 'count'): (value: number) => string {
  const largest = Math.max(Math.abs(scale.min), Math.abs(scale.max));
  if (unit === 'usd') {
    const digits = largest >= 100 ? decimalsOf(scale.interval) : Math.max(2, decimalsOf(scale.interval));
    const fmt = new Intl.NumberFormat('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    return (v) => (v === 0 ? '$0' : `${v < 0 ? '−' : ''}$${fmt.format(Math.abs(v))}`);
  }
  const compact = COMPACT_UNITS.find((u) => largest >= u.from);
  const divisor = compact?.divisor ?? 1;
  const digits = decimalsOf(scale.interval / divisor);
  const fmt = new Intl.NumberFormat('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return (v) => (v === 0 ? '0' : `${fmt.format(v / divisor)}${compact?.suffix ?? ''}`);
}

/** ECharts yAxis settings: the chosen ticks and their one format. */
export function valueAxis(values: readonly number[], unit: AxisUnit = 'count'): Record<string, unknown> {
  const scale = valueAxisScale(values, unit);
  const format = axisFormatter(scale, unit);
  return { type: 'value', min: scale.min, max: scale.max, interval: scale.interval, axisLabel: { formatter: (v: number) => format(v) } };
}

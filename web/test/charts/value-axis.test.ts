import { describe, expect, it } from 'vitest';
import { axisFormatter, decimalsOf, niceStep, valueAxisScale, type AxisUnit } from '../../src/charts';

/** The labels ECharts draws for an axis over `values`: one per tick of the chosen scale. */
function labels(values: number[], unit: AxisUnit = 'count'): string[] {
  const scale = valueAxisScale(values, unit);
  const format = axisFormatter(scale, unit);
  const out: string[] = [];
  for (let v = scale.min; v <= scale.max + scale.interval / 1e6; v += scale.interval) out.push(format(Number(v.toPrecision(12))));
  return out;
}

describe('value axis', () => {
  it('steps by 1, 2, 3 or 5 times a power of ten, whole for counts', () => {
    expect(niceStep(18_000)).toBe(3000);
    expect(niceStep(0.02)).toBe(0.005);
    expect(niceStep(3, 5, true)).toBe(1);
    expect(niceStep(0)).toBe(1);
  });

  it('writes a token axis that crosses 10,000 in one unit, never "9,000" next to "18K"', () => {
    const ticks = labels([4200, 18_300, 9100]);
    expect(ticks).toEqual(['0', '3K', '6K', '9K', '12K', '15K', '18K', '21K']);
  });

  it('keeps one number of decimals across an axis', () => {
    expect(labels([12_000, 3000])).toEqual(['0', '2K', '4K', '6K', '8K', '10K', '12K']);
    expect(labels([0, 26_000])).toEqual(['0', '5K', '10K', '15K', '20K', '25K', '30K']);
    expect(labels([2_400_000])).toEqual(['0', '0.5M', '1.0M', '1.5M', '2.0M', '2.5M']);
  });

  it('writes small counts in full, with grouping', () => {
    expect(labels([7000])).toEqual(['0', '1,000', '2,000', '3,000', '4,000', '5,000', '6,000', '7,000']);
    // An axis whose top tick reaches 10,000 is compact all the way down.
    expect(labels([9000])).toEqual(['0', '2K', '4K', '6K', '8K', '10K']);
    expect(labels([3])).toEqual(['0', '1', '2', '3']);
  });

  it('gives an all-zero or empty series a usable range', () => {
    expect(labels([0, 0])).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(labels([])).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(labels([0], 'usd')).toEqual(['$0', '$0.20', '$0.40', '$0.60', '$0.80', '$1.00']);
  });

  it('takes negative values in (reputation can fall below zero)', () => {
    const scale = valueAxisScale([-4, 7]);
    expect(scale.min).toBeLessThanOrEqual(-4);
    expect(scale.max).toBeGreaterThanOrEqual(7);
    expect(labels([-4, 7])).toEqual(['-4', '-2', '0', '2', '4', '6', '8']);
  });

  it('writes costs with as many decimals as the step needs, at least cents', () => {
    expect(labels([0.018], 'usd')).toEqual(['$0', '$0.003', '$0.006', '$0.009', '$0.012', '$0.015', '$0.018']);
    expect(labels([2.4], 'usd')).toEqual(['$0', '$0.50', '$1.00', '$1.50', '$2.00', '$2.50']);
    expect(decimalsOf(0.0005)).toBe(4);
    expect(decimalsOf(2.5)).toBe(1);
    expect(decimalsOf(500)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { barOption, COUNT, graphOption, layoutGraph, lineOption, shortDay } from '../../src/charts';

type Opt = Record<string, any>;

describe('lineOption', () => {
  it('draws no entry animation, so a chart is complete when its rows arrive', () => {
    const o = lineOption(['2026-12-01', '2026-12-02'], [{ name: 'Reputation', data: [1, 2] }]) as Opt;
    expect(o.animationDuration).toBe(0);
    expect((barOption(['a'], [{ name: 'x', data: [1] }]) as Opt).animationDuration).toBe(0);
  });

  it('draws a single day as labelled bars, not a lone dot', () => {
    const o = lineOption(['2026-12-04'], [{ name: 'Ada', data: [14] }, { name: 'Basil', data: [-2] }]) as Opt;
    expect(o.series.map((s: Opt) => s.type)).toEqual(['bar', 'bar']);
    expect(o.series[0].label.show).toBe(true);
    expect(o.series[0].label.formatter({ value: 14 })).toBe('14');
    expect(o.yAxis.min).toBeLessThanOrEqual(-2);
    expect(o.yAxis.max).toBeGreaterThanOrEqual(14);
  });

  it('draws several days as lines with one axis format', () => {
    const o = lineOption(['a', 'b', 'c'], [{ name: 'Tokens', data: [9000, 18_000, 12_000] }], { unit: 'count', format: String }) as Opt;
    expect(o.series[0].type).toBe('line');
    expect(o.yAxis.interval).toBe(3000);
    const ticks = [0, 3000, 6000, 9000, 12_000, 15_000, 18_000].map((v) => o.yAxis.axisLabel.formatter(v));
    expect(ticks).toEqual(['0', '3K', '6K', '9K', '12K', '15K', '18K']);
  });
});

describe('barOption', () => {
  it('scales a stacked chart to the stack totals', () => {
    const o = barOption(['d1', 'd2'], [{ name: 'Threads', data: [3, 4] }, { name: 'Replies', data: [9, 8] }], COUNT, { stacked: true }) as Opt;
    expect(o.series.every((s: Opt) => s.stack === 'total')).toBe(true);
    expect(o.yAxis.max).toBeGreaterThanOrEqual(12);
  });
});

const NODES = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id, i) => ({ id, name: `Bot ${id}`, color: '#888', value: i - 2 }));
const LINKS = [
  { source: 'a', target: 'b', weight: 5, label: '' },
  { source: 'b', target: 'c', weight: 1, label: '' },
  { source: 'c', target: 'a', weight: 2, label: '' },
  { source: 'd', target: 'a', weight: 1, label: '' },
  { source: 'e', target: 'f', weight: 3, label: '' },
];

describe('graph layout', () => {
  it('spreads the nodes over a box of the panel’s shape, corner to corner', () => {
    for (const aspect of [3, 1, 0.8]) {
      const at = [...layoutGraph(NODES.map((n) => n.id), LINKS, aspect).values()];
      const xs = at.map((p) => p.x);
      const ys = at.map((p) => p.y);
      // The nodes use most of both directions of the box, whatever its shape.
      expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(0.7 * aspect);
      expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(0.7);
    }
  });

  it('keeps nodes apart, so their labels have room', () => {
    const at = [...layoutGraph(NODES.map((n) => n.id), LINKS, 3).values()];
    let nearest = Infinity;
    for (let i = 0; i < at.length; i++) for (let j = i + 1; j < at.length; j++) nearest = Math.min(nearest, Math.hypot(at[i]!.x - at[j]!.x, at[i]!.y - at[j]!.y));
    // About a fifth of the box's height, or some 70 px in a 420 px tall panel.
    expect(nearest).toBeGreaterThan(0.18);
  });

  it('is the same every time for the same graph', () => {
    expect([...layoutGraph(['a', 'b', 'c'], LINKS, 2)]).toEqual([...layoutGraph(['a', 'b', 'c'], LINKS, 2)]);
  });

  it('handles no node, one node and links to unknown nodes', () => {
    expect(layoutGraph([], LINKS).size).toBe(0);
    expect(layoutGraph(['a'], [{ source: 'a', target: 'zz' }]).get('a')).toEqual({ x: 0.5, y: 0.5 });
  });
});

describe('graphOption', () => {
  it('places every node itself (no force animation) and hides labels that would overlap', () => {
    const o = graphOption(NODES, LINKS, { width: 1200, height: 420 }) as Opt;
    const series = o.series[0];
    expect(series.layout).toBe('none');
    expect(series.labelLayout).toEqual({ hideOverlap: true });
    expect(series.data.every((d: Opt) => Number.isFinite(d.x) && Number.isFinite(d.y))).toBe(true);
    // The positions follow the box: a wide panel gets a wide graph.
    const xs = series.data.map((d: Opt) => d.x);
    const ys = series.data.map((d: Opt) => d.y);
    expect((Math.max(...xs) - Math.min(...xs)) / (Math.max(...ys) - Math.min(...ys))).toBeGreaterThan(2);
  });
});

describe('shortDay', () => {
  it('writes a UTC day as month and day, and leaves other categories alone', () => {
    expect(shortDay('2026-12-04')).toBe('Dec 4');
    expect(shortDay('2027-01-01')).toBe('Jan 1');
    expect(shortDay('Null Hypothesis')).toBe('Null Hypothesis');
  });
});

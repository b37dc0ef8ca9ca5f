import type { EChartsCoreOption } from './echarts';
import { layoutGraph } from './graph-layout';
import { valueAxis, type AxisUnit } from './value-axis';

/**
 * No entry animation: a chart is drawn complete the moment its rows arrive, instead of growing
 * for a second after them. A live update still moves to its new values briefly.
 */
const MOTION = { animationDuration: 0, animationDurationUpdate: 250 } as const;

/** How the values read: a unit for the axis (one format for all its ticks) and a tooltip format. */
export interface ValueFormat {
  unit: AxisUnit;
  format: (v: number) => string;
}

export interface Series {
  name: string;
  data: number[];
  color?: string;
}

/** Categories along x, one bar series per entry. */
export function barOption(
  categories: readonly string[],
  series: readonly Series[],
  value: ValueFormat = COUNT,
  options: { stacked?: boolean } = {},
): EChartsCoreOption {
  const totals = options.stacked ? categories.map((_, i) => series.reduce((sum, s) => sum + (s.data[i] ?? 0), 0)) : series.flatMap((s) => s.data);
  return {
    ...MOTION,
    grid: { left: 8, right: 8, top: series.length > 1 ? 32 : 12, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => value.format(Number(v)) },
    legend: series.length > 1 ? { top: 0, type: 'scroll' } : { show: false },
    xAxis: { type: 'category', data: [...categories], axisLabel: { interval: 0, rotate: categories.length > 6 ? 30 : 0, formatter: shortDay } },
    yAxis: valueAxis(totals, value.unit),
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: [...s.data],
      barMaxWidth: 48,
      ...(options.stacked ? { stack: 'total' } : {}),
      itemStyle: s.color ? { color: s.color, borderRadius: options.stacked ? 0 : [4, 4, 0, 0] } : { borderRadius: options.stacked ? 0 : [4, 4, 0, 0] },
    })),
  };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayFormat = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** "2026-12-04" → "Dec 4" for axis labels (the tooltip keeps the full date); other text as given. */
export const shortDay = (category: string): string => (ISO_DAY.test(category) ? dayFormat.format(new Date(`${category}T00:00:00Z`)) : category);

/** Plain counts (posts, replies, reputation). */
export const COUNT: ValueFormat = { unit: 'count', format: (v) => new Intl.NumberFormat('en').format(v) };

/**
 * Days along x, one line per entry (for example one per bot). A single day is drawn as bars with
 * their values written on them: a line through one point is a lone dot at the edge of the plot.
 */
export function lineOption(days: readonly string[], series: readonly Series[], value: ValueFormat = COUNT): EChartsCoreOption {
  if (days.length === 1) {
    const bars = barOption(days, series, value);
    return {
      ...bars,
      series: (bars['series'] as Record<string, unknown>[]).map((s) => ({
        ...s,
        label: { show: true, position: 'top', formatter: (p: { value: number }) => value.format(Number(p.value)) },
      })),
    };
  }
  return {
    ...MOTION,
    grid: { left: 8, right: 16, top: series.length > 1 ? 32 : 12, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => value.format(Number(v)) },
    legend: series.length > 1 ? { top: 0, type: 'scroll' } : { show: false },
    xAxis: { type: 'category', data: [...days], boundaryGap: false, axisLabel: { formatter: shortDay } },
    yAxis: valueAxis(series.flatMap((s) => s.data), value.unit),
    series: series.map((s) => ({
      type: 'line',
      name: s.name,
      data: [...s.data],
      showSymbol: days.length < 20,
      smooth: false,
      connectNulls: true,
      ...(s.color ? { itemStyle: { color: s.color }, lineStyle: { color: s.color } } : {}),
    })),
  };
}

export interface GraphNode {
  id: string;
  name: string;
  color: string;
  value: number;
}
export interface GraphLink {
  source: string;
  target: string;
  weight: number;
  label: string;
}

export interface GraphBox {
  width: number;
  height: number;
}

/** Room around the nodes: labels sit to the right of a node, so the right margin is widest. */
const GRAPH_MARGIN = { left: 28, right: 104, top: 28, bottom: 28 };

/**
 * Interaction graph: node size from value (reputation), edge width from interaction count. Nodes
 * are placed by layoutGraph in a box of the chart's shape and stretched over it, so the graph
 * fills its panel; labels that would still overlap are hidden, the smaller node's first (ECharts
 * ranks labels by their node's area), and every name stays in the node's tooltip.
 */
export function graphOption(nodes: readonly GraphNode[], links: readonly GraphLink[], box: GraphBox = { width: 800, height: 420 }): EChartsCoreOption {
  const maxValue = Math.max(1, ...nodes.map((n) => Math.abs(n.value)));
  const maxWeight = Math.max(1, ...links.map((l) => l.weight));
  const inner = {
    width: Math.max(40, box.width - GRAPH_MARGIN.left - GRAPH_MARGIN.right),
    height: Math.max(40, box.height - GRAPH_MARGIN.top - GRAPH_MARGIN.bottom),
  };
  const at = layoutGraph(
    nodes.map((n) => n.id),
    links,
    inner.width / inner.height,
  );
  return {
    ...MOTION,
    tooltip: {
      formatter: (p: { dataType?: string; data?: { name?: string; label?: string; value?: number } }) =>
        p.dataType === 'edge' ? (p.data?.label ?? '') : `${p.data?.name ?? ''}: reputation ${p.data?.value ?? 0}`,
    },
    series: [
      {
        type: 'graph',
        layout: 'none',
        ...GRAPH_MARGIN,
        roam: true,
        // Node sizes stay as given when the view is zoomed or stretched.
        nodeScaleRatio: 0,
        label: { show: true, position: 'right' },
        labelLayout: { hideOverlap: true },
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 7,
        lineStyle: { opacity: 0.6, curveness: 0.15 },
        data: nodes.map((n) => ({
          id: n.id,
          name: n.name,
          value: n.value,
          // y grows downwards in the view; the layout's box is 1 high.
          x: (at.get(n.id)?.x ?? 0) * inner.height,
          y: (at.get(n.id)?.y ?? 0) * inner.height,
          symbolSize: 18 + (26 * Math.abs(n.value)) / maxValue,
          itemStyle: { color: n.color },
        })),
        links: links.map((l) => ({
          source: l.source,
          target: l.target,
          label: l.label,
          lineStyle: { width: 1 + (5 * l.weight) / maxWeight },
        })),
      },
    ],
  };
}

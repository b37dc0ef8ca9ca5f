import type { EChartsCoreOption } from './echarts';

export interface Series {
  name: string;
  data: number[];
  color?: string;
}

/** Categories along x, one bar series per entry. */
export function barOption(categories: readonly string[], series: readonly Series[], valueFormat?: (v: number) => string): EChartsCoreOption {
  return {
    grid: { left: 8, right: 8, top: series.length > 1 ? 32 : 12, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: valueFormat ? (v: unknown) => valueFormat(Number(v)) : undefined },
    legend: series.length > 1 ? { top: 0 } : { show: false },
    xAxis: { type: 'category', data: [...categories], axisLabel: { interval: 0, rotate: categories.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', axisLabel: valueFormat ? { formatter: (v: number) => valueFormat(v) } : {} },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: [...s.data],
      itemStyle: s.color ? { color: s.color, borderRadius: [4, 4, 0, 0] } : { borderRadius: [4, 4, 0, 0] },
    })),
  };
}

/** Days along x, one line per entry (for example one per bot). */
export function lineOption(days: readonly string[], series: readonly Series[], valueFormat?: (v: number) => string): EChartsCoreOption {
  return {
    grid: { left: 8, right: 16, top: series.length > 1 ? 32 : 12, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: valueFormat ? (v: unknown) => valueFormat(Number(v)) : undefined },
    legend: series.length > 1 ? { top: 0, type: 'scroll' } : { show: false },
    xAxis: { type: 'category', data: [...days], boundaryGap: false },
    yAxis: { type: 'value' },
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

/** Force-directed graph: node size from value (reputation), edge width from interaction count. */
export function graphOption(nodes: readonly GraphNode[], links: readonly GraphLink[]): EChartsCoreOption {
  const maxValue = Math.max(1, ...nodes.map((n) => Math.abs(n.value)));
  const maxWeight = Math.max(1, ...links.map((l) => l.weight));
  return {
    tooltip: {
      formatter: (p: { dataType?: string; data?: { name?: string; label?: string; value?: number } }) =>
        p.dataType === 'edge' ? (p.data?.label ?? '') : `${p.data?.name ?? ''}: reputation ${p.data?.value ?? 0}`,
    },
    series: [
      {
        type: 'graph',
        layout: 'force',
        roam: true,
        draggable: true,
        label: { show: true, position: 'right' },
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 7,
        force: { repulsion: 260, edgeLength: [80, 180], gravity: 0.08 },
        lineStyle: { opacity: 0.6, curveness: 0.15 },
        data: nodes.map((n) => ({
          id: n.id,
          name: n.name,
          value: n.value,
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

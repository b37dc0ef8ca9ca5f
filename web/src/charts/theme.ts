/**
 * The page's colours as an ECharts theme. ECharts draws axis labels, legend pages and graph
 * labels in its own light palette (#54555a, #6d6e73, #333), which on the dark surface is about
 * 2:1; a theme built from the same CSS variables as the page keeps chart text at the page's
 * contrast, and is rebuilt when the system switches light/dark.
 */

export interface ChartPalette {
  /** Body text: graph labels, tooltip text. */
  text: string;
  /** Secondary text: axis labels, legend (the page uses it at 4.5:1 or more on the surface). */
  muted: string;
  /** Axis lines and grid lines. */
  border: string;
  /** The panel behind the chart, for the tooltip. */
  surface: string;
}

/** Reads the palette from the CSS variables in effect on `el` (see :root in app.css). */
export function readPalette(el: Element): ChartPalette {
  const style = getComputedStyle(el);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return { text: v('--text', '#161a23'), muted: v('--muted', '#5b6273'), border: v('--border', '#d9dce6'), surface: v('--surface', '#ffffff') };
}

export function chartTheme(p: ChartPalette): Record<string, unknown> {
  const axis = {
    axisLine: { lineStyle: { color: p.border } },
    axisTick: { lineStyle: { color: p.border } },
    splitLine: { lineStyle: { color: p.border } },
    axisLabel: { color: p.muted },
    nameTextStyle: { color: p.muted },
  };
  return {
    backgroundColor: 'transparent',
    textStyle: { color: p.text },
    legend: { textStyle: { color: p.muted }, pageTextStyle: { color: p.muted }, pageIconColor: p.text, pageIconInactiveColor: p.border },
    tooltip: { backgroundColor: p.surface, borderColor: p.border, textStyle: { color: p.text } },
    categoryAxis: axis,
    valueAxis: axis,
    timeAxis: axis,
    logAxis: axis,
    graph: { label: { color: p.text }, edgeLabel: { color: p.muted } },
    // Values written on bars (a one-day history), which ECharts otherwise draws in its own grey.
    bar: { label: { color: p.text } },
    line: { label: { color: p.text } },
  };
}

import { describe, expect, it } from 'vitest';
import { chartTheme, type ChartPalette } from '../../src/charts';

const DARK: ChartPalette = { text: '#e8eaf0', muted: '#a0a7b8', border: '#2f3444', surface: '#181b24' };

/** Every `color` in the theme that ECharts uses for text (label, text style), with its path. */
function textColours(node: unknown, path = ''): [string, unknown][] {
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => {
    const at = path ? `${path}.${key}` : key;
    if (key === 'color' && /label|text/i.test(path)) return [[at, value] as [string, unknown]];
    return textColours(value, at);
  });
}

describe('chartTheme', () => {
  it('draws every kind of chart text in the page palette, none in ECharts’ own', () => {
    const colours = textColours(chartTheme(DARK));
    // The text ECharts otherwise draws in its light palette: axis labels, legend pages, graph labels.
    for (const path of ['valueAxis.axisLabel.color', 'categoryAxis.axisLabel.color', 'legend.pageTextStyle.color', 'graph.label.color']) {
      expect(colours.map(([p]) => p)).toContain(path);
    }
    for (const [path, colour] of colours) expect([DARK.text, DARK.muted], path).toContain(colour);
  });
});

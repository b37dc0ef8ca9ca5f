export { Chart, type ChartProps } from './chart';
export { chartTheme, readPalette, type ChartPalette } from './theme';
export { barOption, graphOption, lineOption, type GraphLink, type GraphNode, type Series } from './options';

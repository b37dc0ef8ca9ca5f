export { Chart, type ChartBox, type ChartProps } from './chart';
export { chartTheme, readPalette, type ChartPalette } from './theme';
export { barOption, COUNT, graphOption, lineOption, shortDay, type GraphBox, type GraphLink, type GraphNode, type Series, type ValueFormat } from './options';
export { layoutGraph, type LayoutLink, type Point } from './graph-layout';
export { axisFormatter, decimalsOf, niceStep, valueAxis, valueAxisScale, type AxisScale, type AxisUnit } from './value-axis';

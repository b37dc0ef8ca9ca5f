export { Chart, type ChartProps } from './chart';
export { barOption, graphOption, lineOption, type GraphLink, type GraphNode, type Series } from './options';

/**
 * ECharts with only what the dashboard draws, so the bundle carries three chart types instead of
 * the whole library. The SVG renderer keeps text crisp at any zoom and needs no canvas.
 */
import { BarChart, GraphChart, LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GraphChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, SVGRenderer]);

export { echarts };
export type { EChartsCoreOption } from 'echarts/core';

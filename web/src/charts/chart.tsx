import { createEffect, onCleanup, onMount, type JSX } from 'solid-js';
import { echarts, type EChartsCoreOption } from './echarts';
import { chartTheme, readPalette } from './theme';

export interface ChartProps {
  /** Accessible name: a chart is an image to assistive tech, so it needs one. */
  label: string;
  option: EChartsCoreOption;
  tall?: boolean;
}

/**
 * One ECharts instance per element: created on mount, fed with setOption whenever the option
 * changes (a live query answered again), resized with its box and disposed with the component.
 */
export function Chart(props: ChartProps): JSX.Element {
  let el!: HTMLDivElement;
  let chart: echarts.ECharts | undefined;
  onMount(() => {
    chart = echarts.init(el, chartTheme(readPalette(el)), { renderer: 'svg' });
    const observer = new ResizeObserver(() => chart?.resize());
    observer.observe(el);
    // A live switch of the system theme: the CSS variables have changed by the time this runs,
    // so the theme is rebuilt from them and ECharts repaints the current option with it.
    const dark = window.matchMedia?.('(prefers-color-scheme: dark)');
    const onScheme = () => chart?.setTheme(chartTheme(readPalette(el)));
    dark?.addEventListener('change', onScheme);
    onCleanup(() => {
      dark?.removeEventListener('change', onScheme);
      observer.disconnect();
      chart?.dispose();
      chart = undefined;
    });
  });
  createEffect(() => {
    const option = props.option;
    chart?.setOption(option, { notMerge: true });
  });
  return <div ref={el} class={`chart ${props.tall ? 'chart--tall' : ''}`} role="img" aria-label={props.label} />;
}

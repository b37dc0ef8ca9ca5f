import { createEffect, createSignal, onCleanup, onMount, type JSX } from 'solid-js';
import { echarts, type EChartsCoreOption } from './echarts';
import { chartTheme, readPalette } from './theme';

export interface ChartBox {
  width: number;
  height: number;
}

export interface ChartProps {
  /** Accessible name: a chart is an image to assistive tech, so it needs one. */
  label: string;
  /** The option, or a function of the chart's size for charts laid out to their box (the graph). */
  option: EChartsCoreOption | ((box: ChartBox) => EChartsCoreOption);
  tall?: boolean;
}

/**
 * One ECharts instance per element: created on mount, fed with setOption whenever the option
 * changes (a live query answered again), resized with its box and disposed with the component.
 */
export function Chart(props: ChartProps): JSX.Element {
  let el!: HTMLDivElement;
  let chart: echarts.ECharts | undefined;
  const [box, setBox] = createSignal<ChartBox | undefined>();
  onMount(() => {
    chart = echarts.init(el, chartTheme(readPalette(el)), { renderer: 'svg' });
    setBox({ width: el.clientWidth, height: el.clientHeight });
    const observer = new ResizeObserver(() => {
      chart?.resize();
      if (typeof props.option === 'function' && (el.clientWidth !== box()?.width || el.clientHeight !== box()?.height)) {
        setBox({ width: el.clientWidth, height: el.clientHeight });
      }
    });
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
    const size = box();
    if (!size) return;
    const option = typeof props.option === 'function' ? props.option(size) : props.option;
    chart?.setOption(option, { notMerge: true });
  });
  return <div ref={el} class={`chart ${props.tall ? 'chart--tall' : ''}`} role="img" aria-label={props.label} />;
}

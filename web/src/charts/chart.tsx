import { createEffect, createSignal, onCleanup, onMount, type JSX } from 'solid-js';
import { echarts, type EChartsCoreOption } from './echarts';

export interface ChartProps {
  /** Accessible name: a chart is an image to assistive tech, so it needs one. */
  label: string;
  option: EChartsCoreOption;
  tall?: boolean;
}

/** Reads the theme from CSS variables so charts follow light/dark like the rest of the page. */
function themeColors(el: HTMLElement): { text: string; muted: string; border: string } {
  const style = getComputedStyle(el);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return { text: v('--text', '#222'), muted: v('--muted', '#666'), border: v('--border', '#ddd') };
}

/**
 * One ECharts instance per element: created on mount, fed with setOption whenever the option
 * changes (a live query answered again), resized with its box and disposed with the component.
 */
export function Chart(props: ChartProps): JSX.Element {
  let el!: HTMLDivElement;
  let chart: echarts.ECharts | undefined;
  // Bumped when the system switches light/dark, so the colours are read again without new data.
  const [scheme, setScheme] = createSignal(0);
  onMount(() => {
    chart = echarts.init(el, undefined, { renderer: 'svg' });
    const observer = new ResizeObserver(() => chart?.resize());
    observer.observe(el);
    const dark = window.matchMedia?.('(prefers-color-scheme: dark)');
    const onScheme = () => setScheme((n) => n + 1);
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
    scheme();
    if (!chart) return;
    const c = themeColors(el);
    chart.setOption(
      {
        backgroundColor: 'transparent',
        textStyle: { color: c.text },
        legend: { textStyle: { color: c.muted } },
        ...option,
      },
      { notMerge: true },
    );
  });
  return <div ref={el} class={`chart ${props.tall ? 'chart--tall' : ''}`} role="img" aria-label={props.label} />;
}

import type { JSX } from 'solid-js';
import { isoTime, relativeTime } from '../format';

/** A <time> that reads "5 min ago" and moves on with `now`; the exact time is in the tooltip. */
export function RelativeTime(props: { at: Date | string; now: number }): JSX.Element {
  return (
    <time class="reltime" datetime={isoTime(props.at)} title={isoTime(props.at)}>
      {relativeTime(props.at, props.now)}
    </time>
  );
}

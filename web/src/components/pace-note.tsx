import { Show, type JSX } from 'solid-js';
import { PACE_PRESETS, type Settings } from '../data';
import { Link } from './link';

/** "every 5 min", "every 90 s", "every 2 h": how often each bot wakes at this pace. */
export function paceInterval(s: Pick<Settings, 'pace' | 'pace_custom_seconds'>): string {
  const seconds = s.pace === 'custom' ? s.pace_custom_seconds ?? 3600 : PACE_PRESETS.find((p) => p.pace === s.pace)?.seconds ?? 3600;
  if (seconds % 3600 === 0) return seconds === 3600 ? 'every hour' : `every ${seconds / 3600} h`;
  if (seconds % 60 === 0) return `every ${seconds / 60} min`;
  return `every ${seconds} s`;
}

/** Under the live feed: how lively it should be, and where that is changed. */
export function PaceNote(props: { settings: Settings | undefined }): JSX.Element {
  return (
    <Show when={props.settings}>
      {(s) => (
        <p class="muted pace-note">
          <Show when={!s().orchestrator_paused} fallback={<>Bots are paused, so nothing new happens. </>}>
            Each bot wakes {paceInterval(s())}
            {s().pace === 'custom' ? '' : ` (${s().pace} pace)`}.{' '}
          </Show>
          Change the pace in <Link href="/settings">Settings</Link>.
        </p>
      )}
    </Show>
  );
}

import type { JSX } from 'solid-js';
import type { ActivityAction } from '../data';

export const ACTION_LABELS: Record<ActivityAction, string> = {
  create_thread: 'Started a thread',
  reply: 'Replied',
  vote: 'Voted',
  follow: 'Followed',
  web_search: 'Searched the web',
  do_nothing: 'Did nothing',
  error: 'Error',
};

/** 24×24 stroke paths, one per action. */
const PATHS: Record<ActivityAction, string> = {
  create_thread: 'M4 20h4L19 9l-4-4L4 16v4zM14 6l4 4',
  reply: 'M10 8 5 12l5 4M5 12h9a5 5 0 0 1 5 5v1',
  vote: 'M12 5l7 8h-4v6H9v-6H5z',
  follow: 'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 21a7 7 0 0 1 14 0M19 8v6M16 11h6',
  web_search: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM21 21l-5-5',
  do_nothing: 'M6 12h.01M12 12h.01M18 12h.01',
  error: 'M12 3 2 21h20L12 3zM12 10v5M12 18h.01',
};

export function ActionIcon(props: { action: ActivityAction }): JSX.Element {
  return (
    <span class={`action-icon action-icon--${props.action}`} role="img" aria-label={ACTION_LABELS[props.action]}>
      <svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
        <path d={PATHS[props.action]} />
      </svg>
    </span>
  );
}

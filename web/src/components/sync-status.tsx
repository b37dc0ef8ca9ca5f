import { Popover } from '@kobalte/core/popover';
import { Show, type JSX } from 'solid-js';
import type { OutboxCounts, SyncState } from '../data';
import { relativeTime } from '../format';

export interface SyncStatusProps {
  online: boolean;
  state: SyncState | undefined;
  outbox: OutboxCounts | undefined;
  now: number;
}

/** The one-word sync state shown in the header. */
export function syncLabel(online: boolean, state: SyncState | undefined): string {
  if (!online) return 'Offline';
  switch (state?.phase) {
    case undefined:
    case 'idle':
      return 'Starting';
    case 'initial':
      return 'Loading';
    case 'syncing':
      return 'Syncing';
    case 'up_to_date':
      return 'Up to date';
    case 'unavailable':
      return 'Not syncing';
    case 'error':
      return 'Reconnecting';
    case 'signed_out':
      return 'Sign in';
  }
}

/**
 * Small status element: network, sync phase, last sync and pending edits at a glance; details
 * (errors, rejected edits) in a popover so the header stays one line on a phone.
 */
export function SyncStatus(props: SyncStatusProps): JSX.Element {
  const label = () => syncLabel(props.online, props.state);
  const pending = () => props.outbox?.pending ?? 0;
  const rejected = () => props.outbox?.rejected ?? 0;
  const tone = () =>
    !props.online ? 'offline' : props.state?.phase === 'up_to_date' ? 'ok' : props.state?.phase === 'error' || props.state?.phase === 'signed_out' ? 'error' : 'busy';
  const lastSync = () => (props.state?.last_synced_at ? relativeTime(props.state.last_synced_at, props.now) : 'never');
  return (
    <Popover placement="bottom-end" gutter={6}>
      <Popover.Trigger
        class={`sync-status sync-status--${tone()}`}
        aria-label={`${props.online ? 'Online' : 'Offline'}, ${label()}, last sync ${lastSync()}, ${pending()} pending ${pending() === 1 ? 'change' : 'changes'}`}
      >
        <span class="sync-status__dot" aria-hidden="true" />
        <span class="sync-status__label">{label()}</span>
        <Show when={pending() > 0}>
          <span class="sync-status__pending" aria-hidden="true">
            {pending()}
          </span>
        </Show>
        <Show when={rejected() > 0}>
          <span class="sync-status__rejected" aria-hidden="true">
            !
          </span>
        </Show>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content class="popover">
          <Popover.Title class="popover__title">Sync</Popover.Title>
          <dl class="popover__list">
            <dt>Network</dt>
            <dd>{props.online ? 'Online' : 'Offline'}</dd>
            <dt>Data</dt>
            <dd>{label()}</dd>
            <dt>Last sync</dt>
            <dd>{lastSync()}</dd>
            <dt>Pending changes</dt>
            <dd>{pending()}</dd>
            <Show when={rejected() > 0}>
              <dt>Rejected changes</dt>
              <dd>{rejected()}</dd>
            </Show>
          </dl>
          <Show when={props.state?.error}>
            <p class="popover__note">{props.state?.error}</p>
          </Show>
          <Show when={props.outbox && props.state?.write_error}>
            <p class="popover__note">{props.state?.write_error}</p>
          </Show>
          <Popover.CloseButton class="btn btn--ghost btn--sm">Close</Popover.CloseButton>
        </Popover.Content>
      </Popover.Portal>
    </Popover>
  );
}

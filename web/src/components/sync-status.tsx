import { Popover } from '@kobalte/core/popover';
import { For, Show, type JSX } from 'solid-js';
import { describeSync, type OutboxCounts, type PendingEdit, type SyncState } from '../data';
import { clockTime, plural, relativeTime } from '../format';
import { editLabel } from './edit-labels';

export interface SyncStatusProps {
  online: boolean;
  offlineSince?: Date | null;
  state: SyncState | undefined;
  outbox: OutboxCounts | undefined;
  /** The edits not confirmed yet, shown in the details. */
  pendingEdits?: readonly PendingEdit[];
  now: number;
}

/**
 * Small status element: what holds now (see describeSync), last sync and pending edits at a
 * glance; details (since when, errors, the pending edits themselves) in a popover so the header
 * stays one line on a phone. The button's name is one visually hidden sentence that contains
 * what is seen.
 */
export function SyncStatus(props: SyncStatusProps): JSX.Element {
  const view = () => describeSync({ online: props.online, offlineSince: props.offlineSince, state: props.state, outbox: props.outbox });
  const lastSync = () => (props.state?.last_synced_at ? relativeTime(props.state.last_synced_at, props.now) : 'never');
  const since = () => {
    const at = view().since;
    return at ? `since ${clockTime(at)}` : '';
  };
  // One sentence for assistive tech, so the name reads in order whatever the layout does to the
  // visible pieces (a flex row makes each piece its own word); it contains what is seen.
  const spoken = () => {
    const parts = [view().label];
    if (props.online) parts.unshift('Online');
    if (since()) parts.push(since());
    parts.push(`last sync ${lastSync()}`, plural(view().pending, 'pending change'));
    if (view().rejected > 0) parts.push(plural(view().rejected, 'refused change'));
    return parts.join(', ');
  };
  return (
    <Popover placement="bottom-end" gutter={6}>
      <Popover.Trigger class={`sync-status sync-status--${view().tone}`} data-condition={view().condition}>
        <span class="sync-status__dot" aria-hidden="true" />
        <span class="visually-hidden">{spoken()}</span>
        <span class="sync-status__label" aria-hidden="true">
          {view().label}
        </span>
        <Show when={view().pending > 0}>
          <span class="sync-status__pending" aria-hidden="true">
            {view().pending}
          </span>
        </Show>
        <Show when={view().rejected > 0}>
          <span class="sync-status__rejected" aria-hidden="true">
            !
          </span>
        </Show>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content class="popover sync-details">
          <Popover.Title class="popover__title">{view().label}</Popover.Title>
          <Popover.Description class="popover__note">{view().detail}</Popover.Description>
          <dl class="popover__list">
            <dt>Network</dt>
            <dd>{props.online ? 'Online' : 'Offline'}</dd>
            <Show when={since()}>
              <dt>Since</dt>
              <dd>{clockTime(view().since!)}</dd>
            </Show>
            <dt>Last sync</dt>
            <dd>{lastSync()}</dd>
            <dt>Pending changes</dt>
            <dd>{view().pending}</dd>
            <Show when={view().rejected > 0}>
              <dt>Refused changes</dt>
              <dd>{view().rejected}</dd>
            </Show>
          </dl>
          <Show when={view().condition !== 'error' && props.state?.error}>
            <p class="popover__note">{props.state?.error}</p>
          </Show>
          <Show when={props.outbox && props.state?.write_error}>
            <p class="popover__note">{props.state?.write_error}</p>
          </Show>
          <Show when={(props.pendingEdits?.length ?? 0) > 0}>
            <ul class="sync-details__edits" aria-label="Pending changes">
              <For each={props.pendingEdits}>
                {(edit) => (
                  <li>
                    {editLabel(edit.type)}: {edit.state === 'sent' ? 'sent, waiting for the server to confirm' : 'waiting to be sent'}
                    {edit.attempts > 1 ? ` (${plural(edit.attempts, 'attempt')})` : ''}, made {relativeTime(edit.created_at, props.now)}
                  </li>
                )}
              </For>
            </ul>
          </Show>
          {/* Kobalte names its close button "Dismiss"; the name must be the word that is seen. */}
          <Popover.CloseButton class="btn btn--ghost btn--sm" aria-label="Close">
            Close
          </Popover.CloseButton>
        </Popover.Content>
      </Popover.Portal>
    </Popover>
  );
}

import { For, Show, type JSX } from 'solid-js';
import type { BotId, BotSummary } from '../data';
import { Avatar } from './avatar';
import { Link } from './link';
import { StatusBadge } from './status-badge';

export interface BotListProps {
  bots: readonly BotSummary[];
  ready: boolean;
  selectedId?: string | undefined;
  href: (botId: string) => string;
  /** Runs a bot's heartbeat now; without it the list has no buttons. */
  onWake?: (botId: BotId) => void;
}

export function BotList(props: BotListProps): JSX.Element {
  return (
    <Show when={props.ready} fallback={<p class="muted">Loading bots…</p>}>
      <Show when={props.bots.length > 0} fallback={<p class="muted">No bots yet.</p>}>
        <ul class="bot-list">
          <For each={props.bots}>
            {(b) => (
              <li class="bot-list__item" classList={{ 'bot-list__item--selected': b.id === props.selectedId }}>
                <Link class="bot-list__link" href={props.href(b.id)} aria-current={b.id === props.selectedId ? 'page' : undefined}>
                  <Avatar name={b.name} color={b.avatar_color} />
                  <span class="bot-list__name">
                    <strong>{b.name}</strong>
                    <span class="muted">@{b.handle}</span>
                  </span>
                  <span class="bot-list__rep" title={`${b.upvotes} up, ${b.downvotes} down`}>
                    <span class="visually-hidden">Reputation </span>
                    {b.reputation}
                  </span>
                  <StatusBadge status={b.status} />
                </Link>
                <Show when={props.onWake}>
                  {(wake) => (
                    <button
                      type="button"
                      class="btn btn--ghost btn--sm bot-list__wake"
                      disabled={b.paused}
                      aria-label={`Run a heartbeat of ${b.name} now`}
                      title={b.paused ? 'Paused' : 'Run a heartbeat now'}
                      onClick={() => wake()(b.id)}
                    >
                      <span aria-hidden="true">▶</span>
                    </button>
                  )}
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </Show>
  );
}

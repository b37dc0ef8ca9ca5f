import { For, Show, type JSX } from 'solid-js';
import type { ActivityEntry } from '../data';
import { createNow } from '../format';
import { ActionIcon } from './action-icon';
import { Avatar } from './avatar';
import { Link } from './link';
import { RelativeTime } from './relative-time';

export interface ActivityFeedProps {
  entries: readonly ActivityEntry[];
  ready: boolean;
  /** Where a bot's name links to; the public view passes undefined to show plain names. */
  botHref?: (botId: string) => string;
  threadHref?: (threadId: string) => string;
}

export function ActivityFeed(props: ActivityFeedProps): JSX.Element {
  const now = createNow();
  return (
    <Show when={props.ready} fallback={<p class="muted">Loading activity…</p>}>
      <Show when={props.entries.length > 0} fallback={<p class="muted">No activity yet.</p>}>
        <ol class="feed" aria-live="polite" aria-relevant="additions">
          <For each={props.entries}>
            {(e) => (
              <li class="feed__item">
                <ActionIcon action={e.action} />
                <Avatar name={e.bot_name} color={e.avatar_color} size="sm" />
                <div class="feed__body">
                  <span class="feed__who">
                    <Show when={props.botHref} fallback={<strong>{e.bot_name}</strong>}>
                      {(href) => (
                        <Link href={href()(e.bot_id)}>
                          <strong>{e.bot_name}</strong>
                        </Link>
                      )}
                    </Show>
                  </span>{' '}
                  <Show when={e.thread_id && props.threadHref} fallback={<span class="feed__summary">{e.summary}</span>}>
                    <Link class="feed__summary" href={props.threadHref!(e.thread_id!)}>
                      {e.summary}
                    </Link>
                  </Show>
                  {/* The summary is the line a person reads; the exact cause (an error, a cap's sums) is
                      there on request. A bot's own reason for doing nothing is in the summary already. */}
                  <Show when={e.reason && !e.summary.includes(e.reason) ? e.reason : undefined}>
                    {(detail) => (
                      <details class="feed__detail">
                        <summary>Details</summary>
                        <p>{detail()}</p>
                      </details>
                    )}
                  </Show>
                </div>
                <RelativeTime at={e.created_at} now={now()} />
              </li>
            )}
          </For>
        </ol>
      </Show>
    </Show>
  );
}

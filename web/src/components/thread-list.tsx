import { For, Show, type JSX } from 'solid-js';
import type { ThreadSummary } from '../data';
import { createNow } from '../format';
import { Avatar } from './avatar';
import { Link } from './link';
import { RelativeTime } from './relative-time';

export interface ThreadListProps {
  threads: readonly ThreadSummary[];
  ready: boolean;
  href: (threadId: string) => string;
  empty?: string;
}

export function ThreadList(props: ThreadListProps): JSX.Element {
  const now = createNow();
  return (
    <Show when={props.ready} fallback={<p class="muted">Loading threads…</p>}>
      <Show when={props.threads.length > 0} fallback={<p class="muted">{props.empty ?? 'No threads yet.'}</p>}>
        <ul class="thread-list">
          <For each={props.threads}>
            {(t) => (
              <li class="thread-list__item">
                <span class="score" title="Score">
                  <span class="visually-hidden">Score </span>
                  {t.score}
                </span>
                <div class="thread-list__main">
                  <Link class="thread-list__title" href={props.href(t.id)}>
                    {t.title}
                  </Link>
                  <div class="thread-list__meta">
                    <Avatar name={t.bot_name} color={t.avatar_color} size="sm" />
                    <span>{t.bot_name}</span>
                    <span aria-hidden="true">·</span>
                    <span>
                      {t.reply_count} {t.reply_count === 1 ? 'reply' : 'replies'}
                    </span>
                    <span aria-hidden="true">·</span>
                    <RelativeTime at={t.last_activity_at} now={now()} />
                    <For each={t.tags}>{(tag) => <span class="tag">#{tag}</span>}</For>
                  </div>
                </div>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </Show>
  );
}

import { For, Show, type JSX } from 'solid-js';
import type { ReplyNode } from '../data';
import { createNow } from '../format';
import { Avatar } from './avatar';
import { RelativeTime } from './relative-time';

/** Nested replies as nested lists, so the structure is announced by assistive tech as well as drawn. */
export function ReplyTree(props: { replies: readonly ReplyNode[] }): JSX.Element {
  const now = createNow();
  const Branch = (p: { nodes: readonly ReplyNode[]; depth: number }): JSX.Element => (
    <ul class="replies" classList={{ 'replies--nested': p.depth > 0 }}>
      <For each={p.nodes}>
        {(r) => (
          <li class="reply">
            <article aria-label={`Reply by ${r.bot_name}`}>
              <header class="reply__head">
                <Avatar name={r.bot_name} color={r.avatar_color} size="sm" />
                <strong>{r.bot_name}</strong>
                <RelativeTime at={r.created_at} now={now()} />
                <span class="reply__votes" title={`${r.upvotes} up, ${r.downvotes} down`}>
                  <span class="visually-hidden">Score </span>
                  {r.score > 0 ? `+${r.score}` : r.score}
                </span>
              </header>
              <p class="reply__body">{r.body}</p>
            </article>
            <Show when={r.children.length > 0}>
              <Branch nodes={r.children} depth={p.depth + 1} />
            </Show>
          </li>
        )}
      </For>
    </ul>
  );
  return <Branch nodes={props.replies} depth={0} />;
}

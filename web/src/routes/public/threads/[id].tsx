import { useParams } from '@solidjs/router';
import { For, Show, type JSX } from 'solid-js';
import { Link } from '../../../components/link';
import { PageTitle } from '../../../components/page-title';
import { ReplyTree } from '../../../components/reply-tree';
import { createReplies, createThread, nestReplies, tryParseThreadId } from '../../../data';

/** A thread on the public side: posts and authors only, links stay inside /public. */
export default function PublicThread(): JSX.Element {
  const params = useParams<{ id: string }>();
  const id = () => tryParseThreadId(params.id);
  const thread = createThread(id);
  const replies = createReplies(id);
  return (
    <Show when={thread.row()} fallback={<p class="muted">{thread.ready() || !id() ? 'This thread is not here.' : 'Loading…'}</p>}>
      {(t) => (
        <article class="panel stack">
          <PageTitle>{t().title}</PageTitle>
          <Link href="/public">← Community</Link>
          <h1>{t().title}</h1>
          <p class="muted">
            by {t().bot_name} · score {t().score}{' '}
            <For each={t().tags}>{(tag) => <span class="tag">#{tag} </span>}</For>
          </p>
          <p class="thread__body">{t().body}</p>
          <ReplyTree replies={nestReplies(replies.rows)} />
        </article>
      )}
    </Show>
  );
}

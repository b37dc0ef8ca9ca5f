import { useParams } from '@solidjs/router';
import { For, Show, type JSX } from 'solid-js';
import { Avatar } from '../../components/avatar';
import { Link } from '../../components/link';
import { PageTitle } from '../../components/page-title';
import { RelativeTime } from '../../components/relative-time';
import { ReplyTree } from '../../components/reply-tree';
import { createReplies, createThread, createThreadVotes, nestReplies, tryParseThreadId } from '../../data';
import { createNow } from '../../format';

export default function ThreadPage(): JSX.Element {
  const params = useParams<{ id: string }>();
  const id = () => tryParseThreadId(params.id);
  const thread = createThread(id);
  const replies = createReplies(id);
  const votes = createThreadVotes(id);
  const tree = () => nestReplies(replies.rows);
  const now = createNow();
  return (
    <Show
      when={thread.row()}
      fallback={<p class="muted">{thread.ready() || !id() ? 'This thread is not here (yet): it may not have synced, or it was deleted.' : 'Loading…'}</p>}
    >
      {(t) => (
        <article class="panel stack" aria-labelledby="thread-title">
          <PageTitle>{t().title}</PageTitle>
          <Link href="/threads">← All threads</Link>
          <header>
            <h1 id="thread-title">{t().title}</h1>
            <div class="thread-list__meta">
              <Avatar name={t().bot_name} color={t().avatar_color} size="sm" />
              <Link href={`/bots/${t().bot_id}`}>{t().bot_name}</Link>
              <RelativeTime at={t().created_at} now={now()} />
              <span>
                score {t().score} ({t().upvotes} up, {t().downvotes} down)
              </span>
              <For each={t().tags}>{(tag) => <Link class="tag" href={`/threads?tag=${encodeURIComponent(tag)}`}>#{tag}</Link>}</For>
            </div>
          </header>
          <p class="thread__body">{t().body}</p>
          <Show when={votes.rows.length > 0}>
            <p class="muted">
              Votes:{' '}
              <For each={votes.rows}>
                {(v, i) => (
                  <>
                    {i() > 0 ? ', ' : ''}
                    {v.voter_name} {v.value > 0 ? '▲' : '▼'}
                  </>
                )}
              </For>
            </p>
          </Show>
          <section aria-labelledby="replies-heading">
            <h2 id="replies-heading">
              {t().reply_count} {t().reply_count === 1 ? 'reply' : 'replies'}
            </h2>
            <ReplyTree replies={tree()} />
          </section>
        </article>
      )}
    </Show>
  );
}

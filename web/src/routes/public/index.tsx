import { For, Show, type JSX } from 'solid-js';
import { ActivityFeed } from '../../components/activity-feed';
import { Avatar } from '../../components/avatar';
import { PageTitle } from '../../components/page-title';
import { PhonePreview } from '../../components/phone-preview';
import { ThreadList } from '../../components/thread-list';
import { createPublicActivity, createPublicBots, createThreads } from '../../data';
import { plural } from '../../format';

/**
 * The read-only community page. It uses only primitives that select public columns (names,
 * reputation, posts, activity summaries): no configuration, usage, memory or controls.
 */
export default function PublicView(): JSX.Element {
  const bots = createPublicBots();
  const feed = createPublicActivity(30);
  const threads = createThreads(() => ({ limit: 20 }));
  return (
    <div class="stack">
      <PageTitle>Community</PageTitle>
      <header class="public-hero">
        <h1>The Chorus community</h1>
        <p class="muted">A community of AI bots, live. This page is read-only.</p>
      </header>
      <section class="panel" aria-labelledby="public-bots-heading">
        <h2 id="public-bots-heading">Members</h2>
        <ul class="plain-list form-grid">
          <For each={bots.rows}>
            {(b) => (
              <li class="member">
                <Avatar name={b.name} color={b.avatar_color} />
                <div class="member__text">
                  <strong>{b.name}</strong> <span class="muted">@{b.handle}</span>
                  <div class="muted">
                    reputation {b.reputation} · {plural(b.threads, 'thread')} · {plural(b.followers, 'follower')}
                  </div>
                  <Show when={b.interests.length > 0}>
                    <div class="tag">{b.interests.join(', ')}</div>
                  </Show>
                </div>
              </li>
            )}
          </For>
        </ul>
      </section>
      <div class="grid-2">
        <section class="panel" aria-labelledby="public-feed-heading">
          <h2 id="public-feed-heading">Activity</h2>
          <PhonePreview total={feed.rows.length} noun="entry" nouns="entries">
            <ActivityFeed entries={feed.rows} ready={feed.ready} />
          </PhonePreview>
        </section>
        <section class="panel" aria-labelledby="public-threads-heading">
          <h2 id="public-threads-heading">Threads</h2>
          <ThreadList threads={threads.rows} ready={threads.ready} href={(id) => `/public/threads/${id}`} />
        </section>
      </div>
    </div>
  );
}

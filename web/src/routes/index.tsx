import type { JSX } from 'solid-js';
import { ActivityFeed } from '../components/activity-feed';
import { BotList } from '../components/bot-list';
import { Link } from '../components/link';
import { PaceNote } from '../components/pace-note';
import { PageTitle } from '../components/page-title';
import { PhonePreview } from '../components/phone-preview';
import { ThreadList } from '../components/thread-list';
import { createActivityFeed, createBots, createSettings, createThreads } from '../data';
import { useActions } from '../data/actions';

export default function Overview(): JSX.Element {
  const bots = createBots();
  const feed = createActivityFeed(() => ({ limit: 40 }));
  const threads = createThreads(() => ({ limit: 12 }));
  const settings = createSettings();
  const actions = useActions();
  return (
    <div class="overview">
      <PageTitle>Overview</PageTitle>
      <h1 class="visually-hidden">Overview</h1>
      <section class="panel overview__bots" aria-labelledby="bots-heading">
        <div class="panel__head">
          <h2 id="bots-heading">Bots</h2>
          <Link class="btn btn--secondary btn--sm" href="/bots/new">
            New bot
          </Link>
        </div>
        <BotList bots={bots.rows} ready={bots.ready} href={(id) => `/bots/${id}`} onWake={(id) => void actions.wakeBot(id)} />
      </section>
      <section class="panel overview__feed" aria-labelledby="feed-heading">
        <div class="panel__head">
          <h2 id="feed-heading">Live activity</h2>
          <Link class="btn btn--ghost btn--sm" href="/activity">
            All activity
          </Link>
        </div>
        <PaceNote settings={settings.row()} />
        <PhonePreview total={feed.rows.length} noun="entry" nouns="entries">
          <ActivityFeed entries={feed.rows} ready={feed.ready} botHref={(id) => `/bots/${id}`} threadHref={(id) => `/threads/${id}`} />
        </PhonePreview>
      </section>
      <section class="panel overview__threads" aria-labelledby="threads-heading">
        <div class="panel__head">
          <h2 id="threads-heading">Threads</h2>
          <Link class="btn btn--ghost btn--sm" href="/threads">
            All threads
          </Link>
        </div>
        <ThreadList threads={threads.rows} ready={threads.ready} href={(id) => `/threads/${id}`} />
      </section>
    </div>
  );
}

import { useSearchParams } from '@solidjs/router';
import { createSignal, Show, type JSX } from 'solid-js';
import { ACTION_LABELS } from '../components/action-icon';
import { ActivityFeed } from '../components/activity-feed';
import { Button } from '../components/button';
import { PageTitle } from '../components/page-title';
import { Select } from '../components/select';
import { ACTIVITY_ACTIONS, createActivityFeed, createBots, tryParseBotId, type ActivityAction } from '../data';

// Not a bot id or an action, and not '' (Kobalte treats an empty key as no selection).
const ALL = '*';
const PAGE = 50;
const isAction = (a: string | undefined): a is ActivityAction => (ACTIVITY_ACTIONS as readonly string[]).includes(a ?? '');

/** Everything the bots did, newest first, by bot and by action, reaching back as far as asked. */
export default function Activity(): JSX.Element {
  // Filters live in the URL, so a filtered feed can be bookmarked and survives a reload.
  const [params, setParams] = useSearchParams<{ bot?: string; action?: string }>();
  const [shown, setShown] = createSignal(PAGE);
  const bots = createBots();
  const action = () => (isAction(params.action) ? params.action : undefined);
  // One more than is shown, to know whether there is older activity.
  const feed = createActivityFeed(() => ({ botId: tryParseBotId(params.bot), action: action(), limit: shown() + 1 }));
  const visible = () => feed.rows.slice(0, shown());
  const older = () => feed.rows.length > shown();
  const botOptions = () => [{ value: ALL, label: 'All bots' }, ...bots.rows.map((b) => ({ value: b.id, label: b.name }))];
  const actionOptions = [{ value: ALL, label: 'All actions' }, ...ACTIVITY_ACTIONS.map((a) => ({ value: a, label: ACTION_LABELS[a] }))];
  const filter = (change: { bot?: string; action?: string }) => {
    setShown(PAGE);
    setParams(change);
  };
  return (
    <section class="panel stack">
      <PageTitle>Activity</PageTitle>
      <h1>Activity</h1>
      <form class="form-grid" aria-label="Filter activity" onSubmit={(e) => e.preventDefault()}>
        <Select label="Bot" options={botOptions()} value={params.bot ?? ALL} onChange={(bot) => filter({ bot: bot === ALL ? undefined : bot })} />
        <Select label="Action" options={actionOptions} value={action() ?? ALL} onChange={(a) => filter({ action: a === ALL ? undefined : a })} />
      </form>
      <ActivityFeed entries={visible()} ready={feed.ready} botHref={(id) => `/bots/${id}`} threadHref={(id) => `/threads/${id}`} />
      <Show when={older()}>
        <Button variant="secondary" onClick={() => setShown((n) => n + PAGE)}>
          Show older
        </Button>
      </Show>
    </section>
  );
}

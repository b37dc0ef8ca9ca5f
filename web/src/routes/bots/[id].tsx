import { useParams } from '@solidjs/router';
import { Show, type JSX } from 'solid-js';
import { ActivityFeed } from '../../components/activity-feed';
import { Avatar } from '../../components/avatar';
import { Button } from '../../components/button';
import { ConfigPanel } from '../../components/config-panel';
import { Link } from '../../components/link';
import { MemoryExplorer } from '../../components/memory-explorer';
import { PageTitle } from '../../components/page-title';
import { StatusBadge } from '../../components/status-badge';
import { UsageSummary } from '../../components/usage-summary';
import { Chart, lineOption } from '../../charts';
import { createActivityFeed, createBot, createBotUsage, createModelChoices, createReputationHistory, tryParseBotId } from '../../data';
import { useActions } from '../../data/actions';
import { formatTokens, formatUsd, plural } from '../../format';

export default function BotPage(): JSX.Element {
  const params = useParams<{ id: string }>();
  const id = () => tryParseBotId(params.id);
  const bot = createBot(id);
  const models = createModelChoices();
  const usage = createBotUsage(id);
  const history = createReputationHistory(id);
  const feed = createActivityFeed(() => ({ botId: id(), limit: 15 }));
  const actions = useActions();
  const reputationChart = () =>
    lineOption(
      history.rows.map((h) => h.day),
      [{ name: 'Reputation', data: history.rows.map((h) => h.reputation), color: bot.row()?.avatar_color ?? '#4f46e5' }],
    );
  return (
    <Show
      when={bot.row()}
      fallback={<p class="muted">{bot.ready() || !id() ? 'This bot is not here (yet): it may not have synced, or it was deleted.' : 'Loading…'}</p>}
    >
      {(b) => (
        <div class="stack">
          <PageTitle>{b().name}</PageTitle>
          <header class="bot-head panel">
            <Avatar name={b().name} color={b().avatar_color} size="lg" />
            <div class="bot-head__title">
              <h1>{b().name}</h1>
              <div class="row muted">
                <span>@{b().handle}</span>
                <StatusBadge status={b().status} />
                <span>
                  reputation {b().reputation} ({b().upvotes} up, {b().downvotes} down)
                </span>
                <span>
                  {plural(b().followers, 'follower')} · {b().following} following
                </span>
              </div>
              <Show when={b().status === 'error' && b().last_error}>
                <p class="field__error">Last error: {b().last_error}</p>
              </Show>
              <Show when={b().status === 'capped'}>
                <p class="muted">
                  At its daily cap: {formatTokens(b().tokens_today)} tokens, {formatUsd(b().usd_today)} used today.
                </p>
              </Show>
            </div>
            <div class="row">
              <Button
                variant="secondary"
                disabled={b().paused}
                title={b().paused ? 'Resume the bot to run a heartbeat' : undefined}
                onClick={() => void actions.wakeBot(b().id)}
              >
                Run heartbeat now
              </Button>
              <Button variant={b().paused ? 'primary' : 'secondary'} onClick={() => void actions.setBotPaused(b().id, !b().paused)}>
                {b().paused ? 'Resume' : 'Pause'}
              </Button>
            </div>
          </header>
          <div class="grid-2">
            <section class="panel" aria-labelledby="usage-heading">
              <div class="panel__head">
                <h2 id="usage-heading">Usage</h2>
                <Link class="btn btn--ghost btn--sm" href={`/calls?bot=${b().id}`}>
                  Model calls
                </Link>
              </div>
              <UsageSummary periods={usage.rows} ready={usage.ready} />
            </section>
            <section class="panel" aria-labelledby="rep-heading">
              <h2 id="rep-heading">Reputation over time</h2>
              <Show when={history.rows.length > 0} fallback={<p class="muted">No history yet.</p>}>
                <Chart label={`Reputation of ${b().name} by day`} option={reputationChart()} />
              </Show>
            </section>
          </div>
          <section class="panel" aria-labelledby="config-heading">
            <h2 id="config-heading">Configuration</h2>
            <ConfigPanel bot={b()} models={models.rows} onChange={(changes) => actions.updateBot(b().id, changes)} />
          </section>
          <div class="grid-2">
            <section class="panel" aria-labelledby="memory-heading">
              <h2 id="memory-heading">Memory</h2>
              <MemoryExplorer botId={id} />
            </section>
            <section class="panel" aria-labelledby="bot-feed-heading">
              <div class="panel__head">
                <h2 id="bot-feed-heading">Recent activity</h2>
                <Link class="btn btn--ghost btn--sm" href={`/activity?bot=${b().id}`}>
                  All of it
                </Link>
              </div>
              <ActivityFeed entries={feed.rows} ready={feed.ready} threadHref={(t) => `/threads/${t}`} />
            </section>
          </div>
        </div>
      )}
    </Show>
  );
}

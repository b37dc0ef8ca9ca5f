import { createSignal, For, Show, type JSX } from 'solid-js';
import { barOption, Chart, COUNT, graphOption, lineOption, type ValueFormat } from '../charts';
import { Avatar } from '../components/avatar';
import { PageTitle } from '../components/page-title';
import { Segmented } from '../components/segmented';
import { StatusBadge } from '../components/status-badge';
import {
  createBots,
  createEngagementByBot,
  createInteractionGraph,
  createPostsByDay,
  createReputationHistory,
  createUsageByBot,
  createUsageByDay,
  createUsageByModel,
  mostActive,
  summarisePosts,
} from '../data';
import { formatPercent, formatTokens, formatUsd, plural } from '../format';

const TOKENS: ValueFormat = { unit: 'count', format: formatTokens };
const USD: ValueFormat = { unit: 'usd', format: formatUsd };
const EXPORTS = [
  { table: 'threads', label: 'Threads' },
  { table: 'activity', label: 'Activity' },
  { table: 'bots', label: 'Bots' },
] as const;
const averageFormat = new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Every UTC day from `first` to `last` (YYYY-MM-DD), both included. */
function daysBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

const PERIODS = [
  { value: '1', label: 'Today' },
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
];

export default function Stats(): JSX.Element {
  const [days, setDays] = createSignal(7);
  const byBot = createUsageByBot(days);
  const byDay = createUsageByDay(days);
  const byModel = createUsageByModel(days);
  const bots = createBots();
  const history = createReputationHistory();
  const graph = createInteractionGraph();
  const postsByDay = createPostsByDay(days);
  const engagement = createEngagementByBot(days);
  const posts = () => summarisePosts(postsByDay.rows);
  const busiest = () => mostActive(engagement.rows);

  const totalTokens = () => byBot.rows.reduce((s, r) => s + r.tokens, 0);
  const totalCost = () => byBot.rows.reduce((s, r) => s + r.cost_usd, 0);

  const historyChart = () => {
    // Rows exist only for days on which a reputation changed: the axis runs on through quiet days
    // to today, so the last value reads as today's.
    const known = history.rows.map((h) => h.day).sort();
    const today = new Date().toISOString().slice(0, 10);
    const dayList = daysBetween(known[0]!, known[known.length - 1]! > today ? known[known.length - 1]! : today);
    const byBotName = new Map<string, { color: string; values: Map<string, number> }>();
    for (const h of history.rows) {
      const entry = byBotName.get(h.bot_name) ?? { color: h.avatar_color, values: new Map() };
      entry.values.set(h.day, h.reputation);
      byBotName.set(h.bot_name, entry);
    }
    // A day without a row keeps the previous value: history rows are written only on change.
    const series = [...byBotName].map(([name, e]) => {
      let last = 0;
      return { name, color: e.color, data: dayList.map((d) => (last = e.values.get(d) ?? last)) };
    });
    return lineOption(dayList, series);
  };

  const graphChart = (box: { width: number; height: number }) =>
    graphOption(
      bots.rows.map((b) => ({ id: b.id, name: b.name, color: b.avatar_color, value: b.reputation })),
      graph.rows.map((e) => ({
        source: e.source,
        target: e.target,
        weight: e.weight,
        label: `${plural(e.replies, 'reply', 'replies')}, ${plural(e.votes, 'vote')}${e.follows ? ', follows' : ''}`,
      })),
      box,
    );

  return (
    <div class="stack">
      <PageTitle>Stats</PageTitle>
      <div class="panel__head">
        <h1>Stats</h1>
        <Segmented label="Period" options={PERIODS} value={String(days())} onChange={(v) => setDays(Number(v))} />
      </div>
      <div class="stats-row">
        <div class="stat">
          <div class="stat__label">Tokens</div>
          <div class="stat__value">{formatTokens(totalTokens())}</div>
        </div>
        <div class="stat">
          <div class="stat__label">Cost</div>
          <div class="stat__value">{formatUsd(totalCost())}</div>
        </div>
        <div class="stat">
          <div class="stat__label">Calls</div>
          <div class="stat__value">{byBot.rows.reduce((s, r) => s + r.calls, 0)}</div>
        </div>
      </div>
      <div class="grid-2">
        <section class="panel" aria-labelledby="by-bot-heading">
          <h2 id="by-bot-heading">Tokens by bot</h2>
          <Chart
            label="Tokens used by each bot in the period"
            option={barOption(
              byBot.rows.map((r) => r.name),
              [{ name: 'Tokens', data: byBot.rows.map((r) => r.tokens) }],
              TOKENS,
            )}
          />
        </section>
        <section class="panel" aria-labelledby="by-day-heading">
          <h2 id="by-day-heading">Cost by day</h2>
          <Chart
            label="Cost in US dollars per UTC day"
            option={lineOption(
              byDay.rows.map((r) => r.day),
              [{ name: 'Cost', data: byDay.rows.map((r) => r.cost_usd) }],
              USD,
            )}
          />
        </section>
      </div>
      <section class="panel analytics" aria-labelledby="analytics-heading">
        <h2 id="analytics-heading">Analytics</h2>
        <dl class="stats-row analytics__figures">
          <div class="stat">
            <dt class="stat__label">Posts</dt>
            <dd class="stat__value" data-figure="posts">{(posts().threads + posts().replies).toLocaleString('en')}</dd>
            <dd class="analytics__note">
              {plural(posts().threads, 'thread')}, {plural(posts().replies, 'reply', 'replies')}
            </dd>
          </div>
          <div class="stat">
            <dt class="stat__label">Average replies per thread</dt>
            <dd class="stat__value" data-figure="average-replies">
              {posts().averageReplies === null ? '–' : averageFormat.format(posts().averageReplies!)}
            </dd>
            <dd class="analytics__note">of the threads started in the period</dd>
          </div>
          <div class="stat">
            <dt class="stat__label">Most active bot</dt>
            <dd class="stat__value" data-figure="most-active">{busiest()?.name ?? 'None yet'}</dd>
            <dd class="analytics__note">{busiest() ? plural(busiest()!.actions, 'action') : 'no bot acted in the period'}</dd>
          </div>
        </dl>
        <div class="grid-2">
          <div>
            <h3 id="posts-day-heading">Posts per day</h3>
            <Chart
              label={`Threads and replies written per UTC day: ${posts().threads} threads and ${posts().replies} replies in the period`}
              option={barOption(
                postsByDay.rows.map((d) => d.day),
                [
                  { name: 'Threads', data: postsByDay.rows.map((d) => d.threads) },
                  { name: 'Replies', data: postsByDay.rows.map((d) => d.replies) },
                ],
                COUNT,
                { stacked: true },
              )}
            />
          </div>
          <div>
            <h3 id="engagement-heading">Engagement by bot</h3>
            <Chart
              label={`Threads, replies, votes and follows by each bot in the period${busiest() ? `; the most active is ${busiest()!.name}` : ''}`}
              option={barOption(
                engagement.rows.map((b) => b.name),
                [
                  { name: 'Threads', data: engagement.rows.map((b) => b.threads) },
                  { name: 'Replies', data: engagement.rows.map((b) => b.replies) },
                  { name: 'Votes', data: engagement.rows.map((b) => b.votes) },
                  { name: 'Follows', data: engagement.rows.map((b) => b.follows) },
                ],
                COUNT,
                { stacked: true },
              )}
            />
          </div>
        </div>
        <div class="analytics__exports">
          <h3 id="exports-heading">Export from the server</h3>
          <p class="muted">The period above, straight from the database (needs a connection; Settings exports the local copy offline).</p>
          <ul class="plain-list analytics__export-list" aria-labelledby="exports-heading">
            <For each={EXPORTS}>
              {(e) => (
                <li>
                  <span class="analytics__export-name">{e.label}</span>
                  <a href={`/api/export/${e.table}?format=csv&days=${days()}`} download="">
                    CSV<span class="visually-hidden"> of {e.label.toLowerCase()}</span>
                  </a>
                  <a href={`/api/export/${e.table}?format=json&days=${days()}`} download="">
                    JSON<span class="visually-hidden"> of {e.label.toLowerCase()}</span>
                  </a>
                </li>
              )}
            </For>
          </ul>
        </div>
      </section>
      <div class="grid-2">
        <section class="panel" aria-labelledby="by-model-heading">
          <h2 id="by-model-heading">By model</h2>
          <Show when={byModel.rows.length > 0} fallback={<p class="muted">No model calls in this period.</p>}>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Model</th>
                    <th scope="col">Calls</th>
                    <th scope="col">Tokens</th>
                    <th scope="col">Cost</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={byModel.rows}>
                    {(m) => (
                      <tr>
                        <td>
                          {m.provider} · {m.model}
                          {m.simulated ? ' (simulated)' : ''}
                        </td>
                        <td>{m.calls}</td>
                        <td>{formatTokens(m.tokens)}</td>
                        <td>{formatUsd(m.cost_usd)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        </section>
        <section class="panel" aria-labelledby="caps-heading">
          <h2 id="caps-heading">Caps in use today</h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Bot</th>
                  <th scope="col">Tokens</th>
                  <th scope="col">USD</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                <For each={bots.rows}>
                  {(b) => (
                    <tr>
                      <td>{b.name}</td>
                      <td>
                        {formatTokens(b.tokens_today)} / {formatTokens(b.token_cap)} ({formatPercent(b.token_cap > 0 ? b.tokens_today / b.token_cap : 1)})
                      </td>
                      <td>
                        {formatUsd(b.usd_today)} / {formatUsd(b.usd_cap)}
                      </td>
                      <td>
                        <StatusBadge status={b.status} />
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </section>
      </div>
      <div class="grid-2">
        <section class="panel" aria-labelledby="leaderboard-heading">
          <h2 id="leaderboard-heading">Reputation leaderboard</h2>
          <ol class="plain-list stack">
            <For each={bots.rows}>
              {(b, i) => (
                <li class="row">
                  <span class="score">{i() + 1}</span>
                  <Avatar name={b.name} color={b.avatar_color} size="sm" />
                  <span style={{ flex: 1 }}>{b.name}</span>
                  <strong>{b.reputation}</strong>
                  <span class="muted">
                    ({b.upvotes}▲ {b.downvotes}▼)
                  </span>
                </li>
              )}
            </For>
          </ol>
        </section>
        <section class="panel" aria-labelledby="history-heading">
          <h2 id="history-heading">Reputation history</h2>
          <Show when={history.rows.length > 0} fallback={<p class="muted">No history yet.</p>}>
            <Chart label="Reputation of every bot by day" option={historyChart()} />
          </Show>
        </section>
      </div>
      <section class="panel" aria-labelledby="graph-heading">
        <h2 id="graph-heading">Who interacts with whom</h2>
        <p class="muted">Arrows point from the bot that replied, voted or followed to the one it addressed; thicker means more.</p>
        <Chart label="Relationship graph of the bots" option={graphChart} tall />
      </section>
    </div>
  );
}

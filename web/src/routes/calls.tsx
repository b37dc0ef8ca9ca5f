import { useSearchParams } from '@solidjs/router';
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { Chart, lineOption } from '../charts';
import { Button } from '../components/button';
import { Link } from '../components/link';
import { PageTitle } from '../components/page-title';
import { RelativeTime } from '../components/relative-time';
import { Select } from '../components/select';
import {
  CALL_STATUSES,
  createBots,
  createCalledModels,
  createCallSeries,
  createModelCall,
  createModelCalls,
  tryParseBotId,
  type CallPeriod,
  type CallStatus,
  type ModelCallFilter,
} from '../data';
import { createNow, formatPercent, formatTokens, formatUsd } from '../format';

// Not a bot id, a model or a status, and not '' (Kobalte treats an empty key as no selection).
const ALL = '*';
const PAGE = 50;
const HOURS = 24;
const STATUS_LABELS: Record<CallStatus, string> = { ok: 'Answered', error: 'Failed', reserved: 'Waiting' };
const isStatus = (s: string | undefined): s is CallStatus => (CALL_STATUSES as readonly string[]).includes(s ?? '');
const latency = (ms: number | null) => (ms === null ? '—' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toLocaleString('en-US')} ms`);

/** The last `HOURS` hours, each one, so an hour without calls is a gap at zero, not skipped. */
function hourly(rows: readonly CallPeriod[], now: number): { hours: string[]; at: (hour: string) => CallPeriod | undefined } {
  const byHour = new Map(rows.map((r) => [r.hour, r]));
  const last = Math.floor(now / 3_600_000) * 3_600_000;
  const hours = Array.from({ length: HOURS }, (_, i) => new Date(last - (HOURS - 1 - i) * 3_600_000).toISOString().slice(0, 13) + ':00');
  return { hours, at: (h) => byHour.get(h) };
}

/**
 * Every request sent to a model, as the LLM dashboards people know show them: by bot, model and
 * status, how long they took and how often they failed, and one call in full.
 */
export default function Calls(): JSX.Element {
  // Filters and the open call live in the URL, so a view of the calls can be shared and reloaded.
  const [params, setParams] = useSearchParams<{ bot?: string; model?: string; status?: string; call?: string }>();
  const [shown, setShown] = createSignal(PAGE);
  const now = createNow(60_000);
  const filter = (): ModelCallFilter => ({
    botId: tryParseBotId(params.bot),
    model: params.model || undefined,
    status: isStatus(params.status) ? params.status : undefined,
  });
  const calls = createModelCalls(() => ({ ...filter(), limit: shown() + 1 }));
  const series = createCallSeries(() => HOURS, filter);
  const call = createModelCall(() => params.call);
  const bots = createBots();
  const models = createCalledModels();

  const set = (change: Partial<Record<'bot' | 'model' | 'status', string>>) => {
    setShown(PAGE);
    setParams(Object.fromEntries(Object.entries(change).map(([k, v]) => [k, v === ALL ? undefined : v])));
  };
  // Built once per new result or minute; both charts read it once per hour of the axis.
  const hours = createMemo(() => hourly(series.rows, now()));
  const label = (h: string) => h.slice(11);
  const latencyChart = () =>
    lineOption(hours().hours.map(label), [
      { name: 'p50', data: hours().hours.map((h) => hours().at(h)?.p50_ms ?? 0) },
      { name: 'p95', data: hours().hours.map((h) => hours().at(h)?.p95_ms ?? 0) },
    ], { unit: 'count', format: (v: number) => latency(v) });
  const errorChart = () =>
    lineOption(hours().hours.map(label), [
      {
        name: 'Failed',
        data: hours().hours.map((h) => {
          const p = hours().at(h);
          return p && p.calls > 0 ? Math.round((p.errors / p.calls) * 100) : 0;
        }),
      },
    ], { unit: 'count', format: (v: number) => `${v}%` });
  const totals = () => series.rows.reduce((t, r) => ({ calls: t.calls + r.calls, errors: t.errors + r.errors }), { calls: 0, errors: 0 });

  return (
    <div class="stack">
      <PageTitle>Model calls</PageTitle>
      <section class="panel stack">
        <h1>Model calls</h1>
        <form class="form-grid" aria-label="Filter model calls" onSubmit={(e) => e.preventDefault()}>
          <Select label="Bot" options={[{ value: ALL, label: 'All bots' }, ...bots.rows.map((b) => ({ value: b.id, label: b.name }))]} value={params.bot ?? ALL} onChange={(bot) => set({ bot })} />
          <Select label="Model" options={[{ value: ALL, label: 'All models' }, ...models.rows.map((m) => ({ value: m.id, label: m.id }))]} value={params.model ?? ALL} onChange={(model) => set({ model })} />
          <Select
            label="Status"
            options={[{ value: ALL, label: 'Any status' }, ...CALL_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))]}
            value={params.status ?? ALL}
            onChange={(status) => set({ status })}
          />
        </form>
        <p class="muted">
          Last {HOURS} hours: {totals().calls.toLocaleString('en-US')} calls, {totals().calls ? formatPercent(totals().errors / totals().calls) : '0%'} failed.
        </p>
      </section>
      <div class="grid-2">
        <section class="panel" aria-labelledby="latency-heading">
          <h2 id="latency-heading">Latency per hour</h2>
          <Chart label={`Median and 95th percentile latency of answered calls, per hour, last ${HOURS} hours`} option={latencyChart()} />
        </section>
        <section class="panel" aria-labelledby="errors-heading">
          <h2 id="errors-heading">Failed calls per hour</h2>
          <Chart label={`Share of calls that failed, per hour, last ${HOURS} hours`} option={errorChart()} />
        </section>
      </div>
      <Show when={call.row()}>
        {(c) => (
          <section class="panel" aria-labelledby="call-heading">
            <div class="panel__head">
              <h2 id="call-heading">
                Call by {c().bot_name}, <RelativeTime at={c().created_at} now={now()} />
              </h2>
              <Button variant="ghost" size="sm" onClick={() => setParams({ call: undefined })}>
                Close
              </Button>
            </div>
            <dl class="popover__list">
              <dt>Status</dt>
              <dd>{STATUS_LABELS[c().status]}</dd>
              <dt>Purpose</dt>
              <dd>{c().purpose.replaceAll('_', ' ')}</dd>
              <dt>Model</dt>
              <dd>
                {c().provider}/{c().model}
              </dd>
              <dt>Tokens</dt>
              <dd>
                {formatTokens(c().input_tokens)} in ({formatTokens(c().cached_tokens)} cached), {formatTokens(c().output_tokens)} out
              </dd>
              <dt>Cost</dt>
              <dd>{formatUsd(c().cost_usd)}</dd>
              <dt>Latency</dt>
              <dd>{latency(c().latency_ms)}</dd>
              <dt>Attempt</dt>
              <dd>
                {c().attempt} of {c().attempts}
                {c().attempts > 1 ? ' (retried)' : ''}
              </dd>
              <Show when={c().error}>
                <dt>Error</dt>
                <dd>{c().error}</dd>
              </Show>
            </dl>
            <p class="muted">
              Prompts and answers are not kept: what the call led to is in the bot's{' '}
              <Link href={`/activity?bot=${c().bot_id}`}>activity</Link>.
            </p>
          </section>
        )}
      </Show>
      <section class="panel" aria-labelledby="calls-heading">
        <h2 id="calls-heading">Calls</h2>
        <Show when={calls.ready} fallback={<p class="muted">Loading calls…</p>}>
          <Show when={calls.rows.length > 0} fallback={<p class="muted">No model call matches these filters.</p>}>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Bot</th>
                    <th scope="col">Purpose</th>
                    <th scope="col">Model</th>
                    <th scope="col">Status</th>
                    <th scope="col">Tokens</th>
                    <th scope="col">Cost</th>
                    <th scope="col">Latency</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={calls.rows.slice(0, shown())}>
                    {(c) => (
                      <tr classList={{ 'row--selected': c.id === params.call }}>
                        <td>
                          <button type="button" class="link-button" onClick={() => setParams({ call: c.id })}>
                            <RelativeTime at={c.created_at} now={now()} />
                            <span class="visually-hidden">, open this call</span>
                          </button>
                        </td>
                        <td>{c.bot_name}</td>
                        <td>{c.purpose.replaceAll('_', ' ')}</td>
                        <td>{c.model}</td>
                        <td>{STATUS_LABELS[c.status]}</td>
                        <td>{formatTokens(c.input_tokens + c.output_tokens)}</td>
                        <td>{formatUsd(c.cost_usd)}</td>
                        <td>{latency(c.latency_ms)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <Show when={calls.rows.length > shown()}>
              <Button variant="secondary" onClick={() => setShown((n) => n + PAGE)}>
                Show older
              </Button>
            </Show>
          </Show>
        </Show>
      </section>
    </div>
  );
}

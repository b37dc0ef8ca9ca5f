import { Elysia } from 'elysia';
import type { AppDeps } from '../../app.ts';
import { family, RequestMetrics } from './registry.ts';

export { RequestMetrics } from './registry.ts';

/** Times every request into the histogram; the route label is the matched route, not the raw path. */
export const requestTiming = (metrics: RequestMetrics) => {
  const started = new WeakMap<Request, number>();
  return new Elysia({ name: 'chorus/request-timing' })
    .onRequest(({ request }) => {
      started.set(request, performance.now());
    })
    .onAfterResponse({ as: 'global' }, ({ request, route, set }) => {
      const t = started.get(request);
      if (t === undefined) return;
      const status = typeof set.status === 'number' ? set.status : 200;
      metrics.observe(request.method, route || 'unmatched', status, (performance.now() - t) / 1000);
    });
};

export const metricsModule = (deps: AppDeps) =>
  new Elysia({ name: 'chorus/metrics' }).get(
    '/api/metrics',
    async () => {
      const sql = deps.sql;
      const [heartbeats, calls, usage, lag] = await Promise.all([
        sql`SELECT coalesce(outcome, 'running') AS outcome, count(*)::int AS n FROM heartbeats GROUP BY 1`,
        sql`SELECT purpose, status, count(*)::int AS n FROM llm_calls GROUP BY 1, 2`,
        sql`SELECT provider, model, sum(input_tokens)::float8 AS input, sum(cached_tokens)::float8 AS cached,
                   sum(output_tokens)::float8 AS output, sum(cost_usd)::float8 AS cost FROM model_usage GROUP BY 1, 2`,
        sql`SELECT slot_name, (pg_current_wal_lsn() - confirmed_flush_lsn)::float8 AS lag FROM pg_replication_slots WHERE slot_type = 'logical'`,
      ]);
      const body = [
        family('chorus_heartbeats_total', 'counter', 'Heartbeats by outcome', heartbeats.map((r) => ({ labels: { outcome: r.outcome }, value: r.n }))),
        family('chorus_llm_calls_total', 'counter', 'Model calls by purpose and status', calls.map((r) => ({ labels: { purpose: r.purpose, status: r.status }, value: r.n }))),
        family('chorus_llm_tokens_total', 'counter', 'Tokens by provider, model and kind', usage.flatMap((r) =>
          (['input', 'cached', 'output'] as const).map((kind) => ({ labels: { provider: r.provider, model: r.model, kind }, value: r[kind] })))),
        family('chorus_llm_cost_usd_total', 'counter', 'Estimated cost in USD by provider and model', usage.map((r) => ({ labels: { provider: r.provider, model: r.model }, value: r.cost }))),
        family('chorus_replication_lag_bytes', 'gauge', 'WAL not yet confirmed by each logical replication slot', lag.map((r) => ({ labels: { slot: r.slot_name }, value: r.lag ?? 0 }))),
        family('chorus_heartbeats_in_flight', 'gauge', 'Heartbeats running in this process', [{ value: deps.services.orchestrator.activeHeartbeats }]),
        family('chorus_activity_stream_clients', 'gauge', 'WebSocket clients of /ws/activity in this process', [{ value: deps.activityFeed.subscribers }]),
        family('chorus_shape_clients', 'gauge', 'Shape requests being held (live) in this process', [{ value: deps.shapeClients?.() ?? 0 }]),
        family('chorus_sync_degraded', 'gauge', 'Whether the shape server cannot write its logs (1) or can (0)', [{ value: deps.syncStatus?.() === 'degraded' ? 1 : 0 }]),
        deps.requestMetrics.render(),
      ].join('\n\n');
      return new Response(`${body}\n`, { headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' } });
    },
    { detail: { tags: ['operations'], summary: 'Prometheus metrics: heartbeats, model calls, tokens, cost, replication lag, shape clients, request latency' } },
  );

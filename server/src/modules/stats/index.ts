import { Elysia, t } from 'elysia';
import type { AppDeps } from '../../app.ts';
import { CAP_REACHED } from '../bots/service.ts';

const PERIOD_DAYS = { daily: 1, weekly: 7, monthly: 30 } as const;

export const statsModule = (deps: AppDeps) =>
  new Elysia({ name: 'chorus/stats', prefix: '/api/stats' }).get(
    '/usage',
    async ({ query }) => {
      const period = query.period ?? 'daily';
      const days = PERIOD_DAYS[period];
      const sql = deps.sql;
      const since = sql`chorus_utc_today() - ${days - 1}::int`;
      const [byBot, byModel, byDay] = await Promise.all([
        // Caps are per UTC day: cap_exceeded compares today's usage with them, whatever the period.
        sql`SELECT b.id AS bot_id, b.handle, b.name,
                   coalesce(p.calls, 0)::int AS calls, coalesce(p.input_tokens, 0)::bigint AS input_tokens,
                   coalesce(p.cached_tokens, 0)::bigint AS cached_tokens, coalesce(p.output_tokens, 0)::bigint AS output_tokens,
                   coalesce(p.tokens, 0)::bigint AS tokens, coalesce(p.cost_usd, 0)::float8 AS cost_usd,
                   coalesce(b.daily_token_cap, s.default_daily_token_cap)::bigint AS daily_token_cap,
                   coalesce(b.daily_usd_cap, s.default_daily_usd_cap)::float8 AS daily_usd_cap,
                   b.daily_token_cap IS NOT NULL AS token_cap_custom, b.daily_usd_cap IS NOT NULL AS usd_cap_custom,
                   coalesce(u.tokens, 0)::bigint AS tokens_today, coalesce(u.cost_usd, 0)::float8 AS usd_today,
                   ${sql.unsafe(CAP_REACHED)} AS cap_exceeded
              FROM bots b CROSS JOIN settings s
              LEFT JOIN daily_usage u ON u.bot_id = b.id AND u.day = chorus_utc_today()
              LEFT JOIN LATERAL (
                SELECT sum(d.calls) AS calls, sum(d.input_tokens) AS input_tokens, sum(d.cached_tokens) AS cached_tokens,
                       sum(d.output_tokens) AS output_tokens, sum(d.tokens) AS tokens, sum(d.cost_usd) AS cost_usd
                  FROM daily_usage d WHERE d.bot_id = b.id AND d.day >= ${since}) p ON true
             ORDER BY tokens DESC, b.handle`,
        sql`SELECT provider, model, sum(calls)::int AS calls, sum(input_tokens + output_tokens)::bigint AS tokens,
                   sum(cost_usd)::float8 AS cost_usd
              FROM model_usage WHERE day >= ${since} GROUP BY provider, model ORDER BY tokens DESC`,
        sql`SELECT day::text AS day, sum(tokens)::bigint AS tokens, sum(cost_usd)::float8 AS cost_usd, sum(calls)::int AS calls
              FROM daily_usage WHERE day >= ${since} GROUP BY day ORDER BY day`,
      ]);
      const totals = byBot.reduce(
        (acc, r) => ({ calls: acc.calls + r.calls, tokens: acc.tokens + Number(r.tokens), cost_usd: acc.cost_usd + r.cost_usd }),
        { calls: 0, tokens: 0, cost_usd: 0 },
      );
      return { period, days, totals, by_bot: byBot, by_model: byModel, by_day: byDay };
    },
    {
      query: t.Object({ period: t.Optional(t.Union([t.Literal('daily'), t.Literal('weekly'), t.Literal('monthly')])) }),
      detail: { tags: ['stats'], summary: "Tokens, calls and cost by bot, model and UTC day for today, 7 or 30 days; each bot with its daily caps, today's use and cap_exceeded" },
    },
  );

import { Elysia, t } from 'elysia';
import type { AppDeps } from '../../app.ts';

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
        sql`SELECT b.id AS bot_id, b.handle, b.name,
                   coalesce(sum(u.calls), 0)::int AS calls, coalesce(sum(u.input_tokens), 0)::bigint AS input_tokens,
                   coalesce(sum(u.cached_tokens), 0)::bigint AS cached_tokens, coalesce(sum(u.output_tokens), 0)::bigint AS output_tokens,
                   coalesce(sum(u.tokens), 0)::bigint AS tokens, coalesce(sum(u.cost_usd), 0)::float8 AS cost_usd
              FROM bots b LEFT JOIN daily_usage u ON u.bot_id = b.id AND u.day >= ${since}
             GROUP BY b.id ORDER BY tokens DESC, b.handle`,
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
      detail: { tags: ['stats'], summary: 'Tokens, calls and cost by bot, model and UTC day for today, 7 or 30 days' },
    },
  );

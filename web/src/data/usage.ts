import type { Accessor } from 'solid-js';
import { useDb } from './db';
import { createLiveQuery, type LiveRows } from './live-query';
import type { BotId } from './ids';
import { UTC_TODAY } from './sql';

export interface UsagePeriod {
  id: 'today' | '7d' | '30d';
  label: string;
  calls: number;
  tokens: number;
  cost_usd: number;
}

/** A bot's usage for today, the last 7 and the last 30 UTC days (today included). */
export function createBotUsage(botId: Accessor<BotId | undefined>): LiveRows<UsagePeriod> {
  const db = useDb();
  return createLiveQuery<UsagePeriod>(db, () => {
    const id = botId();
    if (!id) return undefined;
    return {
      sql: `SELECT p.id, p.label,
                   coalesce(sum(u.calls), 0)::int AS calls,
                   coalesce(sum(u.tokens), 0)::float8 AS tokens,
                   coalesce(sum(u.cost_usd), 0)::float8 AS cost_usd
              FROM (VALUES ('today', 'Today', 1, 1), ('7d', '7 days', 7, 2), ('30d', '30 days', 30, 3))
                   AS p(id, label, days, ord)
              LEFT JOIN daily_usage u ON u.bot_id = $1 AND u.day > ${UTC_TODAY} - p.days
             GROUP BY p.id, p.label, p.ord ORDER BY p.ord`,
      params: [id],
    };
  });
}

export interface UsageByBot {
  id: BotId;
  name: string;
  avatar_color: string;
  calls: number;
  tokens: number;
  cost_usd: number;
}

/** Totals per bot over the last `days` UTC days. */
export function createUsageByBot(days: Accessor<number>): LiveRows<UsageByBot> {
  const db = useDb();
  return createLiveQuery<UsageByBot>(db, () => ({
    sql: `SELECT b.id, b.name, b.avatar_color,
                 coalesce(sum(u.calls), 0)::int AS calls,
                 coalesce(sum(u.tokens), 0)::float8 AS tokens,
                 coalesce(sum(u.cost_usd), 0)::float8 AS cost_usd
            FROM bots b LEFT JOIN daily_usage u ON u.bot_id = b.id AND u.day > ${UTC_TODAY} - $1::int
           GROUP BY b.id, b.name, b.avatar_color
           ORDER BY tokens DESC, b.name`,
    params: [days()],
  }));
}

export interface UsageByDay {
  id: string;
  day: string;
  tokens: number;
  cost_usd: number;
  calls: number;
}

/** One row per UTC day of the period, zero-filled, oldest first, so charts get a continuous axis. */
export function createUsageByDay(days: Accessor<number>): LiveRows<UsageByDay> {
  const db = useDb();
  return createLiveQuery<UsageByDay>(db, () => ({
    sql: `SELECT to_char(d.day, 'YYYY-MM-DD') AS id, to_char(d.day, 'YYYY-MM-DD') AS day,
                 coalesce(sum(u.tokens), 0)::float8 AS tokens,
                 coalesce(sum(u.cost_usd), 0)::float8 AS cost_usd,
                 coalesce(sum(u.calls), 0)::int AS calls
            FROM generate_series(${UTC_TODAY} - ($1::int - 1), ${UTC_TODAY}, interval '1 day') AS d(day)
            LEFT JOIN daily_usage u ON u.day = d.day::date
           GROUP BY d.day ORDER BY d.day`,
    params: [days()],
  }));
}

export interface UsageByModel {
  id: string;
  provider: string;
  model: string;
  calls: number;
  tokens: number;
  cost_usd: number;
  simulated: boolean;
}

export function createUsageByModel(days: Accessor<number>): LiveRows<UsageByModel> {
  const db = useDb();
  return createLiveQuery<UsageByModel>(db, () => ({
    sql: `SELECT m.provider || '/' || m.model AS id, m.provider, m.model,
                 sum(m.calls)::int AS calls,
                 sum(m.input_tokens + m.output_tokens)::float8 AS tokens,
                 sum(m.cost_usd)::float8 AS cost_usd,
                 coalesce(bool_or(p.simulated), false) AS simulated
            FROM model_usage m
            LEFT JOIN model_prices p ON p.provider = m.provider AND p.model = m.model
           WHERE m.day > ${UTC_TODAY} - $1::int
           GROUP BY m.provider, m.model
           ORDER BY tokens DESC`,
    params: [days()],
  }));
}

/**
 * SQL fragments shared by several primitives. Days are UTC everywhere, as upstream.
 */
export const UTC_TODAY = `(now() AT TIME ZONE 'UTC')::date`;

/**
 * Per bot: today's usage including open reservations, the caps in force (a bot's own value, else
 * the global default) and the status the dashboard shows. Reservations count because upstream
 * refuses a call whose worst case would pass the cap, so a bot is already capped at that point.
 */
export const BOT_STATE_CTE = `
  cap_defaults AS (
    SELECT default_daily_token_cap::float8 AS tokens, default_daily_usd_cap::float8 AS usd
      FROM settings WHERE id = 'global'
  ),
  usage_today AS (
    SELECT bot_id, (tokens + reserved_tokens)::float8 AS tokens, (cost_usd + reserved_usd)::float8 AS usd
      FROM daily_usage WHERE day = ${UTC_TODAY}
  ),
  bot_state AS (
    SELECT b.id AS bot_id,
           coalesce(u.tokens, 0) AS tokens_today,
           coalesce(u.usd, 0) AS usd_today,
           coalesce(b.daily_token_cap::float8, d.tokens, 100000) AS token_cap,
           coalesce(b.daily_usd_cap::float8, d.usd, 1) AS usd_cap,
           CASE
             WHEN b.paused THEN 'paused'
             WHEN coalesce(u.tokens, 0) >= coalesce(b.daily_token_cap::float8, d.tokens, 100000)
               OR coalesce(u.usd, 0) >= coalesce(b.daily_usd_cap::float8, d.usd, 1) THEN 'capped'
             WHEN b.last_error_at IS NOT NULL
               AND (b.last_heartbeat_at IS NULL OR b.last_error_at >= b.last_heartbeat_at) THEN 'error'
             ELSE 'active'
           END AS status
      FROM bots b
      LEFT JOIN cap_defaults d ON true
      LEFT JOIN usage_today u ON u.bot_id = b.id
  )`;

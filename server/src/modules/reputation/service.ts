import type { Sql } from '../../db/client.ts';

/** Bots by reputation, with the up and down votes it is the sum of. */
export async function leaderboard(sql: Sql) {
  return sql`
    SELECT rank() OVER (ORDER BY b.reputation DESC)::int AS rank,
           b.id, b.handle, b.name, b.avatar_color, b.reputation, b.upvotes, b.downvotes,
           (SELECT count(*)::int FROM threads t WHERE t.bot_id = b.id) AS threads,
           (SELECT count(*)::int FROM replies r WHERE r.bot_id = b.id) AS replies
      FROM bots b ORDER BY b.reputation DESC, b.upvotes DESC, b.handle`;
}

/**
 * One point per bot and UTC day of the window. reputation_history has a row only for days on which
 * a bot's reputation changed, so a day without a row carries the last value before it; days before
 * a bot's first row are left out rather than invented.
 */
export async function reputationHistory(sql: Sql, days: number) {
  const rows = await sql`
    WITH span AS (
      SELECT d::date AS day FROM generate_series(chorus_utc_today() - ${days - 1}::int, chorus_utc_today(), interval '1 day') d)
    SELECT b.id AS bot_id, b.handle, b.name, b.avatar_color, s.day::text AS day, h.reputation, h.upvotes, h.downvotes
      FROM bots b CROSS JOIN span s
      JOIN LATERAL (SELECT reputation, upvotes, downvotes FROM reputation_history
                     WHERE bot_id = b.id AND day <= s.day ORDER BY day DESC LIMIT 1) h ON true
     ORDER BY b.handle, s.day`;
  const series = new Map<string, { bot_id: string; handle: string; name: string; avatar_color: string; points: unknown[] }>();
  for (const r of rows) {
    let s = series.get(r.bot_id);
    if (!s) series.set(r.bot_id, (s = { bot_id: r.bot_id, handle: r.handle, name: r.name, avatar_color: r.avatar_color, points: [] }));
    s.points.push({ day: r.day, reputation: r.reputation, upvotes: r.upvotes, downvotes: r.downvotes });
  }
  const [span] = await sql`SELECT (chorus_utc_today() - ${days - 1}::int)::text AS from, chorus_utc_today()::text AS to`;
  return { days, from: span!.from, to: span!.to, series: [...series.values()] };
}

/**
 * What someone studying the community asks first: how much happened each day and of what kind,
 * what people wrote about, who drove it, and how it was received. Every figure covers the same
 * window of UTC days, today included.
 */
export async function analytics(sql: Sql, days: number) {
  const since = sql`(chorus_utc_today() - ${days - 1}::int)::timestamp AT TIME ZONE 'UTC'`;
  const span = sql`SELECT d::date AS day FROM generate_series(chorus_utc_today() - ${days - 1}::int, chorus_utc_today(), interval '1 day') d`;
  const utcDay = (col: string) => sql.unsafe(`(${col} AT TIME ZONE 'UTC')::date`);
  const [totals, byAction, activityByDay, postsByDay, votesByDay, topTags, topThreads, activeBots, flags, window] = await Promise.all([
    sql`SELECT (SELECT count(*)::int FROM activity WHERE created_at >= ${since}) AS actions,
               (SELECT count(*)::int FROM threads WHERE created_at >= ${since}) AS threads,
               (SELECT count(*)::int FROM replies WHERE created_at >= ${since}) AS replies,
               (SELECT count(*)::int FROM votes WHERE created_at >= ${since}) AS votes,
               (SELECT count(*)::int FROM votes WHERE created_at >= ${since} AND value = 1) AS upvotes,
               (SELECT count(*)::int FROM votes WHERE created_at >= ${since} AND value = -1) AS downvotes,
               (SELECT count(*)::int FROM follows WHERE created_at >= ${since}) AS follows,
               (SELECT count(*)::int FROM content_flags WHERE created_at >= ${since}) AS flags,
               (SELECT count(DISTINCT bot_id)::int FROM activity WHERE created_at >= ${since} AND action NOT IN ('do_nothing', 'error')) AS active_bots,
               (SELECT coalesce(sum(tokens), 0)::bigint FROM activity WHERE created_at >= ${since}) AS tokens,
               (SELECT coalesce(sum(cost_usd), 0)::float8 FROM activity WHERE created_at >= ${since}) AS cost_usd`,
    sql`SELECT action, count(*)::int AS count FROM activity WHERE created_at >= ${since} GROUP BY action ORDER BY count DESC, action`,
    sql`SELECT ${utcDay('created_at')}::text AS day, action, count(*)::int AS count
          FROM activity WHERE created_at >= ${since} GROUP BY 1, 2 ORDER BY 1, 2`,
    // Each table is read once for the window and grouped by day; the span fills in quiet days.
    sql`SELECT s.day::text AS day, coalesce(t.n, 0)::int AS threads, coalesce(r.n, 0)::int AS replies
          FROM (${span}) s
          LEFT JOIN (SELECT ${utcDay('created_at')} AS day, count(*) AS n FROM threads WHERE created_at >= ${since} GROUP BY 1) t ON t.day = s.day
          LEFT JOIN (SELECT ${utcDay('created_at')} AS day, count(*) AS n FROM replies WHERE created_at >= ${since} GROUP BY 1) r ON r.day = s.day
         ORDER BY s.day`,
    sql`SELECT s.day::text AS day, coalesce(v.up, 0)::int AS up, coalesce(v.down, 0)::int AS down
          FROM (${span}) s
          LEFT JOIN (SELECT ${utcDay('created_at')} AS day, count(*) FILTER (WHERE value = 1) AS up, count(*) FILTER (WHERE value = -1) AS down
                       FROM votes WHERE created_at >= ${since} GROUP BY 1) v ON v.day = s.day
         ORDER BY s.day`,
    sql`SELECT tag, count(*)::int AS threads, sum(t.reply_count)::int AS replies, sum(t.score)::int AS score
          FROM threads t CROSS JOIN LATERAL unnest(t.tags) AS tag
         WHERE t.created_at >= ${since} GROUP BY tag ORDER BY threads DESC, replies DESC, tag LIMIT 20`,
    sql`SELECT t.id, t.title, b.handle, t.score, t.reply_count, t.created_at
          FROM threads t JOIN bots b ON b.id = t.bot_id
         WHERE t.created_at >= ${since} ORDER BY t.score DESC, t.reply_count DESC, t.created_at DESC LIMIT 10`,
    sql`SELECT b.id AS bot_id, b.handle, b.name,
               count(a.id) FILTER (WHERE a.action NOT IN ('do_nothing', 'error'))::int AS actions,
               count(a.id) FILTER (WHERE a.action IN ('create_thread', 'reply'))::int AS posts,
               count(a.id) FILTER (WHERE a.action = 'vote')::int AS votes_cast,
               count(a.id) FILTER (WHERE a.action = 'do_nothing')::int AS idle,
               count(a.id) FILTER (WHERE a.action = 'error')::int AS errors
          FROM bots b LEFT JOIN activity a ON a.bot_id = b.id AND a.created_at >= ${since}
         GROUP BY b.id ORDER BY actions DESC, b.handle`,
    sql`SELECT reason, count(*)::int AS count, count(*) FILTER (WHERE NOT resolved)::int AS open
          FROM content_flags WHERE created_at >= ${since} GROUP BY reason ORDER BY reason`,
    sql`SELECT (chorus_utc_today() - ${days - 1}::int)::text AS from, chorus_utc_today()::text AS to`,
  ]);
  return {
    days,
    from: window[0]!.from,
    to: window[0]!.to,
    totals: totals[0],
    by_action: byAction,
    activity_by_day: activityByDay,
    posts_by_day: postsByDay,
    votes_by_day: votesByDay,
    top_tags: topTags,
    top_threads: topThreads,
    bots: activeBots,
    flags_by_reason: flags,
  };
}

import type { BotConfigPatch, CostCaps, NewBot } from '@chorus/sync/src/mutations/index.ts';
import type { Config } from '../../config/index.ts';
import type { Db, Sql, Tx } from '../../db/client.ts';
import { HttpError, invalidField, notFound } from '../../http/errors.ts';

/** Columns a bot's configuration consists of (and nothing else: no state, no counters). */
export const CONFIG_COLUMNS = [
  'name', 'origin_story', 'traits', 'communication_style', 'interests', 'quirks',
  'creativity', 'leadership', 'skepticism', 'aggression', 'shyness', 'engagement_style',
  'provider', 'model', 'memory_model', 'temperature', 'max_tokens', 'heartbeat_interval_seconds', 'avatar_color',
] as const;

/**
 * Whether a bot has spent its daily budget: today's usage (alias u, a daily_usage row or null)
 * against its own caps or the defaults (aliases b and s). One expression for the bot status and
 * the usage stats' cap_exceeded.
 */
export const CAP_REACHED = `(coalesce(u.tokens, 0) >= coalesce(b.daily_token_cap, s.default_daily_token_cap)
                OR coalesce(u.cost_usd, 0) >= coalesce(b.daily_usd_cap, s.default_daily_usd_cap))`;

/** A bot as the API shows it, with its status derived from state and today's usage. */
export const BOT_SELECT = (sql: Db) => sql`
  SELECT b.id, b.handle, b.name, b.origin_story, b.traits, b.communication_style, b.interests, b.quirks,
         b.creativity, b.leadership, b.skepticism, b.aggression, b.shyness, b.engagement_style,
         b.provider, b.model, b.memory_model, b.temperature::float8 AS temperature, b.max_tokens,
         b.daily_token_cap, b.daily_usd_cap::float8 AS daily_usd_cap, b.paused, b.reputation, b.upvotes, b.downvotes,
         b.heartbeat_interval_seconds, b.next_heartbeat_at, b.last_heartbeat_at, b.last_error, b.last_error_at,
         b.avatar_color, b.source, b.created_at, b.updated_at,
         coalesce(p.simulated, b.provider = 'sim') AS simulated,
         CASE WHEN b.paused THEN 'paused'
              WHEN ${sql.unsafe(CAP_REACHED)}
                -- or the next call would not fit: its last heartbeat today was skipped for the cap
                OR (last.details->>'skipped' = 'cap' AND last.created_at >= chorus_utc_today()) THEN 'capped'
              WHEN b.last_error IS NOT NULL THEN 'error'
              ELSE 'active' END AS status
    FROM bots b CROSS JOIN settings s
    LEFT JOIN daily_usage u ON u.bot_id = b.id AND u.day = chorus_utc_today()
    LEFT JOIN model_prices p ON p.provider = b.provider AND p.model = b.model
    LEFT JOIN LATERAL (SELECT a.details, a.created_at FROM activity a WHERE a.bot_id = b.id
                        ORDER BY a.created_at DESC LIMIT 1) last ON true`;

export async function listBots(sql: Sql) {
  return sql`${BOT_SELECT(sql)} ORDER BY b.reputation DESC, b.handle`;
}

export async function getBot(sql: Db, id: string) {
  const [bot] = await sql`${BOT_SELECT(sql)} WHERE b.id = ${id}`;
  if (!bot) throw notFound(`bot ${id}`);
  return bot;
}

export function configOf(bot: Record<string, unknown>) {
  return Object.fromEntries(CONFIG_COLUMNS.map((c) => [c, bot[c]]));
}

/**
 * Checks what the schema cannot: the provider is configured, and max_tokens fits the model's
 * output limit when we know it.
 */
export async function checkModelSettings(sql: Db, config: Config, patch: { provider?: string; model?: string; max_tokens?: number }, current?: { provider: string; model: string; max_tokens: number }) {
  const provider = patch.provider ?? current?.provider ?? config.defaultProvider;
  const model = patch.model ?? current?.model ?? config.defaultModel;
  if (patch.provider !== undefined && !config.providers.has(provider)) {
    throw invalidField('body.provider', `"${provider}" is not configured; configured: ${[...config.providers.keys()].join(', ')}`);
  }
  const maxTokens = patch.max_tokens ?? current?.max_tokens;
  if (maxTokens !== undefined && (patch.max_tokens !== undefined || patch.model !== undefined || patch.provider !== undefined)) {
    const [price] = await sql`SELECT max_output_tokens FROM model_prices WHERE provider = ${provider} AND model = ${model}`;
    if (price && maxTokens > price.max_output_tokens) {
      throw invalidField('body.max_tokens', `must be at most ${price.max_output_tokens}: ${model} answers at most ${price.max_output_tokens} tokens`);
    }
  }
}

/**
 * Applies a partial config update: only the named columns change, so two people editing
 * different fields both win (last write wins per field). Runs inside the caller's transaction.
 */
export async function updateConfig(tx: Tx, config: Config, id: string, patch: BotConfigPatch) {
  const [current] = await tx`SELECT provider, model, max_tokens FROM bots WHERE id = ${id} FOR UPDATE`;
  if (!current) throw notFound(`bot ${id}`);
  await checkModelSettings(tx, config, patch, current as never);
  const columns = Object.keys(patch).filter((k) => (CONFIG_COLUMNS as readonly string[]).includes(k));
  await tx`UPDATE bots SET ${tx(patch as Record<string, never>, columns)}, updated_at = now() WHERE id = ${id}`;
  return configOf(await getBot(tx, id));
}

/** Creates a custom bot within the bot limit; `id` lets a client choose it (its outbox overlay shows it at once). */
/**
 * Held by whatever compares the number of bots with settings.max_bots, until its transaction ends:
 * creations queue behind each other and behind a lowering of the limit, so neither can slip a bot
 * past a limit it did not see.
 */
export async function lockBotCount(tx: Tx): Promise<void> {
  await tx`SELECT pg_advisory_xact_lock(7310466003)`;
}

export async function createBot(tx: Tx, config: Config, input: NewBot & { id?: string }) {
  {
    await lockBotCount(tx);
    const [{ n, max }] = (await tx`SELECT (SELECT count(*)::int FROM bots) AS n, max_bots AS max FROM settings`) as unknown as [{ n: number; max: number }];
    if (n >= max) throw new HttpError(409, 'bot_limit', `the community already has ${n} bots, the maximum (settings.max_bots = ${max})`);
    const [taken] = await tx`SELECT 1 FROM bots WHERE handle = ${input.handle}`;
    if (taken) throw new HttpError(409, 'handle_taken', `handle "${input.handle}" is already taken`);
    if (input.id) {
      const [used] = await tx`SELECT 1 FROM bots WHERE id = ${input.id}`;
      if (used) throw new HttpError(409, 'id_taken', `a bot with id ${input.id} already exists`);
    }
    const row: Record<string, unknown> = { provider: config.defaultProvider, model: config.defaultModel, ...input, source: 'custom' };
    await checkModelSettings(tx, config, { provider: row.provider as string, model: row.model as string, max_tokens: input.max_tokens });
    const [created] = await tx<{ id: string }[]>`
      INSERT INTO bots ${tx(row as Record<string, never>, Object.keys(row))} RETURNING id`;
    // First heartbeat soon, not at once: a new bot reads the room first.
    await tx`UPDATE bots SET next_heartbeat_at = now() + interval '30 seconds' WHERE id = ${created!.id}`;
    return getBot(tx, created!.id);
  }
}

export async function costCaps(sql: Db, id: string) {
  const [row] = await sql`
    SELECT b.daily_token_cap, b.daily_usd_cap::float8 AS daily_usd_cap,
           s.default_daily_token_cap, s.default_daily_usd_cap::float8 AS default_daily_usd_cap
      FROM bots b CROSS JOIN settings s WHERE b.id = ${id}`;
  if (!row) throw notFound(`bot ${id}`);
  return {
    daily_token_cap: row.daily_token_cap ?? row.default_daily_token_cap,
    daily_usd_cap: row.daily_usd_cap ?? row.default_daily_usd_cap,
    token_cap_custom: row.daily_token_cap != null,
    usd_cap_custom: row.daily_usd_cap != null,
    default_daily_token_cap: row.default_daily_token_cap,
    default_daily_usd_cap: row.default_daily_usd_cap,
  };
}

export async function setCostCaps(sql: Db, id: string, caps: CostCaps) {
  const columns = Object.keys(caps);
  const rows = await sql`UPDATE bots SET ${sql(caps as Record<string, never>, columns)}, updated_at = now() WHERE id = ${id} RETURNING id`;
  if (!rows.length) throw notFound(`bot ${id}`);
  return costCaps(sql, id);
}

export async function setPaused(sql: Db, id: string, paused: boolean) {
  const rows = await sql`UPDATE bots SET paused = ${paused}, updated_at = now() WHERE id = ${id} RETURNING id`;
  if (!rows.length) throw notFound(`bot ${id}`);
  return getBot(sql, id);
}

/** Makes a bot due now, for the orchestrator's next round; a paused bot is refused. */
export async function wakeBot(sql: Db, id: string) {
  const [bot] = await sql<{ paused: boolean }[]>`SELECT paused FROM bots WHERE id = ${id}`;
  if (!bot) throw notFound(`bot ${id}`);
  if (bot.paused) throw new HttpError(409, 'bot_paused', 'this bot is paused: resume it to run a heartbeat', { field: 'bot_id' });
  await sql`UPDATE bots SET next_heartbeat_at = now() WHERE id = ${id}`;
}

export async function botPosts(sql: Sql, id: string, limit: number, offset: number) {
  await getBot(sql, id);
  return sql`
    SELECT * FROM (
      SELECT 'thread' AS kind, t.id, t.id AS thread_id, t.title, t.body, t.score, t.created_at FROM threads t WHERE t.bot_id = ${id}
      UNION ALL
      SELECT 'reply', r.id, r.thread_id, t.title, r.body, r.score, r.created_at FROM replies r JOIN threads t ON t.id = r.thread_id WHERE r.bot_id = ${id}
    ) p ORDER BY created_at DESC LIMIT ${limit} OFFSET ${offset}`;
}

import type { Db, Sql } from '../db/client.ts';
import { costOf, type Price, type Usage } from '../llm/pricing.ts';

/**
 * Daily budgets. A call reserves its worst-case cost under a lock on the bot's row before it
 * starts, and is settled with the real usage afterwards; the usage tables follow the calls through
 * a trigger (migrations/0001). Days are UTC (chorus_utc_today()).
 */
export interface Caps {
  tokens: number;
  usd: number;
  tokensCustom: boolean;
  usdCustom: boolean;
}

export interface DayUsage {
  tokens: number;
  usd: number;
  reservedTokens: number;
  reservedUsd: number;
}

export interface CallSpec {
  botId: string;
  heartbeatId: string | null;
  purpose: 'action' | 'memory_extraction' | 'summary' | 'reflection';
  provider: string;
  model: string;
  worstTokens: number;
  worstUsd: number;
}

export type Reservation =
  | { ok: true; callId: string }
  | { ok: false; reason: string; caps: Caps; usage: DayUsage };

export async function effectiveCaps(sql: Sql, botId: string): Promise<Caps | null> {
  const [row] = await sql`
    SELECT b.daily_token_cap, b.daily_usd_cap, s.default_daily_token_cap, s.default_daily_usd_cap
      FROM bots b CROSS JOIN settings s WHERE b.id = ${botId}`;
  if (!row) return null;
  return capsFrom(row);
}

function capsFrom(row: Record<string, unknown>): Caps {
  return {
    tokens: Number(row.daily_token_cap ?? row.default_daily_token_cap),
    usd: Number(row.daily_usd_cap ?? row.default_daily_usd_cap),
    tokensCustom: row.daily_token_cap != null,
    usdCustom: row.daily_usd_cap != null,
  };
}

export function worstCase(price: Price, promptTokens: number, maxTokens: number) {
  const outputTokens = Math.min(maxTokens, price.maxOutputTokens);
  return { tokens: promptTokens + outputTokens, usd: costOf(price, { inputTokens: promptTokens, cachedTokens: 0, outputTokens }) };
}

/**
 * Reserves a call's worst case if it fits under both caps, counting what other open calls have
 * reserved. The bot's row lock serialises concurrent reservations for one bot.
 */
export async function reserve(sql: Sql, spec: CallSpec): Promise<Reservation> {
  return sql.begin(async (tx) => {
    const [row] = await tx`
      SELECT b.daily_token_cap, b.daily_usd_cap, s.default_daily_token_cap, s.default_daily_usd_cap
        FROM bots b CROSS JOIN settings s WHERE b.id = ${spec.botId} FOR UPDATE OF b`;
    if (!row) throw new Error(`bot ${spec.botId} does not exist`);
    const caps = capsFrom(row);
    const [u] = await tx`
      SELECT tokens, cost_usd, reserved_tokens, reserved_usd FROM daily_usage
       WHERE bot_id = ${spec.botId} AND day = chorus_utc_today()`;
    const usage: DayUsage = {
      tokens: Number(u?.tokens ?? 0),
      usd: Number(u?.cost_usd ?? 0),
      reservedTokens: Number(u?.reserved_tokens ?? 0),
      reservedUsd: Number(u?.reserved_usd ?? 0),
    };
    const tokensAfter = usage.tokens + usage.reservedTokens + spec.worstTokens;
    const usdAfter = usage.usd + usage.reservedUsd + spec.worstUsd;
    if (tokensAfter > caps.tokens) {
      return { ok: false, reason: `daily token cap reached: ${usage.tokens} used + ${usage.reservedTokens} reserved + ${spec.worstTokens} for this call > ${caps.tokens}`, caps, usage };
    }
    if (usdAfter > caps.usd + 1e-12) {
      return { ok: false, reason: `daily USD cap reached: $${usage.usd.toFixed(6)} used + $${usage.reservedUsd.toFixed(6)} reserved + $${spec.worstUsd.toFixed(6)} for this call > $${caps.usd.toFixed(2)}`, caps, usage };
    }
    const [call] = await tx<{ id: string }[]>`
      INSERT INTO llm_calls (bot_id, heartbeat_id, purpose, provider, model, reserved_tokens, reserved_usd)
      VALUES (${spec.botId}, ${spec.heartbeatId}, ${spec.purpose}, ${spec.provider}, ${spec.model},
              ${spec.worstTokens}, ${spec.worstUsd})
      RETURNING id`;
    return { ok: true, callId: call!.id };
  });
}

export interface Settlement {
  status: 'ok' | 'error';
  usage: Usage;
  costUsd: number;
  latencyMs: number;
  error?: string;
}

/** Replaces a reservation with what the call really used. Settling twice changes nothing. */
export async function settle(sql: Db, callId: string, s: Settlement): Promise<void> {
  await sql`
    UPDATE llm_calls SET status = ${s.status}, input_tokens = ${s.usage.inputTokens},
           cached_tokens = ${Math.min(s.usage.cachedTokens, s.usage.inputTokens)}, output_tokens = ${s.usage.outputTokens},
           cost_usd = ${s.costUsd}, latency_ms = ${Math.round(s.latencyMs)}, error = ${s.error ?? null}, finished_at = now()
     WHERE id = ${callId} AND status = 'reserved'`;
}

/**
 * Calls whose process died before settling would hold their reservation forever. They are
 * settled as errors charged at their reserved worst case: the provider may have billed them.
 */
export async function settleAbandoned(sql: Sql, olderThanSeconds: number): Promise<number> {
  const rows = await sql`
    UPDATE llm_calls SET status = 'error', input_tokens = reserved_tokens, output_tokens = 0,
           cost_usd = reserved_usd, error = 'abandoned: the process running this call stopped', finished_at = now()
     WHERE status = 'reserved' AND created_at < now() - make_interval(secs => ${olderThanSeconds})
     RETURNING id`;
  return rows.length;
}

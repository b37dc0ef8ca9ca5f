import type { Accessor } from 'solid-js';
import { useDb } from './db';
import type { BotId } from './ids';
import { createLiveQuery, createLiveRow, type LiveRows } from './live-query';

export type CallStatus = 'reserved' | 'ok' | 'error';
export const CALL_STATUSES: readonly CallStatus[] = ['ok', 'error', 'reserved'];

export interface ModelCall {
  id: string;
  bot_id: BotId;
  bot_name: string;
  avatar_color: string;
  heartbeat_id: string | null;
  purpose: string;
  provider: string;
  model: string;
  /** reserved: sent, no answer yet. */
  status: CallStatus;
  input_tokens: number;
  cached_tokens: number;
  output_tokens: number;
  cost_usd: number;
  latency_ms: number | null;
  error: string | null;
  created_at: Date;
  finished_at: Date | null;
}

export interface ModelCallFilter {
  botId?: BotId | undefined;
  /** `provider/model`. */
  model?: string | undefined;
  status?: CallStatus | undefined;
  limit?: number;
}

const CALL_COLUMNS = `c.id, c.bot_id, b.name AS bot_name, b.avatar_color, c.heartbeat_id, c.purpose, c.provider, c.model, c.status,
  c.input_tokens::int AS input_tokens, c.cached_tokens::int AS cached_tokens, c.output_tokens::int AS output_tokens,
  c.cost_usd::float8 AS cost_usd, c.latency_ms, c.error, c.created_at, c.finished_at`;

/** The newest model calls first, by bot, model and status. */
export function createModelCalls(filter: Accessor<ModelCallFilter>): LiveRows<ModelCall> {
  const db = useDb();
  return createLiveQuery<ModelCall>(db, () => {
    const f = filter();
    return {
      sql: `WITH p AS (SELECT $1::uuid AS bot, $2::text AS model, $3::text AS status, $4::int AS lim)
            SELECT ${CALL_COLUMNS}
              FROM p, llm_calls c JOIN bots b ON b.id = c.bot_id
             WHERE c.bot_id = coalesce(p.bot, c.bot_id)
               AND (p.model IS NULL OR c.provider || '/' || c.model = p.model)
               AND c.status = coalesce(p.status, c.status)
             ORDER BY c.created_at DESC, c.id
             LIMIT (SELECT lim FROM p)`,
      params: [f.botId ?? null, f.model ?? null, f.status ?? null, f.limit ?? 50],
    };
  });
}

export interface ModelCallDetail extends ModelCall {
  /** Which request of its heartbeat's attempts at this purpose this was (1 = the first). */
  attempt: number;
  attempts: number;
}

/** One call, with where it stands among the retries of the same step of its heartbeat. */
export function createModelCall(id: Accessor<string | undefined>): { row: Accessor<ModelCallDetail | undefined>; ready: Accessor<boolean> } {
  const db = useDb();
  return createLiveRow<ModelCallDetail>(db, () => {
    const callId = id();
    if (!callId) return undefined;
    return {
      sql: `WITH p AS (SELECT $1::uuid AS id),
                 me AS (SELECT c.* FROM p, llm_calls c WHERE c.id = p.id),
                 tries AS (
              SELECT c.id, row_number() OVER w::int AS attempt, count(*) OVER (PARTITION BY c.heartbeat_id, c.purpose)::int AS attempts
                FROM llm_calls c, me
               WHERE c.bot_id = me.bot_id AND c.heartbeat_id IS NOT DISTINCT FROM me.heartbeat_id AND c.purpose = me.purpose
                 AND (me.heartbeat_id IS NOT NULL OR c.id = me.id)
              WINDOW w AS (PARTITION BY c.heartbeat_id, c.purpose ORDER BY c.created_at, c.id))
            SELECT ${CALL_COLUMNS}, t.attempt, t.attempts
              FROM me c JOIN bots b ON b.id = c.bot_id JOIN tries t ON t.id = c.id`,
      params: [callId],
    };
  });
}

export interface CallPeriod {
  id: string;
  /** Start of the hour, as an ISO string. */
  hour: string;
  calls: number;
  errors: number;
  p50_ms: number | null;
  p95_ms: number | null;
}

/** Calls per hour over the last `hours`: how many, how many failed, and how long they took. */
export function createCallSeries(hours: Accessor<number>, filter: Accessor<ModelCallFilter> = () => ({})): LiveRows<CallPeriod> {
  const db = useDb();
  return createLiveQuery<CallPeriod>(db, () => {
    const f = filter();
    return {
      sql: `SELECT to_char(date_trunc('hour', c.created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:00') AS id,
                   to_char(date_trunc('hour', c.created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:00') AS hour,
                   count(*)::int AS calls,
                   count(*) FILTER (WHERE c.status = 'error')::int AS errors,
                   (percentile_cont(0.5) WITHIN GROUP (ORDER BY c.latency_ms) FILTER (WHERE c.status = 'ok'))::int AS p50_ms,
                   (percentile_cont(0.95) WITHIN GROUP (ORDER BY c.latency_ms) FILTER (WHERE c.status = 'ok'))::int AS p95_ms
              FROM (SELECT $1::int AS hours, $2::uuid AS bot, $3::text AS model) p, llm_calls c
             WHERE c.created_at > now() - make_interval(hours => p.hours)
               AND c.bot_id = coalesce(p.bot, c.bot_id)
               AND (p.model IS NULL OR c.provider || '/' || c.model = p.model)
             GROUP BY 1 ORDER BY 1`,
      params: [hours(), f.botId ?? null, f.model ?? null],
    };
  });
}

export interface CallModel {
  id: string;
  calls: number;
}

/** Every provider/model that has been called, most used first, for the model filter. */
export function createCalledModels(): LiveRows<CallModel> {
  const db = useDb();
  return createLiveQuery<CallModel>(db, () => ({
    sql: `SELECT provider || '/' || model AS id, count(*)::int AS calls FROM llm_calls GROUP BY 1 ORDER BY 2 DESC, 1`,
  }));
}

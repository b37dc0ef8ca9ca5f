/**
 * Applying a mutation in the browser: checked with the same schema the server uses, then written
 * as overlay entries plus an outbox row in one PGlite transaction, so live queries show it at
 * once, online or offline, and it survives reloads.
 */
import type { PGliteInterface, Transaction } from '@electric-sql/pglite';
import { checkMutation, type Mutation, type MutationOf } from '../mutations/index.ts';
import { pkKey } from './local-schema.ts';

export class LocalRejection extends Error {
  override name = 'LocalRejection';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** What a new bot looks like before the server has answered: the server's column defaults. */
const NEW_BOT_DEFAULTS = {
  origin_story: '', traits: [], communication_style: '', interests: [], quirks: [],
  creativity: 50, leadership: 50, skepticism: 50, aggression: 50, shyness: 50, engagement_style: 'balanced',
  provider: 'sim', model: 'chorus-sim-1', memory_model: null, temperature: 0.8, max_tokens: 400,
  daily_token_cap: null, daily_usd_cap: null, paused: false, reputation: 0, upvotes: 0, downvotes: 0,
  heartbeat_interval_seconds: null, next_heartbeat_at: null, last_heartbeat_at: null, last_error: null,
  last_error_at: null, last_reflection_at: null, avatar_color: '#6366f1', source: 'custom',
};

type Overlay = { tbl: string; pk: unknown[]; fields: Record<string, unknown> };
type RowChange = { tbl: string; pk: unknown[]; op: 'insert' | 'delete'; row?: Record<string, unknown> };

async function one<T>(tx: Transaction, sql: string, params: unknown[]): Promise<T | undefined> {
  return (await tx.query<T>(sql, params)).rows[0];
}

async function requireBot(tx: Transaction, botId: string) {
  if (!(await one(tx, 'SELECT 1 FROM bots WHERE id = $1', [botId]))) throw new LocalRejection('bot_id', `bot ${botId} is not known here`);
}

/** The local effect of each mutation type: the same change the server will make. */
async function effects(tx: Transaction, m: Mutation): Promise<{ fields: Overlay[]; rows: RowChange[] }> {
  const now = new Date().toISOString();
  switch (m.type) {
    case 'bot.update_config':
      await requireBot(tx, m.bot_id);
      return { fields: [{ tbl: 'bots', pk: [m.bot_id], fields: { ...m.patch, updated_at: now } }], rows: [] };
    case 'bot.set_caps':
      await requireBot(tx, m.bot_id);
      return { fields: [{ tbl: 'bots', pk: [m.bot_id], fields: { ...m.caps, updated_at: now } }], rows: [] };
    case 'bot.set_paused':
      await requireBot(tx, m.bot_id);
      return { fields: [{ tbl: 'bots', pk: [m.bot_id], fields: { paused: m.paused, updated_at: now } }], rows: [] };
    case 'bot.wake': {
      const bot = await one<{ paused: boolean }>(tx, 'SELECT paused FROM bots WHERE id = $1', [m.bot_id]);
      if (!bot) throw new LocalRejection('bot_id', `bot ${m.bot_id} is not known here`);
      if (bot.paused) throw new LocalRejection('bot_id', 'this bot is paused: resume it to run a heartbeat');
      return { fields: [{ tbl: 'bots', pk: [m.bot_id], fields: { next_heartbeat_at: now } }], rows: [] };
    }
    case 'bot.create': {
      if (await one(tx, 'SELECT 1 FROM bots WHERE handle = $1', [m.bot.handle])) throw new LocalRejection('bot.handle', `handle "${m.bot.handle}" is already taken`);
      const cap = await one<{ n: number; max: number | null }>(tx, `SELECT (SELECT count(*)::int FROM bots) AS n, (SELECT max_bots FROM settings WHERE id = 'global') AS max`, []);
      if (cap?.max != null && cap.n >= cap.max) throw new LocalRejection('bot', `the community already has ${cap.n} bots, the maximum`);
      const row = { ...NEW_BOT_DEFAULTS, ...m.bot, id: m.bot_id, created_at: now, updated_at: now };
      return { fields: [], rows: [{ tbl: 'bots', pk: [m.bot_id], op: 'insert', row }] };
    }
    case 'settings.update':
      return { fields: [{ tbl: 'settings', pk: ['global'], fields: { ...m.patch, updated_at: now } }], rows: [] };
    case 'flag.resolve': {
      const flag = await one<{ bot_id: string; thread_id: string | null; reply_id: string | null; resolved: boolean }>(
        tx, 'SELECT bot_id, thread_id, reply_id, resolved FROM content_flags WHERE id = $1', [m.flag_id]);
      if (!flag) throw new LocalRejection('flag_id', `flag ${m.flag_id} is not known here`);
      if (flag.resolved) throw new LocalRejection('flag_id', `flag ${m.flag_id} is already resolved`);
      const fields: Overlay[] = [{ tbl: 'content_flags', pk: [m.flag_id], fields: { resolved: true, resolution: m.resolution, resolved_at: now } }];
      const rows: RowChange[] = [];
      if (m.resolution === 'bot_paused') fields.push({ tbl: 'bots', pk: [flag.bot_id], fields: { paused: true, updated_at: now } });
      if (m.resolution === 'deleted') {
        // The server deletes the post, and its flags go with it.
        rows.push(flag.reply_id ? { tbl: 'replies', pk: [flag.reply_id], op: 'delete' } : { tbl: 'threads', pk: [flag.thread_id], op: 'delete' });
        rows.push({ tbl: 'content_flags', pk: [m.flag_id], op: 'delete' });
      }
      return { fields, rows };
    }
  }
}

/**
 * Validates and applies one mutation locally and queues it. Returns its id. Throws
 * LocalRejection (naming the field) without writing anything when the input is bad.
 */
export async function applyLocalMutation(db: PGliteInterface, input: Mutation | DistributiveOmit<Mutation, 'id'>): Promise<string> {
  const m = ('id' in input && input.id ? input : { ...input, id: crypto.randomUUID() }) as Mutation;
  const problem = checkMutation(m);
  if (problem) throw new LocalRejection(problem.field, `${problem.field || 'mutation'}: ${problem.message}`);
  const { id, type, ...payload } = m;
  await db.transaction(async (tx) => {
    const { fields, rows } = await effects(tx, m);
    const queued = await one<{ seq: number }>(tx, 'INSERT INTO chorus_outbox (id, type, payload) VALUES ($1, $2, $3) RETURNING seq', [id, type, JSON.stringify(payload)]);
    for (const o of fields) {
      for (const [col, value] of Object.entries(o.fields)) {
        if (value === undefined) continue;
        await tx.query('INSERT INTO chorus_overlay (mutation_id, seq, tbl, pk, col, value) VALUES ($1, $2, $3, $4, $5, $6)', [
          id, queued!.seq, o.tbl, pkKey(o.pk), col, JSON.stringify(value),
        ]);
      }
    }
    for (const r of rows) {
      await tx.query('INSERT INTO chorus_overlay_rows (mutation_id, seq, tbl, pk, op, row) VALUES ($1, $2, $3, $4, $5, $6)', [
        id, queued!.seq, r.tbl, pkKey(r.pk), r.op, r.row ? JSON.stringify(r.row) : null,
      ]);
    }
  });
  return id;
}

export type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
export type { MutationOf };

import {
  checkMutation,
  type Mutation,
  type MutationOf,
  type MutationRejection,
  type MutationResponse,
  type MutationType,
} from '@chorus/sync/src/mutations/index.ts';
import type { Config } from '../../config/index.ts';
import type { Sql, Tx } from '../../db/client.ts';
import { retryOnConflict } from '../../db/retry.ts';
import { HttpError } from '../../http/errors.ts';
import { createBot, setCostCaps, setPaused, updateConfig, wakeBot } from '../bots/service.ts';
import { updateSettings } from '../pace/service.ts';
import { resolveFlagIn } from '../moderation/service.ts';

/** A batch refused as a whole, naming the mutation and field at fault. Nothing was written. */
export class MutationRejected extends HttpError {
  constructor(status: number, body: Omit<MutationRejection, 'error' | 'message'> & { error?: string }) {
    const where = `mutations[${body.index}]${body.field ? `.${body.field}` : ''}`;
    super(status, body.error ?? 'mutation_rejected', `${where}: ${body.reason}`, {
      reason: body.reason,
      index: body.index,
      mutation_id: body.mutation_id,
      field: body.field,
    });
  }
}

type Handler<K extends MutationType> = (tx: Tx, m: MutationOf<K>, config: Config) => Promise<unknown>;

/** What each mutation does: the same service functions the REST routes use. */
const HANDLERS: { [K in MutationType]: Handler<K> } = {
  'bot.update_config': (tx, m, config) => updateConfig(tx, config, m.bot_id, m.patch),
  'bot.set_caps': (tx, m) => setCostCaps(tx, m.bot_id, m.caps),
  'bot.set_paused': (tx, m) => setPaused(tx, m.bot_id, m.paused),
  'bot.wake': (tx, m) => wakeBot(tx, m.bot_id),
  'bot.create': (tx, m, config) => createBot(tx, config, { ...m.bot, id: m.bot_id }),
  'settings.update': (tx, m) => updateSettings(tx, m.patch),
  'flag.resolve': (tx, m) => resolveFlagIn(tx, m.flag_id, m.resolution),
};

const idOf = (m: unknown) => (m && typeof m === 'object' && typeof (m as { id?: unknown }).id === 'string' ? (m as { id: string }).id : null);

const firstFieldError = (e: HttpError) => (e.details?.errors as { path?: string; message?: string }[] | undefined)?.[0];

/** Which field of the mutation an error raised by a service refers to. */
function fieldOf(e: HttpError, m: Mutation): string {
  if (typeof e.details?.field === 'string') return e.details.field;
  const path = firstFieldError(e)?.path;
  if (path) return path.replace(/^body\./, m.type === 'bot.create' ? 'bot.' : 'patch.');
  if (e.status === 404) return 'bot_id' in m ? 'bot_id' : 'flag_id' in m ? 'flag_id' : '';
  return '';
}

/** The reason without the REST field prefix (body.x): the rejection names the field on its own. */
const reasonOf = (e: HttpError) => firstFieldError(e)?.message ?? e.message;

/**
 * Validates every mutation, then applies the batch in one transaction, each mutation at most
 * once: its id is recorded with the transaction's txid, and a resent id is acknowledged as a
 * duplicate with the txid it was applied in. Any refusal rolls the whole batch back.
 *
 * The bots a batch names are locked first, in id order, so two batches touching the same bots in
 * opposite orders queue instead of deadlocking; a deadlock with something else that locks bots
 * (a heartbeat) is retried whole, never answered with a 500.
 */
export async function applyBatch(sql: Sql, config: Config, raw: unknown[]): Promise<MutationResponse> {
  const mutations: Mutation[] = [];
  raw.forEach((m, index) => {
    const problem = checkMutation(m);
    if (problem) {
      throw new MutationRejected(422, {
        index,
        mutation_id: idOf(m),
        field: problem.field,
        reason: problem.message,
      });
    }
    mutations.push(m as Mutation);
  });
  const seen = new Set<string>();
  mutations.forEach((m, index) => {
    if (seen.has(m.id)) throw new MutationRejected(422, { index, mutation_id: m.id, field: 'id', reason: 'appears twice in the batch' });
    seen.add(m.id);
  });

  const botIds = [...new Set(mutations.flatMap((m) => ('bot_id' in m && typeof m.bot_id === 'string' ? [m.bot_id] : [])))].sort();
  return retryOnConflict(() => applyOnce(sql, config, mutations, botIds));
}

function applyOnce(sql: Sql, config: Config, mutations: Mutation[], botIds: string[]): Promise<MutationResponse> {
  return sql.begin(async (tx) => {
    if (botIds.length) await tx`SELECT id FROM bots WHERE id IN ${tx(botIds)} ORDER BY id FOR UPDATE`;
    const [{ txid }] = (await tx`SELECT pg_current_xact_id()::xid::text::bigint AS txid`) as unknown as [{ txid: number }];
    const results: MutationResponse['results'] = [];
    for (const [index, m] of mutations.entries()) {
      const fresh = await tx`
        INSERT INTO applied_mutations (id, type, txid, status) VALUES (${m.id}, ${m.type}, ${txid}, 'applied')
        ON CONFLICT (id) DO NOTHING RETURNING id`;
      if (!fresh.length) {
        const [prior] = await tx`SELECT txid FROM applied_mutations WHERE id = ${m.id}`;
        results.push({ id: m.id, status: 'duplicate', txid: Number(prior!.txid) });
        continue;
      }
      try {
        await (HANDLERS[m.type] as Handler<MutationType>)(tx, m, config);
      } catch (e) {
        if (e instanceof HttpError) {
          throw new MutationRejected(e.status, { error: e.code, index, mutation_id: m.id, field: fieldOf(e, m), reason: reasonOf(e) });
        }
        const pgCode = (e as { code?: unknown }).code;
        if (typeof pgCode === 'string' && /^(22|23)/.test(pgCode)) {
          throw new MutationRejected(422, { error: 'constraint_violation', index, mutation_id: m.id, field: '', reason: (e as Error).message });
        }
        throw e;
      }
      results.push({ id: m.id, status: 'applied', txid });
    }
    return { txid, results };
  });
}

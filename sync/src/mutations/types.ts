/**
 * The typed set of writes the dashboard can make. Each mutation has one schema, used by the
 * browser before it queues a mutation and by the server before it applies one.
 */
import { Type as T, type Static, type TSchema } from '@sinclair/typebox';
import { BotConfigPatch, CostCaps, GlobalSettingsPatch, NewBot, Uuid } from './fields.ts';
import { firstSchemaProblem } from './schema-messages.ts';

export const FLAG_RESOLUTIONS = ['dismissed', 'deleted', 'bot_paused'] as const;

const mutation = <K extends string, P extends Record<string, TSchema>>(type: K, payload: P) =>
  T.Object({ id: Uuid, type: T.Literal(type), ...payload }, { additionalProperties: false });

export const MUTATION_SCHEMAS = {
  'bot.update_config': mutation('bot.update_config', { bot_id: Uuid, patch: BotConfigPatch }),
  'bot.set_caps': mutation('bot.set_caps', { bot_id: Uuid, caps: CostCaps }),
  'bot.set_paused': mutation('bot.set_paused', { bot_id: Uuid, paused: T.Boolean() }),
  // Makes the bot due now: the orchestrator runs its heartbeat on its next round.
  'bot.wake': mutation('bot.wake', { bot_id: Uuid }),
  'bot.create': mutation('bot.create', { bot_id: Uuid, bot: NewBot }),
  'settings.update': mutation('settings.update', { patch: GlobalSettingsPatch }),
  'flag.resolve': mutation('flag.resolve', { flag_id: Uuid, resolution: T.Union(FLAG_RESOLUTIONS.map((r) => T.Literal(r))) }),
} as const;

export type MutationType = keyof typeof MUTATION_SCHEMAS;
export const MUTATION_TYPES = Object.keys(MUTATION_SCHEMAS) as MutationType[];
export type Mutation = { [K in MutationType]: Static<(typeof MUTATION_SCHEMAS)[K]> }[MutationType];
export type MutationOf<K extends MutationType> = Extract<Mutation, { type: K }>;

export const Mutation = T.Union(Object.values(MUTATION_SCHEMAS));
export const MAX_BATCH = 500;
export const MutationBatch = T.Object({ mutations: T.Array(T.Unknown(), { minItems: 1, maxItems: MAX_BATCH }) }, { additionalProperties: false });

export interface MutationProblem {
  /** Where in the mutation, as a dotted path ("patch.creativity"); "" for the whole mutation. */
  field: string;
  message: string;
}

/**
 * Checks one mutation against its type's schema. Returns the first problem, named by field, or
 * null when it is valid. Unknown types are named as such rather than drowned in union errors.
 */
export function checkMutation(m: unknown): MutationProblem | null {
  if (!m || typeof m !== 'object' || Array.isArray(m)) return { field: '', message: 'must be an object' };
  const type = (m as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.hasOwn(MUTATION_SCHEMAS, type)) {
    return { field: 'type', message: `must be one of ${MUTATION_TYPES.join(', ')}` };
  }
  return firstSchemaProblem(MUTATION_SCHEMAS[type as MutationType], m);
}

/** The response of POST /api/mutations. */
export interface MutationResponse {
  /** Postgres txid (32-bit xid) of the batch's transaction; it comes back in the shape stream's headers.txids. */
  txid: number;
  results: { id: string; status: 'applied' | 'duplicate'; txid: number }[];
}

/** The 4xx body that names the failing mutation. */
export interface MutationRejection {
  error: string;
  /** Where and what: `mutations[<index>](.<field>): <reason>`. */
  message: string;
  /** What is wrong, for a person looking at the edit (no batch position). */
  reason: string;
  index: number;
  mutation_id: string | null;
  field: string;
}

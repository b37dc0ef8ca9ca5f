import { applyLocalMutation, LocalRejection } from '@chorus/sync/src/outbox/index.ts';
import type { BotConfigPatch, CostCaps, GlobalSettingsPatch, NewBot } from '@chorus/sync/src/mutations/index.ts';
import type { Db } from '../db';
import { useDb } from '../db';
import type { BotId } from '../ids';
import type { FlagResolution } from '../moderation';
import { announceEdit } from './edit-events';

/** Everything the bot page edits: configuration and the two caps (null = global default). */
export type BotEdit = BotConfigPatch & CostCaps;
export type { GlobalSettingsPatch as SettingsEdit, NewBot };

/**
 * An edit refused before it was queued, with the field at fault as the form names it
 * ("creativity", not the mutation's "patch.creativity").
 */
export class InvalidEditError extends Error {
  override name = 'InvalidEditError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function asEditError(err: unknown): unknown {
  if (!(err instanceof LocalRejection)) return err;
  const field = err.field.replace(/^(patch|caps|bot)\./, '');
  return new InvalidEditError(field, err.message.replace(/^[\w.]+: /, `${field.replaceAll('_', ' ')}: `));
}

async function apply(db: Db, mutation: Parameters<typeof applyLocalMutation>[1]): Promise<string> {
  try {
    return await applyLocalMutation(db, mutation);
  } catch (err) {
    throw asEditError(err);
  }
}

const CAP_FIELDS = ['daily_token_cap', 'daily_usd_cap'] as const;

/** Numbers arrive from PGlite as strings for numeric columns; compare by value. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if ((typeof a === 'number' || typeof a === 'string') && (typeof b === 'number' || typeof b === 'string')) {
    return typeof a !== typeof b && a !== '' && b !== '' && Number(a) === Number(b);
  }
  return false;
}

function changedFields<T extends object>(edit: T, current: Record<string, unknown>): Partial<T> {
  return Object.fromEntries(Object.entries(edit).filter(([k, v]) => v !== undefined && !sameValue(v, current[k]))) as Partial<T>;
}

async function currentRow(db: Db, table: 'bots' | 'settings', id: string, columns: string[]): Promise<Record<string, unknown>> {
  // Column names come from typed edits, and are checked again by the mutation schema.
  const safe = columns.filter((c) => /^[a-z_]+$/.test(c));
  const res = await db.query<Record<string, unknown>>(`SELECT ${['id', ...safe].join(', ')} FROM ${table} WHERE id = $1`, [id]);
  const row = res.rows[0];
  if (!row) throw new Error(table === 'bots' ? 'this bot is not in the local database' : 'the settings have not synced yet');
  return row;
}

/** "daily_usd_cap" → "Daily usd cap"; one field names the edit, several are "n settings". */
function fieldsLabel(fields: string[], what: string): string {
  if (fields.length !== 1) return `${fields.length} ${what} changed`;
  const words = fields[0]!.replaceAll('_', ' ');
  return `${words[0]!.toUpperCase()}${words.slice(1)} changed`;
}

/**
 * The values the fields had before an edit, to put back on undo. Numeric columns read back from
 * PGlite as strings; a field the edit set to a number (or a cap it cleared) goes back as a number.
 */
function previous<T extends object>(changes: Partial<T>, current: Record<string, unknown>): T {
  return Object.fromEntries(
    Object.entries(changes).map(([k, next]) => {
      const was = current[k] ?? null;
      const numeric = typeof next === 'number' || (next === null && k.endsWith('_cap'));
      return [k, numeric && typeof was === 'string' && was !== '' ? Number(was) : was];
    }),
  ) as T;
}

/**
 * Every write the dashboard makes, as typed mutations through @chorus/sync's outbox: each one is
 * checked with the server's own schema, shown at once through the overlay views (online or
 * not), and sent to POST /api/mutations by the outbox sender. Re-committing a field with the
 * value it already has queues nothing. Each edit is announced (edit-events) with its undo: the
 * inverse edit, queued like any other, so undoing works offline too.
 */
export function createActions(db: Db) {
  const actions = {
    async updateBot(botId: BotId, edit: BotEdit, opts: { undoing?: boolean } = {}): Promise<void> {
      const fields = Object.keys(edit).filter((k) => edit[k as keyof BotEdit] !== undefined);
      if (fields.length === 0) return;
      const current = await currentRow(db, 'bots', botId, fields);
      const changes = changedFields(edit, current);
      const caps: CostCaps = {};
      const patch: BotConfigPatch = {};
      for (const [k, v] of Object.entries(changes)) {
        if ((CAP_FIELDS as readonly string[]).includes(k)) Object.assign(caps, { [k]: v });
        else Object.assign(patch, { [k]: v });
      }
      const ids: string[] = [];
      if (Object.keys(patch).length > 0) ids.push(await apply(db, { type: 'bot.update_config', bot_id: botId, patch }));
      if (Object.keys(caps).length > 0) ids.push(await apply(db, { type: 'bot.set_caps', bot_id: botId, caps }));
      if (ids.length === 0) return;
      const before = previous<BotEdit>(changes, current);
      announceEdit({
        mutationIds: ids,
        label: opts.undoing ? 'Change undone' : fieldsLabel(Object.keys(changes), 'settings'),
        undo: opts.undoing ? null : () => actions.updateBot(botId, before, { undoing: true }),
      });
    },

    async setBotPaused(botId: BotId, paused: boolean, opts: { undoing?: boolean } = {}): Promise<void> {
      const id = await apply(db, { type: 'bot.set_paused', bot_id: botId, paused });
      announceEdit({
        mutationIds: [id],
        label: opts.undoing ? 'Change undone' : paused ? 'Bot paused' : 'Bot resumed',
        undo: opts.undoing ? null : () => actions.setBotPaused(botId, !paused, { undoing: true }),
      });
    },

    /** Makes the bot due now: its heartbeat runs on the orchestrator's next round. */
    async wakeBot(botId: BotId): Promise<void> {
      const id = await apply(db, { type: 'bot.wake', bot_id: botId });
      announceEdit({ mutationIds: [id], label: 'Heartbeat requested', undo: null });
    },

    /** Creates the bot locally with a client-chosen id, so the page can open it at once. */
    async createBot(bot: NewBot): Promise<BotId> {
      const id = crypto.randomUUID() as BotId;
      const mutation = await apply(db, { type: 'bot.create', bot_id: id, bot });
      announceEdit({ mutationIds: [mutation], label: `${bot.name} created`, undo: null });
      return id;
    },

    async updateSettings(edit: GlobalSettingsPatch, opts: { undoing?: boolean } = {}): Promise<void> {
      const fields = Object.keys(edit).filter((k) => edit[k as keyof GlobalSettingsPatch] !== undefined);
      if (fields.length === 0) return;
      const current = await currentRow(db, 'settings', 'global', fields);
      const patch = changedFields(edit, current);
      if (Object.keys(patch).length === 0) return;
      const id = await apply(db, { type: 'settings.update', patch });
      const before = previous<GlobalSettingsPatch>(patch, current);
      announceEdit({
        mutationIds: [id],
        label: opts.undoing ? 'Change undone' : fieldsLabel(Object.keys(patch), 'settings'),
        undo: opts.undoing ? null : () => actions.updateSettings(before, { undoing: true }),
      });
    },

    /** 'bot_paused' also pauses the author and 'deleted' removes the post, as the server does. */
    async resolveFlag(flagId: string, resolution: FlagResolution): Promise<void> {
      const id = await apply(db, { type: 'flag.resolve', flag_id: flagId, resolution });
      const label = { dismissed: 'Flag dismissed', deleted: 'Post deleted', bot_paused: 'Author paused' }[resolution];
      announceEdit({ mutationIds: [id], label, undo: null });
    },

    /** Forgets a refused edit once the person has read why (it was already undone locally). */
    async dismissRejected(mutationId: string): Promise<void> {
      await db.query(`DELETE FROM chorus_outbox WHERE id = $1 AND state = 'rejected'`, [mutationId]);
    },
  };
  return actions;
}

export type Actions = ReturnType<typeof createActions>;

/** The actions bound to the database of the surrounding DbProvider. */
export function useActions(): Actions {
  return createActions(useDb());
}

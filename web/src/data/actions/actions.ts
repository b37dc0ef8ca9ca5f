import type { Transaction } from '@electric-sql/pglite';
import type { Db } from '../db';
import { useDb } from '../db';
import type { BotId } from '../ids';
import type { FlagResolution } from '../moderation';
import { BOT_EDIT_COLUMNS, validateBotEdit, validateNewBot, type BotEdit, type NewBot } from './bot-edit';
import { enqueue } from './outbox';
import { SETTINGS_EDIT_COLUMNS, validateSettingsEdit, type SettingsEdit } from './settings-edit';

/**
 * Builds `UPDATE table SET a = $2::type, … WHERE key = $1` from an allow-list of columns, so a
 * field name never reaches SQL unless it is one of ours.
 */
function updateSql(table: string, key: string, columns: Record<string, string>, changes: object): { sql: string; values: unknown[] } {
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const [column, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    const type = columns[column];
    if (!type) throw new Error(`${column} is not an editable column of ${table}`);
    values.push(value);
    sets.push(`${column} = $${values.length + 1}::${type}`);
  }
  return { sql: `UPDATE ${table} SET ${sets.join(', ')} WHERE ${key} = $1`, values };
}

async function previousRow(tx: Transaction, table: string, key: string, id: string, columns: string[]): Promise<Record<string, unknown> | undefined> {
  const res = await tx.query<Record<string, unknown>>(`SELECT ${[key, ...columns].join(', ')} FROM ${table} WHERE ${key} = $1`, [id]);
  return res.rows[0];
}

/**
 * Every write the dashboard makes. Each one changes the local tables at once, so the views show
 * it immediately, online or not, and queues the same change in the outbox for the server.
 */
export function createActions(db: Db) {
  return {
    async updateBot(botId: BotId, changes: BotEdit): Promise<void> {
      validateBotEdit(changes);
      const columns = Object.keys(changes).filter((c) => changes[c as keyof BotEdit] !== undefined);
      if (columns.length === 0) return;
      await db.transaction(async (tx) => {
        const before = await previousRow(tx, 'bots', 'id', botId, columns);
        if (!before) throw new Error('this bot is not in the local database');
        const { sql, values } = updateSql('bots', 'id', BOT_EDIT_COLUMNS, changes);
        await tx.query(`${sql.replace(' WHERE', ', updated_at = now() WHERE')}`, [botId, ...values]);
        await enqueue(tx, 'bot.update', { bot_id: botId, changes }, [{ table: 'bots', row: before }]);
      });
    },

    async setBotPaused(botId: BotId, paused: boolean): Promise<void> {
      await db.transaction(async (tx) => {
        const before = await previousRow(tx, 'bots', 'id', botId, ['paused']);
        if (!before) throw new Error('this bot is not in the local database');
        await tx.query('UPDATE bots SET paused = $2, updated_at = now() WHERE id = $1', [botId, paused]);
        await enqueue(tx, 'bot.set_paused', { bot_id: botId, paused }, [{ table: 'bots', row: before }]);
      });
    },

    /** Creates the bot locally with a client-chosen id, so the page can open it at once. */
    async createBot(bot: NewBot): Promise<BotId> {
      validateNewBot(bot);
      const id = crypto.randomUUID() as BotId;
      await db.transaction(async (tx) => {
        const taken = await tx.query('SELECT 1 FROM bots WHERE handle = $1', [bot.handle]);
        if (taken.rows.length > 0) throw new Error(`the handle "${bot.handle}" is taken`);
        const cap = await tx.query<{ n: number; max: number }>(
          `SELECT (SELECT count(*)::int FROM bots) AS n, coalesce((SELECT max_bots FROM settings WHERE id = 'global'), 12) AS max`,
        );
        const { n, max } = cap.rows[0]!;
        if (n >= max) throw new Error(`the community is full: at most ${max} bots`);
        await tx.query(
          `INSERT INTO bots (id, handle, name, origin_story, traits, communication_style, interests, quirks,
                             creativity, leadership, skepticism, aggression, shyness, engagement_style,
                             provider, model, memory_model, temperature, max_tokens, daily_token_cap, daily_usd_cap,
                             paused, reputation, upvotes, downvotes, avatar_color, source, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, NULL, $17, $18, $19, $20,
                   false, 0, 0, 0, $21, 'custom', now(), now())`,
          [id, bot.handle, bot.name, bot.origin_story, bot.traits, bot.communication_style, bot.interests, bot.quirks,
           bot.creativity, bot.leadership, bot.skepticism, bot.aggression, bot.shyness, bot.engagement_style,
           bot.provider, bot.model, bot.temperature, bot.max_tokens, bot.daily_token_cap, bot.daily_usd_cap, bot.avatar_color],
        );
        await enqueue(tx, 'bot.create', { bot: { ...bot, id } }, [{ table: 'bots', absent: id }]);
      });
      return id;
    },

    async updateSettings(changes: SettingsEdit): Promise<void> {
      validateSettingsEdit(changes);
      const columns = Object.keys(changes).filter((c) => changes[c as keyof SettingsEdit] !== undefined);
      if (columns.length === 0) return;
      await db.transaction(async (tx) => {
        const before = await previousRow(tx, 'settings', 'id', 'global', columns);
        if (!before) throw new Error('the settings have not synced yet');
        const { sql, values } = updateSql('settings', 'id', SETTINGS_EDIT_COLUMNS, changes);
        await tx.query(sql.replace(' WHERE', ', updated_at = now() WHERE'), ['global', ...values]);
        await enqueue(tx, 'settings.update', { changes }, [{ table: 'settings', row: before }]);
      });
    },

    /** Resolving with 'bot_paused' also pauses the author, as the server does. */
    async resolveFlag(flagId: string, resolution: FlagResolution): Promise<void> {
      await db.transaction(async (tx) => {
        const flag = await tx.query<{ id: string; bot_id: string; resolved: boolean; resolution: string | null; resolved_at: Date | null }>(
          'SELECT id, bot_id, resolved, resolution, resolved_at FROM content_flags WHERE id = $1',
          [flagId],
        );
        const before = flag.rows[0];
        if (!before) throw new Error('this flag is not in the local database');
        const previous: unknown[] = [{ table: 'content_flags', row: before }];
        await tx.query('UPDATE content_flags SET resolved = true, resolution = $2, resolved_at = now() WHERE id = $1', [flagId, resolution]);
        if (resolution === 'bot_paused') {
          const bot = await previousRow(tx, 'bots', 'id', before.bot_id, ['paused']);
          if (bot) previous.push({ table: 'bots', row: bot });
          await tx.query('UPDATE bots SET paused = true, updated_at = now() WHERE id = $1', [before.bot_id]);
        }
        await enqueue(tx, 'flag.resolve', { flag_id: flagId, resolution }, previous);
      });
    },
  };
}

export type Actions = ReturnType<typeof createActions>;

/** The actions bound to the database of the surrounding DbProvider. */
export function useActions(): Actions {
  return createActions(useDb());
}

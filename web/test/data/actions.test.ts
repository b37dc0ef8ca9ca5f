import { beforeAll, describe, expect, it } from 'vitest';
import { createActions, InvalidEditError, type Actions } from '../../src/data/actions';
import type { Db } from '../../src/data/db';
import { parseBotId } from '../../src/data/ids';
import { botId, flagId } from '../fixtures/seed';
import { createTestDb } from '../support/db';

let db: Db;
let actions: Actions;
const ada = parseBotId(botId(1));

const outbox = async () => (await db.query<{ type: string; payload: Record<string, unknown> }>('SELECT type, payload FROM chorus_outbox ORDER BY seq')).rows;
const bot = async (id: string) => (await db.query<Record<string, unknown>>('SELECT * FROM bots WHERE id = $1', [id])).rows[0]!;

beforeAll(async () => {
  db = await createTestDb();
  actions = createActions(db);
});

describe('actions write through the outbox and show at once through the views', () => {
  it('sets a behaviour level to 0 and it stays 0', async () => {
    await actions.updateBot(ada, { creativity: 0 });
    expect((await bot(ada)).creativity).toBe(0);
    // The synced row is untouched until the server's change comes back.
    const synced = await db.query<{ creativity: number }>('SELECT creativity FROM synced_bots WHERE id = $1', [ada]);
    expect(synced.rows[0]?.creativity).toBe(20);
    expect(await outbox()).toEqual([{ type: 'bot.update_config', payload: { bot_id: ada, patch: { creativity: 0 } } }]);
  });

  it('queues nothing when a field is committed with the value it already has', async () => {
    const before = (await outbox()).length;
    await actions.updateBot(ada, { creativity: 0, temperature: 0.8, name: 'Ada' });
    expect((await outbox()).length).toBe(before);
  });

  it('splits caps from configuration, and null puts a cap back on the default', async () => {
    await actions.updateBot(ada, { name: 'Ada L.', daily_token_cap: 2000 });
    const tail = (await outbox()).slice(-2);
    expect(tail).toEqual([
      { type: 'bot.update_config', payload: { bot_id: ada, patch: { name: 'Ada L.' } } },
      { type: 'bot.set_caps', payload: { bot_id: ada, caps: { daily_token_cap: 2000 } } },
    ]);
    expect(Number((await bot(ada)).daily_token_cap)).toBe(2000);
    await actions.updateBot(ada, { daily_token_cap: null });
    expect((await bot(ada)).daily_token_cap).toBeNull();
  });

  it('refuses a bad value with the field named as the form names it, and writes nothing', async () => {
    const before = (await outbox()).length;
    const err = await actions.updateBot(ada, { creativity: 101 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidEditError);
    expect((err as InvalidEditError).field).toBe('creativity');
    expect((await outbox()).length).toBe(before);
    expect((await bot(ada)).creativity).toBe(0);
  });

  it('creates a bot that every view sees before the server has it', async () => {
    const id = await actions.createBot({ handle: 'newbie', name: 'Newbie', creativity: 70 });
    const row = await bot(id);
    expect(row).toMatchObject({ handle: 'newbie', name: 'Newbie', creativity: 70, source: 'custom', paused: false });
    await expect(actions.createBot({ handle: 'newbie', name: 'Again' })).rejects.toMatchObject({ field: 'handle' });
  });

  it('resolves a flag by pausing its author', async () => {
    await actions.resolveFlag(flagId(2), 'bot_paused');
    const flag = await db.query<{ resolved: boolean; resolution: string }>('SELECT resolved, resolution FROM content_flags WHERE id = $1', [flagId(2)]);
    expect(flag.rows[0]).toEqual({ resolved: true, resolution: 'bot_paused' });
    expect((await bot(botId(6))).paused).toBe(true);
  });

  it('updates settings and dismisses a refused edit', async () => {
    await actions.updateSettings({ pace: 'turbo' });
    expect((await db.query<{ pace: string }>('SELECT pace FROM settings')).rows[0]?.pace).toBe('turbo');
    const [last] = (await db.query<{ id: string }>('SELECT id FROM chorus_outbox ORDER BY seq DESC LIMIT 1')).rows;
    await db.query(`UPDATE chorus_outbox SET state = 'rejected', error = 'no' WHERE id = $1`, [last!.id]);
    await actions.dismissRejected(last!.id);
    expect((await db.query('SELECT 1 FROM chorus_outbox WHERE id = $1', [last!.id])).rows).toHaveLength(0);
  });
});

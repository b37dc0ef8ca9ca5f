import type { Sql } from '../../src/db/client.ts';

let n = 0;

/** Inserts a bot for a test; options are raw column values. */
export async function insertBot(sql: Sql, cols: Record<string, unknown> = {}): Promise<string> {
  const row = {
    handle: `bot-${process.pid}-${n++}`,
    name: 'Test Bot',
    interests: ['oceans', 'statistics'],
    traits: ['curious'],
    ...cols,
  };
  const [bot] = await sql<{ id: string }[]>`INSERT INTO bots ${sql(row as unknown as Record<string, never>, Object.keys(row))} RETURNING id`;
  return bot!.id;
}

export async function insertThread(sql: Sql, botId: string, title = 'A thread about oceans'): Promise<string> {
  const [t] = await sql<{ id: string }[]>`
    INSERT INTO threads (bot_id, title, body, tags) VALUES (${botId}, ${title}, 'Tides and statistics, discussed at length.', '{oceans}') RETURNING id`;
  return t!.id;
}

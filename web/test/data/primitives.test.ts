import { waitFor } from '@solidjs/testing-library';
import { createSignal } from 'solid-js';
import { unwrap } from 'solid-js/store';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createBotUsage,
  createBots,
  createColdMemory,
  createFlags,
  createInteractionGraph,
  createThreads,
  createWarmMemory,
  nestReplies,
  parseBotId,
  type ReplyRow,
} from '../../src/data';
import type { Db } from '../../src/data/db';
import { botId, threadId } from '../fixtures/seed';
import { createTestDb } from '../support/db';
import { withDb } from '../support/render';

/**
 * The plain rows behind a store. Assertions must not print store proxies: pretty-printing one
 * for a failure message walks its internals and can hang the test process.
 */
const plain = <T,>(rows: readonly T[]): T[] => structuredClone(unwrap(rows) as T[]);

let db: Db;
beforeAll(async () => {
  db = await createTestDb();
});
// No db.close(): a live query's unsubscribe runs after its owner is disposed (cleanups cannot
// wait), and closing PGlite while one is in flight never settles. The worker exits with the file.

describe('createBots', () => {
  it('derives each status: paused, over its own cap, failing, otherwise active', async () => {
    const { result, dispose } = withDb(db, () => createBots());
    await waitFor(() => expect(plain(result.rows)).toHaveLength(6));
    const status = Object.fromEntries(plain(result.rows).map((b) => [b.name, b.status]));
    expect(status).toEqual({ Ada: 'active', Basil: 'active', Cleo: 'error', Dmitri: 'active', Esme: 'paused', Felix: 'capped' });
    const felix = plain(result.rows).find((b) => b.name === 'Felix')!;
    expect(felix.token_cap).toBe(5000);
    expect(plain(result.rows)[0]?.name).toBe('Ada');
    dispose();
  });

  it('follows a change of the global default cap', async () => {
    const { result, dispose } = withDb(db, () => createBots());
    await waitFor(() => expect(plain(result.rows).find((b) => b.name === 'Ada')?.token_cap).toBe(100000));
    await db.exec(`UPDATE synced_settings SET default_daily_token_cap = 1000`);
    await waitFor(() => expect(plain(result.rows).find((b) => b.name === 'Ada')?.status).toBe('capped'));
    await db.exec(`UPDATE synced_settings SET default_daily_token_cap = 100000`);
    await waitFor(() => expect(plain(result.rows).find((b) => b.name === 'Ada')?.status).toBe('active'));
    dispose();
  });
});

describe('createThreads', () => {
  it('filters by words (stemmed), author and tag, and together', async () => {
    const [filter, setFilter] = createSignal<Parameters<typeof createThreads>[0] extends infer F ? (F extends () => infer V ? V : never) : never>({});
    const { result, dispose } = withDb(db, () => createThreads(filter));
    await waitFor(() => expect(plain(result.rows)).toHaveLength(6));
    setFilter({ search: 'engines' });
    await waitFor(() => expect(plain(result.rows).map((t) => t.title).sort()).toEqual(['Can an engine compose music?', 'Notes on the difference engine']));
    setFilter({ tag: 'debate' });
    await waitFor(() => expect(plain(result.rows).map((t) => t.title).sort()).toEqual(['Analog warmth is a myth', 'Is the queen overrated?']));
    setFilter({ tag: 'music', botId: parseBotId(botId(1)) });
    await waitFor(() => expect(plain(result.rows).map((t) => t.title)).toEqual(['Can an engine compose music?']));
    setFilter({ search: 'nothing-matches-this' });
    await waitFor(() => expect(result.ready && plain(result.rows).length === 0).toBe(true));
    dispose();
  });
});

describe('nestReplies', () => {
  const row = (id: string, parent: string | null): ReplyRow => ({
    id, parent_reply_id: parent, bot_id: parseBotId(botId(1)), bot_name: 'Ada', avatar_color: '#000000', body: id, score: 0, upvotes: 0, downvotes: 0, created_at: new Date(0),
  });
  it('nests children under their parents in order', () => {
    const tree = nestReplies([row('a', null), row('b', 'a'), row('c', 'b'), row('d', null)]);
    expect(tree.map((n) => n.id)).toEqual(['a', 'd']);
    expect(tree[0]!.children[0]!.children[0]!.id).toBe('c');
  });
  it('keeps a reply whose parent has not synced yet, at the top level', () => {
    expect(nestReplies([row('x', 'missing')]).map((n) => n.id)).toEqual(['x']);
  });
});

describe('memory', () => {
  it('pages warm memory with the total, and filters by kind', async () => {
    const [opts, setOpts] = createSignal<{ page: number; pageSize: number; kind?: 'fact' }>({ page: 1, pageSize: 10 });
    const { result, dispose } = withDb(db, () => createWarmMemory(() => parseBotId(botId(1)), opts));
    await waitFor(() => expect(plain(result.rows)).toHaveLength(10));
    expect(plain(result.rows)[0]?.total).toBe(23);
    setOpts({ page: 3, pageSize: 10 });
    await waitFor(() => expect(plain(result.rows)).toHaveLength(3));
    setOpts({ page: 1, pageSize: 10, kind: 'fact' });
    await waitFor(() => expect(plain(result.rows).every((m) => m.kind === 'fact') && plain(result.rows)[0]?.total === 4).toBe(true));
    dispose();
  });

  it('searches cold memory with stemming, best match first, with a highlighted excerpt', async () => {
    const [opts, setOpts] = createSignal({ page: 1, pageSize: 5, search: '' });
    const { result, dispose } = withDb(db, () => createColdMemory(() => parseBotId(botId(1)), opts));
    await waitFor(() => expect(plain(result.rows)[0]?.total).toBe(12));
    setOpts({ page: 1, pageSize: 5, search: 'lighthouse' });
    await waitFor(() => expect(plain(result.rows)).toHaveLength(1));
    expect(plain(result.rows)[0]?.headline).toContain('«lighthouses»');
    dispose();
  });
});

describe('usage, graph and flags', () => {
  it('sums usage for today, 7 and 30 days', async () => {
    const { result, dispose } = withDb(db, () => createBotUsage(() => parseBotId(botId(6))));
    await waitFor(() => expect(plain(result.rows)).toHaveLength(3));
    expect(plain(result.rows).map((p) => p.id)).toEqual(['today', '7d', '30d']);
    expect(plain(result.rows)[0]!.tokens).toBe(6000);
    expect(plain(result.rows)[1]!.tokens).toBeGreaterThan(plain(result.rows)[0]!.tokens);
    expect(plain(result.rows)[2]!.calls).toBeGreaterThan(plain(result.rows)[1]!.calls);
    dispose();
  });

  it('counts interactions per ordered pair: replies to the parent author, votes, follows', async () => {
    const { result, dispose } = withDb(db, () => createInteractionGraph());
    await waitFor(() => expect(plain(result.rows).length).toBeGreaterThan(0));
    const edge = (a: number, b: number) => plain(result.rows).find((e) => e.source === botId(a) && e.target === botId(b));
    // Dmitri replied to Ada's reply (not to the thread's author directly).
    expect(edge(4, 1)).toMatchObject({ replies: 1, votes: 0 });
    // Felix replied on Ada's thread, voted it down and follows her.
    expect(edge(6, 1)).toMatchObject({ replies: 1, votes: 1, follows: 1, weight: 3 });
    dispose();
  });

  it('lists open and resolved flags with the flagged post', async () => {
    const [show, setShow] = createSignal<'open' | 'resolved'>('open');
    const { result, dispose } = withDb(db, () => createFlags(show));
    await waitFor(() => expect(result.rows.length).toBe(2));
    const onReply = result.rows.find((f) => f.reply_id !== null);
    expect(onReply?.thread_id).toBe(threadId(1));
    expect(onReply?.excerpt).toBe('Why must a composer have intention at all?');
    setShow('resolved');
    await waitFor(() => expect(result.rows.map((f) => f.resolution)).toEqual(['dismissed']));
    dispose();
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, test } from 'bun:test';
import { PGlite } from '@electric-sql/pglite';
import { electricSync, type PGliteWithSync } from '@electric-sql/pglite-sync';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { testApp } from '../../../server/test/support/app.ts';
import { tempDir } from '../../../server/test/support/postgres.ts';
import { DASHBOARD_SHAPES, startDashboardSync } from '../../src/browser/index.ts';
import { applyLocalMutation, CONFIRM_TRIGGER, OUTBOX_SCHEMA, OutboxRefusedError, OutboxUnsentError, overlayViewSql, startOutboxSender, syncedTable, type OutboxSender } from '../../src/outbox/index.ts';
import { startHarness, waitFor, type Harness } from '../support/harness.ts';

// The write path end to end: PGlite with the overlay and outbox, the real /api/mutations, the
// real shape server streaming the result back, on a real Postgres.
const SHAPES = DASHBOARD_SHAPES.filter((s) => ['bots', 'settings', 'content_flags', 'applied_mutations'].includes(s.table));

const LOCAL_DDL = `
CREATE TABLE synced_settings (id text PRIMARY KEY, default_daily_token_cap bigint, default_daily_usd_cap numeric, pace text,
  pace_custom_seconds integer, orchestrator_paused boolean, max_bots integer, updated_at timestamptz);
CREATE TABLE synced_bots (id uuid PRIMARY KEY, handle text, name text, origin_story text, traits text[], communication_style text,
  interests text[], quirks text[], creativity smallint, leadership smallint, skepticism smallint, aggression smallint, shyness smallint,
  engagement_style text, provider text, model text, memory_model text, temperature numeric, max_tokens integer, daily_token_cap bigint,
  daily_usd_cap numeric, paused boolean, reputation integer, upvotes integer, downvotes integer, heartbeat_interval_seconds integer,
  next_heartbeat_at timestamptz, last_heartbeat_at timestamptz, last_error text, last_error_at timestamptz, last_reflection_at timestamptz,
  avatar_color text, source text, created_at timestamptz, updated_at timestamptz);
CREATE TABLE synced_content_flags (id uuid PRIMARY KEY, bot_id uuid, thread_id uuid, reply_id uuid, reason text, details jsonb,
  resolved boolean, resolution text, resolved_at timestamptz, created_at timestamptz);
CREATE TABLE synced_applied_mutations (id uuid PRIMARY KEY, type text, txid bigint, status text, applied_at timestamptz);
${OUTBOX_SCHEMA}
${SHAPES.map(overlayViewSql).join('\n')}
${CONFIRM_TRIGGER}`;

let h: Harness;
let api: Awaited<ReturnType<typeof testApp>>;
let apiServer: ReturnType<typeof Bun.serve>;
let endpoint: string;
let bot: string;
let dir: string;
const cleanups: (() => Promise<unknown>)[] = [];

async function client(path?: string, opts: { schema?: boolean; shapes?: typeof SHAPES } = {}) {
  const pg = (await PGlite.create({ dataDir: path, extensions: { sync: electricSync() } })) as unknown as PGlite & PGliteWithSync;
  if (opts.schema !== false) await pg.exec(`SET TimeZone = 'UTC'; ${LOCAL_DDL}`);
  const syncs = [await startDashboardSync(pg, { url: h.shapeUrl, shapes: opts.shapes ?? SHAPES, localTable: syncedTable, key: path ? 'outbox-test' : null })];
  const stop = async () => {
    for (const s of syncs) s.unsubscribe();
    await pg.close();
  };
  cleanups.push(stop);
  await waitFor('the bot to sync', async () => (await pg.query('SELECT 1 FROM bots WHERE id = $1', [bot])).rows.length === 1);
  /** Starts syncing more shapes into the same database (ephemeral: tests that hold some back). */
  const syncMore = async (shapes: typeof SHAPES) => {
    syncs.push(await startDashboardSync(pg, { url: h.shapeUrl, shapes, localTable: syncedTable, key: null }));
  };
  return { pg, stop, syncMore };
}

function sender(pg: PGlite, extra: Partial<Parameters<typeof startOutboxSender>[0]> = {}): OutboxSender {
  const s = startOutboxSender({
    db: pg,
    endpoint,
    headers: () => ({ authorization: 'Bearer test-admin-token-0123456789' }),
    backoffMs: { initial: 50, max: 200 },
    ...extra,
  });
  cleanups.push(() => s.stop());
  return s;
}

const pgBot = async () => (await h.db.sql`SELECT creativity, skepticism, aggression, name, paused FROM bots WHERE id = ${bot}`)[0]!;
const localBot = async (pg: PGlite, table = 'bots') => (await pg.query<Record<string, unknown>>(`SELECT creativity, skepticism, aggression, name, paused FROM ${table} WHERE id = $1`, [bot])).rows[0]!;
const overlayCount = async (pg: PGlite) => (await pg.query<{ n: number }>('SELECT count(*)::int AS n FROM chorus_overlay')).rows[0]!.n;

beforeAll(async () => {
  h = await startHarness({ tables: '*' });
  api = await testApp(h.db);
  apiServer = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: (req) => api.app.handle(req) });
  endpoint = `http://127.0.0.1:${apiServer.port}/api/mutations`;
  const [row] = await h.db.sql`INSERT INTO bots (handle, name) VALUES ('outboxer', 'Outboxer') RETURNING id`;
  bot = row!.id;
  dir = await tempDir('chorus-outbox-');
});

// Each test's clients and senders stop with it, so later tests do not share the machine with them.
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

afterAll(async () => {
  apiServer.stop(true);
  await h.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('writes through the sync layer', () => {
  test('offline edits show at once, survive a PGlite reopen, and are applied exactly once when the server is reachable', async () => {
    const path = join(dir, 'offline');
    const first = await client(path);
    // The sender cannot reach the server.
    let tries = 0;
    const unreachable = sender(first.pg, {
      endpoint: 'http://127.0.0.1:9/api/mutations',
      fetch: ((url: string, init: RequestInit) => {
        tries++;
        return fetch(url, init);
      }) as typeof fetch,
    });
    await applyLocalMutation(first.pg, { type: 'bot.update_config', bot_id: bot, patch: { creativity: 3, name: 'Offline Name' } });
    expect(await localBot(first.pg)).toMatchObject({ creativity: 3, name: 'Offline Name' });
    expect(await localBot(first.pg, 'synced_bots')).toMatchObject({ creativity: 50, name: 'Outboxer' }); // synced rows untouched
    // It tried, failed and backed off, more than once, and still holds the edit.
    await waitFor('a few failed sends', () => tries >= 3);
    expect(await pgBot()).toMatchObject({ creativity: 50 });
    expect((await first.pg.query<{ state: string }>('SELECT state FROM chorus_outbox')).rows).toEqual([{ state: 'pending' }]);
    await unreachable.stop();
    await first.stop();

    const again = await client(path, { schema: false });
    expect(await localBot(again.pg)).toMatchObject({ creativity: 3, name: 'Offline Name' });
    const s = sender(again.pg);
    await s.idle();
    await waitFor('the overlay to drop', async () => (await overlayCount(again.pg)) === 0);
    expect(await pgBot()).toMatchObject({ creativity: 3, name: 'Offline Name' });
    expect(await localBot(again.pg, 'synced_bots')).toMatchObject({ creativity: 3, name: 'Offline Name' });
    const [n] = await h.db.sql`SELECT count(*)::int AS n FROM applied_mutations WHERE type = 'bot.update_config'`;
    expect(n!.n).toBe(1);
    await s.stop();
    await again.stop();
  });

  test('a woken bot is due now at once here and upstream once sent; a paused one is refused locally, writing nothing', async () => {
    const c = await client();
    await h.db.sql`UPDATE bots SET next_heartbeat_at = now() + interval '1 day' WHERE id = ${bot}`;
    await waitFor('the far-off heartbeat to sync', async () => (await c.pg.query<{ later: boolean }>('SELECT next_heartbeat_at > now() AS later FROM bots WHERE id = $1', [bot])).rows[0]?.later === true);
    await applyLocalMutation(c.pg, { type: 'bot.wake', bot_id: bot });
    expect((await c.pg.query<{ due: boolean }>('SELECT next_heartbeat_at <= now() AS due FROM bots WHERE id = $1', [bot])).rows[0]!.due).toBe(true);
    const s = sender(c.pg);
    await s.idle();
    await waitFor('the overlay to drop', async () => (await overlayCount(c.pg)) === 0);
    const [up] = await h.db.sql`SELECT next_heartbeat_at <= now() AS due FROM bots WHERE id = ${bot}`;
    expect(up!.due).toBe(true);

    await h.db.sql`UPDATE bots SET paused = true WHERE id = ${bot}`;
    await waitFor('the pause to sync', async () => (await localBot(c.pg)).paused === true);
    const queued = async () => (await c.pg.query<{ n: number }>('SELECT count(*)::int AS n FROM chorus_outbox')).rows[0]!.n;
    const before = await queued();
    await expect(applyLocalMutation(c.pg, { type: 'bot.wake', bot_id: bot })).rejects.toThrow('this bot is paused');
    expect(await queued()).toBe(before);
    expect(await overlayCount(c.pg)).toBe(0);
    await h.db.sql`UPDATE bots SET paused = false WHERE id = ${bot}`;
  });

  test('a batch resent after a lost response is not applied twice', async () => {
    // Confirmations are held back at first: if the applied_mutations row arrived before the
    // resend, the sender would rightly drop the mutation unsent, and the resend would go untested.
    const confirmations = SHAPES.filter((x) => x.table === 'applied_mutations');
    const { pg, syncMore } = await client(undefined, { shapes: SHAPES.filter((x) => x.table !== 'applied_mutations') });
    let lost = 0;
    const s = sender(pg, {
      // The server gets the request and applies it, but the answer never comes back, once.
      fetch: (async (url: string, init: RequestInit) => {
        const res = await fetch(url, init);
        if (lost++ === 0) throw new TypeError('network connection lost');
        return res;
      }) as typeof fetch,
    });
    const newBot = randomUUID();
    await applyLocalMutation(pg, { type: 'bot.create', bot_id: newBot, bot: { handle: 'twice-sent', name: 'Twice Sent' } });
    expect((await pg.query('SELECT name FROM bots WHERE id = $1', [newBot])).rows).toEqual([{ name: 'Twice Sent' }]);
    await s.idle();
    expect(lost).toBeGreaterThanOrEqual(2);
    const rows = await h.db.sql`SELECT id FROM bots WHERE handle = 'twice-sent'`;
    expect(rows.map((r) => r.id)).toEqual([newBot]);
    await waitFor('the new bot to sync', async () => (await pg.query('SELECT 1 FROM synced_bots WHERE id = $1', [newBot])).rows.length === 1);
    await syncMore(confirmations);
    await waitFor('the overlay to drop', async () => (await pg.query<{ n: number }>('SELECT count(*)::int AS n FROM chorus_overlay_rows')).rows[0]!.n === 0);
    expect((await pg.query('SELECT count(*)::int AS n FROM bots WHERE id = $1', [newBot])).rows).toEqual([{ n: 1 }]);
  });

  test('two clients editing different fields of one bot both win', async () => {
    const a = await client();
    const b = await client();
    await applyLocalMutation(a.pg, { type: 'bot.update_config', bot_id: bot, patch: { skepticism: 12 } });
    await applyLocalMutation(b.pg, { type: 'bot.update_config', bot_id: bot, patch: { aggression: 88 } });
    await Promise.all([sender(a.pg).idle(), sender(b.pg).idle()]);
    expect(await pgBot()).toMatchObject({ skepticism: 12, aggression: 88 });
    for (const c of [a, b]) {
      await waitFor('both edits to reach both clients', async () => {
        const r = await localBot(c.pg);
        return r.skepticism === 12 && r.aggression === 88 && (await overlayCount(c.pg)) === 0;
      });
    }
  });

  test('refused for want of a session, edits stay queued (not rejected) and go once signed in', async () => {
    const { pg } = await client();
    const refusals: OutboxRefusedError[] = [];
    let accepted = 0;
    const signedOut = sender(pg, {
      headers: () => ({ authorization: 'Bearer not-the-admin-token-at-all' }),
      onError: (e) => {
        if (e instanceof OutboxRefusedError) refusals.push(e);
      },
      onAccepted: () => accepted++,
    });
    await applyLocalMutation(pg, { type: 'bot.update_config', bot_id: bot, patch: { shyness: 7 } });
    await waitFor('the server to refuse the sender', async () => refusals.length > 0);
    await signedOut.stop();
    expect(refusals[0]!.status).toBe(401);
    expect(accepted).toBe(0);
    const [queued] = (await pg.query<{ state: string; error: string | null }>('SELECT state, error FROM chorus_outbox')).rows;
    expect(queued).toEqual({ state: 'pending', error: null });
    expect((await pg.query<{ shyness: number }>('SELECT shyness FROM bots WHERE id = $1', [bot])).rows[0]!.shyness).toBe(7); // still shown

    let acceptedNow = 0;
    await sender(pg, { onAccepted: () => acceptedNow++ }).idle();
    expect(acceptedNow).toBe(1);
    expect((await h.db.sql`SELECT shyness FROM bots WHERE id = ${bot}`)[0]!.shyness).toBe(7);
  });

  test("an answer that is not the server's refusal (a proxy's 404, 413, an HTML page) undoes nothing: retried, shown as unsent", async () => {
    const { pg } = await client();
    const answers = [
      () => new Response('<html><body>404 Not Found</body></html>', { status: 404, headers: { 'content-type': 'text/html' } }),
      () => new Response('Request Entity Too Large', { status: 413, headers: { 'content-type': 'text/plain' } }),
      () => Response.json({ error: 'not_found', message: 'no route for POST /api/mutations' }, { status: 404 }),
      () => Response.json({ error: 'bad', message: 'refused', index: 0, mutation_id: randomUUID(), reason: 'someone else' }, { status: 422 }),
    ];
    let served = 0;
    const unsent: OutboxUnsentError[] = [];
    const rejected: unknown[] = [];
    const s = sender(pg, {
      fetch: (async (url: string, init: RequestInit) => (served < answers.length ? answers[served++]!() : fetch(url, init))) as typeof fetch,
      onError: (e) => {
        if (e instanceof OutboxUnsentError) unsent.push(e);
      },
      onRejected: (r) => rejected.push(r),
    });
    await applyLocalMutation(pg, { type: 'bot.update_config', bot_id: bot, patch: { name: 'Through A Proxy' } });
    await s.idle();
    expect(unsent.map((e) => e.status)).toEqual([404, 413, 404, 422]);
    expect(rejected).toEqual([]);
    expect((await h.db.sql`SELECT name FROM bots WHERE id = ${bot}`)[0]!.name).toBe('Through A Proxy');
    await waitFor('the edit to sync back', async () => (await localBot(pg, 'synced_bots')).name === 'Through A Proxy');
  });

  test('a rejected mutation rolls back locally with its reason, and later ones still go', async () => {
    const { pg } = await client();
    const rejected: { message: string; field: string }[] = [];
    await applyLocalMutation(pg, { type: 'bot.update_config', bot_id: bot, patch: { provider: 'nowhere' } });
    await applyLocalMutation(pg, { type: 'bot.update_config', bot_id: bot, patch: { name: 'After Rejection' } });
    expect((await pg.query<{ provider: string }>('SELECT provider FROM bots WHERE id = $1', [bot])).rows[0]!.provider).toBe('nowhere');
    const s = sender(pg, { onRejected: (r) => rejected.push(r) });
    await s.idle();
    expect(rejected.length).toBe(1);
    expect(rejected[0]!.field).toBe('patch.provider');
    expect(rejected[0]!.message).toContain('"nowhere" is not configured');
    const [row] = (await pg.query<{ state: string; error: string }>(`SELECT state, error FROM chorus_outbox WHERE state = 'rejected'`)).rows;
    expect(row!.error).toContain('not configured');
    expect(row!.error).not.toContain('mutations['); // the reason, without the batch position
    await waitFor('the later edit to arrive', async () => (await localBot(pg, 'synced_bots')).name === 'After Rejection');
    expect((await pg.query<{ provider: string }>('SELECT provider FROM bots WHERE id = $1', [bot])).rows[0]!.provider).toBe('sim');
    // bad input never even gets queued
    await expect(applyLocalMutation(pg, { type: 'bot.update_config', bot_id: bot, patch: { creativity: 101 } })).rejects.toThrow(/patch.creativity/);
  });

  test('the overlay is dropped only after the change arrives through the shape stream', async () => {
    const { pg } = await client();
    await h.stopServer();
    try {
      await applyLocalMutation(pg, { type: 'bot.update_config', bot_id: bot, patch: { creativity: 77 } });
      await sender(pg).idle();
      expect((await pgBot()).creativity).toBe(77); // applied on the server…
      const [sent] = (await pg.query<{ state: string; txid: number }>('SELECT state, txid FROM chorus_outbox')).rows;
      expect(sent!.state).toBe('sent');
      expect(typeof sent!.txid).toBe('number');
      // Another full round of the sender, and the sync still has nothing to confirm it with.
      await sender(pg).idle();
      expect(await overlayCount(pg)).toBeGreaterThan(0); // …but not here yet: the overlay holds
      expect((await localBot(pg)).creativity).toBe(77);
      expect((await localBot(pg, 'synced_bots')).creativity).not.toBe(77);
    } finally {
      await h.restartServer();
    }
    // Watch the view while the change lands: it must never show the old value again.
    const seen = new Set<unknown>();
    await waitFor('the overlay to drop', async () => {
      seen.add((await localBot(pg)).creativity);
      return (await overlayCount(pg)) === 0;
    }, 30_000);
    expect([...seen]).toEqual([77]);
    expect((await localBot(pg, 'synced_bots')).creativity).toBe(77);
  });

  test('a sent mutation that is never confirmed is sent again, and still applied once', async () => {
    const { pg } = await client();
    await h.stopServer();
    try {
      const id = await applyLocalMutation(pg, { type: 'bot.update_config', bot_id: bot, patch: { shyness: 9 } });
      sender(pg, { resendUnconfirmedAfterMs: 200 });
      await waitFor('several sends', async () => (await pg.query<{ attempts: number }>('SELECT attempts FROM chorus_outbox')).rows[0]!.attempts >= 3);
      const [n] = await h.db.sql`SELECT count(*)::int AS n FROM applied_mutations WHERE id = ${id}`;
      expect(n!.n).toBe(1);
    } finally {
      await h.restartServer();
    }
    await waitFor('the confirmation to arrive', async () => (await pg.query<{ n: number }>('SELECT count(*)::int AS n FROM chorus_outbox')).rows[0]!.n === 0, 30_000);
    expect((await pg.query<{ shyness: number }>('SELECT shyness FROM synced_bots WHERE id = $1', [bot])).rows[0]!.shyness).toBe(9);
  });

  test('1,000 queued mutations drain in order', async () => {
    const { pg } = await client();
    for (let i = 0; i < 1000; i++) {
      await applyLocalMutation(pg, { type: 'bot.update_config', bot_id: bot, patch: { leadership: i % 101, name: `Step ${i}` } });
    }
    expect((await pg.query<{ name: string }>('SELECT name FROM bots WHERE id = $1', [bot])).rows[0]!.name).toBe('Step 999');
    await sender(pg).idle();
    const [b] = await h.db.sql`SELECT name, leadership FROM bots WHERE id = ${bot}`;
    expect(b).toEqual({ name: 'Step 999', leadership: 999 % 101 });
    const [n] = await h.db.sql`SELECT count(*)::int AS n FROM applied_mutations WHERE type = 'bot.update_config'`;
    expect(n!.n).toBeGreaterThanOrEqual(1000);
    await waitFor('every overlay to drop', async () => (await overlayCount(pg)) === 0, 60_000);
    expect((await localBot(pg, 'synced_bots')).name).toBe('Step 999');
  });
});

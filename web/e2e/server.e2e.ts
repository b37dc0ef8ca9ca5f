import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, queryInPage, waitForDb, waitForServiceWorker, type Browser } from './browser';
import { E2E_ADMIN_TOKEN, startRealServer, type RealServer } from './real-server';

// Against the real server: Postgres → shape server → PGlite in the browser, and back through
// POST /api/mutations.
describe('the dashboard on the real server', () => {
  let server: RealServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startRealServer();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('asks for the admin token on a first visit, then syncs the demo community', async () => {
    const { page } = browser;
    await page.goto(server.url);
    await waitForDb(page);
    const panel = page.getByRole('region', { name: 'Sign in to sync' });
    await panel.waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: /^Online, Sign in to sync,/ }).waitFor();
    await panel.getByLabel('Admin token').fill('not-the-admin-token');
    await panel.getByRole('button', { name: 'Sign in' }).click();
    await panel.getByText('that is not the admin token').waitFor();
    await panel.getByLabel('Admin token').fill(E2E_ADMIN_TOKEN);
    await panel.getByRole('button', { name: 'Sign in' }).click();
    await panel.waitFor({ state: 'detached', timeout: 30_000 });
    await page.locator('.bot-list__item').first().waitFor({ timeout: 90_000 });
    await page.getByRole('button', { name: /Up to date/ }).waitFor({ timeout: 60_000 });
    // The browser holds a session cookie it cannot read, never the token.
    const cookies = await browser.context.cookies(server.url);
    expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([['chorus_session', true, 'Strict']]);
    expect(JSON.stringify(cookies)).not.toContain(E2E_ADMIN_TOKEN);
    expect(await page.evaluate(() => document.cookie)).toBe('');
  });

  it('sends an edit to Postgres once, and the local copy settles on the server value', async () => {
    const { page } = browser;
    const [bot] = await queryInPage<{ id: string; name: string; paused: boolean }>(page, 'SELECT id, name, paused FROM bots WHERE NOT paused ORDER BY name LIMIT 1');
    expect(bot).toBeDefined();
    await page.goto(`${server.url}/bots/${bot!.id}`);
    await waitForDb(page);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.getByRole('button', { name: 'Resume', exact: true }).waitFor();
    // Confirmed when the server's applied_mutations row syncs back and drops the outbox entry.
    await pendingSettles(page);
    const upstream = (await (await fetch(`${server.url}/api/bots/${bot!.id}`, { headers: server.admin })).json()) as { paused: boolean };
    expect(upstream.paused).toBe(true);
    const synced = await queryInPage<{ paused: boolean }>(page, `SELECT paused FROM synced_bots WHERE id = '${bot!.id}'`);
    expect(synced).toEqual([{ paused: true }]);
  });

  it('creates a bot offline: it shows at once, survives a reload, and reaches Postgres exactly once online', async () => {
    const { page, context } = browser;
    await waitForServiceWorker(page);
    await context.setOffline(true);
    try {
      await createBot(page, server.url, 'Offline Owl');
      await page.getByRole('heading', { name: 'Offline Owl', level: 1 }).waitFor();
      await page.reload();
      await waitForDb(page);
      await page.getByRole('heading', { name: 'Offline Owl', level: 1 }).waitFor();
      await page.getByRole('button', { name: /^Offline, .*, 1 pending change$/ }).waitFor();
      expect(await upstreamHandles(server, 'offline-owl')).toBe(0);
    } finally {
      await context.setOffline(false);
    }
    const [queued] = await queryInPage<{ id: string }>(page, "SELECT id FROM chorus_outbox WHERE type = 'bot.create'");
    expect(queued).toBeDefined();
    await pendingSettles(page);
    expect(await upstreamHandles(server, 'offline-owl')).toBe(1);
    const applied = await queryInPage<{ n: number }>(page, `SELECT count(*)::int AS n FROM synced_applied_mutations WHERE id = '${queued!.id}'`);
    expect(applied).toEqual([{ n: 1 }]);
    await page.getByRole('heading', { name: 'Offline Owl', level: 1 }).waitFor();
  });

  it('shows why the server refused an edit, and undoes it locally', async () => {
    const { page, context } = browser;
    await context.setOffline(true);
    try {
      await createBot(page, server.url, 'Twin Handle');
      await page.getByRole('heading', { name: 'Twin Handle', level: 1 }).waitFor();
      // Meanwhile someone else takes the handle on the server.
      const res = await fetch(`${server.url}/api/bots`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...server.admin },
        body: JSON.stringify({ handle: 'twin-handle', name: 'The Other Twin' }),
      });
      expect(res.status).toBe(201);
    } finally {
      await context.setOffline(false);
    }
    const alert = page.getByRole('alert').filter({ hasText: 'Not saved' });
    await alert.getByText('New bot: handle "twin-handle" is already taken').waitFor({ timeout: 45_000 });
    await pendingSettles(page);
    // The local copy is gone; the one on the server is the other twin.
    // (The other twin was created while this browser was offline; it may sync just after.)
    await expect
      .poll(() => queryInPage<{ name: string }>(page, "SELECT name FROM bots WHERE handle = 'twin-handle'"), { timeout: 30_000, interval: 200 })
      .toEqual([{ name: 'The Other Twin' }]);
    await alert.getByRole('button', { name: /^Dismiss/ }).click();
    await alert.waitFor({ state: 'detached' });
  });

  // Last: the triggered heartbeats hold their bots' rows while they run, which would delay an edit.
  it('shows new activity written upstream without a reload', async () => {
    const { page } = browser;
    await page.goto(server.url);
    await waitForDb(page);
    const newest = () => page.locator('.feed__item time').first().getAttribute('datetime');
    await page.locator('.feed__item').first().waitFor({ timeout: 30_000 });
    const before = await newest();
    // Every bot runs one heartbeat now; each records an activity row in Postgres.
    const res = await fetch(`${server.url}/api/pace/trigger`, { method: 'POST', headers: server.admin });
    expect(res.ok).toBe(true);
    await expect.poll(newest, { timeout: 30_000, interval: 250 }).not.toBe(before);
  });

  it('the public view syncs only public shapes, without a session, and shows no configuration', async () => {
    const visitor = await launch();
    try {
      const { page } = visitor;
      const shapeRequests: URL[] = [];
      page.on('request', (r) => {
        const u = new URL(r.url());
        if (u.pathname === '/v1/shape') shapeRequests.push(u);
      });
      await page.goto(`${server.url}/public`);
      await waitForDb(page);
      await page.getByRole('heading', { name: 'The Chorus community' }).waitFor();
      await page.getByText('@null-hypothesis').first().waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: /Up to date/ }).waitFor({ timeout: 60_000 });

      // Only the public tables exist in this tab's database, with only the public columns.
      const tables = await queryInPage<{ table_name: string }>(page, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
      expect(tables.map((t) => t.table_name)).toEqual(['activity', 'bots', 'follows', 'replies', 'sync_state', 'threads']);
      const botColumns = await queryInPage<{ column_name: string }>(page, "SELECT column_name FROM information_schema.columns WHERE table_name = 'bots'");
      for (const secret of ['model', 'provider', 'daily_token_cap', 'paused', 'last_error']) expect(botColumns.map((c) => c.column_name)).not.toContain(secret);
      // Every shape it asked for is a public one, and it got them without a cookie.
      expect(shapeRequests.length).toBeGreaterThan(0);
      expect(new Set(shapeRequests.map((u) => u.searchParams.get('table')))).toEqual(new Set(['bots', 'threads', 'replies', 'follows', 'activity']));
      expect(await visitor.context.cookies(server.url)).toEqual([]);

      const text = await page.locator('body').innerText();
      for (const secret of ['chorus-sim-1', 'Temperature', 'Token cap', 'USD', 'tokens', 'Memory', 'Settings', 'Moderation', 'Sign in']) {
        expect(text, `public view shows "${secret}"`).not.toContain(secret);
      }
      expect(await page.getByRole('button', { name: /Pause|Resume/ }).count()).toBe(0);
    } finally {
      await visitor.close();
    }
  });

  it('signs out from Settings: the cookie goes and the dashboard asks for the token again', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/settings`);
    await waitForDb(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('region', { name: 'Sign in to sync' }).waitFor({ timeout: 60_000 });
    expect(await browser.context.cookies(server.url)).toEqual([]);
    // What was synced stays readable while signed out.
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  });
});

/** Fills the new-bot form with just a name (the handle follows it) and submits. */
async function createBot(page: Page, base: string, name: string): Promise<void> {
  await page.goto(`${base}/bots/new`);
  await waitForDb(page);
  await page.getByRole('textbox', { name: /^Name/ }).fill(name);
  await page.getByRole('button', { name: 'Create bot' }).click();
}

/** How many bots on the server have this handle, read through the real API. */
async function upstreamHandles(server: RealServer, handle: string): Promise<number> {
  return ((await (await fetch(`${server.url}/api/bots`, { headers: server.admin })).json()) as { handle: string }[]).filter((b) => b.handle === handle).length;
}

/**
 * Waits until the outbox has nothing pending (sent and confirmed through the shape stream); a
 * refused edit is not pending, and the status names it after the pending count.
 */
async function pendingSettles(page: Page): Promise<void> {
  await page
    .getByRole('button', { name: /^Online, .*, 0 pending changes(, \d+ refused changes?)?$/ })
    .waitFor({ timeout: 45_000 })
    .catch(async (err: unknown) => {
      const outbox = await queryInPage(page, 'SELECT type, state, attempts, txid, error FROM chorus_outbox');
      throw new Error(`still pending: ${JSON.stringify(outbox)}; ${String(err)}`);
    });
}

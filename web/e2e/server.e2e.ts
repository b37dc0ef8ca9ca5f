import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, queryInPage, waitForDb, type Browser } from './browser';
import { startRealServer, type RealServer } from './real-server';

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

  it('syncs the demo community on a first visit and reports it is up to date', async () => {
    const { page } = browser;
    await page.goto(server.url);
    await waitForDb(page);
    await page.locator('.bot-list__item').first().waitFor({ timeout: 90_000 });
    await page.getByRole('button', { name: /Up to date/ }).waitFor({ timeout: 60_000 });
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
    await page
      .getByRole('button', { name: /, 0 pending changes$/ })
      .waitFor({ timeout: 45_000 })
      .catch(async (err: unknown) => {
        const outbox = await queryInPage(page, 'SELECT type, state, attempts, txid, error FROM chorus_outbox');
        throw new Error(`still pending: ${JSON.stringify(outbox)}; ${String(err)}`);
      });
    const upstream = (await (await fetch(`${server.url}/api/bots/${bot!.id}`)).json()) as { paused: boolean };
    expect(upstream.paused).toBe(true);
    const synced = await queryInPage<{ paused: boolean }>(page, `SELECT paused FROM synced_bots WHERE id = '${bot!.id}'`);
    expect(synced).toEqual([{ paused: true }]);
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
    const res = await fetch(`${server.url}/api/pace/trigger`, { method: 'POST' });
    expect(res.ok).toBe(true);
    await expect.poll(newest, { timeout: 30_000, interval: 250 }).not.toBe(before);
  });
});

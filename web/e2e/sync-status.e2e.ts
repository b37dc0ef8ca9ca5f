import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, queryInPage, waitForDb, waitForServiceWorker, type Browser } from './browser';
import { signIn, startRealServer, type RealServer } from './real-server';

// The status element against the real server: what it says must be what holds, whichever of
// browser and server is gone, and right after a reload.
describe('the sync status', () => {
  let server: RealServer;
  let browser: Browser;
  const status = (page: Page, name: RegExp) => page.getByRole('button', { name });

  beforeAll(async () => {
    server = await startRealServer();
    browser = await launch();
    // Every condition the status element shows, in order, from the first paint of each page.
    await browser.context.addInitScript(() => {
      const seen: string[] = [];
      (globalThis as { syncConditions?: string[] }).syncConditions = seen;
      new MutationObserver(() => {
        const now = document.querySelector('.sync-status')?.getAttribute('data-condition');
        if (now && seen.at(-1) !== now) seen.push(now);
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-condition'] });
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const conditions = (page: Page) => page.evaluate(() => (globalThis as { syncConditions?: string[] }).syncConditions ?? []);

  it('is up to date once synced, and a reload with the data here goes to up to date without "Loading"', async () => {
    const { page } = browser;
    await signIn(page, server);
    await status(page, /^Online, Up to date,/).waitFor({ timeout: 60_000 });
    await waitForServiceWorker(page);

    await page.reload();
    await waitForDb(page);
    await page.locator('.bot-list__item').first().waitFor();
    await status(page, /^Online, Up to date,/).waitFor({ timeout: 30_000 });
    const after = await conditions(page);
    expect(after).not.toContain('loading');
    expect(after.at(-1)).toBe('up_to_date');
  });

  it("says it can't reach a stopped server within 10 s, and since when, then recovers", async () => {
    const { page } = browser;
    await server.halt();
    try {
      await status(page, /^Online, Can't reach the server, retrying, since \d\d:\d\d:\d\d,/).waitFor({ timeout: 10_000 });
      // What is stored here stays on screen.
      await page.locator('.bot-list__item').first().waitFor();
    } finally {
      await server.resume();
    }
    await status(page, /^Online, Up to date,/).waitFor({ timeout: 60_000 });
  });

  it('says offline when the browser is, with or without the server, and keeps an edit pending in view', async () => {
    const { page, context } = browser;
    const [bot] = await queryInPage<{ id: string; name: string }>(page, 'SELECT id, name FROM bots WHERE NOT paused ORDER BY name LIMIT 1');
    expect(bot).toBeDefined();
    await page.goto(`${server.url}/bots/${bot!.id}`);
    await waitForDb(page);
    await status(page, /^Online, Up to date,/).waitFor({ timeout: 30_000 });

    await context.setOffline(true);
    let resumed = false;
    try {
      await status(page, /^Offline, /).waitFor();
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await status(page, /^Offline, .*, 1 pending change$/).waitFor();
      await status(page, /^Offline, /).click();
      const details = page.getByRole('dialog');
      await details.getByText('This browser is offline').waitFor();
      await details.getByRole('list', { name: 'Pending changes' }).getByText(/^Pause\/resume: waiting to be sent/).waitFor();
      await details.getByRole('button', { name: 'Close' }).click();

      // Both gone: the browser's own state is the one that explains it.
      await server.halt();
      await status(page, /^Offline, .*, 1 pending change$/).waitFor();
      await context.setOffline(false);
      await status(page, /^Online, Can't reach the server, retrying, .*, 1 pending change$/).waitFor({ timeout: 10_000 });
      await server.resume();
      resumed = true;
    } finally {
      await context.setOffline(false);
      if (!resumed) await server.resume();
    }
    // Back: the edit goes through, and the status says so.
    await status(page, /^Online, Up to date, .*, 0 pending changes$/).waitFor({ timeout: 60_000 });
    const upstream = (await (await fetch(`${server.url}/api/bots/${bot!.id}`, { headers: server.admin })).json()) as { paused: boolean };
    expect(upstream.paused).toBe(true);
  });
});

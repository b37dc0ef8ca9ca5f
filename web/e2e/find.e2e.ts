import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activitySql, seedSql, threadId } from '../test/fixtures/seed';
import { execInPage, launch, queryInPage, waitForDb, type Browser } from './browser';
import { BUILD_DIR } from './paths';
import { serveStatic, type StaticServer } from './static-server';

// Finding things in the seeded local database: thread order, one search over posts and memory,
// the activity feed by bot and action reaching back into the past, and the keyboard shortcuts.
describe('finding things', () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await serveStatic(BUILD_DIR);
    browser = await launch();
    await browser.page.goto(server.url);
    await waitForDb(browser.page);
    await execInPage(browser.page, seedSql());
    // Enough history for the feed to have older pages: 80 threads started by bot 3, an hour apart.
    const past = Array.from({ length: 80 }, (_, i) => activitySql(i + 1, 3, `started old thread ${i + 1}`, new Date(Date.now() - (i + 30) * 3_600_000)));
    await execInPage(browser.page, past.join('\n'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sorts threads by activity, newest and top, kept in the URL', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/threads`);
    await waitForDb(page);
    const titles = () => page.locator('.thread-list li').evaluateAll((els) => els.map((el) => el.querySelector('a')?.textContent?.trim() ?? ''));
    await page.getByText('Maps that lied').waitFor();
    const sorts = page.getByRole('group', { name: 'Sort threads' });
    for (const [label, order] of [
      ['Top', 'score DESC, created_at DESC'],
      ['New', 'created_at DESC'],
      ['Active', 'last_activity_at DESC'],
    ] as const) {
      await sorts.getByRole('button', { name: label }).click();
      const expected = (await queryInPage<{ title: string }>(page, `SELECT title FROM threads ORDER BY ${order}, id`)).map((t) => t.title);
      await expect.poll(titles, { timeout: 15_000 }).toEqual(expected);
    }
    await sorts.getByRole('button', { name: 'Top' }).click();
    await page.waitForURL(/sort=top/);
    await page.reload();
    await waitForDb(page);
    expect(await sorts.getByRole('button', { name: 'Top' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('searches threads, replies and memory at once, and a hit opens where it was said', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/search`);
    await waitForDb(page);
    await page.getByRole('searchbox', { name: 'Search threads, replies and memory' }).fill('engine');
    for (const section of ['Threads', 'Replies', 'Memory']) await page.getByRole('heading', { level: 2, name: new RegExp(`^${section} \\(`) }).waitFor();
    const replies = page.getByRole('region', { name: /^Replies \(/ });
    // The reply that said it, with the word marked, links to its thread.
    await replies.locator('mark', { hasText: 'engine' }).first().waitFor();
    await replies.getByRole('link', { name: 'Can an engine compose music?' }).click();
    await page.waitForURL(`**/threads/${threadId(1)}`);
    // Words nobody used find nothing, and say so.
    await page.goto(`${server.url}/search?q=xylophonic`);
    await page.getByText('Nothing matches these words.').waitFor();
  });

  it('filters the feed by bot and action, and shows older activity on request', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/activity`);
    await waitForDb(page);
    const items = page.locator('.feed__item');
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(50);
    await page.getByRole('button', { name: 'Show older' }).click();
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(100);
    await page.getByRole('button', { name: 'Show older' }).click();
    const [all] = await queryInPage<{ n: number }>(page, 'SELECT count(*)::int AS n FROM activity');
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(all!.n);
    expect(await page.getByRole('button', { name: 'Show older' }).count()).toBe(0);

    await page.goto(`${server.url}/activity?action=follow`);
    await waitForDb(page);
    const [follows] = await queryInPage<{ n: number }>(page, "SELECT count(*)::int AS n FROM activity WHERE action = 'follow'");
    expect(follows!.n).toBeGreaterThan(0);
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(follows!.n);
    expect((await page.locator('.feed__summary').allTextContents()).filter((s) => !s.startsWith('followed '))).toEqual([]);
  });

  it('answers the keyboard: g + letter moves, / searches, ? lists the shortcuts', async () => {
    const { page } = browser;
    await page.goto(server.url);
    await waitForDb(page);
    await page.locator('.bot-list__item').first().waitFor();
    await page.keyboard.press('g');
    await page.keyboard.press('t');
    await page.waitForURL(`${server.url}/threads`);
    // On a view with its own search, / goes to that field.
    await page.getByText('Maps that lied').waitFor();
    await page.keyboard.press('/');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('search');
    // Typed into a field, the same keys are text.
    await page.keyboard.type('g');
    expect(page.url()).toBe(`${server.url}/threads?q=g`);
    await page.locator('main h1').click();
    await page.keyboard.press('g');
    await page.keyboard.press('o');
    await page.waitForURL(`${server.url}/`);
    await page.keyboard.press('/');
    await page.waitForURL(`${server.url}/search`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
    await page.locator('main h1').click();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.getByText('Go to Settings').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});

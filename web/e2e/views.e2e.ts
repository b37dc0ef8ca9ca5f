import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botId, publicSeedSql, seedSql, threadId } from '../test/fixtures/seed';
import { execInPage, launch, waitForDb, type Browser } from './browser';
import { BUILD_DIR, SCREENSHOT_DIR } from './paths';
import { serveStatic, type StaticServer } from './static-server';

// `ready` is text that only shows once the view's data has arrived, so screenshots show data.
const VIEWS: readonly { name: string; path: string; ready: string }[] = [
  { name: 'overview', path: '/', ready: 'searched the web for astronomy' },
  { name: 'threads', path: '/threads', ready: 'Maps that lied' },
  { name: 'thread', path: `/threads/${threadId(1)}`, ready: 'Why must a composer have intention at all?' },
  { name: 'bot', path: `/bots/${botId(1)}`, ready: 'Reputation over time' },
  { name: 'new-bot', path: '/bots/new', ready: '6 of at most 12 bots.' },
  { name: 'stats', path: '/stats', ready: '(1▲ 3▼)' },
  { name: 'moderation', path: '/moderation', ready: 'Repetitive (over 60% overlap with recent posts)' },
  { name: 'settings', path: '/settings', ready: 'Tokens per bot per day' },
  { name: 'public', path: '/public', ready: 'reputation 14 · 2 threads · 4 followers' },
];

const SIZES = [
  { name: 'desktop', width: 1280, height: 860 },
  { name: 'phone', width: 390, height: 844 },
] as const;

let server: StaticServer;
beforeAll(async () => {
  server = await serveStatic(BUILD_DIR);
  await mkdir(SCREENSHOT_DIR, { recursive: true });
});
afterAll(async () => {
  await server?.close();
});

for (const size of SIZES) {
  describe(`views at ${size.name} width`, () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launch({ width: size.width, height: size.height });
      await browser.page.goto(server.url);
      await waitForDb(browser.page);
      await execInPage(browser.page, seedSql());
    });
    afterAll(async () => {
      await browser?.close();
    });

    for (const view of VIEWS) {
      it(`renders ${view.name} without horizontal overflow`, async () => {
        const { page } = browser;
        await page.goto(`${server.url}${view.path}`);
        await waitForDb(page);
        // The public view has its own in-memory database (public shapes only): seed it on arrival.
        if (view.name === 'public') await execInPage(page, publicSeedSql());
        await page
          .getByText(view.ready)
          .first()
          .waitFor()
          .catch(async (err: unknown) => {
            await page.screenshot({ path: join(SCREENSHOT_DIR, `FAILED-${size.name}-${view.name}.png`), fullPage: true });
            throw err;
          });
        // Charts animate in; give them a moment so the screenshot shows them drawn.
        await page.waitForTimeout(view.name === 'stats' || view.name === 'bot' ? 1200 : 200);
        await page.screenshot({ path: join(SCREENSHOT_DIR, `${size.name}-${view.name}.png`), fullPage: true });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
      });
    }
  });
}

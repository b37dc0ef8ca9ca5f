import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Browser } from './browser';
import { SCREENSHOT_DIR } from './paths';
import { startRealServer, type RealServer } from './real-server';
import { PHONE, VIEWS, openView, signInToDemo, type DemoIds } from './view-list';

/**
 * What sticks out past the right or left edge of the viewport, where nothing scrolls it: an
 * element inside a scrolling box (a wide table, the nav) or an SVG (a chart's own clip) is that
 * box's business, not the page's.
 */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const contained = (el: Element): boolean => {
      for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
        if (e instanceof SVGElement) return true;
        const { overflowX } = getComputedStyle(e);
        if (overflowX !== 'visible') return true;
      }
      return false;
    };
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width) out.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px wide in ${width}`);
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || (r.right <= width + 0.5 && r.left >= -0.5) || contained(el)) continue;
      if (getComputedStyle(el).position === 'fixed') continue;
      out.push(`${el.tagName.toLowerCase()}.${String(el.getAttribute('class') ?? '').split(' ')[0]} spans ${Math.round(r.left)}–${Math.round(r.right)} px`);
    }
    return out.slice(0, 10);
  });
}

/** The page's text, for wording checks (what a person reads, not the markup). */
const textOf = (page: Page) => page.locator('body').innerText();

/** "1 followers", "1 threads", …: a count of one with a plural noun after it. */
const ONE_PLURAL = /(?<![\d.,])1 (followers|threads|replies|votes|calls|items|interactions|models|bots|entries|summaries|facts|tokens)\b/;

describe('the dashboard on a phone (390 × 844)', () => {
  let server: RealServer;
  let browser: Browser;
  let ids: DemoIds;

  beforeAll(async () => {
    // A provider nothing answers on, for a model call that fails the way a network does.
    server = await startRealServer({ CHORUS_PROVIDERS: 'unplugged=http://127.0.0.1:9/v1' });
    browser = await launch({ width: PHONE.width, height: PHONE.height });
    ids = await signInToDemo(browser.page, server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const view of VIEWS) {
    it(`${view.name}: nothing runs off the side of the screen, and no count of one reads as many`, async () => {
      const { page } = browser;
      await openView(page, server, view, ids);
      const found = await overflowing(page);
      if (found.length) await page.screenshot({ path: join(SCREENSHOT_DIR, `FAILED-phone-overflow-${view.slug}.png`), fullPage: true });
      expect(found).toEqual([]);
      expect(await textOf(page)).not.toMatch(ONE_PLURAL);
    });
  }

  it('the overview is a few screens tall, with the threads in reach and the rest of the feed a tap away', async () => {
    const { page } = browser;
    const overview = VIEWS.find((v) => v.slug === 'overview')!;
    await openView(page, server, overview, ids);
    await page.locator('.thread-list__item').first().waitFor();
    const feed = page.getByRole('region', { name: 'Live activity' });
    const entries = feed.locator('.feed__item');
    const total = await entries.count();
    // The demo's feed is long enough for this to mean something.
    expect(total).toBeGreaterThan(10);
    expect(await entries.filter({ visible: true }).count()).toBe(5);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThanOrEqual(3 * PHONE.height);
    const threads = await page.getByRole('heading', { name: 'Threads', level: 2 }).boundingBox();
    expect(threads!.y).toBeLessThanOrEqual(1.6 * PHONE.height);

    // Bots go on acting meanwhile, so the feed may have grown by the time of the tap.
    await feed.getByRole('button', { name: /^Show all \d+ entries$/ }).click();
    await expect.poll(async () => (await entries.filter({ visible: true }).count()) - (await entries.count())).toBe(0);
    expect(await feed.getByRole('button', { name: 'Show the first 5 only' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('the public page keeps each avatar beside its name, and shortens its feed too', async () => {
    const { page } = browser;
    const publicView = VIEWS.find((v) => v.slug === 'public')!;
    await openView(page, server, publicView, ids);
    const members = page.getByRole('region', { name: 'Members' }).getByRole('listitem');
    expect(await members.count()).toBeGreaterThan(3);
    for (const member of await members.all()) {
      const [avatar, name] = [await member.locator('.avatar').boundingBox(), await member.locator('strong').first().boundingBox()];
      // Beside: the name starts right of the avatar, and the two share a line.
      expect(name!.x, await member.innerText()).toBeGreaterThanOrEqual(avatar!.x + avatar!.width);
      expect(name!.y, await member.innerText()).toBeLessThan(avatar!.y + avatar!.height);
    }
    const feed = page.getByRole('region', { name: 'Activity' });
    await expect.poll(() => feed.locator('.feed__item').filter({ visible: true }).count()).toBe(5);
    expect(await feed.locator('.feed__item').count()).toBeGreaterThan(5);
  });

  it('the public members read "1 thread", never "1 threads"', async () => {
    const { page } = browser;
    const publicView = VIEWS.find((v) => v.slug === 'public')!;
    await openView(page, server, publicView, ids);
    // The demo community has bots with one thread each: the sentence is there to be read.
    await expect.poll(() => textOf(page)).toMatch(/· 1 thread ·/);
    expect(await textOf(page)).not.toMatch(ONE_PLURAL);
  });

  it('a failed model call reads as a sentence in the feed, its exact cause folded away under Details', async () => {
    const { page } = browser;
    const created = await fetch(`${server.url}/api/bots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...server.admin },
      body: JSON.stringify({ handle: 'unplugged', name: 'Unplugged', provider: 'unplugged', model: 'any-model' }),
    });
    expect(created.status).toBe(201);
    const bot = (await created.json()) as { id: string };
    const beat = await fetch(`${server.url}/api/heartbeat/${bot.id}`, { method: 'POST', headers: server.admin });
    expect(beat.status).toBe(200);

    await openView(page, server, VIEWS.find((v) => v.slug === 'overview')!, ids);
    const entry = page.locator('.feed__item').filter({ hasText: 'Unplugged' }).first();
    await entry.waitFor({ timeout: 60_000 });
    const line = entry.locator('.feed__summary');
    expect(await line.innerText()).toMatch(/^could not think: its model provider could not be reached( \(\d+ tries\))?$/);
    const cause = entry.locator('.feed__detail p');
    expect(await cause.isVisible()).toBe(false);
    await entry.getByText('Details').click();
    await cause.waitFor();
    expect(await cause.innerText()).toBe('unplugged: cannot reach the provider');
  });

  it('Settings says this browser is signed in with the admin token, as it is here', async () => {
    const { page } = browser;
    const settings = VIEWS.find((v) => v.slug === 'settings')!;
    await openView(page, server, settings, ids);
    await page.getByText('Signed in with the admin token: this browser keeps a session cookie for 30 days.').waitFor();
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
  });
});

import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { AxeResults, RunOptions } from 'axe-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, waitForDb, type Browser } from './browser';
import { SCREENSHOT_DIR } from './paths';
import { startRealServer, type RealServer } from './real-server';
import { DESKTOP, PHONE, VIEWS, openView, signInToDemo, type DemoIds } from './view-list';

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** In this order, so each theme is also reached by a live switch on an open page. */
const COMBOS = [
  { ...DESKTOP, scheme: 'light' },
  { ...DESKTOP, scheme: 'dark' },
  { ...PHONE, scheme: 'dark' },
  { ...PHONE, scheme: 'light' },
] as const;

const AXE_OPTIONS: RunOptions = { resultTypes: ['violations'] };

async function axe(page: Page): Promise<AxeResults['violations']> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SOURCE });
  return page.evaluate(async (options) => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    return (await axe.run(document, options)).violations;
  }, AXE_OPTIONS);
}

function describeViolations(where: string, violations: AxeResults['violations']): string[] {
  return violations.map(
    (v) => `${where}: ${v.id} (${v.impact}) ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n')}`,
  );
}

/**
 * Chart text (SVG, which axe does not measure) against the page behind the chart: every label's
 * fill must reach 4.5:1. Returns the labels that do not, with their colours and ratio.
 */
function chartTextBelowContrast(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const parse = (c: string): [number, number, number, number] | undefined => {
      const probe = document.createElement('canvas').getContext('2d');
      if (!probe) return undefined;
      probe.fillStyle = '#000';
      probe.fillStyle = c;
      const v = probe.fillStyle; // #rrggbb or rgba(r, g, b, a)
      if (v.startsWith('#')) return [parseInt(v.slice(1, 3), 16), parseInt(v.slice(3, 5), 16), parseInt(v.slice(5, 7), 16), 1];
      const m = v.match(/[\d.]+/g)?.map(Number);
      return m ? [m[0]!, m[1]!, m[2]!, m[3] ?? 1] : undefined;
    };
    const luminance = ([r, g, b]: number[]) => {
      const ch = (x: number) => ((x /= 255) <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4);
      return 0.2126 * ch(r!) + 0.7152 * ch(g!) + 0.0722 * ch(b!);
    };
    const backdrop = (el: Element): [number, number, number, number] => {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c && c[3] > 0) return c;
      }
      return [255, 255, 255, 1];
    };
    const bad: string[] = [];
    for (const chart of document.querySelectorAll('.chart')) {
      const bg = backdrop(chart);
      for (const text of chart.querySelectorAll('svg text')) {
        if (!text.textContent?.trim()) continue;
        const fill = parse(text.getAttribute('fill') ?? getComputedStyle(text).fill);
        if (!fill) continue;
        const opacity = Number(text.getAttribute('fill-opacity') ?? text.getAttribute('opacity') ?? 1) * fill[3];
        const blended = fill.slice(0, 3).map((c, i) => c * opacity + bg[i]! * (1 - opacity));
        const [l1, l2] = [luminance(blended), luminance(bg)].sort((a, b) => b - a) as [number, number];
        const ratio = (l1 + 0.05) / (l2 + 0.05);
        if (ratio < 4.5) bad.push(`"${text.textContent.trim()}" ${text.getAttribute('fill')} on rgb(${bg.slice(0, 3).join(',')}) ${ratio.toFixed(2)}:1`);
      }
    }
    return bad;
  });
}

/** Charts redraw after a theme switch: polls until their text reads well, or gives what does not. */
async function unreadableChartText(page: Page): Promise<string[]> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const bad = await chartTextBelowContrast(page);
    if (bad.length === 0 || Date.now() > deadline) return bad;
    await page.waitForTimeout(250);
  }
}

async function openAndAudit(page: Page, trigger: Locator, popup: Locator, where: string): Promise<string[]> {
  await trigger.click();
  await popup.waitFor({ timeout: 10_000 }).catch(async (err: unknown) => {
    await page.screenshot({ path: join(SCREENSHOT_DIR, `FAILED-a11y-${where.replace(/\W+/g, '-')}.png`), fullPage: true });
    throw new Error(`${where}: the popup did not open: ${String(err)}`);
  });
  const found = describeViolations(where, await axe(page));
  await page.keyboard.press('Escape');
  await popup.waitFor({ state: 'detached' });
  return found;
}

describe('accessibility of every view (axe), light and dark, desktop and phone, with a screenshot of each', () => {
  let server: RealServer;
  let browser: Browser;
  let ids: DemoIds;

  beforeAll(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    server = await startRealServer();
    browser = await launch();
    ids = await signInToDemo(browser.page, server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const view of VIEWS) {
    it(`${view.name}: no axe violation, with each select and the sync popover open; chart text readable; a screenshot of each`, async () => {
      const { page } = browser;
      await page.setViewportSize({ width: COMBOS[0].width, height: COMBOS[0].height });
      await page.emulateMedia({ colorScheme: COMBOS[0].scheme });
      await openView(page, server, view, ids);
      const found: string[] = [];
      for (const combo of COMBOS) {
        const where = `${view.name} at ${combo.size} width, ${combo.scheme}`;
        await page.setViewportSize({ width: combo.width, height: combo.height });
        await page.emulateMedia({ colorScheme: combo.scheme });
        // Charts redraw after a theme switch; once their text reads well, they have.
        found.push(...(await unreadableChartText(page)).map((t) => `${where}: chart text below 4.5:1: ${t}`));
        // The view as a person sees it, before any popup opens: no focus ring or hover left over.
        // From the top: a popup opened at the last size may have scrolled the page, and a sticky top
        // bar would then sit in the middle of a full-page picture.
        await page.evaluate(() => {
          (document.activeElement as HTMLElement | null)?.blur();
          window.scrollTo(0, 0);
        });
        await page.mouse.move(0, 0);
        await page.screenshot({ path: join(SCREENSHOT_DIR, `${combo.size}-${combo.scheme}-${view.slug}.png`), fullPage: true });
        // The README's picture (docs/screenshot.png) is a copy of this one: the first screen a person
        // sees once the sync has caught up.
        if (view.slug === 'overview' && combo.size === 'desktop' && combo.scheme === 'light') {
          await page.locator('.sync-status').filter({ hasText: 'Up to date' }).waitFor({ timeout: 60_000 });
          await page.screenshot({ path: join(SCREENSHOT_DIR, 'readme-overview.png') });
        }
        found.push(...describeViolations(where, await axe(page)));

        const selects = page.locator('main button[aria-haspopup="listbox"]:not([disabled])');
        for (let i = 0; i < (await selects.count()); i++) {
          const trigger = selects.nth(i);
          found.push(...(await openAndAudit(page, trigger, page.getByRole('listbox'), `${where}, select "${(await trigger.innerText()).split('\n')[0]}" open`)));
        }
        found.push(...(await openAndAudit(page, page.locator('.sync-status'), page.getByRole('dialog'), `${where}, sync popover open`)));
      }
      expect(found.join('\n')).toBe('');
    });
  }

  it('every slider is one slider to assistive tech', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.goto(`${server.url}/bots/${ids.bot}`);
    await waitForDb(page);
    await page.getByRole('button', { name: 'Test connection' }).waitFor({ timeout: 60_000 });
    const temperature = page.getByRole('slider', { name: 'Temperature' });
    await temperature.first().waitFor();
    expect(await temperature.count()).toBe(1);
    // The one slider moves with the keys, as a person using a keyboard would move it.
    const before = await temperature.getAttribute('aria-valuenow');
    await temperature.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => temperature.getAttribute('aria-valuenow')).not.toBe(before);
  });

  it('the skip link moves focus to the main region', async () => {
    const { page } = browser;
    await page.goto(server.url);
    await waitForDb(page);
    await page.locator('.feed__item').first().waitFor({ timeout: 60_000 });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Skip to content');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    // The next Tab goes on from the main region, not back into the top bar.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('main')))).toBe(true);
  });
});

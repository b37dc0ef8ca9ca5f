import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launch, waitForDb, type Browser } from './browser';
import { SCREENSHOT_DIR } from './paths';
import { signIn, startRealServer, type RealServer } from './real-server';

interface Analytics {
  posts_by_day: { day: string; threads: number; replies: number }[];
  bots: { bot_id: string; name: string; actions: number }[];
}
interface ExportedThread {
  id: string;
  reply_count: number;
}

const DAYS = 7;
const averageFormat = new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * The analytics panel on Stats against what the server's Postgres says: its own analytics endpoint
 * (posts per day, each bot's actions) and its threads export (replies per thread). The panel
 * computes everything from the browser's PGlite, so the two agree only if the local queries define
 * each figure as the server does and the rows synced.
 */
describe('analytics on the Stats view, against the server', () => {
  let server: RealServer;
  let browser: Browser;

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${server.url}${path}`, { headers: server.admin });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return (await res.json()) as T;
  };

  /** What the panel shows, read as a person would, next to the same figures from the server. */
  async function figures(page: Page) {
    const text = async (name: string) => (await page.locator(`[data-figure="${name}"]`).innerText()).trim();
    const [analytics, threads] = await Promise.all([api<Analytics>(`/api/stats/analytics?days=${DAYS}`), api<ExportedThread[]>(`/api/export/threads?days=${DAYS}`)]);
    const top = Math.max(...analytics.bots.map((b) => b.actions));
    return {
      shown: { posts: await text('posts'), average: await text('average-replies'), mostActive: await text('most-active') },
      server: {
        posts: analytics.posts_by_day.reduce((s, d) => s + d.threads + d.replies, 0).toLocaleString('en'),
        average: threads.length ? averageFormat.format(threads.reduce((s, t) => s + t.reply_count, 0) / threads.length) : '–',
        // Bots tied for the most actions are all right answers.
        mostActive: top > 0 ? analytics.bots.filter((b) => b.actions === top).map((b) => b.name) : ['None yet'],
      },
      analytics,
    };
  }

  beforeAll(async () => {
    server = await startRealServer();
    browser = await launch();
    const { page } = browser;
    await signIn(page, server);
    await page.locator('.thread-list__item').first().waitFor({ timeout: 90_000 });
    // Some posts of the period first, then a still community, so both sides count the same rows.
    await vi.waitFor(
      async () => {
        const replies = (await api<Analytics>(`/api/stats/analytics?days=${DAYS}`)).posts_by_day.reduce((s, d) => s + d.replies, 0);
        if (replies === 0) throw new Error('no replies in the period yet');
      },
      { timeout: 90_000, interval: 1000 },
    );
    const paused = await fetch(`${server.url}/api/pace`, {
      method: 'PUT',
      headers: { ...server.admin, 'content-type': 'application/json' },
      body: JSON.stringify({ orchestrator_paused: true }),
    });
    expect(paused.status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows posts, replies per thread and the most active bot as Postgres counts them', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/stats`);
    await waitForDb(page);
    await page.getByRole('heading', { name: 'Analytics' }).waitFor();
    // A heartbeat already under way when the pause came may still land: poll until both sides settle.
    await expect
      .poll(
        async () => {
          const f = await figures(page);
          return { posts: f.shown.posts === f.server.posts, average: f.shown.average === f.server.average, mostActive: f.server.mostActive.includes(f.shown.mostActive), f: { shown: f.shown, server: f.server } };
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toMatchObject({ posts: true, average: true, mostActive: true });
    const { shown } = await figures(page);
    expect(Number(shown.posts.replace(/,/g, ''))).toBeGreaterThan(0);
    expect(shown.mostActive).not.toBe('None yet');
  });

  it('draws the data in its charts: posts per day up to the busiest day, every bot, the graph', async () => {
    const { page } = browser;
    const { analytics } = await figures(page);
    const busiest = Math.max(...analytics.posts_by_day.map((d) => d.threads + d.replies));
    const postsChart = page.getByRole('img', { name: /^Threads and replies written per UTC day/ });
    await postsChart.locator('svg text').first().waitFor();
    const axisTop = async () => Math.max(...(await postsChart.locator('svg text').allTextContents()).filter((t) => /^[\d,]+$/.test(t)).map((t) => Number(t.replace(/,/g, ''))));
    // The value axis reaches the busiest day and stays within one step of it.
    expect(await axisTop()).toBeGreaterThanOrEqual(busiest);
    expect(await axisTop()).toBeLessThan(busiest * 2 + 5);
    for (const d of analytics.posts_by_day.filter((x) => x.threads + x.replies > 0)) {
      // Axis labels read "Dec 4".
      const label = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${d.day}T00:00:00Z`));
      expect(await postsChart.locator('svg text', { hasText: new RegExp(`^${label}$`) }).count(), d.day).toBeGreaterThan(0);
    }
    const engagement = page.getByRole('img', { name: /^Threads, replies, votes and follows by each bot/ });
    for (const b of analytics.bots) expect(await engagement.locator('svg text', { hasText: b.name }).count(), b.name).toBeGreaterThan(0);

    // The graph fills its panel: its nodes span most of the chart's width and height.
    const graph = page.getByRole('img', { name: 'Relationship graph of the bots' });
    await graph.locator('svg text').first().waitFor();
    const spread = await graph.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const nodes = [...el.querySelectorAll('svg path')].filter((p) => /A1 1/.test(p.getAttribute('d') ?? '')).map((p) => p.getBoundingClientRect());
      const xs = nodes.map((r) => r.x + r.width / 2);
      const ys = nodes.map((r) => r.y + r.height / 2);
      return { nodes: nodes.length, x: (Math.max(...xs) - Math.min(...xs)) / box.width, y: (Math.max(...ys) - Math.min(...ys)) / box.height, round: nodes.every((r) => Math.abs(r.width - r.height) < 1) };
    });
    expect(spread.nodes).toBe(analytics.bots.length);
    expect(spread.x).toBeGreaterThan(0.6);
    expect(spread.y).toBeGreaterThan(0.6);
    expect(spread.round).toBe(true);
    // No two graph labels overlap (a label that would is hidden, not drawn over another).
    const overlaps = await graph.evaluate((el) => {
      const rects = [...el.querySelectorAll('svg text')].filter((t) => getComputedStyle(t).display !== 'none' && t.getAttribute('opacity') !== '0').map((t) => [t.textContent, t.getBoundingClientRect()] as const);
      const found: string[] = [];
      for (let i = 0; i < rects.length; i++)
        for (let j = i + 1; j < rects.length; j++) {
          const [a, r] = rects[i]!;
          const [b, s] = rects[j]!;
          if (r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom) found.push(`${a} / ${b}`);
        }
      return found;
    });
    expect(overlaps).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'desktop-stats-analytics.png'), fullPage: true });
  });

  it('links each export to the server for the chosen period, and the links download', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: '30 days' }).click();
    const link = page.getByRole('link', { name: 'CSV of threads' });
    await expect.poll(() => link.getAttribute('href')).toBe('/api/export/threads?format=csv&days=30');
    for (const name of ['CSV of threads', 'JSON of activity', 'CSV of bots']) {
      const href = await page.getByRole('link', { name }).getAttribute('href');
      // Fetched as the link would be, with the page's session.
      const got = await page.evaluate(async (url) => {
        const res = await fetch(url!, { credentials: 'same-origin' });
        return { status: res.status, type: res.headers.get('content-type'), start: (await res.text()).slice(0, 20) };
      }, href);
      expect(got.status, name).toBe(200);
      expect(got.type, name).toContain(name.startsWith('CSV') ? 'text/csv' : 'application/json');
      expect(got.start, name).toMatch(name.startsWith('CSV') ? /^id,/ : /^\[/);
    }
    // Reachable and followable from the keyboard.
    await link.focus();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('CSV of threads');
  });
});

import type { Locator, Page } from 'playwright-core';
import { queryInPage, waitForDb } from './browser';
import { signIn, type RealServer } from './real-server';

/**
 * Every view of the dashboard on the real server with the demo community, for the suites that
 * visit them all (axe, the phone layout, the screenshots): one list, so a new view is added once.
 * Each has what shows only once its data has arrived: a check or a picture of a loading view says
 * nothing about the view.
 */
export interface View {
  name: string;
  /** Short and file-safe: names its screenshots. */
  slug: string;
  path: (ids: DemoIds) => string;
  ready: (page: Page) => Locator;
}

/** Ids from the demo community once it has synced. */
export interface DemoIds {
  bot: string;
  thread: string;
  /** A word from that thread's title, for a search that finds something. */
  word: string;
}

export const VIEWS: readonly View[] = [
  { name: 'overview (bots, feed, threads)', slug: 'overview', path: () => '/', ready: (p) => p.locator('.feed__item').first() },
  { name: 'threads', slug: 'threads', path: () => '/threads', ready: (p) => p.locator('.thread-list__item').first() },
  { name: 'activity', slug: 'activity', path: () => '/activity', ready: (p) => p.locator('.feed__item').first() },
  { name: 'search', slug: 'search', path: (ids) => `/search?q=${encodeURIComponent(ids.word)}`, ready: (p) => p.locator('.search-hit').first() },
  { name: 'model calls', slug: 'calls', path: () => '/calls', ready: (p) => p.locator('.link-button').first() },
  { name: 'a thread', slug: 'thread', path: (ids) => `/threads/${ids.thread}`, ready: (p) => p.locator('#thread-title') },
  { name: 'a bot', slug: 'bot', path: (ids) => `/bots/${ids.bot}`, ready: (p) => p.getByRole('button', { name: 'Test connection' }) },
  { name: 'new bot', slug: 'new-bot', path: () => '/bots/new', ready: (p) => p.getByText(/of at most \d+ bots/) },
  { name: 'stats', slug: 'stats', path: () => '/stats', ready: (p) => p.locator('.chart svg text').first() },
  { name: 'moderation', slug: 'moderation', path: () => '/moderation', ready: (p) => p.getByRole('heading', { name: 'Flags', level: 1 }) },
  { name: 'settings', slug: 'settings', path: () => '/settings', ready: (p) => p.getByText('Tokens per bot per day') },
  { name: 'not found', slug: 'not-found', path: () => '/no-such-page', ready: (p) => p.getByRole('heading', { name: 'Nothing here' }) },
  { name: 'public', slug: 'public', path: () => '/public', ready: (p) => p.getByText('@null-hypothesis').first() },
  { name: 'a public thread', slug: 'public-thread', path: (ids) => `/public/threads/${ids.thread}`, ready: (p) => p.getByRole('heading', { level: 1 }) },
];

export const DESKTOP = { size: 'desktop', width: 1280, height: 860 } as const;
export const PHONE = { size: 'phone', width: 390, height: 844 } as const;

/** Signs the page in with the e2e admin token and waits for the demo community to sync. */
export async function signInToDemo(page: Page, server: RealServer): Promise<DemoIds> {
  await signIn(page, server);
  await page.locator('.thread-list__item').first().waitFor({ timeout: 90_000 });
  const [bot] = await queryInPage<{ id: string }>(page, "SELECT id FROM bots WHERE handle = 'ledger'");
  const [thread] = await queryInPage<{ id: string; title: string }>(page, 'SELECT id, title FROM threads ORDER BY created_at LIMIT 1');
  const word = thread!.title.split(/\W+/).sort((a, b) => b.length - a.length)[0]!;
  return { bot: bot!.id, thread: thread!.id, word };
}

/** Opens a view and waits for its data. */
export async function openView(page: Page, server: RealServer, view: View, ids: DemoIds): Promise<void> {
  await page.goto(`${server.url}${view.path(ids)}`);
  await waitForDb(page);
  await view.ready(page).waitFor({ timeout: 60_000 });
}

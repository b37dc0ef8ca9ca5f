import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium); playwright never downloads a browser here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far, for assertions and failure messages. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * A fresh profile per call (launchPersistentContext on a new folder), so IndexedDB, the service
 * worker and caches start empty, as on a first visit.
 */
export async function launch(options: { width?: number; height?: number } = {}): Promise<Browser> {
  const dir = await mkdtemp(join(tmpdir(), 'chorus-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: ARGS,
    viewport: { width: options.width ?? 1280, height: options.height ?? 860 },
    colorScheme: 'light',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const DB_HOOK = 'chorus.web.db';

/** Waits until the app has opened its database (the shell renders only then). */
export async function waitForDb(page: Page): Promise<void> {
  await page.waitForFunction((key) => Boolean((globalThis as Record<symbol, unknown>)[Symbol.for(key)]), DB_HOOK, { timeout: 60_000 });
}

/** Runs SQL in the page's own PGlite, as the sync layer would write rows into it. */
export async function execInPage(page: Page, sql: string): Promise<void> {
  await page.evaluate(
    async ({ key, sql }) => {
      const db = (globalThis as Record<symbol, unknown>)[Symbol.for(key)] as { exec(sql: string): Promise<unknown> };
      await db.exec(sql);
    },
    { key: DB_HOOK, sql },
  );
}

export async function queryInPage<T>(page: Page, sql: string): Promise<T[]> {
  return page.evaluate(
    async ({ key, sql }) => {
      const db = (globalThis as Record<symbol, unknown>)[Symbol.for(key)] as { query(sql: string): Promise<{ rows: unknown[] }> };
      return JSON.parse(JSON.stringify((await db.query(sql)).rows)) as never;
    },
    { key: DB_HOOK, sql },
  );
}

/** Resolves once a service worker is active and controls the page (precache finished). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
    }
  });
}

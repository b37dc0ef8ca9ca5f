import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activitySql, seedSql } from '../test/fixtures/seed';
import { DB_HOOK, execInPage, launch, queryInPage, waitForDb, type Browser } from './browser';
import { BUILD_DIR } from './paths';
import { serveStatic, type StaticServer } from './static-server';

// Every tab reads the one PGlite in the leader tab's worker. When that tab goes, another takes
// over with a fresh session, and the views of the tabs that stay must stay live.
describe('two tabs of the dashboard', () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await serveStatic(BUILD_DIR);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('keeps the second tab live after the first (the leader) is closed', async () => {
    const first = browser.page;
    await first.goto(server.url);
    await waitForDb(first);
    await execInPage(first, seedSql());
    await first.getByRole('link', { name: /Ada @ada/ }).waitFor();

    const second = await browser.context.newPage();
    const errors: string[] = [];
    second.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await second.goto(server.url);
    await waitForDb(second);
    await second.getByText('Live activity').waitFor();
    await execInPage(second, activitySql(1, 2, 'started "Written while both tabs were open"'));
    await second.getByText('Written while both tabs were open').waitFor({ timeout: 10_000 });

    // Both tabs show the same page, so the leader's session holds two of every live query.
    const bothTabs = await liveQueries(first);
    expect(bothTabs).toBeGreaterThan(0);
    expect(bothTabs % 2).toBe(0);

    await first.close();
    // Once the second tab's worker has taken over, a row written through it must reach its views.
    await second.waitForFunction(
      (key) => (globalThis as Record<symbol, { isLeader?: boolean } | undefined>)[Symbol.for(key)]?.isLeader === true,
      DB_HOOK,
      { timeout: 30_000 },
    );
    await execInPage(second, activitySql(2, 3, 'started "Written after the leader tab closed"'));
    await second.getByText('Written after the leader tab closed').waitFor({ timeout: 15_000 });
    await second.getByRole('link', { name: /Ada @ada/ }).waitFor();
    // The new session holds this tab's queries once: the old subscriptions were let go rather
    // than revived beside their replacements by the next change notification.
    await expect.poll(() => liveQueries(second), { timeout: 10_000 }).toBe(bothTabs / 2);
    // The one thing logged is the worker failing to DEALLOCATE a statement of the old session.
    expect(errors.filter((e) => !/^error: prepared statement "live_query_\w+_get" does not exist/.test(e))).toEqual([]);
  });
});

async function liveQueries(page: Page): Promise<number> {
  const [row] = await queryInPage<{ n: number }>(
    page,
    "SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name ~ '^live_query_\\w+_get$'",
  );
  return row?.n ?? 0;
}

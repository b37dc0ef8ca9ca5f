import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activitySql, botId, seedSql } from '../test/fixtures/seed';
import { execInPage, launch, queryInPage, waitForDb, waitForServiceWorker, type Browser } from './browser';
import { BUILD_DIR } from './paths';
import { serveStatic, type StaticServer } from './static-server';

// One first visit, then offline: the steps build on each other, so they run in order in one
// browser profile.
describe('the built dashboard, served as static files', () => {
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

  it('opens its local database on a first visit and shows synced rows', async () => {
    const { page } = browser;
    await page.goto(server.url);
    await waitForDb(page);
    await execInPage(page, seedSql());
    await page.getByRole('link', { name: /Ada @ada/ }).waitFor();
    await page.getByText('Live activity').waitFor();
    await page.getByRole('link', { name: 'Can an engine compose music?' }).first().waitFor();
  });

  it('shows a new activity row without a reload', async () => {
    const { page } = browser;
    await execInPage(page, activitySql(1, 2, 'started "A brand new thread about compost"'));
    await page.getByText('A brand new thread about compost').waitFor({ timeout: 10_000 });
  });

  it('reloads offline after the first visit and still shows the data', async () => {
    const { page, context } = browser;
    await waitForServiceWorker(page);
    await context.setOffline(true);
    await page.reload();
    await waitForDb(page);
    await page.getByText('A brand new thread about compost').waitFor();
    await page.getByRole('button', { name: /^Offline,/ }).waitFor();
  });

  it('opens a deep link offline (every route falls back to the cached app shell)', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/stats`);
    await waitForDb(page);
    await page.getByRole('heading', { name: 'Stats', level: 1 }).waitFor();
  });

  it('keeps an edit made offline across a reload, queued once in the outbox', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/bots/${botId(1)}`);
    await waitForDb(page);
    await page.getByRole('heading', { name: 'Ada', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    // Shown at once, from the local write.
    await page.getByRole('button', { name: 'Resume', exact: true }).waitFor({ timeout: 5_000 });
    await page.getByRole('button', { name: /1 pending change$/ }).waitFor();
    await page.reload();
    await waitForDb(page);
    await page.getByRole('button', { name: 'Resume', exact: true }).waitFor();
    const outbox = await queryInPage<{ type: string; payload: { paused: boolean } }>(page, 'SELECT type, payload FROM chorus_outbox ORDER BY seq');
    expect(outbox).toEqual([{ type: 'bot.set_paused', payload: { bot_id: botId(1), paused: true } }]);
  });

  it('saves a behaviour slider moved with the keyboard, once, when focus leaves it', async () => {
    const { page } = browser;
    const thumb = page.getByRole('slider', { name: 'Creativity' }).and(page.locator('span'));
    await thumb.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Tab');
    await page.getByRole('button', { name: /2 pending changes$/ }).waitFor();
    expect(await thumb.getAttribute('aria-valuenow')).toBe('19');
    const last = await queryInPage<{ type: string; payload: unknown }>(page, 'SELECT type, payload FROM chorus_outbox ORDER BY seq DESC LIMIT 1');
    expect(last).toEqual([{ type: 'bot.update_config', payload: { bot_id: botId(1), patch: { creativity: 19 } } }]);
  });

  it('logged no uncaught errors', () => {
    // Expected while offline or without a shape server: failed fetches of /v1/shape.
    // Whole words only: "sync" must not excuse an error that merely says "async".
    const unexpected = browser.errors.filter((e) => !/v1\/shape|Failed to fetch|ERR_INTERNET_DISCONNECTED|\b404\b|\bsync\b/i.test(e));
    expect(unexpected).toEqual([]);
  });
});

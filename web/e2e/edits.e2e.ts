import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, queryInPage, type Browser } from './browser';
import { signIn, startRealServer, type RealServer } from './real-server';

// What a person sees after each edit, against the real server: saved (or kept while offline),
// undo for a few seconds, and the manual heartbeat.
describe('edits', () => {
  let server: RealServer;
  let browser: Browser;
  let bot: { id: string; name: string };

  beforeAll(async () => {
    server = await startRealServer();
    browser = await launch();
    const { page } = browser;
    await signIn(page, server);
    [bot] = (await queryInPage<{ id: string; name: string }>(page, 'SELECT id, name FROM bots WHERE NOT paused ORDER BY name LIMIT 1')) as [{ id: string; name: string }];
    await page.locator(`a[href="/bots/${bot.id}"]`).first().click();
    await page.getByRole('heading', { level: 1, name: bot.name }).waitFor({ timeout: 60_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const upstream = async () => (await (await fetch(`${server.url}/api/bots/${bot.id}`, { headers: server.admin })).json()) as { name: string; paused: boolean; last_heartbeat_at: string | null };
  const notice = (page: Page, title: string) => page.getByRole('region', { name: /^Edits/ }).getByRole('status').filter({ hasText: title });
  async function until(what: string, check: () => Promise<boolean>, ms = 30_000) {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('says a change is saved once the server has it, and Undo puts the old value back, here and upstream', async () => {
    const { page } = browser;
    const name = page.getByRole('textbox', { name: /^Name/ });
    await name.fill('Renamed In Test');
    await name.press('Tab');
    const saved = notice(page, 'Name changed');
    await saved.getByText('Saved', { exact: true }).waitFor({ timeout: 60_000 });
    expect((await upstream()).name).toBe('Renamed In Test');

    await saved.getByRole('button', { name: 'Undo' }).click();
    await notice(page, 'Change undone').getByText('Saved', { exact: true }).waitFor({ timeout: 60_000 });
    expect(await name.inputValue()).toBe(bot.name);
    expect((await upstream()).name).toBe(bot.name);
  });

  it('runs a heartbeat on request', async () => {
    const { page } = browser;
    const before = (await upstream()).last_heartbeat_at;
    await page.getByRole('button', { name: 'Run heartbeat now' }).click();
    await notice(page, 'Heartbeat requested').getByText('Saved', { exact: true }).waitFor({ timeout: 60_000 });
    await until('the heartbeat to run', async () => (await upstream()).last_heartbeat_at !== before);
  });

  it("lists the bot's model calls, and opens one with its tokens, cost, latency and attempt", async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'Model calls' }).click();
    await page.waitForURL(`**/calls?bot=${bot.id}`);
    const rows = page.locator('tbody tr');
    // Its heartbeats go on meanwhile: the list must catch up with what is stored here.
    const local = async () => (await queryInPage<{ n: number }>(page, `SELECT count(*)::int AS n FROM llm_calls WHERE bot_id = '${bot.id}'`))[0]!.n;
    await until('every call of the bot to be listed', async () => {
      const n = await local();
      return n > 0 && (await rows.count()) === Math.min(n, 50);
    }).catch(async (e: unknown) => {
      throw new Error(`${String(e)}; ${await local()} calls here, ${await rows.count()} rows; the view says: ${(await page.locator('main').innerText()).slice(0, 500)}`);
    });
    expect(new Set(await page.locator('tbody tr td:nth-child(2)').allTextContents())).toEqual(new Set([bot.name]));
    await rows.first().getByRole('button').click();
    const detail = page.getByRole('region', { name: /^Call by / });
    await detail.getByText(/^\d+ of \d+/).waitFor();
    await detail.getByText(/ in \(.* cached\), .* out$/).waitFor();
    await page.goBack();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: bot.name }).waitFor();
  });

  it('says an edit made offline is kept here until the browser is back', async () => {
    const { page, context } = browser;
    await context.setOffline(true);
    try {
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await notice(page, 'Bot paused').getByText('Kept in this browser; sent when you are back online').waitFor();
    } finally {
      await context.setOffline(false);
    }
    await until('the pause to reach the server', async () => (await upstream()).paused);
    // A paused bot cannot be woken: the button says so instead of queuing a refusal.
    expect(await page.getByRole('button', { name: 'Run heartbeat now' }).isDisabled()).toBe(true);
  });
});

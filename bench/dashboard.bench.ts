/**
 * The dashboard in Debian's Chromium against the real server (built app, embedded Postgres, demo
 * community): cold first load to first data, warm load (service worker, local PGlite), offline
 * load, commit-to-pixel latency (a Postgres commit until its row is on screen), p50/p99, and an
 * edit in the page until it is in Postgres.
 * Needs `npm run build` first.
 */
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createSql } from '../server/src/db/client.ts';
import { freePort, tempDir } from '../server/test/support/postgres.ts';
import { REPO_ROOT, startServer } from '../server/test/support/process.ts';
import { ms, summary, table } from './stats.ts';

const web = join(REPO_ROOT, 'web/.output/public');
if (!existsSync(join(web, 'index.html'))) {
  console.log('the dashboard is not built: run `npm run build` first');
  process.exit(0);
}

const dir = await tempDir('chorus-dashboard-bench-');
const port = await freePort();
const pgPort = await freePort();
const server = startServer({ PORT: String(port), CHORUS_DATA_DIR: join(dir, 'data'), CHORUS_PG_PORT: String(pgPort), CHORUS_WEB_DIR: web, CHORUS_ROLES: 'api,sync', CHORUS_LOG_LEVEL: 'warn' });
await server.waitFor(/Chorus is running at/, 60_000);
const { password } = JSON.parse(readFileSync(join(dir, 'data', 'postgres.auth.json'), 'utf8'));
const sql = createSql(`postgres://postgres:${password}@127.0.0.1:${pgPort}/chorus`, { max: 2 });
const url = `http://127.0.0.1:${port}/`;

// Whatever happens in the measurement, the browser, the server and its Postgres are stopped.
let context: BrowserContext | undefined;
const launch = (profile: string) =>
  chromium.launchPersistentContext(join(dir, profile), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
const COLD_RUNS = Number(process.env.CHORUS_BENCH_COLD_RUNS ?? 5);
try {
  // Cold loads, each in a fresh profile (nothing cached, no service worker, no local data): time
  // to the first bot name, bytes over the wire, and what the first-visit progress said meanwhile.
  const colds: number[] = [];
  const bytes: number[] = [];
  let progressSeen: string[] = [];
  let page!: Page;
  for (let run = 0; run < COLD_RUNS; run++) {
    await context?.close();
    context = await launch(`profile-${run}`);
    page = context.pages()[0] ?? (await context.newPage());
    let wire = 0;
    page.on('requestfinished', (r) => void r.sizes().then((s) => (wire += s.responseBodySize + s.responseHeadersSize), () => {}));
    const labels: string[] = [];
    let last = '';
    let t = performance.now();
    await page.exposeFunction('__chorusProgress', (text: string) => {
      if (last !== text) labels.push(`${Math.round(performance.now() - t).toString().padStart(6)} ms  ${text}`);
      last = text;
    });
    await page.addInitScript(() => {
      const report = () => {
        // The boot screen while the engine loads, then the first-sync progress line.
        const text = (document.querySelector('.boot') ?? document.querySelector('.first-sync .progress__head'))?.textContent;
        if (text) (window as unknown as { __chorusProgress(t: string): void }).__chorusProgress(text.replace(/\s+/g, ' ').trim());
      };
      new MutationObserver(report).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    t = performance.now();
    await page.goto(url);
    await page.getByText('@null-hypothesis').first().waitFor({ timeout: 120_000 });
    colds.push(performance.now() - t);
    await page.waitForTimeout(500);
    bytes.push(wire);
    if (run === 0) progressSeen = labels;
  }
  const cold = summary(colds).p50;
  console.log(`cold loads (ms): ${colds.map((c) => Math.round(c)).join(', ')}; bytes over the wire: ${bytes.map((b) => `${(b / 1e6).toFixed(2)} MB`).join(', ')}`);
  console.log('what the first cold load showed while it waited (ms after navigation):');
  for (const l of progressSeen) console.log(`  ${l}`);
  const firstData = () => page.getByText('@null-hypothesis').first().waitFor({ timeout: 120_000 });

  let t = performance.now();
  await page.waitForTimeout(3000); // let the service worker finish precaching

  t = performance.now();
  await page.reload();
  await firstData();
  const warm = performance.now() - t;

  await context!.setOffline(true);
  t = performance.now();
  await page.reload();
  await firstData();
  const offline = performance.now() - t;
  await context!.setOffline(false);
  await page.waitForTimeout(2000);

  const [bot] = await sql`SELECT id FROM bots WHERE handle = 'lumen'`;
  const samples: number[] = [];
  let missed = 0;
  for (let i = 0; i < 40; i++) {
    const text = `pixel probe ${i} ${Date.now()}`;
    const visible = page.getByText(text).first().waitFor({ timeout: 15_000 }).then(() => true, () => false);
    const start = performance.now();
    await sql`INSERT INTO activity (bot_id, action, summary) VALUES (${bot!.id}, 'do_nothing', ${text})`;
    if (await visible) samples.push(performance.now() - start);
    else {
      missed++;
      const late = await page.getByText(text).first().waitFor({ timeout: 60_000 }).then(() => performance.now() - start, () => -1);
      console.error(`probe ${i} missed; on screen after ${Math.round(late)} ms`);
    }
    await page.waitForTimeout(50);
  }
  const p = summary(samples.slice(5));

  // An edit in the page until Postgres has it: the outbox's POST must find a free connection
  // while fifteen shapes long-poll (it once waited 35 s behind them over HTTP/1.1).
  await page.goto(`${url}bots/${bot!.id}`);
  await page.getByRole('button', { name: /^(Pause|Resume)$/ }).waitFor({ timeout: 60_000 });
  await page.waitForTimeout(3000); // let the shapes settle into their long polls
  const edits: number[] = [];
  for (let i = 0; i < 10; i++) {
    const [{ paused }] = (await sql`SELECT paused FROM bots WHERE id = ${bot!.id}`) as unknown as [{ paused: boolean }];
    const start = performance.now();
    await page.getByRole('button', { name: paused ? 'Resume' : 'Pause', exact: true }).click();
    const end = start + 60_000;
    while (performance.now() < end && (await sql`SELECT paused FROM bots WHERE id = ${bot!.id}`)[0]!.paused === paused) await Bun.sleep(10);
    edits.push(performance.now() - start);
    await page.waitForTimeout(1000);
  }
  const e = summary(edits);
  table([
    { what: `cold first load → first data, p50 of ${colds.length} fresh profiles`, figure: ms(cold) },
    { what: 'cold first load, bytes over the wire (p50)', figure: `${(summary(bytes).p50 / 1e6).toFixed(2)} MB` },
    { what: 'warm load (service worker, local data) → first data', figure: ms(warm) },
    { what: 'offline load → first data', figure: ms(offline) },
    { what: 'commit → pixel, p50', figure: ms(p.p50) },
    { what: 'commit → pixel, p99', figure: ms(p.p99) },
    { what: 'commits not on screen within 15 s', figure: missed },
    { what: 'edit (click) → in Postgres, p50', figure: ms(e.p50) },
    { what: 'edit (click) → in Postgres, max of 10', figure: ms(Math.max(...edits)) },
  ]);
} finally {
  await context?.close().catch(() => {});
  await sql.end().catch(() => {});
  server.kill('SIGINT');
  await server.exited;
  await rm(dir, { recursive: true, force: true });
}

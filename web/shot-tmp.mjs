import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
const url = process.argv[2];
const out = process.argv[3];
const ctx = await chromium.launchPersistentContext(mkdtempSync('/tmp/shot/p-'), {
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 860 },
});
const page = await ctx.newPage();
await page.goto(url);
await page.waitForTimeout(15000);
await page.screenshot({ path: out });
await ctx.close();

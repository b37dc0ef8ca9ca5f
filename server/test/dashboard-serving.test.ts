import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdir, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { startServer, type ServerProcess } from './support/process.ts';
import { createTestDatabase, freePort, tempDir, type TestDatabase } from './support/postgres.ts';

// The dashboard as `npm start` serves it, from a real server over real HTTP: built at start when
// missing or stale, picked up when built later, precompressed copies sent to browsers that take them.
let dir: string;
let db: TestDatabase;
const running = new Set<ServerProcess>();

beforeAll(async () => {
  dir = await tempDir();
  db = await createTestDatabase({ migrated: false });
});
afterAll(async () => {
  for (const s of running) {
    s.kill('SIGINT');
    await s.exited;
  }
  await db?.drop();
  await rm(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string>) {
  const port = await freePort();
  const server = startServer({ PORT: String(port), DATABASE_URL: db.url, CHORUS_ROLES: 'api', CHORUS_DEMO: 'false', ...env });
  running.add(server);
  const startedAt = Date.now();
  await server.waitFor(/Chorus is running at/, 240_000);
  return { server, base: `http://127.0.0.1:${port}`, seconds: (Date.now() - startedAt) / 1000 };
}
async function stop(server: ServerProcess) {
  server.kill('SIGINT');
  await server.exited;
  running.delete(server);
}
/** Bun's fetch would undo the encoding; the bytes on the wire are what a browser receives. */
const raw = (url: string, acceptEncoding: string) => fetch(url, { headers: { 'accept-encoding': acceptEncoding }, decompress: false });

describe('the built dashboard', () => {
  test('a build made while the server runs is served without a restart', async () => {
    const web = join(dir, 'later');
    const { server, base } = await start({ CHORUS_WEB_DIR: web });
    expect(server.output()).toContain('the dashboard is not built');
    expect((await fetch(`${base}/`)).status).toBe(404);
    await mkdir(web, { recursive: true });
    await writeFile(join(web, 'index.html'), '<!doctype html><title>Chorus, built later</title>');
    const page = await fetch(`${base}/bots/1`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('built later');
    await stop(server);
  });

  test('precompressed .br and .gz copies, wasm and data included, go to browsers that accept them', async () => {
    const web = join(dir, 'compressed');
    await mkdir(join(web, '_build', 'assets'), { recursive: true });
    const wasm = new Uint8Array(20_000).map((_, i) => (i * 7) % 13);
    const data = Buffer.from('pglite data '.repeat(2000));
    await writeFile(join(web, 'index.html'), '<!doctype html><title>Chorus</title>');
    for (const [name, body] of [['pglite.wasm', wasm], ['pglite.data', data]] as const) {
      await writeFile(join(web, '_build', 'assets', name), body);
      await writeFile(join(web, '_build', 'assets', `${name}.br`), brotliCompressSync(body));
      await writeFile(join(web, '_build', 'assets', `${name}.gz`), gzipSync(body));
    }
    await writeFile(join(web, '_build', 'assets', 'small.js'), 'console.log(1)');
    const { server, base } = await start({ CHORUS_WEB_DIR: web });
    const wasmUrl = `${base}/_build/assets/pglite.wasm`;

    const br = await raw(wasmUrl, 'gzip, deflate, br, zstd');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('content-type')).toBe('application/wasm');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const brBytes = new Uint8Array(await br.arrayBuffer());
    expect(brBytes.length).toBeLessThan(wasm.length / 4);
    expect(new Uint8Array(brotliDecompressSync(brBytes))).toEqual(wasm);

    const gz = await raw(wasmUrl, 'gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(new Uint8Array(gunzipSync(new Uint8Array(await gz.arrayBuffer())))).toEqual(wasm);

    const dataBr = await raw(`${base}/_build/assets/pglite.data`, 'br');
    expect(dataBr.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(new Uint8Array(await dataBr.arrayBuffer())).toString()).toBe(data.toString());

    // Refused by q=0, or not offered: the plain file, still marked as varying.
    for (const accept of ['identity', 'br;q=0, gzip;q=0']) {
      const plain = await raw(wasmUrl, accept);
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(plain.headers.get('vary')).toBe('Accept-Encoding');
      expect(new Uint8Array(await plain.arrayBuffer())).toEqual(wasm);
    }
    // A file without copies is sent as it is, with nothing to vary on.
    const small = await raw(`${base}/_build/assets/small.js`, 'br');
    expect(small.headers.get('content-encoding')).toBeNull();
    expect(small.headers.get('vary')).toBeNull();
    expect(await small.text()).toBe('console.log(1)');
    await stop(server);
  });

  test('the first start builds a missing dashboard before printing the URL; a later one does not; a changed source rebuilds', async () => {
    // A small dashboard project with a real `npm run build`, standing in for web/ (whose real
    // build the web test stage runs).
    const project = join(dir, 'dash');
    await mkdir(join(project, 'src'), { recursive: true });
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'dash', private: true, scripts: { build: 'node build.mjs' } }));
    await writeFile(join(project, 'src', 'title.txt'), 'first');
    await writeFile(join(project, 'build.mjs'), `
      import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
      mkdirSync('.output/public', { recursive: true });
      writeFileSync('.output/public/index.html', '<title>' + readFileSync('src/title.txt', 'utf8') + '</title>');
      writeFileSync('.output/public/sw.js', '// built');
    `);
    const env = { CHORUS_WEB_DIR: join(project, '.output', 'public'), CHORUS_BUILD_DASHBOARD: 'auto' };

    const first = await start(env);
    const out = first.server.output();
    expect(out).toContain('Building the dashboard (it is not built yet)');
    expect(out).toMatch(/Built the dashboard in \d+ s/);
    expect(out.indexOf('Built the dashboard')).toBeLessThan(out.indexOf('Chorus is running at'));
    expect(await (await fetch(`${first.base}/`)).text()).toBe('<title>first</title>');
    await stop(first.server);

    const second = await start(env);
    expect(second.server.output()).not.toContain('Building the dashboard');
    await stop(second.server);

    await writeFile(join(project, 'src', 'title.txt'), 'second');
    const later = new Date(Date.now() + 5000);
    await utimes(join(project, 'src', 'title.txt'), later, later);
    const third = await start(env);
    expect(third.server.output()).toContain(`Building the dashboard (${project} changed since the last build)`);
    expect(await (await fetch(`${third.base}/`)).text()).toBe('<title>second</title>');
    await stop(third.server);
  });

  test('a build that fails stops the start with a line saying so, instead of a URL that answers 404', async () => {
    const project = join(dir, 'broken');
    await mkdir(project, { recursive: true });
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'broken', private: true, scripts: { build: 'node -e "console.error(\'syntax error in app.tsx\'); process.exit(2)"' } }));
    const port = await freePort();
    const server = startServer({ PORT: String(port), DATABASE_URL: db.url, CHORUS_ROLES: 'api', CHORUS_DEMO: 'false', CHORUS_WEB_DIR: join(project, '.output', 'public'), CHORUS_BUILD_DASHBOARD: 'auto' });
    running.add(server);
    expect(await server.exited).toBe(1);
    running.delete(server);
    expect(server.output()).toContain('syntax error in app.tsx');
    expect(server.output()).toContain('chorus: the dashboard could not be built');
    expect(server.output()).not.toContain('Chorus is running at');
  });
});

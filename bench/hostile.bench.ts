/**
 * Whether hostile bodies stall everyone else: `/api/health` latency on a real server, first on
 * its own, then while three senders keep posting the bodies that once froze it (50,000 nested
 * objects to the simulated model and the mutation route, 3 MiB bodies, deep arrays).
 */
import { rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { freePort, tempDir } from '../server/test/support/postgres.ts';
import { startServer } from '../server/test/support/process.ts';
import { ms, summary, table } from './stats.ts';

const TOKEN = 'bench-admin-token-0123456789';
const dir = await tempDir('chorus-bench-');
const port = await freePort();
const server = startServer({ PORT: String(port), CHORUS_DATA_DIR: join(dir, 'data'), CHORUS_PG_PORT: String(await freePort()), CHORUS_ADMIN_TOKEN: TOKEN, CHORUS_ROLES: 'api' });
const base = `http://127.0.0.1:${port}`;

const nested = '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000);
const bodies: [string, string, string][] = [
  ['POST', '/sim/v1/chat/completions', nested],
  ['POST', '/api/mutations', nested],
  ['POST', '/api/mutations', JSON.stringify({ mutations: [{ type: 'bot.create', x: 'x'.repeat(3 * 1024 * 1024) }] })],
  ['PUT', '/api/pace', '['.repeat(200_000) + ']'.repeat(200_000)],
];

async function probe(n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fetch(`${base}/api/health`).then((r) => r.arrayBuffer());
    out.push(performance.now() - t);
    await Bun.sleep(10);
  }
  return out;
}

try {
  await server.waitFor(/Chorus is running at/, 120_000);
  for (let i = 0; i < 50; i++) await fetch(`${base}/api/health`).then((r) => r.arrayBuffer());
  const quiet = await probe(300);

  let stop = false;
  const statuses = new Map<string, number>();
  let sent = 0;
  const sender = async (k: number) => {
    for (let i = k; !stop; i++) {
      const [method, path, body] = bodies[i % bodies.length]!;
      const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body });
      await res.arrayBuffer();
      sent++;
      statuses.set(`${method} ${path} → ${res.status}`, (statuses.get(`${method} ${path} → ${res.status}`) ?? 0) + 1);
    }
  };
  const senders = [0, 1, 2].map(sender);
  const loaded = await probe(300);
  stop = true;
  await Promise.all(senders);

  const q = summary(quiet);
  const l = summary(loaded);
  table([
    { case: '/api/health alone', n: q.n, p50: ms(q.p50), p99: ms(q.p99), max: ms(q.max) },
    { case: '/api/health, 3 hostile senders', n: l.n, p50: ms(l.p50), p99: ms(l.p99), max: ms(l.max) },
  ]);
  console.log(`hostile requests answered meanwhile: ${sent}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} on ${navigator.hardwareConcurrency} cores`);
  for (const [k, v] of statuses) console.log(`  ${k}: ${v}`);
} finally {
  server.kill('SIGINT');
  await server.exited;
  await rm(dir, { recursive: true, force: true });
}

/**
 * An outsider at a real server's socket: hostile Host and Origin headers, forged cookies and
 * tokens, deep and huge bodies, bad percent-encodings and odd methods, many at once. Every answer
 * must come within 5 s, never be a 5xx, be JSON when it is an error, carry no secret, and no
 * refused write may change the database (every write here is an outsider's: no valid token, or a
 * foreign origin, Host or proxy hop).
 */
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createSql, type Sql } from '../../src/db/client.ts';
import { freePort, tempDir } from '../support/postgres.ts';
import { startServer, type ServerProcess } from '../support/process.ts';
import { databaseDigest, type FuzzRow } from './http-fuzz.ts';
import { hostileBody, hostileString, pick, type Rng } from './inputs.ts';

export interface FuzzTarget {
  base: string;
  sql: Sql;
  token: string | null;
  /** Every secret the server was given: none may appear in an answer. */
  secrets: string[];
  /** GET paths of the API with real ids in them, and the write routes. */
  reads: string[];
  writes: [string, string][];
  stop(): Promise<void>;
}

const PROVIDER_KEY = 'sk-fuzz-PROVIDER-KEY-0123456789abcdef';

/** A real server (own process, embedded Postgres, demo community), with or without a token. */
export async function startFuzzTarget(token: string | null): Promise<FuzzTarget> {
  const dir = await tempDir('chorus-fuzz-');
  const port = await freePort();
  const pgPort = await freePort();
  const proc: ServerProcess = startServer({
    PORT: String(port),
    CHORUS_DATA_DIR: join(dir, 'data'),
    CHORUS_PG_PORT: String(pgPort),
    CHORUS_ROLES: 'api,sync',
    CHORUS_WEB_SEARCH: 'off',
    CHORUS_LOG_LEVEL: 'warn',
    CHORUS_ADMIN_TOKEN: token ?? '',
    CHORUS_PROVIDERS: 'acme=http://127.0.0.1:9/v1',
    CHORUS_PROVIDER_ACME_API_KEY: PROVIDER_KEY,
  });
  await proc.waitFor(/Chorus is running at/, 120_000);
  const base = `http://127.0.0.1:${port}`;
  const { password } = JSON.parse(readFileSync(join(dir, 'data', 'postgres.auth.json'), 'utf8'));
  const sql = createSql(`postgres://postgres:${password}@127.0.0.1:${pgPort}/chorus`, { max: 2 });
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
  const ids = (await sql`SELECT id::text AS id FROM bots UNION ALL (SELECT id::text FROM threads LIMIT 5) UNION ALL (SELECT id::text FROM replies LIMIT 5)`).map((r) => r.id as string);
  const fill = (p: string, i: number) => p.replace(/\{[^}]+\}/g, () => ids[i % ids.length]!);
  const reads: string[] = [];
  const writes: [string, string][] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/') && !path.startsWith('/sim/')) continue;
    for (const m of Object.keys(methods)) {
      if (m === 'get') reads.push(fill(path, reads.length));
      else writes.push([m.toUpperCase(), fill(path, writes.length)]);
    }
  }
  await fetch(`${base}/api/health`, { headers: auth });
  return {
    base,
    sql,
    token,
    secrets: [PROVIDER_KEY, password, ...(token ? [token] : [])],
    reads,
    writes,
    async stop() {
      await sql.end();
      proc.kill('SIGINT');
      await proc.exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const BAD_PATHS = [
  '/%ff', '/%E0%A4%A', '/bots/%', '/%C0%AF', '/%ED%A0%80', '/api/bots/%zz', '/api/%00', '/..%2f..%2fetc%2fpasswd', '/api/../../etc/passwd',
  '/%2e%2e/%2e%2e/', '/api/bots/%E2%80%AE', '/_build/assets/%ff.js', '/v1/shape?table=%ff&offset=-1', '/api/threads?q=%ff%fe', '/sim/v1/%ff',
  '/ws/activity', '/ws/%ff', '/v1/shape?table=bots&offset=-1&where=' + '('.repeat(2000) + 'id' + ')'.repeat(2000), '/', '/bots/1', '/manifest.webmanifest',
];
const HOSTS = ['evil.example', 'evil.example:80', 'localhost.evil.example', '127.0.0.1.nip.io', 'localhost:99999', '[::1', '', ' ', 'a'.repeat(300), 'ünï.example', 'localhost', '127.0.0.1', '[::1]', 'chorus.localhost'];
const ORIGINS = ['https://evil.example', 'null', 'http://localhost:1', 'http://127.0.0.1:1', 'file://', 'http://localhost.evil.example', 'garbage', '', 'http://[::1', 'https://evil.example, http://127.0.0.1'];
const SITES = ['cross-site', 'same-site', 'none', 'same-origin', 'garbage'];
const METHODS = ['GET', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE', 'PROPFIND', 'TRACE'];
const CONTENT_TYPES = ['application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/xml', ''];

/** Bodies the other fuzzers do not make: deep, huge, bad UTF-8, form-encoded. */
const DEEP = '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000);
const HUGE = JSON.stringify({ x: 'x'.repeat(2 * 1024 * 1024 + 10) });
function body(rng: Rng, keys: string[]): BodyInit {
  const r = rng();
  if (r < 0.05) return DEEP;
  if (r < 0.07) return HUGE;
  if (r < 0.12) return new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0x22, 0x7d]);
  if (r < 0.17) return 'title=x&body=%ff&bot_id=' + enc(hostileString(rng).slice(0, 50));
  if (r < 0.2) return JSON.stringify({ mutations: [{ type: pick(rng, ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'bot.create']), id: 'x' }] });
  // (TextEncoder turns lone surrogates into U+FFFD, which fetch would refuse to send.)
  return new TextEncoder().encode(hostileBody(rng, keys).slice(0, 300_000));
}

const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
};

/**
 * Hostile requests at `target`, `concurrency` at a time. Every write is an outsider's, so the
 * database must end as it started.
 */
export async function fuzzHostileHttp(opts: { target: FuzzTarget; requests: number; rng: Rng; concurrency?: number }): Promise<FuzzRow> {
  const { target, rng } = opts;
  const row: FuzzRow = { target: `real server ${target.token ? 'with' : 'without'} a token: hostile Host, Origin, cookies, bodies, encodings`, tried: 0, refused: 0, accepted: 0, failures: [] };
  const before = await databaseDigest(target.sql);
  const own = new URL(target.base).host;

  const one = async () => {
    const method = pick(rng, METHODS);
    const write = !['GET', 'HEAD', 'OPTIONS', 'TRACE'].includes(method);
    let path: string;
    const r = rng();
    if (r < 0.25) path = pick(rng, BAD_PATHS);
    else if (write && r < 0.75) path = pick(rng, target.writes)[1];
    else path = pick(rng, target.reads);
    if (rng() < 0.3) path += `${path.includes('?') ? '&' : '?'}${enc(hostileString(rng).slice(0, 20))}=${enc(hostileString(rng).slice(0, 200))}`;

    const headers: Record<string, string> = {};
    // An outsider's write always carries at least one mark of being one.
    const marks = ['host', 'origin', 'site', 'proxy', 'auth'];
    const forced = write ? pick(rng, target.token ? ['auth'] : marks.slice(0, 4)) : null;
    if (forced === 'host' || rng() < 0.2) headers.host = pick(rng, forced === 'host' ? HOSTS.slice(0, 10) : HOSTS);
    if (forced === 'origin' || rng() < 0.3) headers.origin = forced === 'origin' ? pick(rng, ORIGINS.slice(0, 6)) : pick(rng, [...ORIGINS, target.base]);
    if (forced === 'site' || rng() < 0.2) headers['sec-fetch-site'] = forced === 'site' ? pick(rng, ['cross-site', 'same-site']) : pick(rng, SITES);
    if (forced === 'proxy' || rng() < 0.1) headers['x-forwarded-for'] = pick(rng, ['203.0.113.9', '127.0.0.1', 'garbage', '::1, 10.0.0.1']);
    if (rng() < 0.3) headers.cookie = `chorus_session=${pick(rng, ['A'.repeat(43), 'forged', '1.' + 'x'.repeat(43), hostileString(rng).slice(0, 100).replace(/[^\x21-\x7e]|[;,"\\]/g, '')])}`;
    if (rng() < 0.3 || (forced === 'auth' && rng() < 0.5)) headers.authorization = pick(rng, ['Bearer wrong-token-wrong-token', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', `Bearer ${'x'.repeat(600)}`]);
    if (!write && target.token && rng() < 0.2) headers.authorization = `Bearer ${target.token}`;
    const hasBody = write || (method === 'OPTIONS' && rng() < 0.1);
    if (hasBody) headers['content-type'] = pick(rng, CONTENT_TYPES);
    if (rng() < 0.05) headers['x-filler'] = 'f'.repeat(8000);

    row.tried++;
    try {
      const res = await fetch(`${target.base}${path}`, {
        method,
        headers,
        body: hasBody ? body(rng, ['mutations', 'pace', 'title', 'body', 'bot_id', 'token', 'model', 'messages']) : undefined,
        signal: AbortSignal.timeout(5000),
        redirect: 'manual',
      });
      const text = await res.text();
      const seen = `${res.status} ${method} ${path.slice(0, 120)} host=${headers.host ?? own} origin=${headers.origin ?? '-'}`;
      const all = `${[...res.headers].join(' ')} ${text}`;
      for (const s of target.secrets) if (all.includes(s)) row.failures.push(`a secret in the answer: ${seen}`);
      if (res.status >= 500) row.failures.push(`${seen} → ${text.slice(0, 160)}`);
      else if (res.status >= 400) {
        row.refused++;
        // HEAD and TRACE answers carry no body by definition.
        if (method !== 'HEAD' && method !== 'TRACE') {
          try {
            JSON.parse(text);
          } catch {
            row.failures.push(`not JSON: ${seen} → ${res.headers.get('content-type')} ${JSON.stringify(text.slice(0, 80))}`);
          }
        }
      } else {
        row.accepted++;
        // (Signing out answers 200 to anyone: there is nothing of theirs to end.)
        if (write && res.status < 300 && !path.startsWith('/api/session')) row.failures.push(`an outsider's write was accepted: ${seen}`);
      }
    } catch (e) {
      const err = e as Error;
      row.failures.push(`${err.name === 'TimeoutError' ? 'no answer within 5 s' : err.message.slice(0, 120)}: ${method} ${path.slice(0, 120)} host=${headers.host ?? own}`);
    }
  };

  const workers = Array.from({ length: opts.concurrency ?? 8 }, async () => {
    while (row.tried < opts.requests) await one();
  });
  await Promise.all(workers);
  if ((await databaseDigest(target.sql)) !== before) row.failures.push('refused outsider writes changed the database');
  return row;
}

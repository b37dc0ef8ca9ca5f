/**
 * Every HTTP route from the OpenAPI document, called with generated bad input. Each answer must
 * be a 4xx JSON error or a success, never a 5xx or a hang, and a refused request must leave the
 * database exactly as it was.
 */
import type { Sql } from '../../src/db/client.ts';
import { hostileBody, hostileString, pick, type Rng } from './inputs.ts';

export interface FuzzRow {
  target: string;
  tried: number;
  refused: number;
  accepted: number;
  failures: string[];
}

type Handle = (req: Request) => Promise<Response> | Response;

/** A digest of every table, to prove a refused request changed nothing. */
export async function databaseDigest(sql: Sql): Promise<string> {
  const tables = await sql<{ t: string }[]>`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`;
  const parts = await Promise.all(tables.map(async ({ t }) => {
    const [row] = await sql.unsafe(`SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${t}" x`);
    return `${t}:${row!.h}`;
  }));
  return parts.join(',');
}

/** Percent-encodes, and turns lone surrogates into invalid UTF-8 on the wire (a fuzz case of its own). */
const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return `${encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ''))}%ED%A0%80`;
  }
};

const timeout = <T>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms: ${what}`)), ms))]);

export async function fuzzHttp(opts: { handle: Handle; sql: Sql; token: string; iterations: number; rng: Rng; ids: string[] }): Promise<FuzzRow[]> {
  const doc = (await (await opts.handle(new Request('http://localhost/api/openapi.json'))).json()) as {
    paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } }>>;
  };
  const rows: FuzzRow[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/') || path.startsWith('/api/docs')) continue;
    for (const [method, op] of Object.entries(methods)) {
      const m = method.toUpperCase();
      const keys = Object.keys(op.requestBody?.content?.['application/json']?.schema?.properties ?? {});
      const row: FuzzRow = { target: `${m} ${path}`, tried: 0, refused: 0, accepted: 0, failures: [] };
      for (let i = 0; i < opts.iterations; i++) {
        const filled = path.replace(/\{[^}]+\}|:[a-zA-Z_]+/g, () => enc(opts.rng() < 0.3 ? pick(opts.rng, opts.ids) : hostileString(opts.rng).slice(0, 200)));
        const query = Array.from({ length: Math.floor(opts.rng() * 3) }, () =>
          `${enc(pick(opts.rng, ['limit', 'offset', 'q', 'bot_id', 'tag', 'days', 'period', 'format', 'kind', hostileString(opts.rng).slice(0, 20)]))}=${enc(hostileString(opts.rng).slice(0, 300))}`,
        ).join('&');
        const url = `http://localhost${filled}${query ? `?${query}` : ''}`;
        const hasBody = m !== 'GET' && m !== 'DELETE' && m !== 'HEAD';
        const body = hasBody ? hostileBody(opts.rng, keys) : undefined;
        const before = m === 'GET' ? '' : await databaseDigest(opts.sql);
        row.tried++;
        try {
          const res = await timeout(
            Promise.resolve(opts.handle(new Request(url, {
              method: m,
              headers: { authorization: `Bearer ${opts.token}`, ...(hasBody ? { 'content-type': opts.rng() < 0.9 ? 'application/json' : pick(opts.rng, ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) } : {}) },
              body,
            }))),
            10_000,
            url,
          );
          const text = await res.text();
          if (res.status >= 500) {
            row.failures.push(`${res.status} ${m} ${url.slice(0, 200)} body=${(body ?? '').slice(0, 200)} → ${text.slice(0, 200)}`);
          } else if (res.status >= 400) {
            row.refused++;
            try {
              JSON.parse(text);
            } catch {
              row.failures.push(`${res.status} without a JSON body: ${m} ${url.slice(0, 200)}`);
            }
            if (m !== 'GET' && (await databaseDigest(opts.sql)) !== before) row.failures.push(`refused ${m} ${url.slice(0, 200)} changed the database`);
          } else row.accepted++;
        } catch (e) {
          row.failures.push(`${(e as Error).message.slice(0, 300)}`);
        }
      }
      rows.push(row);
    }
  }
  return rows;
}

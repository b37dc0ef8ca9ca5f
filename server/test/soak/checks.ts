/**
 * What must hold after a soak, each as a query or a comparison that returns the rows that differ
 * (empty means it held). Comparisons with copies poll for a while: a copy is allowed to be behind
 * for a moment, never to be different once it has caught up.
 */
import { DASHBOARD_SHAPES } from '@chorus/sync/src/browser/index.ts';
import { syncedTable } from '@chorus/sync/src/outbox/index.ts';
import type { Sql } from '../../src/db/client.ts';
import type { FakeLlmRequest } from '../support/fake-servers.ts';
import type { Acks, DashboardClient } from './pglite-clients.ts';
import { clientRows, postgresShapeRows, type ShapeClient } from './shape-clients.ts';
import type { Expected, QueuedMutation } from './writers.ts';

export interface CheckResult {
  what: string;
  tried: number;
  failures: string[];
}

const textColumns = (cols: readonly string[]) => cols.map((c) => `"${c}"::text AS "${c}"`).join(', ');
const renderRows = (rows: Record<string, unknown>[], cols: readonly string[]) => rows.map((r) => JSON.stringify(cols.map((c) => r[c] ?? null)));

/** Rows of a multiset that the other lacks, both ways. */
function diff(a: string[], b: string[]): { onlyA: string[]; onlyB: string[] } {
  const count = new Map<string, number>();
  for (const x of a) count.set(x, (count.get(x) ?? 0) + 1);
  const onlyB: string[] = [];
  for (const x of b) {
    const n = count.get(x) ?? 0;
    if (n > 0) count.set(x, n - 1);
    else onlyB.push(x);
  }
  const onlyA = [...count.entries()].flatMap(([x, n]) => Array<string>(n).fill(x));
  return { onlyA, onlyB };
}

async function pollUntilEmpty(ms: number, attempt: () => Promise<string[]>): Promise<string[]> {
  const until = Date.now() + ms;
  for (;;) {
    const failures = await attempt();
    if (!failures.length || Date.now() > until) return failures;
    await Bun.sleep(500);
  }
}

/** Every PGlite copy equals Postgres row for row, for every synced table, both its synced rows and the view the dashboard reads. */
export async function checkPgliteCopies(sql: Sql, clients: DashboardClient[], ms: number): Promise<CheckResult> {
  let tried = 0;
  const failures = await pollUntilEmpty(ms, async () => {
    tried = 0;
    const out: string[] = [];
    for (const shape of DASHBOARD_SHAPES) {
      const order = shape.primaryKey.map((k) => `"${k}"`).join(', ');
      const source = renderRows(await sql.unsafe(`SELECT ${textColumns(shape.columns)} FROM "${shape.table}" ORDER BY ${order}`), shape.columns);
      for (const c of clients) {
        for (const local of [syncedTable(shape.table), shape.table]) {
          tried++;
          const res = await c.pg.query<Record<string, unknown>>(`SELECT ${textColumns(shape.columns)} FROM "${local}" ORDER BY ${order}`);
          const d = diff(source, renderRows(res.rows, shape.columns));
          if (d.onlyA.length || d.onlyB.length) {
            out.push(`PGlite ${c.index} ${local}: ${d.onlyA.length} rows only in Postgres, ${d.onlyB.length} only in PGlite`);
            for (const r of d.onlyA.slice(0, 3)) out.push(`    postgres: ${r.slice(0, 400)}`);
            for (const r of d.onlyB.slice(0, 3)) out.push(`    pglite:   ${r.slice(0, 400)}`);
          }
        }
      }
    }
    return out;
  });
  return { what: 'PGlite copies = Postgres (table × client, synced and view)', tried, failures };
}

/** Every live shape client holds exactly the rows Postgres has for its shape. */
export async function checkShapeClients(sql: Sql, clients: ShapeClient[], ms: number): Promise<CheckResult> {
  const arrays = new Set(
    (await sql<{ c: string }[]>`SELECT table_name || '.' || column_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND data_type = 'ARRAY'`).map((r) => r.c),
  );
  const failures = await pollUntilEmpty(ms, async () => {
    const out: string[] = [];
    for (const [i, c] of clients.entries()) {
      const d = diff(await postgresShapeRows(sql, c, arrays), clientRows(c));
      if (d.onlyA.length || d.onlyB.length) {
        out.push(`shape client ${i} (${c.shape.table}${c.where ? ` where ${c.where}` : ''}): ${d.onlyA.length} rows only in Postgres, ${d.onlyB.length} only in the client`);
        for (const r of d.onlyA.slice(0, 2)) out.push(`    postgres: ${r.slice(0, 300)}`);
        for (const r of d.onlyB.slice(0, 2)) out.push(`    client:   ${r.slice(0, 300)}`);
      }
    }
    return out;
  });
  return { what: 'live shape clients = Postgres', tried: clients.length, failures };
}

/**
 * Every acknowledged mutation was applied exactly once, every queued one (online or offline) was
 * applied after all, nothing else was, no outbox still holds anything, and the last value each
 * client gave a field is the value Postgres has.
 */
export async function checkMutations(sql: Sql, queued: QueuedMutation[], acks: Acks, expected: Expected, clients: DashboardClient[]): Promise<CheckResult[]> {
  const applied = new Map(
    (await sql<{ id: string; status: string }[]>`SELECT id::text AS id, status FROM applied_mutations`).map((r) => [r.id, r.status]),
  );
  const once: string[] = [];
  for (const [id, a] of acks) {
    if (a.applied > 1) once.push(`mutation ${id} was acknowledged as applied ${a.applied} times`);
    if (applied.get(id) !== 'applied') once.push(`mutation ${id} was acknowledged but applied_mutations has ${applied.get(id) ?? 'no row'}`);
  }
  const ids = new Set(queued.map((q) => q.id));
  for (const id of applied.keys()) if (!ids.has(id)) once.push(`applied_mutations has ${id}, which no client queued`);

  const queuedFailures: string[] = [];
  for (const q of queued) {
    if (applied.get(q.id) !== 'applied') queuedFailures.push(`client ${q.client}: ${q.type} ${q.id}${q.offline ? ' (queued offline)' : ''} was never applied`);
  }
  for (const c of clients) {
    const left = (await c.pg.query<{ state: string; n: number }>(`SELECT state, count(*)::int AS n FROM chorus_outbox GROUP BY state`)).rows;
    for (const l of left) queuedFailures.push(`PGlite ${c.index}: ${l.n} outbox rows still ${l.state}`);
  }

  const effects: string[] = [];
  for (const e of expected.values()) {
    const [row] = await sql.unsafe(`SELECT "${e.column}"::text AS v FROM "${e.table}" WHERE id = $1`, [e.pk]);
    const actual = (row?.v as string | null | undefined) ?? null;
    const same = e.value === null ? actual === null : typeof e.value === 'number' ? actual !== null && Number(actual) === e.value : String(e.value) === actual;
    if (!same) effects.push(`${e.table} ${e.pk} ${e.column}: Postgres has ${actual}, the last mutation (${e.mutation}) set ${JSON.stringify(e.value)}`);
  }
  const offline = queued.filter((q) => q.offline).length;
  return [
    { what: 'acknowledged mutations applied exactly once', tried: acks.size, failures: once },
    { what: `queued mutations applied after reconnect (${offline} queued offline)`, tried: queued.length, failures: queuedFailures },
    { what: "mutations' effects present (last value per field)", tried: expected.size, failures: effects },
  ];
}

/** No bot's recorded usage (with what is still reserved) passes its effective cap on any day. */
export async function checkCaps(sql: Sql): Promise<CheckResult> {
  const rows = await sql`
    SELECT b.handle, u.day::text AS day, u.tokens, u.reserved_tokens, u.cost_usd::text AS usd, u.reserved_usd::text AS reserved_usd,
           coalesce(b.daily_token_cap, s.default_daily_token_cap) AS token_cap, coalesce(b.daily_usd_cap, s.default_daily_usd_cap)::text AS usd_cap
      FROM daily_usage u JOIN bots b ON b.id = u.bot_id CROSS JOIN settings s
     WHERE u.tokens + u.reserved_tokens > coalesce(b.daily_token_cap, s.default_daily_token_cap)
        OR u.cost_usd + u.reserved_usd > coalesce(b.daily_usd_cap, s.default_daily_usd_cap)`;
  const [n] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM daily_usage`;
  return { what: 'daily usage within the effective caps (bot × day)', tried: n!.n, failures: rows.map((r) => `over cap: ${JSON.stringify(r)}`) };
}

/** No (bot, slot) ran twice, and no two heartbeats of one bot overlapped in time. */
export async function checkHeartbeats(sql: Sql): Promise<CheckResult> {
  const twice = await sql`SELECT bot_id, slot, count(*)::int AS n FROM heartbeats GROUP BY bot_id, slot HAVING count(*) > 1`;
  const overlaps = await sql`
    SELECT a.bot_id, a.id AS first, a.started_at AS first_started, a.finished_at AS first_finished, a.outcome AS first_outcome,
           b.id AS second, b.started_at AS second_started, b.worker AS second_worker
      FROM heartbeats a JOIN heartbeats b ON a.bot_id = b.bot_id AND a.id <> b.id
     WHERE (b.started_at > a.started_at OR (b.started_at = a.started_at AND b.id > a.id))
       AND b.started_at < coalesce(a.finished_at, 'infinity')`;
  const [n] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM heartbeats`;
  return {
    what: 'heartbeats: one per (bot, slot), none overlapping',
    tried: n!.n,
    failures: [...twice.map((r) => `slot ran twice: ${JSON.stringify(r)}`), ...overlaps.map((r) => `overlap: ${JSON.stringify(r)}`)],
  };
}

/** Reputation, up- and downvotes of every bot, and every post's score, equal the votes themselves. */
export async function checkReputation(sql: Sql): Promise<CheckResult> {
  const bots = await sql`
    SELECT b.handle, b.reputation, b.upvotes, b.downvotes, v.sum, v.up, v.down
      FROM bots b LEFT JOIN LATERAL (
        SELECT coalesce(sum(value), 0)::int AS sum, count(*) FILTER (WHERE value = 1)::int AS up, count(*) FILTER (WHERE value = -1)::int AS down
          FROM votes WHERE target_bot_id = b.id) v ON true
     WHERE (b.reputation, b.upvotes, b.downvotes) IS DISTINCT FROM (v.sum, v.up, v.down)`;
  const threads = await sql`
    SELECT t.id, t.score, coalesce(sum(v.value), 0)::int AS sum FROM threads t LEFT JOIN votes v ON v.thread_id = t.id
     GROUP BY t.id HAVING t.score <> coalesce(sum(v.value), 0)`;
  const replies = await sql`
    SELECT r.id, r.score, coalesce(sum(v.value), 0)::int AS sum FROM replies r LEFT JOIN votes v ON v.reply_id = r.id
     GROUP BY r.id HAVING r.score <> coalesce(sum(v.value), 0)`;
  const [n] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM votes`;
  return {
    what: 'reputation and scores = sum of votes (votes counted)',
    tried: n!.n,
    failures: [...bots, ...threads, ...replies].map((r) => `differs: ${JSON.stringify(r)}`),
  };
}

/**
 * Every request a provider received was reserved before it was sent, and what Chorus recorded
 * for that provider covers what it could have billed (a hang or a 5xx at worst case, an answer
 * at its reported usage). A call still reserved counts at its reservation, which the sweep will
 * charge.
 */
export async function checkProviderSpend(sql: Sql, provider: string, requests: FakeLlmRequest[]): Promise<CheckResult> {
  const [r] = await sql<{ calls: number; tokens: string }[]>`
    SELECT count(*)::int AS calls,
           coalesce(sum(CASE WHEN status = 'reserved' THEN reserved_tokens ELSE input_tokens + output_tokens END), 0)::text AS tokens
      FROM llm_calls WHERE provider = ${provider}`;
  const couldBill = requests.reduce((n, q) => n + q.billable, 0);
  const failures: string[] = [];
  if (r!.calls < requests.length) failures.push(`the provider got ${requests.length} requests, Chorus reserved ${r!.calls} calls`);
  if (Number(r!.tokens) < couldBill) failures.push(`the provider could bill ${couldBill} tokens, Chorus recorded ${r!.tokens}`);
  return { what: `every request to a provider that hangs and 5xx's was reserved; recorded spend ≥ what it could bill (${r!.tokens} ≥ ${couldBill} tokens)`, tried: requests.length, failures };
}

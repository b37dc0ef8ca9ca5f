import { Elysia, t } from 'elysia';
import type { AppDeps } from '../../app.ts';
import { migrationStatus } from '../../db/migrate.ts';
import { describeProvider } from '../../llm/providers.ts';

const Health = t.Object({
  status: t.Union([t.Literal('ok'), t.Literal('degraded')]),
  roles: t.Array(t.String()),
  database: t.Object({ reachable: t.Boolean(), latencyMs: t.Nullable(t.Number()), error: t.Optional(t.String()) }),
  migrations: t.Object({ current: t.Boolean(), applied: t.Number(), expected: t.Number(), pending: t.Array(t.String()) }),
  replication: t.Array(t.Object({ slot: t.String(), active: t.Boolean(), lagBytes: t.Number() })),
  orchestrator: t.Union([t.Literal('running'), t.Literal('paused'), t.Literal('off')]),
  sync: t.Union([t.Literal('active'), t.Literal('starting'), t.Literal('waiting'), t.Literal('degraded'), t.Literal('proxied'), t.Literal('off')]),
  llm: t.Array(t.Object({ provider: t.String(), simulated: t.Boolean(), reachable: t.Nullable(t.Boolean()) })),
  uptimeSeconds: t.Number(),
  version: t.String(),
});

const PROBE_TTL_MS = 60_000;

/** Whether each configured provider answers, probed at most once a minute (GET {base}/models). */
function providerProbe(deps: AppDeps) {
  const cache = new Map<string, { at: number; ok: boolean }>();
  return async () =>
    Promise.all(
      [...deps.config.providers.values()].map(async (p) => {
        const info = describeProvider(p);
        if (p.simulated) return { provider: p.name, simulated: true, reachable: true };
        const hit = cache.get(p.name);
        if (hit && Date.now() - hit.at < PROBE_TTL_MS) return { provider: p.name, simulated: false, reachable: hit.ok };
        let ok = false;
        try {
          const res = await fetch(`${info.baseURL}/models`, { headers: { authorization: `Bearer ${p.apiKey}` }, signal: AbortSignal.timeout(3000) });
          ok = res.status < 500;
        } catch {
          ok = false;
        }
        cache.set(p.name, { at: Date.now(), ok });
        return { provider: p.name, simulated: false, reachable: ok };
      }),
    );
}

export const healthModule = (deps: AppDeps) => {
  const probe = providerProbe(deps);
  return new Elysia({ name: 'chorus/health' }).get(
    '/api/health',
    async ({ set }) => {
      const uptimeSeconds = Math.round((Date.now() - deps.startedAt) / 1000);
      const roles = [...deps.config.roles];
      const sync = deps.config.electricUrl ? ('proxied' as const) : (deps.syncStatus?.() ?? ('off' as const));
      const llm = await probe();
      const started = performance.now();
      try {
        const [migrations, slots, [settings]] = await Promise.all([
          migrationStatus(deps.sql, deps.migrations),
          deps.sql<{ slot: string; active: boolean; lag: number | null }[]>`
            SELECT slot_name AS slot, active, (pg_current_wal_lsn() - confirmed_flush_lsn)::float8 AS lag
              FROM pg_replication_slots WHERE slot_type = 'logical' ORDER BY slot_name`,
          deps.sql`SELECT orchestrator_paused FROM settings`,
        ]);
        const latencyMs = Math.round((performance.now() - started) * 10) / 10;
        // A shape server that cannot write its logs serves stale data and acknowledges nothing.
        const ok = migrations.current && sync !== 'degraded';
        if (!ok) set.status = 503;
        return {
          status: ok ? ('ok' as const) : ('degraded' as const),
          roles,
          database: { reachable: true, latencyMs },
          migrations,
          replication: slots.map((s) => ({ slot: s.slot, active: s.active, lagBytes: Math.max(0, s.lag ?? 0) })),
          orchestrator: !deps.config.orchestrator ? ('off' as const) : settings?.orchestrator_paused ? ('paused' as const) : ('running' as const),
          sync,
          llm,
          uptimeSeconds,
          version: deps.version,
        };
      } catch (e) {
        set.status = 503;
        return {
          status: 'degraded' as const,
          roles,
          database: { reachable: false, latencyMs: null, error: (e as Error).message },
          migrations: { current: false, applied: 0, expected: deps.migrations.length, pending: [] },
          replication: [],
          orchestrator: deps.config.orchestrator ? ('running' as const) : ('off' as const),
          sync,
          llm,
          uptimeSeconds,
          version: deps.version,
        };
      }
    },
    {
      response: { 200: Health, 503: Health },
      detail: {
        tags: ['operations'],
        summary: "Each role's state: database reachable, migrations current, replication lag, orchestrator, shape server, model providers",
      },
    },
  );
};

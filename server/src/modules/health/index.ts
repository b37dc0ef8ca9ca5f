import { Elysia, t } from 'elysia';
import type { AppDeps } from '../../app.ts';
import { migrationStatus } from '../../db/migrate.ts';

const Health = t.Object({
  status: t.Union([t.Literal('ok'), t.Literal('degraded')]),
  database: t.Object({ reachable: t.Boolean(), latencyMs: t.Nullable(t.Number()), error: t.Optional(t.String()) }),
  migrations: t.Object({
    current: t.Boolean(),
    applied: t.Number(),
    expected: t.Number(),
    pending: t.Array(t.String()),
  }),
  uptimeSeconds: t.Number(),
  version: t.String(),
});

export const healthModule = (deps: AppDeps) =>
  new Elysia({ name: 'chorus/health' }).get(
    '/api/health',
    async ({ set }) => {
      const uptimeSeconds = Math.round((Date.now() - deps.startedAt) / 1000);
      const started = performance.now();
      try {
        const migrations = await migrationStatus(deps.sql, deps.migrations);
        const latencyMs = Math.round((performance.now() - started) * 10) / 10;
        const ok = migrations.current;
        if (!ok) set.status = 503;
        return {
          status: ok ? ('ok' as const) : ('degraded' as const),
          database: { reachable: true, latencyMs },
          migrations,
          uptimeSeconds,
          version: deps.version,
        };
      } catch (e) {
        set.status = 503;
        return {
          status: 'degraded' as const,
          database: { reachable: false, latencyMs: null, error: (e as Error).message },
          migrations: { current: false, applied: 0, expected: deps.migrations.length, pending: [] },
          uptimeSeconds,
          version: deps.version,
        };
      }
    },
    {
      response: { 200: Health, 503: Health },
      detail: { tags: ['operations'], summary: 'Liveness and readiness: database reachable, migrations current, uptime' },
    },
  );

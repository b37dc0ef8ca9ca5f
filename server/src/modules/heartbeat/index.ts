import { Uuid } from '@chorus/sync/src/mutations/index.ts';
import { Elysia, t } from 'elysia';
import type { AppDeps } from '../../app.ts';
import { adminAuth } from '../../http/auth.ts';
import { HttpError, notFound } from '../../http/errors.ts';
import { ACTIVITY_SELECT } from '../activity/index.ts';

export const heartbeatModule = (deps: AppDeps) =>
  new Elysia({ name: 'chorus/heartbeat' })
    .use(adminAuth(deps.access))
    .post(
      '/api/heartbeat/:botId',
      async ({ params }) => {
        const [bot] = await deps.sql`SELECT id FROM bots WHERE id = ${params.botId}`;
        if (!bot) throw notFound(`bot ${params.botId}`);
        const claim = await deps.services.orchestrator.runNow(params.botId);
        if (!claim) throw new HttpError(409, 'busy', 'this bot is in the middle of another heartbeat; try again shortly');
        const [hb] = await deps.sql`SELECT id, slot, trigger, outcome, error, started_at, finished_at FROM heartbeats WHERE id = ${claim.heartbeatId}`;
        const [activity] = await deps.sql`
          SELECT ${deps.sql.unsafe(ACTIVITY_SELECT)} FROM activity a JOIN bots b ON b.id = a.bot_id WHERE a.heartbeat_id = ${claim.heartbeatId}`;
        return { heartbeat: hb, activity: activity ?? null };
      },
      {
        admin: true,
        params: t.Object({ botId: Uuid }),
        detail: { tags: ['pace'], summary: "Run one bot's heartbeat now and return what it did" },
      },
    );

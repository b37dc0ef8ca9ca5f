import { Uuid } from '@chorus/sync/src/mutations/index.ts';
import { Elysia, t } from 'elysia';
import type { AppDeps } from '../../app.ts';
import { adminAuth } from '../../http/auth.ts';
import { paging, PagingParams } from '../query-params/index.ts';
import { setPaused } from '../bots/service.ts';
import * as moderation from './service.ts';

const ById = t.Object({ id: Uuid });
const tags = ['moderation'];

export const moderationModule = (deps: AppDeps) =>
  new Elysia({ name: 'chorus/moderation', prefix: '/api/moderation' })
    .use(adminAuth(deps.access))
    .get('/flags', ({ query }) => moderation.listFlags(deps.sql, { ...query, ...paging(query) }), {
      query: t.Object({
        resolved: t.Optional(t.Boolean({ description: 'true: resolved only, false: open only; absent: both' })),
        reason: t.Optional(t.Union([t.Literal('low_quality'), t.Literal('repetitive'), t.Literal('frequency')])),
        bot_id: t.Optional(Uuid),
        ...PagingParams,
      }),
      detail: { tags, summary: 'Auto-moderation flags, newest first, with the flagged post; filter by resolved, reason, bot' },
    })
    .get('/flags/count', () => moderation.flagCounts(deps.sql), {
      detail: { tags, summary: 'Open, resolved and total flags, and open flags by reason' },
    })
    .post('/flags/:id/resolve', ({ params, body }) => moderation.resolveFlag(deps.sql, params.id, body.resolution), {
      admin: true,
      params: ById,
      body: t.Object(
        { resolution: t.Union(moderation.RESOLUTIONS.map((r) => t.Literal(r)), { description: 'dismissed; deleted (deletes the post); bot_paused (pauses its author)' }) },
        { additionalProperties: false },
      ),
      detail: { tags, summary: 'Resolve an open flag and carry out the resolution' },
    })
    .post('/bots/:id/pause', ({ params }) => setPaused(deps.sql, params.id, true), {
      admin: true,
      params: ById,
      detail: { tags, summary: 'Pause a bot: its heartbeats do nothing and call no model' },
    })
    .post('/bots/:id/unpause', ({ params }) => setPaused(deps.sql, params.id, false), {
      admin: true,
      params: ById,
      detail: { tags, summary: 'Resume a paused bot' },
    })
    .delete('/threads/:id', ({ params }) => moderation.deleteThread(deps.sql, params.id), {
      admin: true,
      params: ById,
      detail: { tags, summary: 'Delete a thread with its replies and votes; the votes\' effect on reputation is undone' },
    })
    .delete('/replies/:id', ({ params }) => moderation.deleteReply(deps.sql, params.id), {
      admin: true,
      params: ById,
      detail: { tags, summary: 'Delete a reply with the replies below it and their votes; reputation is undone' },
    });

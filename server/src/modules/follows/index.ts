import { Uuid } from '@chorus/sync/src/mutations/index.ts';
import { Elysia, t } from 'elysia';
import type { AppDeps } from '../../app.ts';
import { adminAuth } from '../../http/auth.ts';
import * as follows from './service.ts';

const ByBot = t.Object({ botId: Uuid });
const FollowBody = t.Object({ follower_id: Uuid }, { additionalProperties: false });
const tags = ['follows'];

export const followsModule = (deps: AppDeps) =>
  new Elysia({ name: 'chorus/follows', prefix: '/api/follow' })
    .use(adminAuth(deps.access))
    .post('/:botId', async ({ params, body, set }) => {
      const result = await follows.follow(deps.sql, params.botId, body.follower_id);
      set.status = result.created ? 201 : 200;
      return result;
    }, {
      admin: true,
      params: ByBot,
      body: FollowBody,
      detail: { tags, summary: 'follower_id follows :botId (201 when new, 200 when it already did); no self-follows' },
    })
    .delete('/:botId', ({ params, body }) => follows.unfollow(deps.sql, params.botId, body.follower_id), {
      admin: true,
      params: ByBot,
      body: FollowBody,
      detail: { tags, summary: 'follower_id stops following :botId; removed says whether it was following' },
    })
    .get('/:botId/followers', ({ params }) => follows.followers(deps.sql, params.botId), {
      params: ByBot,
      detail: { tags, summary: 'Bots that follow :botId, newest first' },
    })
    .get('/:botId/following', ({ params }) => follows.following(deps.sql, params.botId), {
      params: ByBot,
      detail: { tags, summary: 'Bots that :botId follows, newest first' },
    })
    .get('/:botId/stats', ({ params }) => follows.followStats(deps.sql, params.botId), {
      params: ByBot,
      detail: { tags, summary: 'Follower, following and mutual-follow counts of :botId' },
    });

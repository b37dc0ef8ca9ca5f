import { Elysia } from 'elysia';
import type { AppDeps } from '../../app.ts';
import { adminAuth } from '../../http/auth.ts';
import { ById, NewReplyBody, NewThreadBody, ThreadListQuery } from './model.ts';
import * as threads from './service.ts';
import { invalidField } from '../../http/errors.ts';
import { paging } from '../query-params/index.ts';

export { actAs, type ApiAction } from './act.ts';
export { getThread, listThreads } from './service.ts';
export { ById, ThreadListQuery } from './model.ts';

const tags = ['threads'];

/** Bodies that are only whitespace pass the schema's length check; they are still empty posts. */
function requireText(value: string, field: string) {
  if (!value.trim()) throw invalidField(field, 'must contain more than whitespace');
}

export const threadsModule = (deps: AppDeps) =>
  new Elysia({ name: 'chorus/threads', prefix: '/api/threads' })
    .use(adminAuth(deps.access))
    .get('/', ({ query }) => threads.listThreads(deps.sql, { ...query, ...paging(query) }), {
      query: ThreadListQuery,
      detail: { tags, summary: 'Threads, paged; full-text search with q, filter by bot_id and tag' },
    })
    .get('/:id', ({ params }) => threads.getThread(deps.sql, params.id), {
      params: ById,
      detail: { tags, summary: 'One thread with its author, scores and replies nested as a tree' },
    })
    .post('/', async ({ body, set }) => {
      requireText(body.title, 'body.title');
      requireText(body.body, 'body.body');
      const created = await threads.createThread(deps.sql, body);
      set.status = 201;
      return created;
    }, {
      admin: true,
      body: NewThreadBody,
      detail: { tags, summary: 'Start a thread as a bot; moderated and shown in the activity feed like a heartbeat post' },
    })
    .post('/:id/replies', async ({ params, body, set }) => {
      requireText(body.body, 'body.body');
      const created = await threads.createReply(deps.sql, params.id, body);
      set.status = 201;
      return created;
    }, {
      admin: true,
      params: ById,
      body: NewReplyBody,
      detail: { tags, summary: 'Reply as a bot, to the thread or to one of its replies (parent_reply_id)' },
    });

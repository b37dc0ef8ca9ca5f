import { BotConfigPatch, CostCaps, NewBot, Uuid } from '@chorus/sync/src/mutations/index.ts';
import { Elysia, t } from 'elysia';
import type { AppDeps } from '../../app.ts';
import { adminAuth } from '../../http/auth.ts';
import { paging, PagingParams } from '../query-params/index.ts';
import * as bots from './service.ts';

const ById = t.Object({ id: Uuid });
const Paging = t.Object(PagingParams);
const tags = ['bots'];

export const botsModule = (deps: AppDeps) =>
  new Elysia({ name: 'chorus/bots', prefix: '/api/bots' })
    .use(adminAuth(deps.access))
    .get('/', () => bots.listBots(deps.sql), { detail: { tags, summary: 'Every bot with its configuration, reputation and status (active, paused, capped, error)' } })
    .post('/', async ({ body, set }) => {
      set.status = 201;
      return deps.sql.begin((tx) => bots.createBot(tx, deps.config, body));
    }, { admin: true, body: NewBot, detail: { tags, summary: 'Create a custom bot (at most settings.max_bots bots, 12 by default)' } })
    .get('/:id', ({ params }) => bots.getBot(deps.sql, params.id), { params: ById, detail: { tags, summary: 'One bot' } })
    .get('/:id/posts', ({ params, query }) => {
      const { limit, offset } = paging(query);
      return bots.botPosts(deps.sql, params.id, limit, offset);
    }, {
      params: ById,
      query: Paging,
      detail: { tags, summary: "A bot's threads and replies, newest first" },
    })
    .get('/:id/config', async ({ params }) => bots.configOf(await bots.getBot(deps.sql, params.id)), {
      params: ById,
      detail: { tags, summary: "A bot's configuration: personality, behaviour levels, engagement style, model settings" },
    })
    .put('/:id/config', ({ params, body }) => deps.sql.begin((tx) => bots.updateConfig(tx, deps.config, params.id, body)), {
      admin: true,
      params: ById,
      body: BotConfigPatch,
      detail: { tags, summary: "Change part of a bot's configuration; fields left out keep their value, memory is kept" },
    })
    .get('/:id/cost-cap', ({ params }) => bots.costCaps(deps.sql, params.id), {
      params: ById,
      detail: { tags, summary: 'Effective daily caps and whether each is the bot\'s own or the global default' },
    })
    .put('/:id/cost-cap', ({ params, body }) => bots.setCostCaps(deps.sql, params.id, body), {
      admin: true,
      params: ById,
      body: CostCaps,
      detail: { tags, summary: "Set a bot's daily token and/or USD cap (null returns that cap to the default)" },
    })
    .delete('/:id/cost-cap', ({ params }) => bots.setCostCaps(deps.sql, params.id, { daily_token_cap: null, daily_usd_cap: null }), {
      admin: true,
      params: ById,
      detail: { tags, summary: "Return both of a bot's caps to the global defaults" },
    })
    .post('/:id/pause', ({ params }) => bots.setPaused(deps.sql, params.id, true), { admin: true, params: ById, detail: { tags, summary: 'Pause a bot: its heartbeats do nothing and call no model' } })
    .post('/:id/unpause', ({ params }) => bots.setPaused(deps.sql, params.id, false), { admin: true, params: ById, detail: { tags, summary: 'Resume a paused bot' } });

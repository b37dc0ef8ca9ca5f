import { GlobalSettingsPatch, Uuid } from '@chorus/sync/src/mutations/index.ts';
import { Elysia, t } from 'elysia';
import type { AppDeps } from '../../app.ts';
import { adminAuth } from '../../http/auth.ts';
import { notFound } from '../../http/errors.ts';
import { PACE_PRESETS } from '../../orchestrator/constants.ts';
import { readSettings, updateSettings } from './service.ts';

const tags = ['pace'];

export const paceModule = (deps: AppDeps) =>
  new Elysia({ name: 'chorus/pace', prefix: '/api/pace' })
    .use(adminAuth(deps.access))
    .get('/', () => readSettings(deps.sql), { detail: { tags, summary: 'Global pace, orchestrator pause and default caps' } })
    .get('/presets', () => Object.entries(PACE_PRESETS).map(([name, seconds]) => ({ name, interval_seconds: seconds })), {
      detail: { tags, summary: 'Pace presets: slow 4 h, normal 1 h, fast 15 min, turbo 5 min (or custom seconds)' },
    })
    .put('/', async ({ body }) => {
      const settings = await deps.sql.begin((tx) => updateSettings(tx, body));
      deps.services.orchestrator.wake();
      return settings;
    }, { admin: true, body: GlobalSettingsPatch, detail: { tags, summary: 'Set the pace (preset or custom seconds), pause the orchestrator, or change the default caps' } })
    .post('/trigger', async () => ({ triggered: await deps.services.orchestrator.trigger() }), {
      admin: true,
      detail: { tags, summary: 'Make every bot due now' },
    })
    .post('/trigger/:botId', async ({ params }) => {
      const n = await deps.services.orchestrator.trigger(params.botId);
      if (!n) throw notFound(`bot ${params.botId}`);
      return { triggered: n };
    }, { admin: true, params: t.Object({ botId: Uuid }), detail: { tags, summary: 'Make one bot due now' } });

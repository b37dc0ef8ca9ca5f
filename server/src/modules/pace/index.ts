import { GlobalSettingsPatch, Uuid } from '@chorus/sync/src/mutations/index.ts';
import { Elysia, t } from 'elysia';
import type { AppDeps } from '../../app.ts';
import type { Db } from '../../db/client.ts';
import { adminAuth } from '../../http/auth.ts';
import { HttpError, notFound } from '../../http/errors.ts';
import { PACE_PRESETS } from '../../orchestrator/constants.ts';
import { intervalSeconds } from '../../orchestrator/pace.ts';

const tags = ['pace'];

export async function readSettings(sql: Db) {
  const [s] = await sql`
    SELECT pace, pace_custom_seconds, orchestrator_paused, default_daily_token_cap,
           default_daily_usd_cap::float8 AS default_daily_usd_cap, max_bots, updated_at FROM settings`;
  return { ...s!, interval_seconds: intervalSeconds(s!.pace, s!.pace_custom_seconds, null) };
}

export const paceModule = (deps: AppDeps) =>
  new Elysia({ name: 'chorus/pace', prefix: '/api/pace' })
    .use(adminAuth(deps.config.adminToken))
    .get('/', () => readSettings(deps.sql), { detail: { tags, summary: 'Global pace, orchestrator pause and default caps' } })
    .get('/presets', () => Object.entries(PACE_PRESETS).map(([name, seconds]) => ({ name, interval_seconds: seconds })), {
      detail: { tags, summary: 'Pace presets: slow 4 h, normal 1 h, fast 15 min, turbo 5 min (or custom seconds)' },
    })
    .put('/', async ({ body }) => {
      const settings = await deps.sql.begin(async (tx) => {
        const [cur] = await tx`SELECT pace, pace_custom_seconds FROM settings FOR UPDATE`;
        const pace = body.pace ?? cur!.pace;
        const custom = body.pace_custom_seconds !== undefined ? body.pace_custom_seconds : cur!.pace_custom_seconds;
        if (pace === 'custom' && custom == null) {
          throw new HttpError(422, 'invalid_request', 'pace_custom_seconds: required when pace is custom', { errors: [{ path: 'body.pace_custom_seconds', message: 'required when pace is custom' }] });
        }
        const cols = Object.keys(body);
        await tx`UPDATE settings SET ${tx(body as Record<string, never>, cols)}, updated_at = now()`;
        // A faster pace should take effect now, not after everyone's old, longer sleep.
        if (body.pace !== undefined || body.pace_custom_seconds !== undefined) {
          const seconds = intervalSeconds(pace, custom, null);
          await tx`UPDATE bots SET next_heartbeat_at = least(next_heartbeat_at, now() + make_interval(secs => ${seconds} * random()))
                    WHERE heartbeat_interval_seconds IS NULL`;
        }
        return readSettings(tx);
      });
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

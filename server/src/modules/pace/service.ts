import type { GlobalSettingsPatch } from '@chorus/sync/src/mutations/index.ts';
import type { Db, Tx } from '../../db/client.ts';
import { invalidField } from '../../http/errors.ts';
import { intervalSeconds } from '../../orchestrator/pace.ts';
import { lockBotCount } from '../bots/service.ts';

export async function readSettings(sql: Db) {
  const [s] = await sql`
    SELECT pace, pace_custom_seconds, orchestrator_paused, default_daily_token_cap,
           default_daily_usd_cap::float8 AS default_daily_usd_cap, max_bots, updated_at FROM settings`;
  return { ...s!, interval_seconds: intervalSeconds(s!.pace, s!.pace_custom_seconds, null) };
}

/** Changes the named global settings only, inside the caller's transaction. */
export async function updateSettings(tx: Tx, patch: GlobalSettingsPatch) {
  const [cur] = await tx`SELECT pace, pace_custom_seconds FROM settings FOR UPDATE`;
  const pace = patch.pace ?? cur!.pace;
  const custom = patch.pace_custom_seconds !== undefined ? patch.pace_custom_seconds : cur!.pace_custom_seconds;
  if (pace === 'custom' && custom == null) {
    throw invalidField('body.pace_custom_seconds', 'required when pace is custom');
  }
  if (patch.max_bots !== undefined) await refuseBelowBotCount(tx, patch.max_bots);
  await tx`UPDATE settings SET ${tx(patch as Record<string, never>, Object.keys(patch))}, updated_at = now()`;
  // A faster pace should take effect now, not after everyone's old, longer sleep.
  if (patch.pace !== undefined || patch.pace_custom_seconds !== undefined) {
    const seconds = intervalSeconds(pace, custom, null);
    await tx`UPDATE bots SET next_heartbeat_at = least(next_heartbeat_at, now() + make_interval(secs => ${seconds} * random()))
              WHERE heartbeat_interval_seconds IS NULL`;
  }
  return readSettings(tx);
}

/** Lowering the limit removes no bot, so a limit below the bots that exist would be a lie. */
async function refuseBelowBotCount(tx: Tx, maxBots: number) {
  await lockBotCount(tx);
  const [{ n }] = (await tx`SELECT count(*)::int AS n FROM bots`) as unknown as [{ n: number }];
  if (maxBots < n) throw invalidField('body.max_bots', `must be at least ${n}, the number of bots the community has`);
}

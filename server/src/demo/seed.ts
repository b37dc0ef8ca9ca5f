import type { Sql } from '../db/client.ts';
import type { Logger } from '../log.ts';
import { DEMO_COMMUNITY } from './community.ts';

/**
 * Loads the demo community into an empty database. "Empty" means no bot exists at all, so a
 * person who deleted the demo bots does not get them back on the next start.
 */
export async function seedDemoCommunity(sql: Sql, log: Logger, model: { provider: string; model: string }): Promise<number> {
  return sql.begin(async (tx) => {
    // Two processes booting at once must not both seed.
    await tx`SELECT pg_advisory_xact_lock(7310466002)`;
    const [existing] = await tx`SELECT 1 FROM bots LIMIT 1`;
    if (existing) return 0;
    // Spread the first heartbeats over the first minutes instead of waking everyone at once.
    let i = 0;
    for (const b of DEMO_COMMUNITY) {
      await tx`
        INSERT INTO bots (handle, name, origin_story, traits, communication_style, interests, quirks,
                          creativity, leadership, skepticism, aggression, shyness, engagement_style,
                          temperature, avatar_color, source, next_heartbeat_at, provider, model)
        VALUES (${b.handle}, ${b.name}, ${b.originStory}, ${b.traits}, ${b.communicationStyle},
                ${b.interests}, ${b.quirks}, ${b.levels.creativity}, ${b.levels.leadership},
                ${b.levels.skepticism}, ${b.levels.aggression}, ${b.levels.shyness},
                ${b.engagementStyle}, ${b.temperature}, ${b.avatarColor}, 'demo',
                now() + make_interval(secs => ${10 + 20 * i++}), ${model.provider}, ${model.model})`;
    }
    log.info('demo community loaded', { bots: DEMO_COMMUNITY.length });
    return DEMO_COMMUNITY.length;
  });
}

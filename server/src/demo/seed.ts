import type { Sql, Tx } from '../db/client.ts';
import type { Logger } from '../log.ts';
import { replySummary, threadSummary } from '../bots/apply.ts';
import { DEMO_COMMUNITY } from './community.ts';
import { DEMO_THREADS } from './threads.ts';

/**
 * The demo's pace: with eight bots, one heartbeat each every five minutes shows a person who is
 * watching something new about every forty seconds. The dashboard's Settings shows it and changes
 * it like any pace; only a freshly seeded database gets it.
 */
export const DEMO_PACE_SECONDS = 300;
/** The first heartbeats: the first bot within seconds, all of them within about a minute. */
const FIRST_HEARTBEAT_SECONDS = 5;
const FIRST_HEARTBEAT_SPACING_SECONDS = 9;

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
    // Spread the first heartbeats over the first minute instead of waking everyone at once.
    let i = 0;
    const ids = new Map<string, string>();
    for (const b of DEMO_COMMUNITY) {
      const [row] = await tx<{ id: string }[]>`
        INSERT INTO bots (handle, name, origin_story, traits, communication_style, interests, quirks,
                          creativity, leadership, skepticism, aggression, shyness, engagement_style,
                          temperature, avatar_color, source, next_heartbeat_at, provider, model)
        VALUES (${b.handle}, ${b.name}, ${b.originStory}, ${b.traits}, ${b.communicationStyle},
                ${b.interests}, ${b.quirks}, ${b.levels.creativity}, ${b.levels.leadership},
                ${b.levels.skepticism}, ${b.levels.aggression}, ${b.levels.shyness},
                ${b.engagementStyle}, ${b.temperature}, ${b.avatarColor}, 'demo',
                now() + make_interval(secs => ${FIRST_HEARTBEAT_SECONDS + FIRST_HEARTBEAT_SPACING_SECONDS * i++}), ${model.provider}, ${model.model})
        RETURNING id`;
      ids.set(b.handle, row!.id);
    }
    await seedThreads(tx, ids);
    await tx`UPDATE settings SET pace = 'custom', pace_custom_seconds = ${DEMO_PACE_SECONDS} WHERE id = 'global'`;
    log.info('demo community loaded', { bots: DEMO_COMMUNITY.length, threads: DEMO_THREADS.length, paceSeconds: DEMO_PACE_SECONDS });
    return DEMO_COMMUNITY.length;
  });
}

/**
 * The demo's opening conversations, dated over the last hours as if the community had been
 * talking, each with the feed entry its post would have had, so the activity feed and the
 * public page are not empty while the forum is full.
 */
async function seedThreads(tx: Tx, ids: Map<string, string>) {
  const seeded = tx.json({ seeded: true });
  for (const t of DEMO_THREADS) {
    const author = ids.get(t.author)!;
    const [thread] = await tx<{ id: string }[]>`
      INSERT INTO threads (bot_id, title, body, tags, created_at, last_activity_at)
      VALUES (${author}, ${t.title}, ${t.body}, ${t.tags},
              now() - make_interval(mins => ${t.minutesAgo}), now() - make_interval(mins => ${t.minutesAgo}))
      RETURNING id`;
    await tx`
      INSERT INTO activity (bot_id, action, summary, details, thread_id, created_at)
      VALUES (${author}, 'create_thread', ${threadSummary(t.title)}, ${seeded}, ${thread!.id}, now() - make_interval(mins => ${t.minutesAgo}))`;
    const replyIds: string[] = [];
    for (const r of t.replies) {
      const to = r.to === undefined ? t.author : t.replies[r.to]!.author;
      const [reply] = await tx<{ id: string }[]>`
        INSERT INTO replies (thread_id, parent_reply_id, bot_id, body, created_at)
        VALUES (${thread!.id}, ${r.to === undefined ? null : replyIds[r.to]!}, ${ids.get(r.author)!}, ${r.body},
                now() - make_interval(mins => ${r.minutesAgo}))
        RETURNING id`;
      replyIds.push(reply!.id);
      await tx`
        INSERT INTO activity (bot_id, action, summary, details, thread_id, reply_id, target_bot_id, created_at)
        VALUES (${ids.get(r.author)!}, 'reply', ${replySummary(to, t.title)}, ${seeded}, ${thread!.id}, ${reply!.id},
                ${ids.get(to)!}, now() - make_interval(mins => ${r.minutesAgo}))`;
    }
  }
}

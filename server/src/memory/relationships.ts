import type { Tx } from '../db/client.ts';
import { INTERACTION_HISTORY } from './constants.ts';

export type InteractionKind = 'reply' | 'upvote' | 'downvote' | 'follow' | 'replied_to_me';

/** How much one interaction moves the sentiment towards the other bot (clamped to −1…1). */
const SENTIMENT_DELTA: Record<InteractionKind, number> = {
  reply: 0.05,
  replied_to_me: 0.05,
  upvote: 0.1,
  downvote: -0.15,
  follow: 0.2,
};

/**
 * Updates `botId`'s relationship memory about `otherId` in the caller's transaction: one row per
 * pair (a unique index keeps it so), with a count, a sentiment and a short history.
 */
export async function recordInteraction(tx: Tx, botId: string, otherId: string, kind: InteractionKind, note: string): Promise<void> {
  if (botId === otherId) return;
  const event = { at: new Date().toISOString(), kind, note: note.slice(0, 200) };
  const [other] = await tx`SELECT handle FROM bots WHERE id = ${otherId}`;
  if (!other) return;
  const delta = SENTIMENT_DELTA[kind];
  await tx`
    INSERT INTO memory_items AS m (bot_id, kind, about_bot_id, content, importance, sentiment, interaction_count,
                                   interaction_history, last_interaction_at)
    VALUES (${botId}, 'relationship', ${otherId}, ${`My relationship with @${other.handle}`}, 0.5,
            ${Math.max(-1, Math.min(1, delta))}, 1, ${tx.json([event] as never)}, now())
    ON CONFLICT (bot_id, about_bot_id) WHERE kind = 'relationship' DO UPDATE SET
      sentiment = greatest(-1, least(1, coalesce(m.sentiment, 0) + ${delta})),
      interaction_count = m.interaction_count + 1,
      -- oldest first, only the most recent INTERACTION_HISTORY kept
      interaction_history = (SELECT coalesce(jsonb_agg(e ORDER BY n), '[]') FROM (
                               SELECT e, n FROM jsonb_array_elements(m.interaction_history || ${tx.json([event] as never)}) WITH ORDINALITY AS x(e, n)
                               ORDER BY n DESC LIMIT ${INTERACTION_HISTORY}) h),
      last_interaction_at = now(),
      -- frequent contacts matter more
      importance = least(1, m.importance + 0.02)`;
}

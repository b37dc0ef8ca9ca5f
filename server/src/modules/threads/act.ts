import type { Sql, Tx } from '../../db/client.ts';
import { retryOnConflict } from '../../db/retry.ts';
import type { Action } from '../../bots/actions.ts';
import { ActionRefused, applyAction, type Applied } from '../../bots/apply.ts';
import { HttpError, invalidField } from '../../http/errors.ts';

/** The actions a person can take on a bot's behalf through the API. */
export type ApiAction = Extract<Action, { type: 'create_thread' | 'reply' | 'vote' | 'follow' }>;

export interface Acted {
  applied: Applied;
  activityId: string;
}

export interface ActSteps<T> {
  /** The other bots whose rows the action will update (a post's author, through the votes trigger). */
  counterparts?: (tx: Tx) => Promise<string[]>;
  /** Checks and reads that must see the state the action is applied to; runs with the locks held. */
  before?: (tx: Tx) => Promise<T>;
}

/**
 * Writes one action for a bot through the same code a heartbeat uses (applyAction: moderation of
 * new posts, one vote per voter with the difference applied, no self-votes or self-follows), plus
 * the activity row a heartbeat would write, so the feed shows posts made through the API.
 *
 * The rows of the acting bot and of every counterpart are locked up front, in id order. Locking the
 * actor makes a bot's API writes and its heartbeats run one at a time, so concurrent votes by one
 * voter cannot race between applyAction's read of the previous vote and its insert. Locking the
 * counterparts too, in a fixed order, keeps two bots voting on each other at the same moment from
 * deadlocking (each would otherwise hold its own row and wait for the other's). A deadlock with a
 * heartbeat, which locks only its own row first, is still possible and is retried.
 */
export async function actAs<T = undefined>(
  sql: Sql,
  botId: string,
  action: ApiAction,
  steps: ActSteps<T>,
  actorField: string,
): Promise<Acted & { before: T }> {
  return retryOnConflict(() =>
    sql.begin(async (tx) => {
        const others = (await steps.counterparts?.(tx)) ?? [];
        const ids = [...new Set([botId, ...others])].sort();
        const locked = await tx`SELECT id FROM bots WHERE id IN ${tx(ids)} ORDER BY id FOR UPDATE`;
        if (!locked.some((b) => b.id === botId)) throw invalidField(actorField, `there is no bot ${botId}`);
        const seen = (await steps.before?.(tx)) as T;
        let applied: Applied;
        try {
          applied = await applyAction(tx, botId, action);
        } catch (e) {
          if (e instanceof ActionRefused) throw invalidField(actorField, e.message);
          throw e;
        }
        const [activity] = await tx<{ id: string }[]>`
          INSERT INTO activity (bot_id, action, summary, reason, details, thread_id, reply_id, target_bot_id)
          VALUES (${botId}, ${applied.action}, ${applied.summary.slice(0, 2000)}, ${applied.reason ?? null},
                  ${tx.json({ ...applied.details, via: 'api' } as never)}, ${applied.threadId ?? null},
                  ${applied.replyId ?? null}, ${applied.targetBotId ?? null})
          RETURNING id`;
        return { applied, activityId: activity!.id, before: seen };
    }),
  );
}

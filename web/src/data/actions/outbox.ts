import type { Transaction } from '@electric-sql/pglite';
import type { MutationPayloads, MutationType } from './mutation-types';

/**
 * Records a mutation in the local outbox, inside the same transaction as the local change, so an
 * edit is never shown without being queued nor queued without being shown. `previous` is what
 * the changed rows looked like before, so a rejection can put them back.
 *
 * The sender that pushes the outbox to POST /api/mutations (and drops entries once their txid
 * has come back down the shape stream) is the write path's job; it reads this table in `seq`
 * order.
 */
export async function enqueue<T extends MutationType>(
  tx: Transaction,
  type: T,
  payload: MutationPayloads[T],
  previous: readonly unknown[],
): Promise<string> {
  const id = crypto.randomUUID();
  await tx.query('INSERT INTO outbox (id, type, payload, previous) VALUES ($1, $2, $3, $4)', [
    id,
    type,
    JSON.stringify(payload),
    JSON.stringify(previous),
  ]);
  return id;
}

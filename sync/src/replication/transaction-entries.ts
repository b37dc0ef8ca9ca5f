/**
 * One transaction's log entries for one shape: its change messages with the transaction headers
 * (`lsn`, `op_position`, `txids`, `last`) and offsets `<lsn>_1`, `<lsn>_2`, … (O1, O2). Pure.
 */
import { convertChange, type CompiledShape } from '../shapes/index.ts';
import type { LogEntry } from '../storage/index.ts';
import type { Transaction } from './transaction-builder.ts';

export function transactionEntries(shape: CompiledShape, relid: number, tx: Transaction): LogEntry[] {
  const lsn = String(tx.lsn);
  const txids = [tx.xid];
  const messages = [];
  for (let i = 0; i < tx.events.length; i++) {
    const e = tx.events[i]!;
    if (e.op === 'truncate' || e.relid !== relid) continue;
    for (const m of convertChange(shape, e)) messages.push({ m, position: i });
  }
  return messages.map(({ m, position }, i) => {
    const headers: Record<string, unknown> = { ...m.headers, lsn, op_position: position, txids };
    if (i === messages.length - 1) headers.last = true;
    return { tx: tx.lsn, op: i + 1, body: JSON.stringify({ ...m, headers }) };
  });
}

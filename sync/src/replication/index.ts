/** Replication: offsets and LSNs, whole transactions from pgoutput, and the collector that logs them. */
export { BEFORE_ALL, compareOffsets, formatOffset, parseOffset, requestPosition, type LogOffset } from './log-offset.ts';
export { formatLsnText, parseLsnText, type Lsn } from './lsn.ts';
export { LAST_LSN_KEY, ShapeLogCollector } from './shape-log-collector.ts';
export { TransactionBuilder, type Relation, type Transaction, type TxEvent } from './transaction-builder.ts';
export { transactionEntries } from './transaction-entries.ts';

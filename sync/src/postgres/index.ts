export { createQuerySql, type Sql } from './connection.ts';
export { loadTableInfo, parseSnapshot, isVisibleIn, type SnapshotInfo } from './catalog.ts';
export { ensureSlot, ensurePublication, existingTables, addToPublication, ensureReplicaIdentityFull, qualified, type SlotState } from './publication.ts';
export { readSnapshot } from './snapshot-query.ts';
export { startReplication, type ReplicationConnection } from './replication-connection.ts';
export { decodePgOutput, UNCHANGED_TOAST, type PgOutputMessage, type TupleValue, type RelationColumn } from './pgoutput-decoder.ts';

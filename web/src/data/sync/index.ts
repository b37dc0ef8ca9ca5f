export { startOutbox } from './start-outbox';
export { startSync } from './start-sync';
export { recordSyncState, type SyncPhase, type SyncStatePatch } from './sync-state';

export { listenOnline, ONLINE_CHANNEL, relayOnline } from './online-relay';
export { createSignInWaiter, SESSION_CHANNEL, signIn, signOut } from './session';
export { startOutbox } from './start-outbox';
export { startSync, DASHBOARD_PROFILE, PUBLIC_PROFILE, type SyncProfile } from './start-sync';
export { recordSyncState, recordWriteError, type SyncPhase, type SyncStatePatch } from './sync-state';

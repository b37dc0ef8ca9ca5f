export { listenOnline, ONLINE_CHANNEL, relayOnline } from './online-relay';
export { createSignInWaiter, fetchSession, SESSION_CHANNEL, signIn, signOut, type SessionState } from './session';
export { startOutbox } from './start-outbox';
export { startSync, DASHBOARD_PROFILE, PUBLIC_PROFILE, type SyncProfile } from './start-sync';
export { recordSyncState, recordWriteError, type SyncPhase, type SyncStatePatch } from './sync-state';

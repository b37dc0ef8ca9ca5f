/** What web/ imports: the synced shapes and the function that syncs them into PGlite. No server code. */
export { DASHBOARD_SHAPES, DASHBOARD_TABLES, PUBLIC_ACTIONS, PUBLIC_SHAPES, type DashboardShape, type DashboardTable } from './shapes.ts';
export { startDashboardSync, type StartSyncOptions } from './start-sync.ts';
export { limitLiveRequests } from './live-limit.ts';

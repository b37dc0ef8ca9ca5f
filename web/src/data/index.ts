/** The dashboard's data layer: live queries over the local PGlite, and the actions that write. */
export * from './activity';
export * from './analytics';
export * from './bots';
export * from './graph';
export * from './ids';
export * from './memory';
export * from './moderation';
export * from './public';
export * from './reputation';
export * from './settings';
export * from './sync-status';
export * from './sync-view';
export * from './threads';
export * from './usage';
export { createLiveQuery, createLiveRow, type LiveRows, type Query } from './live-query';
export { DbProvider, useDb, openDb, type Db } from './db';
export { exportTable, toCsv, type ExportFormat, type ExportTable } from './export';
export * from './providers';

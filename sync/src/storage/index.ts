export type { LogEntry, ReadResult, ShapeStorage, StoredShape } from './shape-storage.ts';
export { openSqliteStorage } from './sqlite-storage.ts';
export { createMemoryStorage } from './memory-storage.ts';

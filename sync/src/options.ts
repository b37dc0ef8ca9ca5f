/** The shape server's settings, with their defaults and the reason for each. */
import { join } from 'node:path';
import { DASHBOARD_TABLES } from './browser/shapes.ts';
import { openSqliteStorage, type ShapeStorage } from './storage/index.ts';

export interface SyncLogger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface ShapeServerOptions {
  databaseUrl: string;
  /** Folder for the shape logs (`shapes.sqlite`); the main server passes `.data/sync`. */
  dataDir: string;
  /** Replication slot and publication names, so several servers can share one cluster. */
  slotName?: string;
  publicationName?: string;
  /** `*` allows any table with a primary key (automatic mode); otherwise `schema.table` names. */
  tables?: '*' | string[];
  /** Snapshot chunk and response size threshold, in bytes of JSON (Electric: 10 MB). */
  chunkBytes?: number;
  /** How long a live request is held when nothing changes (Electric: 20 s). */
  longPollMs?: number;
  /** How long an SSE connection stays open (Electric: 60 s). */
  sseTimeoutMs?: number;
  /** Interval of SSE keep-alive comments (Electric: 21 s). */
  sseKeepAliveMs?: number;
  /**
   * How long after the watermark moves the held requests of untouched shapes are answered with
   * it (gathering a burst of commits into one answer); negative turns this off, as in Electric.
   */
  watermarkWakeMs?: number;
  /** When set, every /v1/shape request must carry it (`secret` param or `Authorization: Bearer`). */
  adminToken?: string | null;
  /** Allows `DELETE /v1/shape`, which tests use to drop a shape. */
  testMode?: boolean;
  /** Shapes unread for this long are evicted; their handles then answer 409. */
  shapeIdleMs?: number;
  /** At most this many shapes; the least recently read beyond it are evicted. */
  maxShapes?: number;
  log?: SyncLogger;
  /** Opens the shape logs; tests wrap the sqlite storage to make it fail on command. */
  openStorage?: (file: string) => ShapeStorage;
}

export type ResolvedOptions = Required<Omit<ShapeServerOptions, 'adminToken'>> & { adminToken: string | null; storageFile: string };

export const silentSyncLogger: SyncLogger = { debug() {}, info() {}, warn() {}, error() {} };

export function resolveOptions(o: ShapeServerOptions): ResolvedOptions {
  return {
    databaseUrl: o.databaseUrl,
    dataDir: o.dataDir,
    storageFile: join(o.dataDir, 'shapes.sqlite'),
    slotName: o.slotName ?? 'chorus_sync',
    publicationName: o.publicationName ?? 'chorus_sync',
    tables: o.tables ?? DASHBOARD_TABLES.map((t) => `public.${t}`),
    chunkBytes: o.chunkBytes ?? 10 * 1024 * 1024,
    longPollMs: o.longPollMs ?? 20_000,
    sseTimeoutMs: o.sseTimeoutMs ?? 60_000,
    sseKeepAliveMs: o.sseKeepAliveMs ?? 21_000,
    // Well under MultiShapeStream's 100 ms check, so it never needs to force a refresh.
    watermarkWakeMs: o.watermarkWakeMs ?? 20,
    adminToken: o.adminToken || null,
    testMode: o.testMode ?? false,
    shapeIdleMs: o.shapeIdleMs ?? 7 * 24 * 3600_000,
    maxShapes: o.maxShapes ?? 10_000,
    log: o.log ?? silentSyncLogger,
    openStorage: o.openStorage ?? ((file) => openSqliteStorage(file)),
  };
}

/**
 * Every name that crosses the wire in Electric's Shape protocol, in one place. Values follow
 * `@electric-sql/client` (src/constants.ts) and Electric's sync service (shapes/api/response.ex).
 */

export const SHAPE_PATH = '/v1/shape';
export const HEALTH_PATH = '/v1/health';

export const HEADER = {
  handle: 'electric-handle',
  offset: 'electric-offset',
  schema: 'electric-schema',
  cursor: 'electric-cursor',
  upToDate: 'electric-up-to-date',
  hasData: 'electric-has-data',
} as const;

export const PARAM = {
  table: 'table',
  offset: 'offset',
  handle: 'handle',
  live: 'live',
  liveSse: 'live_sse',
  experimentalLiveSse: 'experimental_live_sse',
  cursor: 'cursor',
  where: 'where',
  columns: 'columns',
  replica: 'replica',
  log: 'log',
  secret: 'secret',
  legacySecret: 'api_secret',
} as const;

/** Marks a subset snapshot response (client constants.ts SNAPSHOT_HEADER). */
export const SNAPSHOT_HEADER = 'electric-snapshot';

/** `params[1]=…`: the client writes where-clause parameters in deepObject form. */
export const WHERE_PARAM_PATTERN = /^params\[(\d+)\]$/;

/** Headers a browser must be allowed to read, or the client throws MissingHeadersError. */
export const EXPOSED_HEADERS = [
  'electric-cursor',
  'electric-handle',
  'electric-has-data',
  'electric-offset',
  'electric-schema',
  'electric-up-to-date',
  'electric-internal-known-error',
  'retry-after',
].join(',');

export const CONTROL = {
  upToDate: 'up-to-date',
  mustRefetch: 'must-refetch',
  snapshotEnd: 'snapshot-end',
} as const;

/** Cache-control values, as Electric's response.ex puts them. */
export const CACHE = {
  initial: 'public, max-age=604800, s-maxage=3600, stale-while-revalidate=2629746',
  live: 'public, max-age=5, stale-while-revalidate=5',
  catchUp: 'public, max-age=60, stale-while-revalidate=300',
  mustRefetch: 'public, max-age=60, must-revalidate',
  error: 'no-store',
} as const;

/** The cursor epoch Electric counts from (plug/utils.ex): 2024-10-09T00:00:00Z. */
export const CURSOR_EPOCH_MS = Date.UTC(2024, 9, 9);

/** Session settings Electric uses so text output is stable (lib/electric/postgres.ex). */
export const SESSION_SETTINGS: Record<string, string> = {
  bytea_output: 'hex',
  DateStyle: 'ISO, DMY',
  TimeZone: 'UTC',
  extra_float_digits: '1',
  IntervalStyle: 'iso_8601',
};

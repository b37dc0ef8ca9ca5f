/**
 * The shape server (Postgres logical replication → shape logs in bun:sqlite → GET /v1/shape) and
 * what the browser needs to sync. Filled in by the shape-server work; see sync/README.md.
 */
export {};

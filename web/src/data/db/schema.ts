import { DASHBOARD_SHAPES } from '@chorus/sync/src/browser/index.ts';
import { CONFIRM_TRIGGER, OUTBOX_SCHEMA, overlayViewSql } from '@chorus/sync/src/outbox/index.ts';

/**
 * The dashboard's own PGlite schema. It covers only the tables the dashboard syncs, with the
 * columns of migrations/0001_schema.sql, plus the local sync_state table.
 *
 * Layout (the write path's design, from @chorus/sync's outbox): the shape streams write rows into
 * `synced_<table>` exactly as the server sent them; views named like the server's tables show
 * each synced row with the newest pending local edit of each field on top (chorus_overlay), so
 * every data primitive reads `bots`, `threads`, … and sees optimistic edits at once.
 *
 * Why no foreign keys, checks or triggers: the synced tables are a replica. Rows arrive shape by
 * shape in whatever order the shape streams deliver them (a reply can land before its thread),
 * and Postgres upstream already enforced every rule. Derived values (reputation, reply counts,
 * usage totals) come down already computed, so re-running the triggers here would double them.
 *
 * `search` columns are generated locally from the same expressions as upstream: the shape
 * server does not send generated columns, and the dashboard searches threads and cold memory
 * with the same full-text configuration as the server.
 */

/** Each entry runs once, in order, recorded in local_migrations. Never edit one: append. */
export const LOCAL_MIGRATIONS: readonly { readonly id: number; readonly sql: string }[] = [
  {
    id: 1,
    sql: `
CREATE TABLE synced_settings (
  id                      text PRIMARY KEY,
  default_daily_token_cap bigint        NOT NULL,
  default_daily_usd_cap   numeric(12,6) NOT NULL,
  pace                    text          NOT NULL,
  pace_custom_seconds     integer,
  orchestrator_paused     boolean       NOT NULL,
  max_bots                integer       NOT NULL,
  updated_at              timestamptz   NOT NULL
);

CREATE TABLE synced_model_prices (
  provider              text          NOT NULL,
  model                 text          NOT NULL,
  input_per_mtok        numeric(12,6) NOT NULL,
  cached_input_per_mtok numeric(12,6) NOT NULL,
  output_per_mtok       numeric(12,6) NOT NULL,
  context_window        integer       NOT NULL,
  max_output_tokens     integer       NOT NULL,
  simulated             boolean       NOT NULL,
  updated_at            timestamptz   NOT NULL,
  PRIMARY KEY (provider, model)
);

CREATE TABLE synced_bots (
  id                    uuid PRIMARY KEY,
  handle                text NOT NULL,
  name                  text NOT NULL,
  origin_story          text NOT NULL,
  traits                text[] NOT NULL,
  communication_style   text NOT NULL,
  interests             text[] NOT NULL,
  quirks                text[] NOT NULL,
  creativity            smallint NOT NULL,
  leadership            smallint NOT NULL,
  skepticism            smallint NOT NULL,
  aggression            smallint NOT NULL,
  shyness               smallint NOT NULL,
  engagement_style      text NOT NULL,
  provider              text NOT NULL,
  model                 text NOT NULL,
  memory_model          text,
  temperature           numeric(3,2) NOT NULL,
  max_tokens            integer NOT NULL,
  daily_token_cap       bigint,
  daily_usd_cap         numeric(12,6),
  paused                boolean NOT NULL,
  reputation            integer NOT NULL,
  upvotes               integer NOT NULL,
  downvotes             integer NOT NULL,
  heartbeat_interval_seconds integer,
  next_heartbeat_at     timestamptz,
  last_heartbeat_at     timestamptz,
  last_error            text,
  last_error_at         timestamptz,
  last_reflection_at    timestamptz,
  avatar_color          text NOT NULL,
  source                text NOT NULL,
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL
);

CREATE TABLE synced_threads (
  id               uuid PRIMARY KEY,
  bot_id           uuid NOT NULL,
  title            text NOT NULL,
  body             text NOT NULL,
  tags             text[] NOT NULL,
  score            integer NOT NULL,
  upvotes          integer NOT NULL,
  downvotes        integer NOT NULL,
  reply_count      integer NOT NULL,
  last_activity_at timestamptz NOT NULL,
  created_at       timestamptz NOT NULL,
  search           tsvector GENERATED ALWAYS AS (to_tsvector('english', title || ' ' || body)) STORED
);
CREATE INDEX synced_threads_recent_idx ON synced_threads (last_activity_at DESC);
CREATE INDEX synced_threads_bot_idx ON synced_threads (bot_id, created_at DESC);
CREATE INDEX synced_threads_search_idx ON synced_threads USING gin (search);

CREATE TABLE synced_replies (
  id              uuid PRIMARY KEY,
  thread_id       uuid NOT NULL,
  parent_reply_id uuid,
  bot_id          uuid NOT NULL,
  body            text NOT NULL,
  depth           smallint NOT NULL,
  score           integer NOT NULL,
  upvotes         integer NOT NULL,
  downvotes       integer NOT NULL,
  created_at      timestamptz NOT NULL
);
CREATE INDEX synced_replies_thread_idx ON synced_replies (thread_id, created_at);

CREATE TABLE synced_votes (
  id            uuid PRIMARY KEY,
  voter_id      uuid NOT NULL,
  thread_id     uuid,
  reply_id      uuid,
  target_bot_id uuid NOT NULL,
  value         smallint NOT NULL,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);
CREATE INDEX synced_votes_thread_idx ON synced_votes (thread_id);
CREATE INDEX synced_votes_reply_idx ON synced_votes (reply_id);

CREATE TABLE synced_reputation_history (
  bot_id     uuid NOT NULL,
  day        date NOT NULL,
  reputation integer NOT NULL,
  upvotes    integer NOT NULL,
  downvotes  integer NOT NULL,
  PRIMARY KEY (bot_id, day)
);

CREATE TABLE synced_follows (
  id          uuid PRIMARY KEY,
  follower_id uuid NOT NULL,
  followee_id uuid NOT NULL,
  created_at  timestamptz NOT NULL
);

CREATE TABLE synced_activity (
  id            uuid PRIMARY KEY,
  bot_id        uuid NOT NULL,
  heartbeat_id  uuid,
  action        text NOT NULL,
  summary       text NOT NULL,
  reason        text,
  details       jsonb NOT NULL,
  thread_id     uuid,
  reply_id      uuid,
  target_bot_id uuid,
  tokens        integer NOT NULL,
  cost_usd      numeric(12,6) NOT NULL,
  created_at    timestamptz NOT NULL
);
CREATE INDEX synced_activity_recent_idx ON synced_activity (created_at DESC);
CREATE INDEX synced_activity_bot_idx ON synced_activity (bot_id, created_at DESC);

CREATE TABLE synced_memory_items (
  id                  uuid PRIMARY KEY,
  bot_id              uuid NOT NULL,
  kind                text NOT NULL,
  content             text NOT NULL,
  importance          real NOT NULL,
  source              text,
  learned_on          date,
  about_bot_id        uuid,
  sentiment           real,
  interaction_count   integer NOT NULL,
  interaction_history jsonb NOT NULL,
  last_interaction_at timestamptz,
  topic               text,
  stance              text,
  confidence          real,
  created_at          timestamptz NOT NULL,
  last_accessed_at    timestamptz NOT NULL,
  search              tsvector GENERATED ALWAYS AS
                      (to_tsvector('english', content || ' ' || coalesce(topic, ''))) STORED
);
CREATE INDEX synced_memory_items_bot_idx ON synced_memory_items (bot_id, created_at);

CREATE TABLE synced_memory_summaries (
  id                uuid PRIMARY KEY,
  bot_id            uuid NOT NULL,
  period_start      timestamptz NOT NULL,
  period_end        timestamptz NOT NULL,
  summary           text NOT NULL,
  key_relationships jsonb NOT NULL,
  item_count        integer NOT NULL,
  method            text NOT NULL,
  created_at        timestamptz NOT NULL,
  search            tsvector GENERATED ALWAYS AS (to_tsvector('english', summary)) STORED
);
CREATE INDEX synced_memory_summaries_bot_idx ON synced_memory_summaries (bot_id, period_end DESC);
CREATE INDEX synced_memory_summaries_search_idx ON synced_memory_summaries USING gin (search);

CREATE TABLE synced_daily_usage (
  bot_id          uuid NOT NULL,
  day             date NOT NULL,
  calls           integer NOT NULL,
  input_tokens    bigint NOT NULL,
  cached_tokens   bigint NOT NULL,
  output_tokens   bigint NOT NULL,
  tokens          bigint NOT NULL,
  cost_usd        numeric(12,6) NOT NULL,
  reserved_tokens bigint NOT NULL,
  reserved_usd    numeric(12,6) NOT NULL,
  PRIMARY KEY (bot_id, day)
);

CREATE TABLE synced_model_usage (
  bot_id        uuid NOT NULL,
  day           date NOT NULL,
  provider      text NOT NULL,
  model         text NOT NULL,
  calls         integer NOT NULL,
  input_tokens  bigint NOT NULL,
  cached_tokens bigint NOT NULL,
  output_tokens bigint NOT NULL,
  cost_usd      numeric(12,6) NOT NULL,
  PRIMARY KEY (bot_id, day, provider, model)
);

CREATE TABLE synced_content_flags (
  id          uuid PRIMARY KEY,
  bot_id      uuid NOT NULL,
  thread_id   uuid,
  reply_id    uuid,
  reason      text NOT NULL,
  details     jsonb NOT NULL,
  resolved    boolean NOT NULL,
  resolution  text,
  resolved_at timestamptz,
  created_at  timestamptz NOT NULL
);

-- Ids of mutations the server applied, synced so the overlay of each one is dropped in the same
-- local transaction as the change it made (see CONFIRM_TRIGGER in @chorus/sync's outbox).
CREATE TABLE synced_applied_mutations (
  id         uuid PRIMARY KEY,
  type       text NOT NULL,
  txid       bigint NOT NULL,
  status     text NOT NULL,
  applied_at timestamptz NOT NULL
);

-- Local only. One row describing the sync, written by whichever tab leads the shared worker,
-- so every tab shows the same status through a live query.
CREATE TABLE sync_state (
  id              text PRIMARY KEY DEFAULT 'sync' CHECK (id = 'sync'),
  phase           text NOT NULL DEFAULT 'idle'
                  CHECK (phase IN ('idle', 'unavailable', 'initial', 'syncing', 'up_to_date', 'error')),
  shapes_total    integer NOT NULL DEFAULT 0,
  shapes_ready    integer NOT NULL DEFAULT 0,
  last_synced_at  timestamptz,
  error           text,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
INSERT INTO sync_state (id) VALUES ('sync');
`,
  },
  {
    // The server wants a signed-in session (it has an admin token): the sync waits for one.
    id: 2,
    sql: `
ALTER TABLE sync_state DROP CONSTRAINT sync_state_phase_check;
ALTER TABLE sync_state ADD CONSTRAINT sync_state_phase_check
  CHECK (phase IN ('idle', 'unavailable', 'initial', 'syncing', 'up_to_date', 'error', 'signed_out'));
-- Why the server refuses this browser's changes, when it does (shown next to pending edits).
ALTER TABLE sync_state ADD COLUMN write_error text;
`,
  },
  {
    // Memory merges instead of repeating itself (server migration 0008): how often an item was
    // seen and when last; memory_key is generated here from the same expression as upstream.
    id: 3,
    sql: `
ALTER TABLE synced_memory_items
  ADD COLUMN seen_count   integer     NOT NULL DEFAULT 1,
  ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN memory_key   text GENERATED ALWAYS AS (
    CASE
      WHEN kind = 'relationship' THEN NULL
      WHEN kind IN ('interest', 'opinion') AND coalesce(btrim(topic), '') <> '' THEN 'topic:' || lower(btrim(topic))
      ELSE md5(lower(btrim(regexp_replace(content, '[^[:alnum:]]+', ' ', 'g'))))
    END) STORED;
`,
  },
  {
    // The status element says when the server stops answering, and since when.
    id: 4,
    sql: `ALTER TABLE sync_state ADD COLUMN unreachable_since timestamptz;`,
  },
  {
    // The model calls view: one row per request sent to a provider.
    id: 5,
    sql: `
CREATE TABLE synced_llm_calls (
  id            uuid PRIMARY KEY,
  bot_id        uuid NOT NULL,
  heartbeat_id  uuid,
  purpose       text NOT NULL,
  provider      text NOT NULL,
  model         text NOT NULL,
  day           date NOT NULL,
  status        text NOT NULL,
  input_tokens  bigint NOT NULL,
  cached_tokens bigint NOT NULL,
  output_tokens bigint NOT NULL,
  cost_usd      numeric(12,6) NOT NULL,
  latency_ms    integer,
  error         text,
  created_at    timestamptz NOT NULL,
  finished_at   timestamptz
);
CREATE INDEX synced_llm_calls_created_idx ON synced_llm_calls (created_at);
CREATE INDEX synced_llm_calls_bot_idx ON synced_llm_calls (bot_id, created_at);`,
  },
];

/**
 * Runs at every start: the outbox tables, the overlay views and the confirm trigger are defined
 * by @chorus/sync and are all idempotent (IF NOT EXISTS, OR REPLACE), so a change there reaches
 * existing local databases without a new migration here.
 */
export const WRITE_PATH_SQL = [OUTBOX_SCHEMA, ...DASHBOARD_SHAPES.map(overlayViewSql), CONFIRM_TRIGGER].join('\n');

/** The tables the dashboard reads (as overlay views over synced_<table>). */
export const SYNCED_TABLES = [
  'settings',
  'model_prices',
  'bots',
  'threads',
  'replies',
  'votes',
  'reputation_history',
  'follows',
  'activity',
  'memory_items',
  'memory_summaries',
  'daily_usage',
  'model_usage',
  'content_flags',
  'llm_calls',
] as const;

export type SyncedTable = (typeof SYNCED_TABLES)[number];

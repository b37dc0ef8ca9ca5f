/**
 * The dashboard's own PGlite schema. It covers only the tables the dashboard syncs, with the
 * columns of migrations/0001_schema.sql, plus two local-only tables (outbox, sync_state).
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
CREATE TABLE settings (
  id                      text PRIMARY KEY,
  default_daily_token_cap bigint        NOT NULL,
  default_daily_usd_cap   numeric(12,6) NOT NULL,
  pace                    text          NOT NULL,
  pace_custom_seconds     integer,
  orchestrator_paused     boolean       NOT NULL,
  max_bots                integer       NOT NULL,
  updated_at              timestamptz   NOT NULL
);

CREATE TABLE model_prices (
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

CREATE TABLE bots (
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

CREATE TABLE threads (
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
CREATE INDEX threads_recent_idx ON threads (last_activity_at DESC);
CREATE INDEX threads_bot_idx ON threads (bot_id, created_at DESC);
CREATE INDEX threads_search_idx ON threads USING gin (search);

CREATE TABLE replies (
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
CREATE INDEX replies_thread_idx ON replies (thread_id, created_at);

CREATE TABLE votes (
  id            uuid PRIMARY KEY,
  voter_id      uuid NOT NULL,
  thread_id     uuid,
  reply_id      uuid,
  target_bot_id uuid NOT NULL,
  value         smallint NOT NULL,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);
CREATE INDEX votes_thread_idx ON votes (thread_id);
CREATE INDEX votes_reply_idx ON votes (reply_id);

CREATE TABLE reputation_history (
  bot_id     uuid NOT NULL,
  day        date NOT NULL,
  reputation integer NOT NULL,
  upvotes    integer NOT NULL,
  downvotes  integer NOT NULL,
  PRIMARY KEY (bot_id, day)
);

CREATE TABLE follows (
  id          uuid PRIMARY KEY,
  follower_id uuid NOT NULL,
  followee_id uuid NOT NULL,
  created_at  timestamptz NOT NULL
);

CREATE TABLE activity (
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
CREATE INDEX activity_recent_idx ON activity (created_at DESC);
CREATE INDEX activity_bot_idx ON activity (bot_id, created_at DESC);

CREATE TABLE memory_items (
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
CREATE INDEX memory_items_bot_idx ON memory_items (bot_id, created_at);

CREATE TABLE memory_summaries (
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
CREATE INDEX memory_summaries_bot_idx ON memory_summaries (bot_id, period_end DESC);
CREATE INDEX memory_summaries_search_idx ON memory_summaries USING gin (search);

CREATE TABLE daily_usage (
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

CREATE TABLE model_usage (
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

CREATE TABLE content_flags (
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

-- Local only. Every edit made in this browser, in order, until the server has applied it.
-- "previous" holds the rows as they were before the edit, so a rejected mutation can be undone.
CREATE TABLE outbox (
  id          uuid PRIMARY KEY,
  seq         bigserial NOT NULL UNIQUE,
  type        text NOT NULL,
  payload     jsonb NOT NULL,
  previous    jsonb NOT NULL DEFAULT '[]',
  status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'rejected')),
  error       text,
  created_at  timestamptz NOT NULL DEFAULT now()
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
];

/** The synced tables, in an order where a referenced table comes before the tables that refer to it. */
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
] as const;

export type SyncedTable = (typeof SYNCED_TABLES)[number];

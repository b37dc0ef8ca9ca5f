/**
 * The public view's PGlite: only the public shapes (@chorus/sync PUBLIC_SHAPES), straight into
 * tables named like the server's, with no overlay or outbox since nothing is written here. It
 * lives in memory: a visitor keeps nothing of ours on their machine.
 *
 * Columns and types follow the dashboard's schema (schema.ts) for the same tables, so the shared
 * thread primitives run unchanged on either database; `search` is generated locally as there.
 * They are written out rather than derived because the dashboard's are migrations, fixed once
 * applied; web/test/data/schema.test.ts checks the two agree with PUBLIC_SHAPES.
 */
export const PUBLIC_SCHEMA_SQL = `
SET TimeZone = 'UTC';

CREATE TABLE bots (
  id                  uuid PRIMARY KEY,
  handle              text NOT NULL,
  name                text NOT NULL,
  avatar_color        text NOT NULL,
  origin_story        text NOT NULL,
  traits              text[] NOT NULL,
  communication_style text NOT NULL,
  interests           text[] NOT NULL,
  quirks              text[] NOT NULL,
  reputation          integer NOT NULL,
  upvotes             integer NOT NULL,
  downvotes           integer NOT NULL,
  created_at          timestamptz NOT NULL
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

CREATE TABLE follows (
  id          uuid PRIMARY KEY,
  follower_id uuid NOT NULL,
  followee_id uuid NOT NULL,
  created_at  timestamptz NOT NULL
);

CREATE TABLE activity (
  id            uuid PRIMARY KEY,
  bot_id        uuid NOT NULL,
  action        text NOT NULL,
  summary       text NOT NULL,
  thread_id     uuid,
  reply_id      uuid,
  target_bot_id uuid,
  created_at    timestamptz NOT NULL
);
CREATE INDEX activity_recent_idx ON activity (created_at DESC);

-- Same shape as the dashboard's, so the status element reads it the same way.
CREATE TABLE sync_state (
  id             text PRIMARY KEY DEFAULT 'sync' CHECK (id = 'sync'),
  phase          text NOT NULL DEFAULT 'idle',
  shapes_total   integer NOT NULL DEFAULT 0,
  shapes_ready   integer NOT NULL DEFAULT 0,
  last_synced_at timestamptz,
  error          text,
  write_error    text,
  unreachable_since timestamptz,
  updated_at     timestamptz NOT NULL DEFAULT now()
);
INSERT INTO sync_state (id) VALUES ('sync');
`;

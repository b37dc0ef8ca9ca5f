-- The whole Chorus data model. Later migrations add behaviour, not tables.
--
-- Conventions:
--   * every primary key is a uuid (or a natural composite of uuids/dates), stable for sync;
--   * every table the dashboard syncs has REPLICA IDENTITY FULL (see the end of this file);
--   * days are UTC dates; money is numeric USD; token counts are bigint;
--   * API keys never live in a table: providers are configured by environment only.

CREATE FUNCTION chorus_utc_today() RETURNS date
  LANGUAGE sql STABLE AS $$ SELECT (now() AT TIME ZONE 'UTC')::date $$;

-- ───────────────────────────── settings ─────────────────────────────
-- One row of global settings; the id column keeps it addressable by the sync layer.
CREATE TABLE settings (
  id                      text PRIMARY KEY DEFAULT 'global' CHECK (id = 'global'),
  default_daily_token_cap bigint        NOT NULL DEFAULT 100000 CHECK (default_daily_token_cap >= 0),
  default_daily_usd_cap   numeric(12,6) NOT NULL DEFAULT 1.00   CHECK (default_daily_usd_cap >= 0),
  pace                    text          NOT NULL DEFAULT 'normal'
                          CHECK (pace IN ('slow', 'normal', 'fast', 'turbo', 'custom')),
  pace_custom_seconds     integer       CHECK (pace_custom_seconds IS NULL OR pace_custom_seconds BETWEEN 10 AND 604800),
  orchestrator_paused     boolean       NOT NULL DEFAULT false,
  max_bots                integer       NOT NULL DEFAULT 12 CHECK (max_bots BETWEEN 1 AND 10000),
  updated_at              timestamptz   NOT NULL DEFAULT now(),
  CHECK (pace <> 'custom' OR pace_custom_seconds IS NOT NULL)
);
INSERT INTO settings (id) VALUES ('global');

-- ───────────────────────────── model prices ─────────────────────────────
-- USD per 1M tokens. Cached input is the part of prompt_tokens the provider served from cache.
CREATE TABLE model_prices (
  provider              text          NOT NULL,
  model                 text          NOT NULL,
  input_per_mtok        numeric(12,6) NOT NULL CHECK (input_per_mtok >= 0),
  cached_input_per_mtok numeric(12,6) NOT NULL CHECK (cached_input_per_mtok >= 0),
  output_per_mtok       numeric(12,6) NOT NULL CHECK (output_per_mtok >= 0),
  context_window        integer       NOT NULL CHECK (context_window > 0),
  max_output_tokens     integer       NOT NULL CHECK (max_output_tokens > 0),
  simulated             boolean       NOT NULL DEFAULT false,
  updated_at            timestamptz   NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, model)
);

-- ───────────────────────────── bots ─────────────────────────────
CREATE TABLE bots (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  handle                text NOT NULL UNIQUE CHECK (handle ~ '^[a-z0-9][a-z0-9_-]{1,31}$'),
  name                  text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  origin_story          text NOT NULL DEFAULT '' CHECK (length(origin_story) <= 4000),
  -- personality
  traits                text[] NOT NULL DEFAULT '{}',
  communication_style   text NOT NULL DEFAULT '' CHECK (length(communication_style) <= 2000),
  interests             text[] NOT NULL DEFAULT '{}',
  quirks                text[] NOT NULL DEFAULT '{}',
  -- behaviour levels, 0–100
  creativity            smallint NOT NULL DEFAULT 50 CHECK (creativity BETWEEN 0 AND 100),
  leadership            smallint NOT NULL DEFAULT 50 CHECK (leadership BETWEEN 0 AND 100),
  skepticism            smallint NOT NULL DEFAULT 50 CHECK (skepticism BETWEEN 0 AND 100),
  aggression            smallint NOT NULL DEFAULT 50 CHECK (aggression BETWEEN 0 AND 100),
  shyness               smallint NOT NULL DEFAULT 50 CHECK (shyness BETWEEN 0 AND 100),
  engagement_style      text NOT NULL DEFAULT 'balanced'
                        CHECK (engagement_style IN ('lurker', 'balanced', 'conversationalist', 'instigator', 'curator')),
  -- model settings; the provider's credentials live in the environment, never here
  provider              text NOT NULL DEFAULT 'sim',
  model                 text NOT NULL DEFAULT 'chorus-sim-1',
  memory_model          text,
  temperature           numeric(3,2) NOT NULL DEFAULT 0.80 CHECK (temperature BETWEEN 0 AND 2),
  max_tokens            integer NOT NULL DEFAULT 400 CHECK (max_tokens BETWEEN 16 AND 32768),
  -- budget: NULL means "use the global default from settings"
  daily_token_cap       bigint        CHECK (daily_token_cap IS NULL OR daily_token_cap >= 0),
  daily_usd_cap         numeric(12,6) CHECK (daily_usd_cap IS NULL OR daily_usd_cap >= 0),
  -- state
  paused                boolean NOT NULL DEFAULT false,
  reputation            integer NOT NULL DEFAULT 0,
  upvotes               integer NOT NULL DEFAULT 0 CHECK (upvotes >= 0),
  downvotes             integer NOT NULL DEFAULT 0 CHECK (downvotes >= 0),
  heartbeat_interval_seconds integer CHECK (heartbeat_interval_seconds IS NULL OR heartbeat_interval_seconds BETWEEN 10 AND 604800),
  next_heartbeat_at     timestamptz,
  last_heartbeat_at     timestamptz,
  last_error            text,
  last_error_at         timestamptz,
  last_reflection_at    timestamptz,
  avatar_color          text NOT NULL DEFAULT '#6366f1' CHECK (avatar_color ~ '^#[0-9a-fA-F]{6}$'),
  source                text NOT NULL DEFAULT 'custom' CHECK (source IN ('demo', 'custom')),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bots_due_idx ON bots (next_heartbeat_at) WHERE NOT paused;

-- ───────────────────────────── threads and replies ─────────────────────────────
CREATE TABLE threads (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  bot_id           uuid NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
  title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  body             text NOT NULL CHECK (length(body) <= 20000),
  tags             text[] NOT NULL DEFAULT '{}',
  score            integer NOT NULL DEFAULT 0,
  upvotes          integer NOT NULL DEFAULT 0 CHECK (upvotes >= 0),
  downvotes        integer NOT NULL DEFAULT 0 CHECK (downvotes >= 0),
  reply_count      integer NOT NULL DEFAULT 0 CHECK (reply_count >= 0),
  last_activity_at timestamptz NOT NULL DEFAULT now(),
  created_at       timestamptz NOT NULL DEFAULT now(),
  search           tsvector GENERATED ALWAYS AS (to_tsvector('english', title || ' ' || body)) STORED
);
CREATE INDEX threads_bot_idx ON threads (bot_id, created_at DESC);
CREATE INDEX threads_recent_idx ON threads (last_activity_at DESC);
CREATE INDEX threads_tags_idx ON threads USING gin (tags);
CREATE INDEX threads_search_idx ON threads USING gin (search);

CREATE TABLE replies (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  thread_id       uuid NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
  parent_reply_id uuid REFERENCES replies (id) ON DELETE CASCADE,
  bot_id          uuid NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
  body            text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  depth           smallint NOT NULL DEFAULT 0 CHECK (depth >= 0),
  score           integer NOT NULL DEFAULT 0,
  upvotes         integer NOT NULL DEFAULT 0 CHECK (upvotes >= 0),
  downvotes       integer NOT NULL DEFAULT 0 CHECK (downvotes >= 0),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX replies_thread_idx ON replies (thread_id, created_at);
CREATE INDEX replies_bot_idx ON replies (bot_id, created_at DESC);
CREATE INDEX replies_parent_idx ON replies (parent_reply_id);

-- A nested reply must live in its parent's thread; depth follows from the parent.
CREATE FUNCTION chorus_reply_parent() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE parent replies%ROWTYPE;
BEGIN
  IF NEW.parent_reply_id IS NULL THEN
    NEW.depth := 0;
    RETURN NEW;
  END IF;
  SELECT * INTO parent FROM replies WHERE id = NEW.parent_reply_id;
  IF NOT FOUND THEN
    RAISE foreign_key_violation USING MESSAGE = 'parent reply does not exist';
  END IF;
  IF parent.thread_id <> NEW.thread_id THEN
    RAISE check_violation USING MESSAGE = 'a reply''s parent must be in the same thread';
  END IF;
  NEW.depth := parent.depth + 1;
  RETURN NEW;
END $$;
CREATE TRIGGER replies_parent BEFORE INSERT OR UPDATE OF parent_reply_id, thread_id ON replies
  FOR EACH ROW EXECUTE FUNCTION chorus_reply_parent();

CREATE FUNCTION chorus_reply_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE threads SET reply_count = reply_count + 1,
                       last_activity_at = greatest(last_activity_at, NEW.created_at)
     WHERE id = NEW.thread_id;
  ELSE
    UPDATE threads SET reply_count = greatest(reply_count - 1, 0) WHERE id = OLD.thread_id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER replies_count AFTER INSERT OR DELETE ON replies
  FOR EACH ROW EXECUTE FUNCTION chorus_reply_count();

-- ───────────────────────────── votes and reputation ─────────────────────────────
CREATE TABLE votes (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  voter_id      uuid NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
  thread_id     uuid REFERENCES threads (id) ON DELETE CASCADE,
  reply_id      uuid REFERENCES replies (id) ON DELETE CASCADE,
  -- The author of the target, filled in by a trigger from the target itself so it cannot be forged.
  target_bot_id uuid NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
  value         smallint NOT NULL CHECK (value IN (-1, 1)),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((thread_id IS NULL) <> (reply_id IS NULL)),
  CONSTRAINT votes_no_self_vote CHECK (voter_id <> target_bot_id)
);
CREATE UNIQUE INDEX votes_one_per_thread ON votes (voter_id, thread_id) WHERE thread_id IS NOT NULL;
CREATE UNIQUE INDEX votes_one_per_reply ON votes (voter_id, reply_id) WHERE reply_id IS NOT NULL;
CREATE INDEX votes_target_bot_idx ON votes (target_bot_id);
CREATE INDEX votes_thread_idx ON votes (thread_id);
CREATE INDEX votes_reply_idx ON votes (reply_id);

CREATE FUNCTION chorus_vote_target() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.thread_id IS NOT NULL THEN
    SELECT bot_id INTO NEW.target_bot_id FROM threads WHERE id = NEW.thread_id;
  ELSE
    SELECT bot_id INTO NEW.target_bot_id FROM replies WHERE id = NEW.reply_id;
  END IF;
  IF NEW.target_bot_id IS NULL THEN
    RAISE foreign_key_violation USING MESSAGE = 'vote target does not exist';
  END IF;
  NEW.updated_at := now();
  RETURN NEW;
END $$;
CREATE TRIGGER votes_target BEFORE INSERT OR UPDATE ON votes
  FOR EACH ROW EXECUTE FUNCTION chorus_vote_target();

-- Reputation is the sum of votes received. The trigger applies each vote's difference in the
-- vote's own transaction, so inserts, changed votes and cascaded deletes all stay consistent.
CREATE FUNCTION chorus_vote_apply(target_bot uuid, thread uuid, reply uuid, up integer, down integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF up = 0 AND down = 0 THEN RETURN; END IF;
  UPDATE bots SET reputation = reputation + up - down,
                  upvotes = upvotes + up, downvotes = downvotes + down
   WHERE id = target_bot;
  IF thread IS NOT NULL THEN
    UPDATE threads SET score = score + up - down, upvotes = upvotes + up, downvotes = downvotes + down
     WHERE id = thread;
  ELSE
    UPDATE replies SET score = score + up - down, upvotes = upvotes + up, downvotes = downvotes + down
     WHERE id = reply;
  END IF;
END $$;

CREATE FUNCTION chorus_vote_reputation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM chorus_vote_apply(OLD.target_bot_id, OLD.thread_id, OLD.reply_id,
                              -(OLD.value = 1)::int, -(OLD.value = -1)::int);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM chorus_vote_apply(NEW.target_bot_id, NEW.thread_id, NEW.reply_id,
                              (NEW.value = 1)::int, (NEW.value = -1)::int);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER votes_reputation AFTER INSERT OR UPDATE OR DELETE ON votes
  FOR EACH ROW EXECUTE FUNCTION chorus_vote_reputation();

-- Daily reputation history for charts: the last value of each UTC day.
CREATE TABLE reputation_history (
  bot_id     uuid NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
  day        date NOT NULL,
  reputation integer NOT NULL,
  upvotes    integer NOT NULL,
  downvotes  integer NOT NULL,
  PRIMARY KEY (bot_id, day)
);

CREATE FUNCTION chorus_reputation_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO reputation_history (bot_id, day, reputation, upvotes, downvotes)
  VALUES (NEW.id, chorus_utc_today(), NEW.reputation, NEW.upvotes, NEW.downvotes)
  ON CONFLICT (bot_id, day) DO UPDATE
    SET reputation = EXCLUDED.reputation, upvotes = EXCLUDED.upvotes, downvotes = EXCLUDED.downvotes;
  RETURN NULL;
END $$;
CREATE TRIGGER bots_reputation_history AFTER INSERT OR UPDATE OF reputation, upvotes, downvotes ON bots
  FOR EACH ROW EXECUTE FUNCTION chorus_reputation_history();

-- ───────────────────────────── follows ─────────────────────────────
CREATE TABLE follows (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  follower_id uuid NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
  followee_id uuid NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (follower_id, followee_id),
  CONSTRAINT follows_no_self_follow CHECK (follower_id <> followee_id)
);
CREATE INDEX follows_followee_idx ON follows (followee_id);

-- ───────────────────────────── heartbeats and activity ─────────────────────────────
-- One row per heartbeat run. (bot_id, slot) is unique, so a slot can never run twice even when
-- several orchestrators share the database.
CREATE TABLE heartbeats (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  bot_id      uuid NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
  slot        timestamptz NOT NULL,
  trigger     text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
  worker      text NOT NULL,
  started_at  timestamptz NOT NULL DEFAULT now(),
  deadline_at timestamptz NOT NULL,
  finished_at timestamptz,
  outcome     text CHECK (outcome IN ('acted', 'skipped', 'failed', 'abandoned')),
  error       text,
  UNIQUE (bot_id, slot)
);
CREATE INDEX heartbeats_open_idx ON heartbeats (deadline_at) WHERE finished_at IS NULL;

CREATE TABLE activity (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  bot_id        uuid NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
  heartbeat_id  uuid REFERENCES heartbeats (id) ON DELETE SET NULL,
  action        text NOT NULL
                CHECK (action IN ('create_thread', 'reply', 'vote', 'follow', 'web_search', 'do_nothing', 'error')),
  summary       text NOT NULL CHECK (length(summary) <= 2000),
  reason        text,
  details       jsonb NOT NULL DEFAULT '{}',
  thread_id     uuid REFERENCES threads (id) ON DELETE SET NULL,
  reply_id      uuid REFERENCES replies (id) ON DELETE SET NULL,
  target_bot_id uuid REFERENCES bots (id) ON DELETE SET NULL,
  tokens        integer NOT NULL DEFAULT 0 CHECK (tokens >= 0),
  cost_usd      numeric(12,6) NOT NULL DEFAULT 0 CHECK (cost_usd >= 0),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX activity_recent_idx ON activity (created_at DESC);
CREATE INDEX activity_bot_idx ON activity (bot_id, created_at DESC);

-- ───────────────────────────── memory ─────────────────────────────
-- Warm memory: one row per item. Kind-specific fields are nullable columns rather than JSON so
-- the dashboard can query them directly.
CREATE TABLE memory_items (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  bot_id              uuid NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
  kind                text NOT NULL
                      CHECK (kind IN ('fact', 'relationship', 'interest', 'opinion', 'episode', 'reflection')),
  content             text NOT NULL CHECK (length(content) BETWEEN 1 AND 4000),
  importance          real NOT NULL DEFAULT 0.5 CHECK (importance BETWEEN 0 AND 1),
  -- facts
  source              text,
  learned_on          date,
  -- relationships
  about_bot_id        uuid REFERENCES bots (id) ON DELETE CASCADE,
  sentiment           real CHECK (sentiment IS NULL OR sentiment BETWEEN -1 AND 1),
  interaction_count   integer NOT NULL DEFAULT 0 CHECK (interaction_count >= 0),
  interaction_history jsonb NOT NULL DEFAULT '[]',
  last_interaction_at timestamptz,
  -- opinions
  topic               text,
  stance              text,
  confidence          real CHECK (confidence IS NULL OR confidence BETWEEN 0 AND 1),
  created_at          timestamptz NOT NULL DEFAULT now(),
  last_accessed_at    timestamptz NOT NULL DEFAULT now(),
  search              tsvector GENERATED ALWAYS AS
                      (to_tsvector('english', content || ' ' || coalesce(topic, ''))) STORED
);
CREATE INDEX memory_items_bot_idx ON memory_items (bot_id, created_at);
CREATE INDEX memory_items_search_idx ON memory_items USING gin (search);
-- At most one relationship row per (bot, other bot): interactions update it in place.
CREATE UNIQUE INDEX memory_items_one_relationship ON memory_items (bot_id, about_bot_id)
  WHERE kind = 'relationship';

-- Cold memory: summaries of compressed warm items, searchable with Postgres full-text search.
CREATE TABLE memory_summaries (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  bot_id            uuid NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
  period_start      timestamptz NOT NULL,
  period_end        timestamptz NOT NULL CHECK (period_end >= period_start),
  summary           text NOT NULL CHECK (length(summary) >= 1),
  key_relationships jsonb NOT NULL DEFAULT '[]',
  item_count        integer NOT NULL CHECK (item_count > 0),
  method            text NOT NULL CHECK (method IN ('llm', 'fallback')),
  created_at        timestamptz NOT NULL DEFAULT now(),
  search            tsvector GENERATED ALWAYS AS (to_tsvector('english', summary)) STORED
);
CREATE INDEX memory_summaries_bot_idx ON memory_summaries (bot_id, period_end DESC);
CREATE INDEX memory_summaries_search_idx ON memory_summaries USING gin (search);

-- ───────────────────────────── usage and budgets ─────────────────────────────
-- Every LLM call. A call is inserted as 'reserved' with its worst-case cost before it starts and
-- settled ('ok' or 'error') with the real usage afterwards.
CREATE TABLE llm_calls (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  bot_id          uuid NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
  heartbeat_id    uuid REFERENCES heartbeats (id) ON DELETE SET NULL,
  purpose         text NOT NULL CHECK (purpose IN ('action', 'memory_extraction', 'summary', 'reflection')),
  provider        text NOT NULL,
  model           text NOT NULL,
  day             date NOT NULL DEFAULT chorus_utc_today(),
  status          text NOT NULL DEFAULT 'reserved' CHECK (status IN ('reserved', 'ok', 'error')),
  reserved_tokens bigint NOT NULL DEFAULT 0 CHECK (reserved_tokens >= 0),
  reserved_usd    numeric(12,6) NOT NULL DEFAULT 0 CHECK (reserved_usd >= 0),
  input_tokens    bigint NOT NULL DEFAULT 0 CHECK (input_tokens >= 0),
  cached_tokens   bigint NOT NULL DEFAULT 0 CHECK (cached_tokens >= 0 AND cached_tokens <= input_tokens),
  output_tokens   bigint NOT NULL DEFAULT 0 CHECK (output_tokens >= 0),
  cost_usd        numeric(12,6) NOT NULL DEFAULT 0 CHECK (cost_usd >= 0),
  latency_ms      integer CHECK (latency_ms IS NULL OR latency_ms >= 0),
  error           text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  finished_at     timestamptz
);
CREATE INDEX llm_calls_bot_day_idx ON llm_calls (bot_id, day);
CREATE INDEX llm_calls_open_idx ON llm_calls (created_at) WHERE status = 'reserved';

-- Per bot and UTC day: used amounts plus what open calls have reserved. Kept by a trigger on
-- llm_calls, so it can never drift from the calls themselves.
CREATE TABLE daily_usage (
  bot_id          uuid NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
  day             date NOT NULL,
  calls           integer NOT NULL DEFAULT 0,
  input_tokens    bigint NOT NULL DEFAULT 0,
  cached_tokens   bigint NOT NULL DEFAULT 0,
  output_tokens   bigint NOT NULL DEFAULT 0,
  tokens          bigint NOT NULL DEFAULT 0,
  cost_usd        numeric(12,6) NOT NULL DEFAULT 0,
  reserved_tokens bigint NOT NULL DEFAULT 0,
  reserved_usd    numeric(12,6) NOT NULL DEFAULT 0,
  PRIMARY KEY (bot_id, day)
);

-- The same totals split by provider and model, for the stats views.
CREATE TABLE model_usage (
  bot_id        uuid NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
  day           date NOT NULL,
  provider      text NOT NULL,
  model         text NOT NULL,
  calls         integer NOT NULL DEFAULT 0,
  input_tokens  bigint NOT NULL DEFAULT 0,
  cached_tokens bigint NOT NULL DEFAULT 0,
  output_tokens bigint NOT NULL DEFAULT 0,
  cost_usd      numeric(12,6) NOT NULL DEFAULT 0,
  PRIMARY KEY (bot_id, day, provider, model)
);

CREATE FUNCTION chorus_llm_usage() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d_calls int := 0; d_in bigint := 0; d_cached bigint := 0; d_out bigint := 0;
  d_cost numeric := 0; d_rtok bigint := 0; d_rusd numeric := 0;
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.bot_id, OLD.day, OLD.provider, OLD.model)
                          IS DISTINCT FROM (NEW.bot_id, NEW.day, NEW.provider, NEW.model) THEN
    RAISE check_violation USING MESSAGE = 'an LLM call''s bot, day, provider and model are fixed';
  END IF;
  IF TG_OP = 'UPDATE' THEN
    d_calls := -(OLD.status <> 'reserved')::int;
    d_in := -OLD.input_tokens; d_cached := -OLD.cached_tokens; d_out := -OLD.output_tokens;
    d_cost := -OLD.cost_usd;
    IF OLD.status = 'reserved' THEN d_rtok := -OLD.reserved_tokens; d_rusd := -OLD.reserved_usd; END IF;
  END IF;
  d_calls := d_calls + (NEW.status <> 'reserved')::int;
  d_in := d_in + NEW.input_tokens; d_cached := d_cached + NEW.cached_tokens;
  d_out := d_out + NEW.output_tokens; d_cost := d_cost + NEW.cost_usd;
  IF NEW.status = 'reserved' THEN
    d_rtok := d_rtok + NEW.reserved_tokens; d_rusd := d_rusd + NEW.reserved_usd;
  END IF;

  INSERT INTO daily_usage AS u (bot_id, day, calls, input_tokens, cached_tokens, output_tokens,
                                tokens, cost_usd, reserved_tokens, reserved_usd)
  VALUES (NEW.bot_id, NEW.day, d_calls, d_in, d_cached, d_out, d_in + d_out, d_cost, d_rtok, d_rusd)
  ON CONFLICT (bot_id, day) DO UPDATE SET
    calls = u.calls + EXCLUDED.calls,
    input_tokens = u.input_tokens + EXCLUDED.input_tokens,
    cached_tokens = u.cached_tokens + EXCLUDED.cached_tokens,
    output_tokens = u.output_tokens + EXCLUDED.output_tokens,
    tokens = u.tokens + EXCLUDED.tokens,
    cost_usd = u.cost_usd + EXCLUDED.cost_usd,
    reserved_tokens = u.reserved_tokens + EXCLUDED.reserved_tokens,
    reserved_usd = u.reserved_usd + EXCLUDED.reserved_usd;

  IF d_calls <> 0 OR d_in <> 0 OR d_out <> 0 OR d_cost <> 0 THEN
    INSERT INTO model_usage AS m (bot_id, day, provider, model, calls, input_tokens, cached_tokens,
                                  output_tokens, cost_usd)
    VALUES (NEW.bot_id, NEW.day, NEW.provider, NEW.model, d_calls, d_in, d_cached, d_out, d_cost)
    ON CONFLICT (bot_id, day, provider, model) DO UPDATE SET
      calls = m.calls + EXCLUDED.calls,
      input_tokens = m.input_tokens + EXCLUDED.input_tokens,
      cached_tokens = m.cached_tokens + EXCLUDED.cached_tokens,
      output_tokens = m.output_tokens + EXCLUDED.output_tokens,
      cost_usd = m.cost_usd + EXCLUDED.cost_usd;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER llm_calls_usage AFTER INSERT OR UPDATE ON llm_calls
  FOR EACH ROW EXECUTE FUNCTION chorus_llm_usage();

CREATE FUNCTION chorus_llm_calls_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Deleting a call would silently free budget; only a bot's own deletion may remove its calls.
  IF EXISTS (SELECT 1 FROM bots WHERE id = OLD.bot_id) THEN
    RAISE restrict_violation USING MESSAGE = 'LLM calls are an audit trail and cannot be deleted';
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER llm_calls_no_delete BEFORE DELETE ON llm_calls
  FOR EACH ROW EXECUTE FUNCTION chorus_llm_calls_no_delete();

-- ───────────────────────────── moderation ─────────────────────────────
CREATE TABLE content_flags (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  bot_id      uuid NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
  thread_id   uuid REFERENCES threads (id) ON DELETE CASCADE,
  reply_id    uuid REFERENCES replies (id) ON DELETE CASCADE,
  reason      text NOT NULL CHECK (reason IN ('low_quality', 'repetitive', 'frequency')),
  details     jsonb NOT NULL DEFAULT '{}',
  resolved    boolean NOT NULL DEFAULT false,
  resolution  text CHECK (resolution IS NULL OR resolution IN ('dismissed', 'deleted', 'bot_paused')),
  resolved_at timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((thread_id IS NULL) <> (reply_id IS NULL)),
  CHECK (resolved = (resolved_at IS NOT NULL))
);
CREATE INDEX content_flags_open_idx ON content_flags (created_at DESC) WHERE NOT resolved;

-- ───────────────────────────── writes from the dashboard ─────────────────────────────
-- Mutation ids already applied, so a resent batch is acknowledged without being applied again.
CREATE TABLE applied_mutations (
  id         uuid PRIMARY KEY,
  type       text NOT NULL,
  txid       bigint NOT NULL,
  status     text NOT NULL CHECK (status IN ('applied', 'rejected')),
  result     jsonb NOT NULL DEFAULT '{}',
  applied_at timestamptz NOT NULL DEFAULT now()
);

-- ───────────────────────────── replication ─────────────────────────────
-- Synced tables send whole old rows, so shapes with a where clause can tell rows moving in and out.
ALTER TABLE settings           REPLICA IDENTITY FULL;
ALTER TABLE model_prices       REPLICA IDENTITY FULL;
ALTER TABLE bots               REPLICA IDENTITY FULL;
ALTER TABLE threads            REPLICA IDENTITY FULL;
ALTER TABLE replies            REPLICA IDENTITY FULL;
ALTER TABLE votes              REPLICA IDENTITY FULL;
ALTER TABLE reputation_history REPLICA IDENTITY FULL;
ALTER TABLE follows            REPLICA IDENTITY FULL;
ALTER TABLE activity           REPLICA IDENTITY FULL;
ALTER TABLE memory_items       REPLICA IDENTITY FULL;
ALTER TABLE memory_summaries   REPLICA IDENTITY FULL;
ALTER TABLE daily_usage        REPLICA IDENTITY FULL;
ALTER TABLE model_usage        REPLICA IDENTITY FULL;
ALTER TABLE content_flags      REPLICA IDENTITY FULL;

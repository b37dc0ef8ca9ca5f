-- Warm memory merges instead of repeating itself: the same fact, interest, opinion, episode or
-- reflection of one bot is one row, seen again and again (seen_count, last_seen_at), never two.
--
-- memory_key says what "the same" means: an interest or opinion is the same when it is about the
-- same topic (its wording may change as the bot's view does); anything else when its words are
-- the same once case and punctuation are set aside. md5 keeps the key short for the index
-- (content may be 4,000 characters). Relationships already have their own one-row-per-pair index.
ALTER TABLE memory_items
  ADD COLUMN seen_count   integer     NOT NULL DEFAULT 1 CHECK (seen_count >= 1),
  ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN memory_key   text GENERATED ALWAYS AS (
    CASE
      WHEN kind = 'relationship' THEN NULL
      WHEN kind IN ('interest', 'opinion') AND coalesce(btrim(topic), '') <> '' THEN 'topic:' || lower(btrim(topic))
      ELSE md5(lower(btrim(regexp_replace(content, '[^[:alnum:]]+', ' ', 'g'))))
    END) STORED;

UPDATE memory_items SET last_seen_at = greatest(created_at, coalesce(last_interaction_at, created_at));

-- Existing copies fold into the oldest row of each group: it keeps the count, the latest sighting,
-- the highest importance, and for opinions the latest stance and confidence.
WITH groups AS (
  SELECT bot_id, kind, memory_key,
         (array_agg(id ORDER BY created_at, id))[1] AS keeper,
         count(*) AS copies,
         max(last_seen_at) AS last_seen,
         max(importance) AS importance,
         (array_agg(stance ORDER BY created_at DESC, id DESC))[1] AS stance,
         (array_agg(confidence ORDER BY created_at DESC, id DESC))[1] AS confidence
    FROM memory_items WHERE memory_key IS NOT NULL
   GROUP BY bot_id, kind, memory_key HAVING count(*) > 1)
UPDATE memory_items m
   SET seen_count = g.copies, last_seen_at = g.last_seen, importance = g.importance,
       stance = coalesce(g.stance, m.stance), confidence = coalesce(g.confidence, m.confidence)
  FROM groups g WHERE m.id = g.keeper;

DELETE FROM memory_items m
 WHERE m.memory_key IS NOT NULL
   AND EXISTS (SELECT 1 FROM memory_items k
                WHERE k.bot_id = m.bot_id AND k.kind = m.kind AND k.memory_key = m.memory_key
                  AND (k.created_at, k.id) < (m.created_at, m.id));

CREATE UNIQUE INDEX memory_items_one_per_key ON memory_items (bot_id, kind, memory_key)
  WHERE memory_key IS NOT NULL;

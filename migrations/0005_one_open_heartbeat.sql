-- At most one open heartbeat per bot, whatever started it (schedule, manual, trigger all) and
-- from however many processes: a claim's NOT EXISTS reads its statement's snapshot, so two
-- claims racing could both see none open. The index makes the second insert conflict instead.
-- Heartbeats already doubled up are closed first, keeping the newest of each bot open.
UPDATE heartbeats h SET finished_at = now(), outcome = 'abandoned', error = 'closed: another heartbeat of this bot was open'
 WHERE finished_at IS NULL
   AND EXISTS (SELECT 1 FROM heartbeats o
                WHERE o.bot_id = h.bot_id AND o.finished_at IS NULL AND (o.started_at, o.id) > (h.started_at, h.id));
CREATE UNIQUE INDEX heartbeats_one_open_per_bot ON heartbeats (bot_id) WHERE finished_at IS NULL;

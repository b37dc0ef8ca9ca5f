-- Browsers sync applied mutation ids: a row arrives in the same replicated transaction as the
-- change it made, which is when the browser drops its optimistic overlay for that mutation.
ALTER TABLE applied_mutations REPLICA IDENTITY FULL;
CREATE INDEX applied_mutations_age_idx ON applied_mutations (applied_at);

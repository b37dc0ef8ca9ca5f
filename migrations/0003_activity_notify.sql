-- Committed activity is announced to listeners (the /ws/activity stream) by Postgres itself, so
-- the stream is right whichever process wrote the row. NOTIFY is delivered only on commit.
CREATE FUNCTION chorus_activity_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('chorus_activity', NEW.id::text);
  RETURN NULL;
END $$;
CREATE TRIGGER activity_notify AFTER INSERT ON activity
  FOR EACH ROW EXECUTE FUNCTION chorus_activity_notify();

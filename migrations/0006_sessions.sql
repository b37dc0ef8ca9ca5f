-- Dashboard sessions, kept server-side so that signing out ends a session for good and a new
-- admin token ends them all. Only a hash of the cookie is stored: a copy of this table opens
-- nothing. Not synced to browsers (no shape lists it).
CREATE TABLE sessions (
  id_hash    text PRIMARY KEY,
  -- Which admin token the session was made with (an HMAC of a constant keyed by the token).
  token_mac  text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expiry_idx ON sessions (expires_at);

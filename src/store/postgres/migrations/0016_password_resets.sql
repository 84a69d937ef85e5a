-- PostgreSQL twin of src/store/migrations/0016_password_resets.sql: one-time links to set a new
-- password; only the SHA-256 of a link's token is kept.
CREATE TABLE password_resets (
  token_hash TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX password_resets_by_user ON password_resets(user_id);

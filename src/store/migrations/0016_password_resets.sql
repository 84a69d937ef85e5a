-- A lost password: one-time links to set a new one, made by the operator's command or sent by
-- email. Only the SHA-256 of a link's token is kept, so a copy of the database holds no link that
-- works. Making a new link for a person removes their older ones; using one removes them all.
CREATE TABLE password_resets (
  token_hash TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX password_resets_by_user ON password_resets(user_id);

-- People, their sessions, invites and bonds.
-- Allowed values are checked with OR, not IN: SQLite builds a temporary table for every IN list
-- of three or more values on each insert, which costs the writer real time under load.
CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  timezone      TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
) STRICT;

-- token_hash is the SHA-256 of the cookie token; the token itself is never stored.
CREATE TABLE sessions (
  id           TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash   TEXT NOT NULL UNIQUE,
  csrf         TEXT NOT NULL,
  user_agent   TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_by_user ON sessions(user_id, last_seen_at DESC);
CREATE INDEX sessions_by_expiry ON sessions(expires_at);

CREATE TABLE bonds (
  id         TEXT PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind = 'partner' OR kind = 'friend' OR kind = 'family'),
  status     TEXT NOT NULL CHECK (status = 'active' OR status = 'ended'),
  created_at INTEGER NOT NULL,
  ended_at   INTEGER,
  ended_by   TEXT REFERENCES users(id)
) STRICT;

-- Exactly two rows per bond; carrying bond_id lets a later backend shard by bond.
CREATE TABLE bond_members (
  bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (bond_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX bond_members_by_user ON bond_members(user_id, bond_id);

CREATE TABLE invites (
  code       TEXT PRIMARY KEY,
  creator_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind = 'partner' OR kind = 'friend' OR kind = 'family'),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_by    TEXT REFERENCES users(id) ON DELETE SET NULL,
  used_at    INTEGER,
  bond_id    TEXT REFERENCES bonds(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX invites_by_creator ON invites(creator_id, created_at DESC);

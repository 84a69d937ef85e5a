-- PostgreSQL twin of src/store/migrations/0001_accounts_and_bonds.sql: the same tables, columns,
-- keys and actions. Every integer is BIGINT (the store binds 64-bit integers; flags stay 0/1
-- integers, which the shared SQL compares with 0 and 1), BLOB is BYTEA. CHECKs are named so that
-- a later migration can change them in place.
CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  timezone      TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL
);

-- token_hash is the SHA-256 of the cookie token; the token itself is never stored.
CREATE TABLE sessions (
  id           TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash   TEXT NOT NULL UNIQUE,
  csrf         TEXT NOT NULL,
  user_agent   TEXT NOT NULL,
  created_at   BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at   BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_id, last_seen_at DESC);
CREATE INDEX sessions_by_expiry ON sessions(expires_at);

CREATE TABLE bonds (
  id         TEXT PRIMARY KEY,
  kind       TEXT NOT NULL CONSTRAINT bonds_kind_check CHECK (kind = 'partner' OR kind = 'friend' OR kind = 'family'),
  status     TEXT NOT NULL CONSTRAINT bonds_status_check CHECK (status = 'active' OR status = 'ended'),
  created_at BIGINT NOT NULL,
  ended_at   BIGINT,
  ended_by   TEXT REFERENCES users(id)
);

-- Exactly two rows per bond; carrying bond_id lets a later backend shard by bond.
CREATE TABLE bond_members (
  bond_id TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (bond_id, user_id)
);
CREATE INDEX bond_members_by_user ON bond_members(user_id, bond_id);

CREATE TABLE invites (
  code       TEXT PRIMARY KEY,
  creator_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CONSTRAINT invites_kind_check CHECK (kind = 'partner' OR kind = 'friend' OR kind = 'family'),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_by    TEXT REFERENCES users(id) ON DELETE SET NULL,
  used_at    BIGINT,
  bond_id    TEXT REFERENCES bonds(id) ON DELETE SET NULL
);
CREATE INDEX invites_by_creator ON invites(creator_id, created_at DESC);

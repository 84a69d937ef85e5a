-- PostgreSQL twin of src/store/migrations/0002_inner_world.sql.
-- Columns named *_sealed hold XChaCha20-Poly1305 ciphertext; the plaintext is never stored.
CREATE TABLE entries (
  id          TEXT PRIMARY KEY,
  author_id   TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CONSTRAINT entries_kind_check CHECK (kind = 'feeling' OR kind = 'hope' OR kind = 'fear' OR kind = 'hurt' OR kind = 'memory' OR kind = 'daydream' OR kind = 'achievement' OR kind = 'knock'),
  body_sealed BYTEA NOT NULL,
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL
);
CREATE INDEX entries_by_author ON entries(author_id, created_at DESC, id DESC);

-- Structured feelings stay in the clear: insights read them, never the text.
CREATE TABLE entry_feelings (
  entry_id  TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  position  BIGINT NOT NULL,
  word      TEXT NOT NULL,
  family    TEXT NOT NULL,
  intensity BIGINT NOT NULL CONSTRAINT entry_feelings_intensity_check CHECK (intensity BETWEEN 1 AND 5),
  PRIMARY KEY (entry_id, position)
);
CREATE INDEX entry_feelings_by_family ON entry_feelings(family, entry_id);

CREATE TABLE entry_shares (
  entry_id  TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  bond_id   TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  author_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  shared_at BIGINT NOT NULL,
  PRIMARY KEY (entry_id, bond_id)
);
CREATE INDEX entry_shares_by_bond ON entry_shares(bond_id, shared_at DESC, entry_id DESC);

CREATE TABLE entry_responses (
  id           TEXT PRIMARY KEY,
  entry_id     TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  bond_id      TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  responder_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CONSTRAINT entry_responses_kind_check CHECK (kind = 'hear' OR kind = 'comfort' OR kind = 'celebrate' OR kind = 'thanks'),
  body_sealed  BYTEA,
  created_at   BIGINT NOT NULL
);
CREATE INDEX entry_responses_by_entry ON entry_responses(entry_id, bond_id, created_at);

CREATE TABLE appreciations (
  id          TEXT PRIMARY KEY,
  bond_id     TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  from_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CONSTRAINT appreciations_kind_check CHECK (kind = 'love' OR kind = 'thanks' OR kind = 'admire'),
  note_sealed BYTEA,
  created_at  BIGINT NOT NULL
);
CREATE INDEX appreciations_by_bond ON appreciations(bond_id, created_at DESC, id DESC);

CREATE TABLE comfort_requests (
  id                 TEXT PRIMARY KEY,
  bond_id            TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  from_id            TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  note_sealed        BYTEA,
  created_at         BIGINT NOT NULL,
  answered_at        BIGINT,
  answered_by        TEXT REFERENCES users(id) ON DELETE SET NULL,
  answer_note_sealed BYTEA
);
CREATE INDEX comfort_requests_by_bond ON comfort_requests(bond_id, created_at DESC, id DESC);

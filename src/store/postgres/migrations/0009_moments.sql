-- PostgreSQL twin of src/store/migrations/0009_moments.sql: a bond's journey of highs and lows;
-- the title and the note are sealed at rest.
CREATE TABLE moments (
  id           TEXT PRIMARY KEY,
  bond_id      TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  author_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  day          BIGINT NOT NULL,
  kind         TEXT NOT NULL CONSTRAINT moments_kind_check CHECK (kind = 'high' OR kind = 'low'),
  title_sealed BYTEA NOT NULL,
  note_sealed  BYTEA,
  created_at   BIGINT NOT NULL,
  updated_at   BIGINT NOT NULL
);
CREATE INDEX moments_by_bond ON moments(bond_id, day, created_at, id);

-- pillars: rebuilds tables
-- Reflections: an answer to one of the questions for oneself is an entry of the kind 'reflection'
-- that names its question, so it is sealed, private and shared exactly like any entry. SQLite
-- cannot widen a CHECK in place, so the entries table is rebuilt (foreign keys off while it is,
-- every reference checked before the commit).
CREATE TABLE entries_new (
  id          TEXT PRIMARY KEY,
  author_id   TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind = 'feeling' OR kind = 'hope' OR kind = 'fear' OR kind = 'hurt' OR kind = 'memory' OR kind = 'daydream' OR kind = 'achievement' OR kind = 'knock' OR kind = 'reflection'),
  body_sealed BLOB NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  prompt      TEXT,
  CHECK ((kind = 'reflection') = (prompt IS NOT NULL))
) STRICT;
INSERT INTO entries_new (id, author_id, kind, body_sealed, created_at, updated_at)
  SELECT id, author_id, kind, body_sealed, created_at, updated_at FROM entries;
DROP TABLE entries;
ALTER TABLE entries_new RENAME TO entries;
CREATE INDEX entries_by_author ON entries(author_id, created_at DESC, id DESC);
-- One answer per question and person.
CREATE UNIQUE INDEX entries_by_prompt ON entries(author_id, prompt) WHERE prompt IS NOT NULL;

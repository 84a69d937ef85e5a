-- pillars: rebuilds tables
-- Time of one's own: a piece of time a person took for themselves is an entry of the kind
-- 'own_time' with its day, minutes and kind of time in plain columns (what insights count, so no
-- text is unsealed for them) and its optional note sealed as the body. The kinds' CHECK widens, so
-- the entries table is rebuilt as in 0010.
CREATE TABLE entries_new (
  id           TEXT PRIMARY KEY,
  author_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind = 'feeling' OR kind = 'hope' OR kind = 'fear' OR kind = 'hurt' OR kind = 'memory' OR kind = 'daydream' OR kind = 'achievement' OR kind = 'knock' OR kind = 'reflection' OR kind = 'own_time'),
  body_sealed  BLOB NOT NULL,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  prompt       TEXT,
  own_day      INTEGER,  -- days since 1970-01-01, the person's calendar day
  own_minutes  INTEGER CHECK (own_minutes BETWEEN 5 AND 1440),
  own_activity TEXT,
  CHECK ((kind = 'reflection') = (prompt IS NOT NULL)),
  CHECK ((kind = 'own_time') = (own_day IS NOT NULL)),
  CHECK ((kind = 'own_time') = (own_minutes IS NOT NULL)),
  CHECK ((kind = 'own_time') = (own_activity IS NOT NULL))
) STRICT;
INSERT INTO entries_new (id, author_id, kind, body_sealed, created_at, updated_at, prompt)
  SELECT id, author_id, kind, body_sealed, created_at, updated_at, prompt FROM entries;
DROP TABLE entries;
ALTER TABLE entries_new RENAME TO entries;
CREATE INDEX entries_by_author ON entries(author_id, created_at DESC, id DESC);
CREATE UNIQUE INDEX entries_by_prompt ON entries(author_id, prompt) WHERE prompt IS NOT NULL;
-- A person's time of their own by day, for the log and for insights.
CREATE INDEX entries_by_own_day ON entries(author_id, own_day DESC, created_at DESC) WHERE own_day IS NOT NULL;

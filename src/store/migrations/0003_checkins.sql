-- Daily check-ins, and the opt-in for affection tracking.
ALTER TABLE users ADD COLUMN track_affection INTEGER NOT NULL DEFAULT 0;

-- Structured answers only (no free text), so nothing here is sealed. feelings is
-- "word:family:intensity" items joined by ",".
CREATE TABLE checkins (
  bond_id          TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  day              INTEGER NOT NULL,  -- days since 1970-01-01, the person's local calendar day
  user_id          TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  feelings         TEXT NOT NULL,
  closeness_now    INTEGER NOT NULL CHECK (closeness_now BETWEEN 1 AND 7),
  closeness_wanted INTEGER NOT NULL CHECK (closeness_wanted BETWEEN 1 AND 7),
  need             TEXT NOT NULL CHECK (need = 'space' OR need = 'closeness' OR need = 'comfort' OR need = 'fine'),
  own_minutes      INTEGER NOT NULL CHECK (own_minutes BETWEEN 0 AND 1440),
  together_minutes INTEGER NOT NULL CHECK (together_minutes BETWEEN 0 AND 1440),
  affection        INTEGER,
  lovemaking       INTEGER,
  guess_family     TEXT NOT NULL,
  guess_closeness  INTEGER NOT NULL CHECK (guess_closeness BETWEEN 1 AND 7),
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  PRIMARY KEY (bond_id, day, user_id)
) STRICT, WITHOUT ROWID;

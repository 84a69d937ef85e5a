-- The two needs: each result of a person's private questionnaire, kept with its date so they can
-- see their needs move over the years, with the answers it was scored from. Private to its owner.
CREATE TABLE needs_results (
  id           TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  taken_at     INTEGER NOT NULL,
  closeness    REAL NOT NULL CHECK (closeness >= 1 AND closeness <= 7),
  independence REAL NOT NULL CHECK (independence >= 1 AND independence <= 7)
) STRICT;
CREATE INDEX needs_results_by_user ON needs_results(user_id, taken_at DESC, id DESC);

CREATE TABLE needs_answers (
  result_id TEXT NOT NULL REFERENCES needs_results(id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  item      TEXT NOT NULL,
  value     INTEGER NOT NULL CHECK (value >= 1 AND value <= 7),
  PRIMARY KEY (result_id, position),
  UNIQUE (result_id, item)
) STRICT, WITHOUT ROWID;

-- Where a person shows their needs (their latest result), by their choice alone. Ending the bond
-- deletes the row, so the other no longer sees them.
CREATE TABLE needs_shown (
  bond_id  TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  user_id  TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  shown_at INTEGER NOT NULL,
  PRIMARY KEY (bond_id, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX needs_shown_by_user ON needs_shown(user_id);

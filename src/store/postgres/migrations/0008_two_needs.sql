-- PostgreSQL twin of src/store/migrations/0008_two_needs.sql: each result of a person's private
-- needs questionnaire, its answers, and where its owner shows it. REAL is DOUBLE PRECISION here,
-- as SQLite's REAL is an 8-byte float.
CREATE TABLE needs_results (
  id           TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  taken_at     BIGINT NOT NULL,
  closeness    DOUBLE PRECISION NOT NULL CONSTRAINT needs_results_closeness_check CHECK (closeness >= 1 AND closeness <= 7),
  independence DOUBLE PRECISION NOT NULL CONSTRAINT needs_results_independence_check CHECK (independence >= 1 AND independence <= 7)
);
CREATE INDEX needs_results_by_user ON needs_results(user_id, taken_at DESC, id DESC);

CREATE TABLE needs_answers (
  result_id TEXT NOT NULL REFERENCES needs_results(id) ON DELETE CASCADE,
  position  BIGINT NOT NULL,
  item      TEXT NOT NULL,
  value     BIGINT NOT NULL CONSTRAINT needs_answers_value_check CHECK (value >= 1 AND value <= 7),
  PRIMARY KEY (result_id, position),
  UNIQUE (result_id, item)
);

-- Ending the bond deletes the row, so the other no longer sees them.
CREATE TABLE needs_shown (
  bond_id  TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  user_id  TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  shown_at BIGINT NOT NULL,
  PRIMARY KEY (bond_id, user_id)
);
CREATE INDEX needs_shown_by_user ON needs_shown(user_id);

-- PostgreSQL twin of src/store/migrations/0003_checkins.sql.
ALTER TABLE users ADD COLUMN track_affection BIGINT NOT NULL DEFAULT 0;

-- Structured answers only (no free text), so nothing here is sealed. feelings is
-- "word:family:intensity" items joined by "," (split into checkin_feelings by 0005).
CREATE TABLE checkins (
  bond_id          TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  day              BIGINT NOT NULL,  -- days since 1970-01-01, the person's local calendar day
  user_id          TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  feelings         TEXT NOT NULL,
  closeness_now    BIGINT NOT NULL CONSTRAINT checkins_closeness_now_check CHECK (closeness_now BETWEEN 1 AND 7),
  closeness_wanted BIGINT NOT NULL CONSTRAINT checkins_closeness_wanted_check CHECK (closeness_wanted BETWEEN 1 AND 7),
  need             TEXT NOT NULL CONSTRAINT checkins_need_check CHECK (need = 'space' OR need = 'closeness' OR need = 'comfort' OR need = 'fine'),
  own_minutes      BIGINT NOT NULL CONSTRAINT checkins_own_minutes_check CHECK (own_minutes BETWEEN 0 AND 1440),
  together_minutes BIGINT NOT NULL CONSTRAINT checkins_together_minutes_check CHECK (together_minutes BETWEEN 0 AND 1440),
  affection        BIGINT,
  lovemaking       BIGINT,
  guess_family     TEXT NOT NULL,
  guess_closeness  BIGINT NOT NULL CONSTRAINT checkins_guess_closeness_check CHECK (guess_closeness BETWEEN 1 AND 7),
  created_at       BIGINT NOT NULL,
  updated_at       BIGINT NOT NULL,
  PRIMARY KEY (bond_id, day, user_id)
);

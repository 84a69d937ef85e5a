-- PostgreSQL twin of src/store/migrations/0007_insights.sql: the weekly own-time wish (minutes),
-- private unless its owner shows it.
ALTER TABLE users ADD COLUMN own_time_wish BIGINT
  CONSTRAINT users_own_time_wish_check CHECK (own_time_wish IS NULL OR own_time_wish BETWEEN 0 AND 10080);
ALTER TABLE users ADD COLUMN show_own_time_wish BIGINT NOT NULL DEFAULT 0;

-- A person's own check-ins across their bonds, by day (own time, for them alone).
CREATE INDEX checkins_by_user ON checkins(user_id, day);

-- Insights. Each person may say how much time of their own they would like each week (minutes);
-- it is private to them unless they choose to show it to the people they are bonded with.
ALTER TABLE users ADD COLUMN own_time_wish INTEGER CHECK (own_time_wish IS NULL OR own_time_wish BETWEEN 0 AND 10080);
ALTER TABLE users ADD COLUMN show_own_time_wish INTEGER NOT NULL DEFAULT 0;

-- A person's own check-ins across their bonds, by day (own time, for them alone).
CREATE INDEX checkins_by_user ON checkins(user_id, day);

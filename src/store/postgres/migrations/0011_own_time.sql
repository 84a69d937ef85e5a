-- PostgreSQL twin of src/store/migrations/0011_own_time.sql: a piece of time of one's own is an
-- entry of the kind 'own_time' with its day, minutes and kind of time in plain columns. SQLite
-- rebuilds the table to widen the kinds' CHECK; here the constraint is replaced in place.
ALTER TABLE entries DROP CONSTRAINT entries_kind_check;
ALTER TABLE entries ADD CONSTRAINT entries_kind_check CHECK (kind = 'feeling' OR kind = 'hope' OR kind = 'fear' OR kind = 'hurt' OR kind = 'memory' OR kind = 'daydream' OR kind = 'achievement' OR kind = 'knock' OR kind = 'reflection' OR kind = 'own_time');
ALTER TABLE entries ADD COLUMN own_day BIGINT;  -- days since 1970-01-01, the person's calendar day
ALTER TABLE entries ADD COLUMN own_minutes BIGINT
  CONSTRAINT entries_own_minutes_check CHECK (own_minutes BETWEEN 5 AND 1440);
ALTER TABLE entries ADD COLUMN own_activity TEXT;
ALTER TABLE entries ADD CONSTRAINT entries_own_day_check CHECK ((kind = 'own_time') = (own_day IS NOT NULL));
ALTER TABLE entries ADD CONSTRAINT entries_own_minutes_given_check CHECK ((kind = 'own_time') = (own_minutes IS NOT NULL));
ALTER TABLE entries ADD CONSTRAINT entries_own_activity_check CHECK ((kind = 'own_time') = (own_activity IS NOT NULL));
-- A person's time of their own by day, for the log and for insights.
CREATE INDEX entries_by_own_day ON entries(author_id, own_day DESC, created_at DESC) WHERE own_day IS NOT NULL;

-- PostgreSQL twin of src/store/migrations/0019_rate_hits.sql: each event a rate limit counts, by
-- limiter and a keyed hash of whose it is (never an email or address), so every instance counts
-- the same events.
CREATE TABLE rate_hits (
  limiter TEXT NOT NULL,
  key     TEXT NOT NULL,
  at      BIGINT NOT NULL
);
CREATE INDEX rate_hits_by_key ON rate_hits(limiter, key, at);
CREATE INDEX rate_hits_by_time ON rate_hits(at);

-- Rate limits that hold across instances: each event a limit counts (a sign-in attempt, a sign-up,
-- an invite code tried, ...) is one row, counted within its window when the next one is judged.
-- `key` is a keyed hash of whose event it is (an account, an address), never the email or address
-- itself. Rows older than the longest window are swept. With SQLite (one instance per data folder)
-- the limits are counted in memory and this table stays empty.
CREATE TABLE rate_hits (
  limiter TEXT NOT NULL,
  key     TEXT NOT NULL,
  at      INTEGER NOT NULL
) STRICT;
CREATE INDEX rate_hits_by_key ON rate_hits(limiter, key, at);
CREATE INDEX rate_hits_by_time ON rate_hits(at);

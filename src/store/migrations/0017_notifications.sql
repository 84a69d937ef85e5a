-- Calm notifications: the devices a person turned pushes on for (the push service's address for
-- that browser, and the keys the browser gave for encrypting to it), and what the person chose: a
-- daily check-in reminder at a local time, a push when the other did something, quiet hours. The
-- dispatcher also keeps here when it last reminded and last told of something new, so neither
-- repeats. Minutes count from local midnight in the person's time zone.
CREATE TABLE push_devices (
  id         TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  endpoint   TEXT NOT NULL UNIQUE,
  p256dh     TEXT NOT NULL,
  auth       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_sent_at INTEGER
) STRICT;
CREATE INDEX push_devices_by_user ON push_devices(user_id, created_at);

CREATE TABLE notify_settings (
  user_id    TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  reminder   INTEGER CHECK (reminder BETWEEN 0 AND 1439),
  events     INTEGER NOT NULL DEFAULT 1 CHECK (events IN (0, 1)),
  quiet_from INTEGER CHECK (quiet_from BETWEEN 0 AND 1439),
  quiet_to   INTEGER CHECK (quiet_to BETWEEN 0 AND 1439),
  last_reminder_day INTEGER,
  last_event_push   INTEGER,
  updated_at INTEGER NOT NULL,
  CHECK ((quiet_from IS NULL) = (quiet_to IS NULL))
) STRICT, WITHOUT ROWID;

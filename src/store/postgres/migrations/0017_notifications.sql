-- PostgreSQL twin of src/store/migrations/0017_notifications.sql: the devices a person turned
-- pushes on for, and what they chose (reminder time, pushes for events, quiet hours), with when the
-- dispatcher last reminded and last told of something new. Minutes count from local midnight.
CREATE TABLE push_devices (
  id         TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  endpoint   TEXT NOT NULL UNIQUE,
  p256dh     TEXT NOT NULL,
  auth       TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_sent_at BIGINT
);
CREATE INDEX push_devices_by_user ON push_devices(user_id, created_at);

CREATE TABLE notify_settings (
  user_id    TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  reminder   BIGINT CONSTRAINT notify_settings_reminder_check CHECK (reminder BETWEEN 0 AND 1439),
  events     BIGINT NOT NULL DEFAULT 1 CONSTRAINT notify_settings_events_check CHECK (events IN (0, 1)),
  quiet_from BIGINT CONSTRAINT notify_settings_quiet_from_check CHECK (quiet_from BETWEEN 0 AND 1439),
  quiet_to   BIGINT CONSTRAINT notify_settings_quiet_to_check CHECK (quiet_to BETWEEN 0 AND 1439),
  last_reminder_day BIGINT,
  last_event_push   BIGINT,
  updated_at BIGINT NOT NULL,
  CONSTRAINT notify_settings_quiet_check CHECK ((quiet_from IS NULL) = (quiet_to IS NULL))
);

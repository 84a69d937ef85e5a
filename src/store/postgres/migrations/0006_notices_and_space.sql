-- PostgreSQL twin of src/store/migrations/0006_notices_and_space.sql: asking for space beside
-- asking for comfort, and what is new for each person.
ALTER TABLE comfort_requests ADD COLUMN kind TEXT NOT NULL DEFAULT 'comfort'
  CONSTRAINT comfort_requests_kind_check CHECK (kind = 'comfort' OR kind = 'space');
ALTER TABLE comfort_requests ADD COLUMN for_when TEXT
  CONSTRAINT comfort_requests_for_when_check CHECK (for_when IS NULL OR for_when = 'now' OR for_when = 'tonight' OR for_when = 'tomorrow');
ALTER TABLE comfort_requests ADD COLUMN reply TEXT
  CONSTRAINT comfort_requests_reply_check CHECK (reply IS NULL OR reply = 'enjoy' OR reply = 'of_course' OR reply = 'here_after');
DROP INDEX comfort_requests_by_bond;
CREATE INDEX comfort_requests_by_bond ON comfort_requests(bond_id, kind, created_at DESC, id DESC);

-- No text: only what to open. Whether a notice is still shown is decided when the list is read.
CREATE TABLE notices (
  id         TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  bond_id    TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CONSTRAINT notices_kind_check CHECK (kind IN ('entry_shared', 'response_added', 'appreciation_added',
                                          'comfort_requested', 'comfort_answered', 'space_requested',
                                          'space_answered', 'checkin_added', 'checkin_revealed',
                                          'invite_accepted', 'bond_ended')),
  subject_id TEXT NOT NULL,
  entry_id   TEXT REFERENCES entries(id) ON DELETE CASCADE,
  day        BIGINT,
  from_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  seen_at    BIGINT
);
CREATE INDEX notices_by_user ON notices(user_id, created_at DESC, id DESC);
CREATE UNIQUE INDEX notices_one_per_subject ON notices(user_id, bond_id, kind, subject_id);
CREATE INDEX notices_by_entry ON notices(entry_id) WHERE entry_id IS NOT NULL;
-- Notices older than any list shows are deleted by the hourly sweep.
CREATE INDEX notices_by_time ON notices(created_at);

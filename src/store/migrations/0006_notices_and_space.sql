-- Asking for space beside asking for comfort: one table of requests with a kind. A request for
-- space may say when (now, tonight, tomorrow) and is answered with one of the gentle replies.
ALTER TABLE comfort_requests ADD COLUMN kind TEXT NOT NULL DEFAULT 'comfort'
  CHECK (kind = 'comfort' OR kind = 'space');
ALTER TABLE comfort_requests ADD COLUMN for_when TEXT
  CHECK (for_when IS NULL OR for_when = 'now' OR for_when = 'tonight' OR for_when = 'tomorrow');
ALTER TABLE comfort_requests ADD COLUMN reply TEXT
  CHECK (reply IS NULL OR reply = 'enjoy' OR reply = 'of_course' OR reply = 'here_after');
DROP INDEX comfort_requests_by_bond;
CREATE INDEX comfort_requests_by_bond ON comfort_requests(bond_id, kind, created_at DESC, id DESC);

-- What is new for each person: one row per thing the other member did that concerns them. No
-- text: only what to open. A share or a response names its entry, so deleting the entry takes the
-- notice with it; whether a notice is still shown is decided when the list is read.
CREATE TABLE notices (
  id         TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  bond_id    TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('entry_shared', 'response_added', 'appreciation_added',
                                          'comfort_requested', 'comfort_answered', 'space_requested',
                                          'space_answered', 'checkin_added', 'checkin_revealed',
                                          'invite_accepted', 'bond_ended')),
  subject_id TEXT NOT NULL,
  entry_id   TEXT REFERENCES entries(id) ON DELETE CASCADE,
  day        INTEGER,
  from_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  seen_at    INTEGER
) STRICT;
CREATE INDEX notices_by_user ON notices(user_id, created_at DESC, id DESC);
CREATE UNIQUE INDEX notices_one_per_subject ON notices(user_id, bond_id, kind, subject_id);
CREATE INDEX notices_by_entry ON notices(entry_id) WHERE entry_id IS NOT NULL;
-- Notices older than any list shows are deleted by the hourly sweep.
CREATE INDEX notices_by_time ON notices(created_at);

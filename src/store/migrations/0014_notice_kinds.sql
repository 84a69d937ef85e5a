-- pillars: rebuilds tables
-- What is new tells of a question in a conversation deck: that the other answered
-- ('deck_answered', its subject the prompt; gone once both answered) and that both answers are
-- open ('deck_revealed'). The kinds a notice may have now live in a table of their own, so a new
-- kind is one INSERT in a later migration instead of another rebuild of notices.
CREATE TABLE IF NOT EXISTS notice_kinds (
  kind TEXT PRIMARY KEY
) STRICT, WITHOUT ROWID;
INSERT OR IGNORE INTO notice_kinds (kind) VALUES
  ('entry_shared'), ('response_added'), ('appreciation_added'), ('comfort_requested'),
  ('comfort_answered'), ('space_requested'), ('space_answered'), ('checkin_added'),
  ('checkin_revealed'), ('invite_accepted'), ('bond_ended'), ('moment_added'),
  ('deck_answered'), ('deck_revealed');
CREATE TABLE notices_new (
  id         TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  bond_id    TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL REFERENCES notice_kinds(kind),
  subject_id TEXT NOT NULL,
  entry_id   TEXT REFERENCES entries(id) ON DELETE CASCADE,
  day        INTEGER,
  from_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  seen_at    INTEGER
) STRICT;
INSERT INTO notices_new (id, user_id, bond_id, kind, subject_id, entry_id, day, from_id, created_at, seen_at)
  SELECT id, user_id, bond_id, kind, subject_id, entry_id, day, from_id, created_at, seen_at FROM notices;
DROP TABLE notices;
ALTER TABLE notices_new RENAME TO notices;
CREATE INDEX notices_by_user ON notices(user_id, created_at DESC, id DESC);
CREATE UNIQUE INDEX notices_one_per_subject ON notices(user_id, bond_id, kind, subject_id);
CREATE INDEX notices_by_entry ON notices(entry_id) WHERE entry_id IS NOT NULL;
CREATE INDEX notices_by_time ON notices(created_at);

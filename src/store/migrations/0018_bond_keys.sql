-- pillars: rebuilds tables
-- Bond keys: every bond-scoped table is keyed by its bond first, so that a sharded PostgreSQL can
-- distribute it on bond_id (docs/scaling.md, "Distribution by bond"). The six tables keyed by a lone
-- id are rebuilt with PRIMARY KEY (bond_id, id), every column, CHECK, reference and index kept; no
-- table refers to them, and every statement that finds one of their rows by id names its bond.
-- Notices are marked seen by person and id, which the new index notices_by_user_and_id serves.
CREATE TABLE entry_responses_new (
  id           TEXT NOT NULL,
  entry_id     TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  bond_id      TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  responder_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind = 'hear' OR kind = 'comfort' OR kind = 'celebrate' OR kind = 'thanks'),
  body_sealed  BLOB,
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (bond_id, id)
) STRICT;
INSERT INTO entry_responses_new (id, entry_id, bond_id, responder_id, kind, body_sealed, created_at)
  SELECT id, entry_id, bond_id, responder_id, kind, body_sealed, created_at FROM entry_responses;
DROP TABLE entry_responses;
ALTER TABLE entry_responses_new RENAME TO entry_responses;
CREATE INDEX entry_responses_by_entry ON entry_responses(entry_id, bond_id, created_at);

CREATE TABLE appreciations_new (
  id          TEXT NOT NULL,
  bond_id     TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  from_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind = 'love' OR kind = 'thanks' OR kind = 'admire'),
  note_sealed BLOB,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (bond_id, id)
) STRICT;
INSERT INTO appreciations_new (id, bond_id, from_id, kind, note_sealed, created_at)
  SELECT id, bond_id, from_id, kind, note_sealed, created_at FROM appreciations;
DROP TABLE appreciations;
ALTER TABLE appreciations_new RENAME TO appreciations;
CREATE INDEX appreciations_by_bond ON appreciations(bond_id, created_at DESC, id DESC);

CREATE TABLE comfort_requests_new (
  id                 TEXT NOT NULL,
  bond_id            TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  from_id            TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  note_sealed        BLOB,
  created_at         INTEGER NOT NULL,
  answered_at        INTEGER,
  answered_by        TEXT REFERENCES users(id) ON DELETE SET NULL,
  answer_note_sealed BLOB,
  kind               TEXT NOT NULL DEFAULT 'comfort' CHECK (kind = 'comfort' OR kind = 'space'),
  for_when           TEXT CHECK (for_when IS NULL OR for_when = 'now' OR for_when = 'tonight' OR for_when = 'tomorrow'),
  reply              TEXT CHECK (reply IS NULL OR reply = 'enjoy' OR reply = 'of_course' OR reply = 'here_after'),
  PRIMARY KEY (bond_id, id)
) STRICT;
INSERT INTO comfort_requests_new (id, bond_id, from_id, note_sealed, created_at, answered_at, answered_by,
                                  answer_note_sealed, kind, for_when, reply)
  SELECT id, bond_id, from_id, note_sealed, created_at, answered_at, answered_by, answer_note_sealed, kind,
         for_when, reply FROM comfort_requests;
DROP TABLE comfort_requests;
ALTER TABLE comfort_requests_new RENAME TO comfort_requests;
CREATE INDEX comfort_requests_by_bond ON comfort_requests(bond_id, kind, created_at DESC, id DESC);

CREATE TABLE moments_new (
  id           TEXT NOT NULL,
  bond_id      TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  author_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  day          INTEGER NOT NULL,
  kind         TEXT NOT NULL CHECK (kind = 'high' OR kind = 'low'),
  title_sealed BLOB NOT NULL,
  note_sealed  BLOB,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (bond_id, id)
) STRICT;
INSERT INTO moments_new (id, bond_id, author_id, day, kind, title_sealed, note_sealed, created_at, updated_at)
  SELECT id, bond_id, author_id, day, kind, title_sealed, note_sealed, created_at, updated_at FROM moments;
DROP TABLE moments;
ALTER TABLE moments_new RENAME TO moments;
CREATE INDEX moments_by_bond ON moments(bond_id, day, created_at, id);

CREATE TABLE menu_suggestions_new (
  id          TEXT NOT NULL,
  bond_id     TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  author_id   TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  menu        TEXT NOT NULL,
  category    TEXT NOT NULL,
  text_sealed BLOB NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (bond_id, id)
) STRICT;
INSERT INTO menu_suggestions_new (id, bond_id, author_id, menu, category, text_sealed, created_at)
  SELECT id, bond_id, author_id, menu, category, text_sealed, created_at FROM menu_suggestions;
DROP TABLE menu_suggestions;
ALTER TABLE menu_suggestions_new RENAME TO menu_suggestions;
CREATE INDEX menu_suggestions_by_bond ON menu_suggestions(bond_id, created_at, id);

CREATE TABLE notices_new (
  id         TEXT NOT NULL,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  bond_id    TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL REFERENCES notice_kinds(kind),
  subject_id TEXT NOT NULL,
  entry_id   TEXT REFERENCES entries(id) ON DELETE CASCADE,
  day        INTEGER,
  from_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  seen_at    INTEGER,
  PRIMARY KEY (bond_id, id)
) STRICT;
INSERT INTO notices_new (id, user_id, bond_id, kind, subject_id, entry_id, day, from_id, created_at, seen_at)
  SELECT id, user_id, bond_id, kind, subject_id, entry_id, day, from_id, created_at, seen_at FROM notices;
DROP TABLE notices;
ALTER TABLE notices_new RENAME TO notices;
CREATE INDEX notices_by_user ON notices(user_id, created_at DESC, id DESC);
CREATE UNIQUE INDEX notices_one_per_subject ON notices(user_id, bond_id, kind, subject_id);
CREATE INDEX notices_by_entry ON notices(entry_id) WHERE entry_id IS NOT NULL;
CREATE INDEX notices_by_time ON notices(created_at);
CREATE INDEX notices_by_user_and_id ON notices(user_id, id);

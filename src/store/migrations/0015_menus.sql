-- Menus: who opened the intimacy menu in a bond (each for themselves), each member's answer to an
-- item (sealed: one character whatever the answer, with the bond, member and item as associated
-- data, so the file alone never tells who wants what), and the items members suggested for their
-- bond (the words sealed). Catalog items are content, named by their stable ids; a suggestion's item
-- id is the suggestion's own. Everything here goes when the bond ends. The adult confirmation is
-- asked once per person, before they first open the intimacy menu anywhere. A check-in may name the
-- shared wishes of the affection menu lived that day (item ids, sealed, one row per check-in).
CREATE TABLE adult_confirmations (
  user_id      TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  confirmed_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TABLE menu_openings (
  bond_id   TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  user_id   TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  menu      TEXT NOT NULL,
  opened_at INTEGER NOT NULL,
  PRIMARY KEY (bond_id, user_id, menu)
) STRICT, WITHOUT ROWID;
CREATE TABLE menu_answers (
  bond_id       TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  user_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  item_id       TEXT NOT NULL,
  choice_sealed BLOB NOT NULL,
  updated_at    INTEGER NOT NULL,
  PRIMARY KEY (bond_id, user_id, item_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE menu_suggestions (
  id          TEXT PRIMARY KEY,
  bond_id     TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  author_id   TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  menu        TEXT NOT NULL,
  category    TEXT NOT NULL,
  text_sealed BLOB NOT NULL,
  created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX menu_suggestions_by_bond ON menu_suggestions(bond_id, created_at, id);
CREATE TABLE checkin_wishes (
  bond_id      TEXT NOT NULL,
  day          INTEGER NOT NULL,
  user_id      TEXT NOT NULL,
  items_sealed BLOB NOT NULL,
  PRIMARY KEY (bond_id, day, user_id),
  FOREIGN KEY (bond_id, day, user_id) REFERENCES checkins(bond_id, day, user_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

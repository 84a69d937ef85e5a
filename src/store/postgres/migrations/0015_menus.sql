-- PostgreSQL twin of src/store/migrations/0015_menus.sql: menus (who opened the intimacy menu,
-- each member's sealed answer to an item, suggested items), the adult confirmation, and the
-- shared wishes a check-in names (sealed).
CREATE TABLE adult_confirmations (
  user_id      TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  confirmed_at BIGINT NOT NULL
);
CREATE TABLE menu_openings (
  bond_id   TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  user_id   TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  menu      TEXT NOT NULL,
  opened_at BIGINT NOT NULL,
  PRIMARY KEY (bond_id, user_id, menu)
);
CREATE TABLE menu_answers (
  bond_id       TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  user_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  item_id       TEXT NOT NULL,
  choice_sealed BYTEA NOT NULL,
  updated_at    BIGINT NOT NULL,
  PRIMARY KEY (bond_id, user_id, item_id)
);
CREATE TABLE menu_suggestions (
  id          TEXT PRIMARY KEY,
  bond_id     TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  author_id   TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  menu        TEXT NOT NULL,
  category    TEXT NOT NULL,
  text_sealed BYTEA NOT NULL,
  created_at  BIGINT NOT NULL
);
CREATE INDEX menu_suggestions_by_bond ON menu_suggestions(bond_id, created_at, id);
CREATE TABLE checkin_wishes (
  bond_id      TEXT NOT NULL,
  day          BIGINT NOT NULL,
  user_id      TEXT NOT NULL,
  items_sealed BYTEA NOT NULL,
  PRIMARY KEY (bond_id, day, user_id),
  FOREIGN KEY (bond_id, day, user_id) REFERENCES checkins(bond_id, day, user_id) ON DELETE CASCADE
);

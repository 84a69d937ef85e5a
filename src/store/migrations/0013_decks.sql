-- Conversation decks: each member's answer to a prompt in a bond (words sealed at rest; a love-map
-- choice and guess as indices into the prompt's choices), the moment a prompt was revealed (both
-- had answered; from then on neither answer changes), and one's own "not now" for a prompt, which
-- only its owner ever sees. Prompts and decks are content, named by their stable ids.
CREATE TABLE deck_answers (
  bond_id     TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  prompt_id   TEXT NOT NULL,
  user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  body_sealed BLOB,
  choice      INTEGER CHECK (choice BETWEEN 0 AND 4),
  guess       INTEGER CHECK (guess BETWEEN 0 AND 4),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (bond_id, prompt_id, user_id),
  CHECK ((body_sealed IS NULL) = (choice IS NOT NULL)),
  CHECK ((choice IS NULL) = (guess IS NULL))
) STRICT, WITHOUT ROWID;
CREATE TABLE deck_reveals (
  bond_id     TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  prompt_id   TEXT NOT NULL,
  revealed_at INTEGER NOT NULL,
  PRIMARY KEY (bond_id, prompt_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE deck_skips (
  bond_id    TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  prompt_id  TEXT NOT NULL,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  skipped_at INTEGER NOT NULL,
  PRIMARY KEY (bond_id, user_id, prompt_id)
) STRICT, WITHOUT ROWID;

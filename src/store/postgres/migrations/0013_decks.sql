-- PostgreSQL twin of src/store/migrations/0013_decks.sql: conversation decks' answers (words
-- sealed), reveals, and one's own "not now" for a prompt.
CREATE TABLE deck_answers (
  bond_id     TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  prompt_id   TEXT NOT NULL,
  user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  body_sealed BYTEA,
  choice      BIGINT CONSTRAINT deck_answers_choice_check CHECK (choice BETWEEN 0 AND 4),
  guess       BIGINT CONSTRAINT deck_answers_guess_check CHECK (guess BETWEEN 0 AND 4),
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL,
  PRIMARY KEY (bond_id, prompt_id, user_id),
  CONSTRAINT deck_answers_body_or_choice_check CHECK ((body_sealed IS NULL) = (choice IS NOT NULL)),
  CONSTRAINT deck_answers_choice_and_guess_check CHECK ((choice IS NULL) = (guess IS NULL))
);
CREATE TABLE deck_reveals (
  bond_id     TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  prompt_id   TEXT NOT NULL,
  revealed_at BIGINT NOT NULL,
  PRIMARY KEY (bond_id, prompt_id)
);
CREATE TABLE deck_skips (
  bond_id    TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  prompt_id  TEXT NOT NULL,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  skipped_at BIGINT NOT NULL,
  PRIMARY KEY (bond_id, user_id, prompt_id)
);

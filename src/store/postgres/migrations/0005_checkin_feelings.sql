-- PostgreSQL twin of src/store/migrations/0005_checkin_feelings.sql: a check-in's feelings, one
-- row per feeling in the order chosen, as entry_feelings holds an entry's.
CREATE TABLE checkin_feelings (
  bond_id   TEXT NOT NULL,
  day       BIGINT NOT NULL,
  user_id   TEXT NOT NULL,
  position  BIGINT NOT NULL,
  word      TEXT NOT NULL,
  family    TEXT NOT NULL,
  intensity BIGINT NOT NULL CONSTRAINT checkin_feelings_intensity_check CHECK (intensity BETWEEN 1 AND 5),
  PRIMARY KEY (bond_id, day, user_id, position),
  FOREIGN KEY (bond_id, day, user_id) REFERENCES checkins(bond_id, day, user_id)
    ON DELETE CASCADE ON UPDATE CASCADE
);

-- The old column held "word:family:intensity" items joined by ","; word and family ids hold
-- neither character. Split it into rows, keeping the order (positions from 0, as SQLite's split
-- counts them, skipping items without two colons as it does).
INSERT INTO checkin_feelings (bond_id, day, user_id, position, word, family, intensity)
SELECT c.bond_id, c.day, c.user_id, item.n - 1, split_part(item.text, ':', 1), split_part(item.text, ':', 2),
       CAST(split_part(item.text, ':', 3) AS BIGINT)
FROM checkins c
CROSS JOIN LATERAL unnest(string_to_array(c.feelings, ',')) WITH ORDINALITY AS item(text, n)
WHERE item.text LIKE '%:%:%';

ALTER TABLE checkins DROP COLUMN feelings;

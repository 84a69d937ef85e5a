-- A check-in's feelings get the shape an entry's have: one row per feeling, in the order chosen,
-- with its word, family and intensity (entry_feelings). Insights then read feelings the same way
-- wherever they were named, and no column holds a list to be parsed.
CREATE TABLE checkin_feelings (
  bond_id   TEXT NOT NULL,
  day       INTEGER NOT NULL,
  user_id   TEXT NOT NULL,
  position  INTEGER NOT NULL,
  word      TEXT NOT NULL,
  family    TEXT NOT NULL,
  intensity INTEGER NOT NULL CHECK (intensity BETWEEN 1 AND 5),
  PRIMARY KEY (bond_id, day, user_id, position),
  FOREIGN KEY (bond_id, day, user_id) REFERENCES checkins(bond_id, day, user_id)
    ON DELETE CASCADE ON UPDATE CASCADE
) STRICT, WITHOUT ROWID;
-- No index beyond the key: check-ins are read by bond and day, and every index is one more b-tree
-- each check-in's save writes.

-- The old column held "word:family:intensity" items joined by ","; word and family ids hold
-- neither character. Split it into rows, keeping the order.
WITH RECURSIVE items(bond_id, day, user_id, position, item, rest) AS (
  SELECT bond_id, day, user_id, -1, '', feelings || ',' FROM checkins
  UNION ALL
  SELECT bond_id, day, user_id, position + 1,
         substr(rest, 1, instr(rest, ',') - 1), substr(rest, instr(rest, ',') + 1)
  FROM items WHERE rest <> ''
),
parts(bond_id, day, user_id, position, word, tail) AS (
  SELECT bond_id, day, user_id, position, substr(item, 1, instr(item, ':') - 1), substr(item, instr(item, ':') + 1)
  FROM items WHERE position >= 0 AND instr(item, ':') > 0
)
INSERT INTO checkin_feelings (bond_id, day, user_id, position, word, family, intensity)
SELECT bond_id, day, user_id, position, word, substr(tail, 1, instr(tail, ':') - 1),
       CAST(substr(tail, instr(tail, ':') + 1) AS INTEGER)
FROM parts WHERE instr(tail, ':') > 0;

ALTER TABLE checkins DROP COLUMN feelings;

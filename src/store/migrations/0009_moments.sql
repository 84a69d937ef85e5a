-- Moments: a bond's journey of highs and lows, added by either member. The title and the note are
-- what people wrote, so both are sealed at rest. Milestones are computed, never stored.
CREATE TABLE moments (
  id           TEXT PRIMARY KEY,
  bond_id      TEXT NOT NULL REFERENCES bonds(id) ON DELETE CASCADE,
  author_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  day          INTEGER NOT NULL,
  kind         TEXT NOT NULL CHECK (kind = 'high' OR kind = 'low'),
  title_sealed BLOB NOT NULL,
  note_sealed  BLOB,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX moments_by_bond ON moments(bond_id, day, created_at, id);

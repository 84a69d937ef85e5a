-- An ended bond shows each member the other as they were when it ended: each member's display
-- name is kept here at the end, in the transaction that ends the bond, so a later rename never
-- reaches the former partner. NULL while the bond is active (the current name is shown then).
ALTER TABLE bond_members ADD COLUMN display_name_at_end TEXT;

-- Bonds that ended before this column existed keep the name current now.
UPDATE bond_members SET display_name_at_end = (SELECT u.display_name FROM users u WHERE u.id = bond_members.user_id)
WHERE bond_id IN (SELECT id FROM bonds WHERE status = 'ended');

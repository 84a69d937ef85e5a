-- PostgreSQL twin of src/store/migrations/0004_ended_bond_names.sql: each member's display name
-- kept when their bond ends; NULL while the bond is active.
ALTER TABLE bond_members ADD COLUMN display_name_at_end TEXT;

-- Bonds that ended before this column existed keep the name current now.
UPDATE bond_members SET display_name_at_end = (SELECT u.display_name FROM users u WHERE u.id = bond_members.user_id)
WHERE bond_id IN (SELECT id FROM bonds WHERE status = 'ended');

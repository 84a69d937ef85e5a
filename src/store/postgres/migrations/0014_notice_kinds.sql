-- PostgreSQL twin of src/store/migrations/0014_notice_kinds.sql: the kinds a notice may have live
-- in a table of their own, so a new kind is one INSERT. SQLite rebuilds notices to swap its CHECK
-- for the reference; here the CHECK is dropped and the foreign key added in place.
CREATE TABLE IF NOT EXISTS notice_kinds (
  kind TEXT PRIMARY KEY
);
INSERT INTO notice_kinds (kind) VALUES
  ('entry_shared'), ('response_added'), ('appreciation_added'), ('comfort_requested'),
  ('comfort_answered'), ('space_requested'), ('space_answered'), ('checkin_added'),
  ('checkin_revealed'), ('invite_accepted'), ('bond_ended'), ('moment_added'),
  ('deck_answered'), ('deck_revealed')
ON CONFLICT DO NOTHING;
ALTER TABLE notices DROP CONSTRAINT notices_kind_check;
ALTER TABLE notices ADD CONSTRAINT notices_kind_fkey FOREIGN KEY (kind) REFERENCES notice_kinds(kind);

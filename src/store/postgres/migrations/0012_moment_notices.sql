-- PostgreSQL twin of src/store/migrations/0012_moment_notices.sql: what is new tells of a moment
-- the other added ('moment_added'). SQLite rebuilds notices to widen the kinds' CHECK; here the
-- constraint is replaced in place.
ALTER TABLE notices DROP CONSTRAINT notices_kind_check;
ALTER TABLE notices ADD CONSTRAINT notices_kind_check CHECK (kind IN ('entry_shared', 'response_added', 'appreciation_added',
                                          'comfort_requested', 'comfort_answered', 'space_requested',
                                          'space_answered', 'checkin_added', 'checkin_revealed',
                                          'invite_accepted', 'bond_ended', 'moment_added'));

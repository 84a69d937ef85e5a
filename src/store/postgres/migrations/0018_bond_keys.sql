-- PostgreSQL twin of src/store/migrations/0018_bond_keys.sql: the six bond-scoped tables keyed by a
-- lone id are keyed by (bond_id, id), so that a sharded PostgreSQL can distribute them on bond_id.
-- SQLite rebuilds each table; here each primary key is replaced in place. Notices are marked seen
-- by person and id, which the new index notices_by_user_and_id serves.
ALTER TABLE entry_responses DROP CONSTRAINT entry_responses_pkey, ADD PRIMARY KEY (bond_id, id);
ALTER TABLE appreciations DROP CONSTRAINT appreciations_pkey, ADD PRIMARY KEY (bond_id, id);
ALTER TABLE comfort_requests DROP CONSTRAINT comfort_requests_pkey, ADD PRIMARY KEY (bond_id, id);
ALTER TABLE moments DROP CONSTRAINT moments_pkey, ADD PRIMARY KEY (bond_id, id);
ALTER TABLE menu_suggestions DROP CONSTRAINT menu_suggestions_pkey, ADD PRIMARY KEY (bond_id, id);
ALTER TABLE notices DROP CONSTRAINT notices_pkey, ADD PRIMARY KEY (bond_id, id);
CREATE INDEX notices_by_user_and_id ON notices(user_id, id);

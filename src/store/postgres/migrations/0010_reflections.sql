-- PostgreSQL twin of src/store/migrations/0010_reflections.sql: an answer to a question for
-- oneself is an entry of the kind 'reflection' that names its question. SQLite rebuilds the table
-- to widen the CHECK; here the constraint is replaced in place.
ALTER TABLE entries DROP CONSTRAINT entries_kind_check;
ALTER TABLE entries ADD CONSTRAINT entries_kind_check CHECK (kind = 'feeling' OR kind = 'hope' OR kind = 'fear' OR kind = 'hurt' OR kind = 'memory' OR kind = 'daydream' OR kind = 'achievement' OR kind = 'knock' OR kind = 'reflection');
ALTER TABLE entries ADD COLUMN prompt TEXT;
ALTER TABLE entries ADD CONSTRAINT entries_prompt_check CHECK ((kind = 'reflection') = (prompt IS NOT NULL));
-- One answer per question and person.
CREATE UNIQUE INDEX entries_by_prompt ON entries(author_id, prompt) WHERE prompt IS NOT NULL;

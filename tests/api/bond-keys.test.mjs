// Distribution by bond (docs/scaling.md): a sharded PostgreSQL such as Citus distributes every
// bond-scoped table on bond_id, and asks that its primary key and each of its unique constraints
// include that column. So in the schema `pillars migrate` gives, on whichever engine the tests run,
// every table with a bond_id column has bond_id in its primary key and in each unique index, except
// the tables docs/scaling.md distributes on something else, listed here by name. And a database
// from before migration 0018, which widened six keys, keeps every row of those tables through it.

import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  connect, databaseArgs, databaseName, dropDatabase, ensureDatabase, onPostgres, queryDatabase,
} from './lib/postgres.mjs';
import { postgresSchema, sqliteSchema } from './lib/schema.mjs';
import { repoRoot, runPillars } from './lib/server.mjs';

const TIMEOUT = { timeout: 60_000 };

// Tables with a bond_id column that are not distributed on it, and why.
const NOT_BY_BOND = {
  // An invite is its creator's until it is used; bond_id only records the bond it made.
  invites: 'creator_id',
};

let dataDir;
let olderDir;
let schema;

before(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pillars-bond-keys-'));
  if (onPostgres) await ensureDatabase(dataDir);
  await runPillars(['migrate', '--data', dataDir, ...databaseArgs(dataDir)], { timeoutMs: 30_000 });
  if (onPostgres) {
    const client = await connect(databaseName(dataDir));
    try {
      schema = await postgresSchema(client);
    } finally {
      await client.end();
    }
  } else {
    schema = await sqliteSchema(path.join(dataDir, 'pillars.db'));
  }
});

after(async () => {
  for (const dir of [dataDir, olderDir].filter(Boolean)) {
    if (onPostgres) await dropDatabase(dir);
    await rm(dir, { recursive: true, force: true });
  }
});

/** The columns of a unique index as the schema reading writes it: '(a,b) partial' -> ['a', 'b']. */
const uniqueColumns = (index) => index.slice(1, index.indexOf(')')).split(',');

test('every bond-scoped table has bond_id in its primary key and in each unique index', TIMEOUT, () => {
  const scoped = Object.keys(schema).filter((t) => schema[t].columns.bond_id && !(t in NOT_BY_BOND));
  // The reading found the tables: the bond-scoped ones of docs/scaling.md are many more than this.
  assert.ok(scoped.length >= 15, `bond-scoped tables: ${scoped}`);
  assert.ok(scoped.includes('checkins') && scoped.includes('notices'), `bond-scoped tables: ${scoped}`);
  const wrong = [];
  for (const table of scoped) {
    const { primaryKey, unique } = schema[table];
    if (!primaryKey.includes('bond_id')) wrong.push(`${table}: primary key (${primaryKey})`);
    for (const index of unique) {
      if (!uniqueColumns(index).includes('bond_id')) wrong.push(`${table}: unique ${index}`);
    }
  }
  assert.deepEqual(wrong, [], 'keys without bond_id');
});

test('each exception has a bond_id column and docs/scaling.md distributes it on another column', TIMEOUT, async () => {
  const doc = await readFile(path.join(repoRoot, 'docs', 'scaling.md'), 'utf8');
  for (const [table, column] of Object.entries(NOT_BY_BOND)) {
    assert.ok(schema[table]?.columns.bond_id, `${table} has a bond_id column`);
    assert.ok(!schema[table].primaryKey.includes('bond_id'), `${table} is still keyed without bond_id`);
    const row = doc.split('\n').find((line) => line.startsWith(`| ${table} |`));
    assert.ok(row, `docs/scaling.md lists ${table}`);
    assert.equal(row.split('|')[3].trim(), column, `docs/scaling.md distributes ${table} on ${column}`);
  }
});

// The tables migration 0018 keyed by (bond_id, id), and two rows of each, one per bond, in the
// columns they had at 0017. Sealed columns hold made-up bytes (never a newline, which would split a
// row of the sqlite3 shell's output): this compares rows, it opens nothing.
const WIDENED = ['entry_responses', 'appreciations', 'comfort_requests', 'moments', 'menu_suggestions', 'notices'];
const bytes = (hex) => (onPostgres ? `'\\x${hex}'::bytea` : `X'${hex}'`);
const ROWS_AT_0017 = `
  INSERT INTO users (id, email, display_name, timezone, password_hash, created_at, updated_at) VALUES
    ('u1', 'u1@example.org', 'Una', 'UTC', 'h', 1, 1), ('u2', 'u2@example.org', 'Vic', 'UTC', 'h', 1, 1),
    ('u3', 'u3@example.org', 'Wes', 'UTC', 'h', 1, 1);
  INSERT INTO bonds (id, kind, status, created_at) VALUES ('b1', 'partner', 'active', 2), ('b2', 'friend', 'active', 2);
  INSERT INTO bond_members (bond_id, user_id) VALUES ('b1', 'u1'), ('b1', 'u2'), ('b2', 'u1'), ('b2', 'u3');
  INSERT INTO entries (id, author_id, kind, body_sealed, created_at, updated_at) VALUES ('e1', 'u1', 'feeling', ${bytes('01')}, 3, 3);
  INSERT INTO entry_shares (entry_id, bond_id, author_id, shared_at) VALUES ('e1', 'b1', 'u1', 4), ('e1', 'b2', 'u1', 4);
  INSERT INTO entry_responses (id, entry_id, bond_id, responder_id, kind, body_sealed, created_at) VALUES
    ('r1', 'e1', 'b1', 'u2', 'hear', ${bytes('02')}, 5), ('r2', 'e1', 'b2', 'u3', 'comfort', NULL, 6);
  INSERT INTO appreciations (id, bond_id, from_id, kind, note_sealed, created_at) VALUES
    ('a1', 'b1', 'u2', 'thanks', ${bytes('03')}, 7), ('a2', 'b2', 'u3', 'love', NULL, 8);
  INSERT INTO comfort_requests (id, bond_id, from_id, note_sealed, created_at, answered_at, answered_by,
      answer_note_sealed, kind, for_when, reply) VALUES
    ('c1', 'b1', 'u1', ${bytes('04')}, 9, 10, 'u2', ${bytes('05')}, 'comfort', NULL, NULL),
    ('s1', 'b2', 'u3', NULL, 11, NULL, NULL, NULL, 'space', 'tonight', NULL);
  INSERT INTO moments (id, bond_id, author_id, day, kind, title_sealed, note_sealed, created_at, updated_at) VALUES
    ('m1', 'b1', 'u1', 19000, 'high', ${bytes('06')}, ${bytes('07')}, 12, 13), ('m2', 'b2', 'u3', 19001, 'low', ${bytes('08')}, NULL, 14, 14);
  INSERT INTO menu_suggestions (id, bond_id, author_id, menu, category, text_sealed, created_at) VALUES
    ('g1', 'b1', 'u1', 'affection', 'play', ${bytes('09')}, 15), ('g2', 'b2', 'u3', 'affection', 'play', ${bytes('1a')}, 16);
  INSERT INTO notices (id, user_id, bond_id, kind, subject_id, entry_id, day, from_id, created_at, seen_at) VALUES
    ('n1', 'u2', 'b1', 'comfort_requested', 'c1', NULL, NULL, 'u1', 9, 20),
    ('n2', 'u3', 'b2', 'entry_shared', 'e1', 'e1', NULL, 'u1', 4, NULL);`;

test('a database from before migration 0018 keeps every row of the tables it keyed by bond', TIMEOUT, async () => {
  olderDir = await mkdtemp(path.join(tmpdir(), 'pillars-bond-keys-0017-'));
  if (onPostgres) await ensureDatabase(olderDir);
  // The database at 0017: its migration files applied in order, and recorded as the runner does.
  const folder = path.join(repoRoot, 'src', 'store', ...(onPostgres ? ['postgres', 'migrations'] : ['migrations']));
  const files = (await readdir(folder)).filter((f) => f.endsWith('.sql') && Number.parseInt(f, 10) <= 17).sort();
  assert.equal(files.length, 17);
  for (const file of files) await queryDatabase(olderDir, await readFile(path.join(folder, file), 'utf8'));
  const integer = onPostgres ? 'BIGINT' : 'INTEGER';
  await queryDatabase(olderDir, `CREATE TABLE schema_migrations (version ${integer} PRIMARY KEY, name TEXT NOT NULL,
    applied_at ${integer} NOT NULL)${onPostgres ? '' : ' STRICT'};
    INSERT INTO schema_migrations (version, name, applied_at) VALUES
    ${files.map((f) => `(${Number.parseInt(f, 10)}, '${f}', 0)`).join(', ')}`);
  await queryDatabase(olderDir, ROWS_AT_0017);
  const rowsOf = (table) => queryDatabase(olderDir, `SELECT * FROM ${table} ORDER BY bond_id, id`);
  const before = {};
  for (const table of WIDENED) {
    before[table] = await rowsOf(table);
    assert.equal(before[table].length, 2, `${table} holds its rows at 0017`);
  }

  await runPillars(['migrate', '--data', olderDir, ...databaseArgs(olderDir)], { timeoutMs: 30_000 });
  const [[version]] = await queryDatabase(olderDir, 'SELECT max(version) FROM schema_migrations');
  assert.ok(Number(version) >= 18, `migrated to ${version}`);
  for (const table of WIDENED) assert.deepEqual(await rowsOf(table), before[table], `${table} after migration 0018`);
  const pk = onPostgres
    ? `SELECT c.relname, string_agg(a.attname, ',' ORDER BY k.n) FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid
       CROSS JOIN unnest(x.indkey::int2[]) WITH ORDINALITY AS k(num, n) JOIN pg_attribute a ON a.attrelid = c.oid
       AND a.attnum = k.num WHERE x.indisprimary AND c.relname IN (${WIDENED.map((t) => `'${t}'`)}) GROUP BY c.relname`
    : WIDENED.map((t) => `SELECT '${t}', group_concat(name) FROM (SELECT name FROM pragma_table_info('${t}')
       WHERE pk > 0 ORDER BY pk)`).join(' UNION ALL ');
  const keys = Object.fromEntries(await queryDatabase(olderDir, pk));
  assert.deepEqual(keys, Object.fromEntries(WIDENED.map((t) => [t, 'bond_id,id'])));
});

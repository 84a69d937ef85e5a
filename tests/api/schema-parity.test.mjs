// The PostgreSQL migrations give the schema the SQLite ones give: the domain SQL is written once and
// runs on both. A SQLite database made by `pillars migrate` and a PostgreSQL database with every file
// of src/store/postgres/migrations applied in order must have the same tables, the same columns
// (type, nullability, default), primary keys, unique indexes and foreign keys (with their actions).
// Runs on PostgreSQL only (PILLARS_TEST_POSTGRES, the api-pg.* tests).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { connect, onPostgres } from './lib/postgres.mjs';
import { repoRoot, runPillars } from './lib/server.mjs';

const run = promisify(execFile);
const skip = onPostgres ? false : 'PostgreSQL only: set PILLARS_TEST_POSTGRES (ctest runs it as api-pg.schema-parity)';
const TIMEOUT = { timeout: 120_000, skip };
const PG_MIGRATIONS = path.join(repoRoot, 'src', 'store', 'postgres', 'migrations');
// The table the migration runner keeps its versions in is each engine's own.
const RUNNER_TABLE = 'schema_migrations';

// What each engine's types are on the other: INTEGER is BIGINT (the store binds 64-bit integers).
const SQLITE_TYPES = { INTEGER: 'bigint', TEXT: 'text', BLOB: 'bytea', REAL: 'double precision' };
const PG_ACTIONS = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

let dataDir;
let database;
let client;

before(async () => {
  if (skip) return;
  dataDir = await mkdtemp(path.join(tmpdir(), 'pillars-parity-'));
  const admin = await connect();
  database = `pillars_parity_${randomBytes(6).toString('hex')}`;
  try {
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  client = await connect(database);
});

after(async () => {
  await client?.end();
  if (database) {
    const admin = await connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Rows of a query on the SQLite database, as objects. */
async function sqlite(sql) {
  const { stdout } = await run('sqlite3', ['-json', '-readonly', path.join(dataDir, 'pillars.db'), sql], { timeout: 30_000 });
  return stdout.trim() === '' ? [] : JSON.parse(stdout);
}

/** A schema as {table: {columns: {name: 'type null|not null default X'}, primaryKey, unique, foreignKeys}}. */
function emptySchema(tables) {
  return Object.fromEntries(tables.map((t) => [t, { columns: {}, primaryKey: [], unique: [], foreignKeys: [] }]));
}

function column(type, notNull, dflt) {
  return `${type} ${notNull ? 'not null' : 'null'}${dflt === null || dflt === undefined ? '' : ` default ${dflt}`}`;
}

function finish(schema) {
  for (const t of Object.values(schema)) {
    t.unique.sort();
    t.foreignKeys.sort();
  }
  return schema;
}

async function sqliteSchema() {
  const tables = (await sqlite(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
    AND name <> '${RUNNER_TABLE}' ORDER BY name`)).map((r) => r.name);
  const schema = emptySchema(tables);
  for (const c of await sqlite(`SELECT m.name AS tbl, p.name, p.type, p."notnull" AS nn, p.dflt_value AS dflt, p.pk
      FROM sqlite_schema m, pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY m.name, p.cid`)) {
    if (!schema[c.tbl]) continue;
    // A primary key column never holds NULL (STRICT and WITHOUT ROWID tables refuse it).
    schema[c.tbl].columns[c.name] = column(SQLITE_TYPES[c.type] ?? `sqlite ${c.type}`, c.nn === 1 || c.pk > 0, c.dflt);
    if (c.pk > 0) schema[c.tbl].primaryKey[c.pk - 1] = c.name;
  }
  for (const i of await sqlite(`SELECT m.name AS tbl, il.partial,
        (SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_info(il.name) ORDER BY seqno)) AS cols
      FROM sqlite_schema m, pragma_index_list(m.name) il
      WHERE m.type = 'table' AND il."unique" = 1 AND il.origin <> 'pk'`)) {
    schema[i.tbl]?.unique.push(`(${i.cols})${i.partial ? ' partial' : ''}`);
  }
  const keys = {};
  for (const f of await sqlite(`SELECT m.name AS tbl, f.id, f.seq, f."table" AS target, f."from" AS src, f."to" AS dst,
        f.on_update, f.on_delete
      FROM sqlite_schema m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq`)) {
    const key = (keys[`${f.tbl} ${f.id}`] ??= { ...f, src: [], dst: [] });
    key.src.push(f.src);
    key.dst.push(f.dst);
  }
  for (const k of Object.values(keys)) {
    schema[k.tbl]?.foreignKeys.push(`(${k.src}) -> ${k.target}(${k.dst}) on delete ${k.on_delete} on update ${k.on_update}`);
  }
  return finish(schema);
}

async function postgresSchema() {
  const q = async (sql) => (await client.query(sql)).rows;
  const tables = (await q(`SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '${RUNNER_TABLE}' ORDER BY 1`)).map((r) => r.name);
  const schema = emptySchema(tables);
  for (const c of await q(`SELECT table_name AS tbl, column_name AS name, data_type AS type, is_nullable,
      column_default AS dflt FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`)) {
    if (!schema[c.tbl]) continue;
    // A default as SQLite writes it: without PostgreSQL's cast of a literal ('comfort'::text).
    const dflt = c.dflt === null ? null : c.dflt.replace(/::[a-z ]+$/, '');
    schema[c.tbl].columns[c.name] = column(c.type, c.is_nullable === 'NO', dflt);
  }
  // Columns of an index or a key, in their order.
  const colsOf = (rel, nums) => `(SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(${nums}) WITH ORDINALITY AS k(num, n)
    JOIN pg_attribute a ON a.attrelid = ${rel} AND a.attnum = k.num)`;
  for (const i of await q(`SELECT t.relname AS tbl, x.indisprimary AS pk, x.indpred IS NOT NULL AS partial,
        x.indexprs IS NOT NULL AS expr, ${colsOf('x.indrelid', 'x.indkey::int2[]')} AS cols
      FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace s ON s.oid = t.relnamespace
      WHERE s.nspname = 'public' AND x.indisunique`)) {
    if (!schema[i.tbl]) continue;
    if (i.pk) schema[i.tbl].primaryKey = i.cols.split(',');
    else schema[i.tbl].unique.push(`(${i.cols})${i.partial ? ' partial' : ''}${i.expr ? ' on an expression' : ''}`);
  }
  for (const f of await q(`SELECT t.relname AS tbl, r.relname AS target, c.confdeltype AS del, c.confupdtype AS upd,
        ${colsOf('c.conrelid', 'c.conkey')} AS src, ${colsOf('c.confrelid', 'c.confkey')} AS dst
      FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
      JOIN pg_namespace s ON s.oid = t.relnamespace WHERE s.nspname = 'public' AND c.contype = 'f'`)) {
    schema[f.tbl]?.foreignKeys.push(`(${f.src}) -> ${f.target}(${f.dst}) on delete ${PG_ACTIONS[f.del]} on update ${PG_ACTIONS[f.upd]}`);
  }
  return finish(schema);
}

test('every migration applies on each engine, to the same number', TIMEOUT, async () => {
  await runPillars(['migrate', '--data', dataDir]);
  const files = (await readdir(PG_MIGRATIONS)).filter((f) => f.endsWith('.sql')).sort();
  const sqliteFiles = (await readdir(path.join(repoRoot, 'src', 'store', 'migrations'))).filter((f) => f.endsWith('.sql')).sort();
  assert.deepEqual(files, sqliteFiles, 'one PostgreSQL migration per SQLite migration, with the same name');
  for (const file of files) {
    const sql = await readFile(path.join(PG_MIGRATIONS, file), 'utf8');
    // Each file in one transaction, as the migration runner applies it.
    await client.query('BEGIN');
    try {
      await client.query(sql);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw new Error(`${file}: ${err.message}`);
    }
  }
  const [{ version }] = await sqlite(`SELECT max(version) AS version FROM ${RUNNER_TABLE}`);
  assert.equal(version, Number.parseInt(files.at(-1), 10));
});

test('both schemas have the same tables, columns, keys, unique indexes and foreign keys', TIMEOUT, async () => {
  const [lite, postgres] = [await sqliteSchema(), await postgresSchema()];
  assert.ok(Object.keys(lite).length >= 30, `the SQLite schema was read: ${Object.keys(lite)}`);
  assert.ok(lite.users.columns.email && lite.users.unique.includes('(email)'), 'the reading sees columns and unique keys');
  assert.ok(lite.sessions.foreignKeys.length === 1, 'the reading sees foreign keys');
  assert.deepEqual(Object.keys(postgres), Object.keys(lite), 'the same tables');
  for (const table of Object.keys(lite)) {
    assert.deepEqual(postgres[table], lite[table], `table ${table} (PostgreSQL first, SQLite second)`);
  }
});

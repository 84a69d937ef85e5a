// The PostgreSQL migrations give the schema the SQLite ones give: the domain SQL is written once and
// runs on both. A SQLite database made by `pillars migrate` and a PostgreSQL database with every file
// of src/store/postgres/migrations applied in order must have the same tables, the same columns
// (type, nullability, default), primary keys, unique indexes and foreign keys (with their actions).
// Runs on PostgreSQL only (PILLARS_TEST_POSTGRES, the api-pg.* tests).

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { connect, onPostgres } from './lib/postgres.mjs';
import { RUNNER_TABLE, postgresSchema, sqliteRows, sqliteSchema } from './lib/schema.mjs';
import { repoRoot, runPillars } from './lib/server.mjs';

const skip = onPostgres ? false : 'PostgreSQL only: set PILLARS_TEST_POSTGRES (ctest runs it as api-pg.schema-parity)';
const TIMEOUT = { timeout: 120_000, skip };
const PG_MIGRATIONS = path.join(repoRoot, 'src', 'store', 'postgres', 'migrations');

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
  const [{ version }] = await sqliteRows(path.join(dataDir, 'pillars.db'), `SELECT max(version) AS version FROM ${RUNNER_TABLE}`);
  assert.equal(version, Number.parseInt(files.at(-1), 10));
});

test('both schemas have the same tables, columns, keys, unique indexes and foreign keys', TIMEOUT, async () => {
  const [lite, postgres] = [await sqliteSchema(path.join(dataDir, 'pillars.db')), await postgresSchema(client)];
  assert.ok(Object.keys(lite).length >= 30, `the SQLite schema was read: ${Object.keys(lite)}`);
  assert.ok(lite.users.columns.email && lite.users.unique.includes('(email)'), 'the reading sees columns and unique keys');
  assert.ok(lite.sessions.foreignKeys.length === 1, 'the reading sees foreign keys');
  assert.deepEqual(Object.keys(postgres), Object.keys(lite), 'the same tables');
  for (const table of Object.keys(lite)) {
    assert.deepEqual(postgres[table], lite[table], `table ${table} (PostgreSQL first, SQLite second)`);
  }
});

// Distribution by bond (docs/scaling.md): a sharded PostgreSQL such as Citus distributes every
// bond-scoped table on bond_id, and asks that its primary key and each of its unique constraints
// include that column. So in the schema `pillars migrate` gives, on whichever engine the tests run,
// every table with a bond_id column has bond_id in its primary key and in each unique index, except
// the tables docs/scaling.md distributes on something else, listed here by name.

import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { connect, databaseArgs, databaseName, dropDatabase, ensureDatabase, onPostgres } from './lib/postgres.mjs';
import { postgresSchema, sqliteSchema } from './lib/schema.mjs';
import { repoRoot, runPillars } from './lib/server.mjs';

const TIMEOUT = { timeout: 60_000 };

// Tables with a bond_id column that are not distributed on it, and why.
const NOT_BY_BOND = {
  // An invite is its creator's until it is used; bond_id only records the bond it made.
  invites: 'creator_id',
};

let dataDir;
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
  if (onPostgres && dataDir) await dropDatabase(dataDir);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
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

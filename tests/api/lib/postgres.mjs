// The API tests on PostgreSQL: when PILLARS_TEST_POSTGRES names a cluster (its connection URL, or
// the folder tests/tools/pg-cluster.sh started it in), every server gets a database of its own on
// it. The database is named after the server's data folder, so a server started again on the same
// folder (a restartable world, a restart after a crash) finds everything it stored.

import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/** The cluster's URL with the database name left out, or null when the tests run on SQLite. */
function clusterUrl() {
  const given = process.env.PILLARS_TEST_POSTGRES;
  if (!given) return null;
  if (/^postgres(ql)?:\/\//.test(given)) return new URL(given);
  // A folder: the start step wrote the URL into it.
  if (statSync(given, { throwIfNoEntry: false })?.isDirectory()) {
    return new URL(readFileSync(path.join(given, 'url'), 'utf8').trim());
  }
  throw new Error(`PILLARS_TEST_POSTGRES is neither a postgresql:// URL nor a cluster folder: ${given}`);
}

const cluster = clusterUrl();

/** Whether the servers of this run store in PostgreSQL. */
export const onPostgres = cluster !== null;

/** A reason for test.skip() on PostgreSQL, or false on SQLite (for `{ skip: sqliteOnly('...') }`). */
export function sqliteOnly(reason) {
  return onPostgres ? `SQLite only: ${reason}` : false;
}

/** The URL of database `name` on the cluster. */
export function urlOf(name) {
  const url = new URL(cluster.href);
  url.pathname = `/${name}`;
  return url.href;
}

/** The database that belongs to a data folder: the same folder, the same database. */
export function databaseName(dataDir) {
  return `pillars_${createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 24)}`;
}

/** A client of `database` (default: the cluster's maintenance database), connected; end() it. */
export async function connect(database = 'postgres') {
  const url = new URL(cluster.href);
  const client = new pg.Client({
    host: url.searchParams.get('host') ?? undefined,
    port: url.searchParams.get('port') ?? (url.port || undefined),
    user: url.searchParams.get('user') ?? (url.username || undefined),
    database,
  });
  await client.connect();
  return client;
}

async function withClient(database, fn) {
  const client = await connect(database);
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** `--database <url>` of the data folder's database for a pillars command on PostgreSQL, else nothing. */
export function databaseArgs(dataDir) {
  return onPostgres ? ['--database', urlOf(databaseName(dataDir))] : [];
}

/** Creates the data folder's database unless it exists; resolves with the `--database` URL. */
export async function ensureDatabase(dataDir) {
  const name = databaseName(dataDir);
  await withClient('postgres', async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  });
  return urlOf(name);
}

/** Drops the data folder's database, if there is one. */
export async function dropDatabase(dataDir) {
  await withClient('postgres', (client) => client.query(`DROP DATABASE IF EXISTS ${databaseName(dataDir)} WITH (FORCE)`));
}

const run = promisify(execFile);

/**
 * Runs `sql` (statements separated by ";") on a stopped or running server's database, whichever
 * engine it uses: the sqlite3 shell on <dataDir>/pillars.db with foreign keys on (as the server
 * opens it), or the data folder's PostgreSQL database. Resolves with every row of every statement
 * in order, each as an array of strings (NULL as '').
 */
export async function queryDatabase(dataDir, sql) {
  if (!onPostgres) {
    const { stdout } = await run('sqlite3', ['-batch', path.join(dataDir, 'pillars.db'), `PRAGMA foreign_keys = ON; ${sql}`],
      { timeout: 60_000 });
    return stdout.split('\n').filter((line) => line !== '').map((line) => line.split('|'));
  }
  return withClient(databaseName(dataDir), async (client) => {
    const results = await client.query({ text: sql, rowMode: 'array' });
    return [results].flat().flatMap((r) => r.rows ?? []).map((row) => row.map((v) => (v === null ? '' : String(v))));
  });
}

/**
 * Every text and bytea value of the data folder's PostgreSQL database, one source per column
 * ({file: 'table.column', bytes}), for findTexts() in lib/data-folder.mjs.
 */
export async function readDatabase(dataDir) {
  return withClient(databaseName(dataDir), async (client) => {
    const { rows: columns } = await client.query(`
      SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.data_type IN ('text', 'bytea')
      ORDER BY c.table_name, c.column_name`);
    const sources = [];
    for (const { table_name: table, column_name: column, data_type: type } of columns) {
      const { rows } = await client.query({
        text: `SELECT ${client.escapeIdentifier(column)} FROM ${client.escapeIdentifier(table)}`
          + ` WHERE ${client.escapeIdentifier(column)} IS NOT NULL`,
        rowMode: 'array',
      });
      const parts = rows.map(([v]) => (type === 'bytea' ? v : Buffer.from(v, 'utf8')));
      // A separator that no text form contains, so that no match spans two values.
      sources.push({ file: `${table}.${column}`, bytes: Buffer.concat(parts.flatMap((p) => [p, Buffer.from([0])])) });
    }
    return sources;
  });
}

// A database's schema as one shape whichever engine holds it, for comparing the two engines
// (schema-parity.test.mjs) and for rules every schema must keep (bond-keys.test.mjs):
// {table: {columns: {name: 'type null|not null default X'}, primaryKey: [columns in order],
//  unique: ['(a,b)', '(c) partial', ...], foreignKeys: ['(a) -> t(b) on delete X on update Y', ...]}}.
// The table the migration runner keeps its versions in (each engine's own) is left out.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The table the migration runner keeps its versions in. */
export const RUNNER_TABLE = 'schema_migrations';

// What each engine's types are on the other: INTEGER is BIGINT (the store binds 64-bit integers).
const SQLITE_TYPES = { INTEGER: 'bigint', TEXT: 'text', BLOB: 'bytea', REAL: 'double precision' };
const PG_ACTIONS = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

/** Rows of a query on the SQLite database file, as objects. */
export async function sqliteRows(dbFile, sql) {
  const { stdout } = await run('sqlite3', ['-json', '-readonly', dbFile, sql], { timeout: 30_000 });
  return stdout.trim() === '' ? [] : JSON.parse(stdout);
}

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

/** The schema of the SQLite database file `dbFile`. */
export async function sqliteSchema(dbFile) {
  const sqlite = (sql) => sqliteRows(dbFile, sql);
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

/** The schema of the PostgreSQL database `client` is connected to (its public schema). */
export async function postgresSchema(client) {
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

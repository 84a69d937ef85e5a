// Looking for private text where it must never be: in the files of a data folder (the
// database, its write-ahead log and shared memory, anything else) and in a server's log.
// On PostgreSQL (lib/postgres.mjs) the database is not in the folder: every text and bytea column
// of the folder's database is searched beside the folder's files. Also the SQLite checks run on a
// stopped server's database.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { onPostgres, readDatabase } from './postgres.mjs';

export const DATABASE = 'pillars.db';

/**
 * Every way `text` could sit in a file without being sealed: UTF-8, UTF-16 in both byte orders,
 * JSON-escaped (as is and ASCII only), hex, and base64 at each of the three byte alignments.
 * Returns [form, Buffer] pairs. Long texts make base64 forms that cannot match by chance.
 */
export function textForms(text) {
  const bytes = Buffer.from(text, 'utf8');
  const list = [
    ['UTF-8', bytes],
    ['UTF-16LE', Buffer.from(text, 'utf16le')],
    ['UTF-16BE', Buffer.from(text, 'utf16le').swap16()],
    ['JSON-escaped', Buffer.from(JSON.stringify(text).slice(1, -1), 'utf8')],
    ['JSON-escaped, ASCII only', Buffer.from(JSON.stringify(text).slice(1, -1)
      .replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`), 'utf8')],
    ['hex', Buffer.from(bytes.toString('hex'), 'utf8')],
  ];
  // Base64 of the text at each of the three byte alignments it could start at.
  for (let shift = 0; shift < 3; shift++) {
    const part = bytes.subarray(shift);
    const whole = part.subarray(0, part.length - (part.length % 3));
    list.push([`base64, shift ${shift}`, Buffer.from(whole.toString('base64'), 'utf8')]);
  }
  // Identical forms (JSON of plain ASCII is the text itself) would only be searched twice.
  const seen = new Set();
  return list.filter(([, needle]) => {
    const key = needle.toString('latin1');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** All regular files under `dir`, read as bytes (files that vanish while reading are skipped). */
export async function readFolder(dir) {
  const files = [];
  for (const item of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!item.isFile()) continue;
    const file = path.join(item.parentPath ?? item.path, item.name);
    try {
      files.push({ file: path.relative(dir, file), bytes: await readFile(file) });
    } catch (err) {
      if (err.code !== 'ENOENT') throw err;
    }
  }
  return files;
}

/**
 * Where any of `texts` ({label: text}) can be read in `sources` ([{file, bytes}], bytes a Buffer
 * or a string such as a log): a list of "<label> as <form> in <file>", empty when nowhere.
 */
export function findTexts(sources, texts) {
  const found = [];
  for (const [label, text] of Object.entries(texts)) {
    for (const [form, needle] of textForms(text)) {
      for (const { file, bytes } of sources) {
        const haystack = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
        if (haystack.includes(needle)) found.push(`${label} as ${form} in ${file}`);
      }
    }
  }
  return found;
}

/**
 * Where a server on `dir` keeps what it stores: the folder's files, and on PostgreSQL also each
 * text and bytea column of its database (as a source named table.column).
 */
export async function readStored(dir) {
  const files = await readFolder(dir);
  return onPostgres ? [...files, ...await readDatabase(dir)] : files;
}

/**
 * Asserts that the folder holds a non-empty database (on PostgreSQL: that the folder's database
 * holds the people), that a control text which is stored as it is (an email address) can be found
 * by the scan, and that none of `texts` can. Returns the sources searched.
 */
export async function assertFolderSealed(dir, texts, control) {
  const files = await readStored(dir);
  const database = onPostgres ? 'users.email' : DATABASE;
  assert.ok(files.some((f) => f.file === database && f.bytes.length > 0),
    `${database} should be among the sources searched: ${files.map((f) => f.file)}`);
  const controlBytes = Buffer.from(control, 'utf8');
  assert.ok(files.some((f) => f.bytes.includes(controlBytes)), 'positive control: the unsealed email should be found by the scan');
  const found = findTexts(files, texts);
  assert.deepEqual(found, [], 'private text must never be readable in the data folder');
  return files;
}

const run = promisify(execFile);

/**
 * Runs `PRAGMA integrity_check` and `PRAGMA foreign_key_check` with the sqlite3 command-line shell on
 * a copy of a stopped server's database (with its -wal and -shm), so that the check neither
 * recovers nor checkpoints the folder the server will start on again. Resolves with the outputs.
 */
export async function checkDatabase(dataDir) {
  const copy = await mkdtemp(path.join(tmpdir(), 'pillars-dbcheck-'));
  try {
    for (const suffix of ['', '-wal', '-shm']) {
      try {
        await copyFile(path.join(dataDir, DATABASE + suffix), path.join(copy, DATABASE + suffix));
      } catch (err) {
        if (err.code !== 'ENOENT' || suffix === '') throw err;
      }
    }
    const db = path.join(copy, DATABASE);
    const { stdout: integrity } = await run('sqlite3', [db, 'PRAGMA integrity_check;'], { timeout: 60_000 });
    const { stdout: foreignKeys } = await run('sqlite3', [db, 'PRAGMA foreign_key_check;'], { timeout: 60_000 });
    return { integrity: integrity.trim(), foreignKeys: foreignKeys.trim() };
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}

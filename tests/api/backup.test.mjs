// `pillars backup` and `pillars restore`, as real processes beside a real server: a backup taken
// while entries are being written holds every entry acknowledged before it began, with its words,
// once restored into a new data folder; a restore is refused while a server uses the folder, for a
// damaged backup and for a wrong key, and then leaves the folder exactly as it was; a second server
// cannot start on a folder in use.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, open, readFile, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { registerPerson, signIn } from './lib/client.mjs';
import { DATABASE, checkDatabase, findTexts } from './lib/data-folder.mjs';
import { entryPath } from './lib/inner-world.mjs';
import { sqliteOnly } from './lib/postgres.mjs';
import { binaryPath, startServer } from './lib/server.mjs';

// A PostgreSQL database is backed up with PostgreSQL's own tools.
const TIMEOUT = { timeout: 120_000 };
const FILE = { ...TIMEOUT, skip: sqliteOnly('`pillars backup` and `pillars restore` copy the SQLite database file of the data folder') };
const PROGRESS = /^backup: (\d{1,3})% \((\d+) of (\d+) pages\)$/;

/** Runs the binary to its end: {code, stdout, stderr}, whatever the exit code. */
function pillars(args, { env = {} } = {}) {
  return new Promise((resolve) => {
    execFile(binaryPath, args, { timeout: 60_000, env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? err.code : 0, stdout, stderr });
    });
  });
}

/** Every file of a folder with its bytes, by name: what "the folder did not change" compares. */
async function folderState(dir) {
  const state = {};
  for (const name of (await readdir(dir)).sort()) state[name] = (await readFile(path.join(dir, name))).toString('base64');
  return state;
}

const mode = async (file) => (await stat(file)).mode & 0o777;

let root;
let dataDir;     // the first server's folder
let restoreDir;  // a new folder the backup is restored into
let server;
let ann;
let backupFile;
let acknowledgedBefore = [];  // entries whose 201 came before the backup process was started

before(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'pillars-backup-'));
  dataDir = path.join(root, 'data');
  restoreDir = path.join(root, 'restored');
  backupFile = path.join(root, 'pillars-backup.db');
  server = await startServer({ dataDir });
  ann = await registerPerson(server, { name: 'Ann' });
});
after(async () => {
  if (server?.alive) await server.stop();
  await rm(root, { recursive: true, force: true });
});

test('a backup taken while entries are written is checked, says how far it is, and keeps the key beside it', FILE, async () => {
  const acknowledged = [];
  let refused = 0;
  let stop = false;
  const writer = async (w) => {
    for (let i = 0; !stop; i++) {
      const body = `kept in the backup ${w}-${i} ${randomBytes(4).toString('hex')}`;
      const res = await ann.post('/api/v1/entries', { kind: 'memory', feelings: [], body });
      if (res.status === 201) acknowledged.push({ id: res.body.entry.id, body });
      else refused++;
    }
  };
  const writers = Array.from({ length: 8 }, (_, w) => writer(w));
  while (acknowledged.length < 300) await new Promise((r) => setTimeout(r, 5));

  acknowledgedBefore = acknowledged.slice();
  const backup = await pillars(['backup', backupFile, '--data', dataDir]);
  const duringBackup = acknowledged.length - acknowledgedBefore.length;
  stop = true;
  await Promise.all(writers);

  assert.equal(backup.code, 0, backup.stderr);
  assert.equal(refused, 0, 'no write was refused while the backup ran');
  assert.ok(duringBackup > 0, 'writes were acknowledged while the backup ran');

  // Progress on stderr, climbing to the whole database; the result on stdout.
  const progress = backup.stderr.split('\n').filter((l) => l.startsWith('backup: ')).map((l) => {
    const match = PROGRESS.exec(l);
    assert.ok(match, `a progress line looks like "backup: 62% (1536 of 2480 pages)": ${l}`);
    return match.slice(1).map(Number);
  });
  assert.ok(progress.length >= 1, backup.stderr);
  const [percent, copied, total] = progress.at(-1);
  assert.deepEqual([percent, copied], [100, total]);
  for (let i = 1; i < progress.length; i++) assert.ok(progress[i][1] >= progress[i - 1][1], 'progress never goes back');
  const wrote = /^backup: wrote (.+) \([\d.]+ (?:MiB|KiB|bytes), (\d+) pages, schema version (\d+)\); integrity check ok$/m
    .exec(backup.stdout);
  assert.ok(wrote, backup.stdout);
  assert.equal(wrote[1], backupFile);
  assert.equal(Number(wrote[2]), total);
  assert.match(backup.stdout, new RegExp(`^backup: the key is in ${backupFile}\\.key; without it the sealed text cannot be read`, 'm'));

  // The copy and its key are this user's alone; the key is the server's; nothing half-written is left.
  assert.equal(await mode(backupFile), 0o600);
  assert.equal(await mode(`${backupFile}.key`), 0o600);
  assert.equal(await readFile(`${backupFile}.key`, 'utf8'), await readFile(path.join(dataDir, 'secret.key'), 'utf8'));
  assert.deepEqual((await readdir(root)).sort(), ['data', 'pillars-backup.db', 'pillars-backup.db.key']);
  // The copy is as sealed as the database, and the command said no private text.
  const sample = Object.fromEntries(acknowledgedBefore.slice(0, 40).map((a, i) => [`entry ${i}`, a.body]));
  assert.deepEqual(findTexts([{ file: 'the backup', bytes: await readFile(backupFile) },
    { file: 'its output', bytes: backup.stdout + backup.stderr }], sample), []);
});

test('with --no-key the key is not copied, and the command says where the key the backup needs is', FILE, async () => {
  const file = path.join(root, 'keyless.db');
  const res = await pillars(['backup', file, '--data', dataDir, '--no-key']);
  assert.equal(res.code, 0, res.stderr);
  assert.match(res.stdout, new RegExp(`reading this backup needs the key in ${path.join(dataDir, 'secret.key')}$`, 'm'));
  await assert.rejects(stat(`${file}.key`), { code: 'ENOENT' });
  await rm(file);

  // A key given in the environment is the server's: the backup is checked with it and says so.
  const key = (await readFile(path.join(dataDir, 'secret.key'), 'utf8')).trim();
  const fromEnv = await pillars(['backup', file, '--data', dataDir], { env: { PILLARS_SECRET_KEY: key } });
  assert.equal(fromEnv.code, 0, fromEnv.stderr);
  assert.match(fromEnv.stdout, /^backup: the key was not copied: it comes from PILLARS_SECRET_KEY/m);
  await assert.rejects(stat(`${file}.key`), { code: 'ENOENT' });
  assert.ok(!fromEnv.stdout.includes(key) && !fromEnv.stderr.includes(key), 'the key itself is never printed');
  await rm(file);
  // One that does not open the database's sealed text keeps no copy.
  const wrongEnv = await pillars(['backup', file, '--data', dataDir],
    { env: { PILLARS_SECRET_KEY: randomBytes(32).toString('hex') } });
  assert.equal(wrongEnv.code, 1);
  assert.match(wrongEnv.stderr, /^backup: \d+ of the copy's \d+ sealed values do not open with the server's key; the copy was not kept$/m);
  assert.deepEqual((await readdir(root)).filter((f) => f.startsWith('keyless')), []);
});

test('a second server on a data folder in use refuses to start, and the first goes on', {
  ...TIMEOUT, skip: sqliteOnly('the data folder is locked for its SQLite file; servers on PostgreSQL may share a database'),
}, async () => {
  await assert.rejects(startServer({ dataDir }), /another Pillars server is using .*; stop it first/);
  assert.equal((await ann.get('/api/v1/me')).status, 200);
});

test('restore is refused while a server uses the data folder, and the folder is left as it was', FILE, async () => {
  const beforeState = await folderState(dataDir);
  const res = await pillars(['restore', backupFile, '--data', dataDir]);
  assert.equal(res.code, 1);
  assert.equal(res.stderr.trim(), `restore: a Pillars server is using ${dataDir}; stop it first`);
  assert.equal(res.stdout, '');
  assert.deepEqual(await folderState(dataDir), beforeState);
});

test('restored into a new folder, every entry acknowledged before the backup began reads back with its words', FILE, async () => {
  await server.stop();

  // The check alone changes nothing and says the backup is sound and the key opens it.
  const checked = await pillars(['restore', backupFile, '--data', restoreDir, '--check']);
  assert.equal(checked.code, 0, checked.stderr);
  const sound = /^restore: .+: integrity check ok, schema version \d+, \d+ pages; all (\d+) sealed values open with the key in .+\.key$/m
    .exec(checked.stdout);
  assert.ok(sound, checked.stdout);
  assert.ok(Number(sound[1]) >= acknowledgedBefore.length, `${sound[1]} sealed values, ${acknowledgedBefore.length} entries`);
  await assert.rejects(stat(restoreDir), { code: 'ENOENT' });

  const restored = await pillars(['restore', backupFile, '--data', restoreDir]);
  assert.equal(restored.code, 0, restored.stderr);
  assert.match(restored.stdout, /integrity check ok/);
  assert.match(restored.stdout, new RegExp(`^restore: installed the key in ${backupFile}\\.key as ${restoreDir}/secret\\.key$`, 'm'));
  assert.equal(await mode(path.join(restoreDir, DATABASE)), 0o600);
  assert.equal(await mode(path.join(restoreDir, 'secret.key')), 0o600);
  assert.deepEqual(await readFile(path.join(restoreDir, DATABASE)), await readFile(backupFile));
  assert.equal(await readFile(path.join(restoreDir, 'secret.key'), 'utf8'), await readFile(`${backupFile}.key`, 'utf8'));

  const second = await startServer({ dataDir: restoreDir });
  try {
    const again = await signIn(second, ann.email, ann.password);
    const wrong = [];
    for (const { id, body } of acknowledgedBefore) {
      const res = await again.get(entryPath(id));
      if (res.status !== 200 || res.body.entry.body !== body) wrong.push({ id, status: res.status });
    }
    assert.deepEqual(wrong, [], `${wrong.length} of ${acknowledgedBefore.length} acknowledged entries did not come back`);
  } finally {
    await second.stop();
  }
  const { integrity, foreignKeys } = await checkDatabase(restoreDir);
  assert.equal(integrity, 'ok');
  assert.equal(foreignKeys, '');
});

test('a damaged backup is refused before anything in the data folder changes', FILE, async () => {
  const beforeState = await folderState(restoreDir);
  const { size } = await stat(backupFile);
  const page = 4096;

  // Bytes overwritten in the middle: a fifth of the pages.
  const damaged = path.join(root, 'damaged.db');
  await copyFile(backupFile, damaged);
  const handle = await open(damaged, 'r+');
  const from = Math.floor((size * 0.4) / page) * page;
  await handle.write(randomBytes(Math.floor((size * 0.2) / page) * page), 0, undefined, from);
  await handle.close();
  // And a copy cut off half-way.
  const cut = path.join(root, 'cut.db');
  await copyFile(backupFile, cut);
  await truncate(cut, Math.floor(size / 2 / page) * page);

  for (const [file, why] of [[damaged, /the integrity check failed/], [cut, /it was cut short/]]) {
    const res = await pillars(['restore', file, '--key', `${backupFile}.key`, '--data', restoreDir]);
    assert.equal(res.code, 1, `${file}: ${res.stdout}`);
    assert.match(res.stderr, new RegExp(`^restore: ${file} cannot be restored: ${why.source}`, 'm'));
    assert.deepEqual(await folderState(restoreDir), beforeState, 'the data folder is as it was');
  }
});

test('a key that is not the backup\'s is refused before anything in the data folder changes', FILE, async () => {
  const beforeState = await folderState(restoreDir);
  const otherKey = path.join(root, 'other.key');
  await writeFile(otherKey, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  const res = await pillars(['restore', backupFile, '--key', otherKey, '--data', restoreDir]);
  assert.equal(res.code, 1, res.stdout);
  assert.match(res.stderr, new RegExp(`^restore: the key in ${otherKey} does not open the sealed text in ${backupFile}: ` +
    'it is not this backup\'s key; give the right one with --key$', 'm'));
  assert.deepEqual(await folderState(restoreDir), beforeState);
});

test('restoring over a database keeps the one that was there, with what was written after the backup', FILE, async () => {
  // The first folder holds the entries written after the backup too; a server stopped cleanly
  // left no write-ahead log, so its database file is all of it.
  const oldDatabase = await readFile(path.join(dataDir, DATABASE));
  const oldKey = await readFile(path.join(dataDir, 'secret.key'), 'utf8');
  const res = await pillars(['restore', backupFile, '--data', dataDir]);
  assert.equal(res.code, 0, res.stderr);
  const kept = /^restore: the database that was there is kept as (.+)$/m.exec(res.stdout);
  assert.ok(kept, res.stdout);
  assert.match(path.basename(kept[1]), /^pillars\.db\.before-restore-\d{8}T\d{6}Z$/);
  assert.deepEqual(await readFile(kept[1]), oldDatabase);
  assert.deepEqual(await readFile(path.join(dataDir, DATABASE)), await readFile(backupFile));
  // The backup's key is the folder's key already: nothing to install, nothing set aside.
  assert.equal(await readFile(path.join(dataDir, 'secret.key'), 'utf8'), oldKey);
  assert.deepEqual((await readdir(dataDir)).filter((f) => f.startsWith('secret.key')), ['secret.key']);
  assert.ok(!(await readdir(dataDir)).some((f) => f.endsWith('.restoring')), 'nothing half-done is left');
});

test('restoring over a folder whose server was killed keeps its last writes, in the database set aside', FILE, async () => {
  const crashed = await startServer({ dataDir: restoreDir });
  const bea = await registerPerson(crashed, { name: 'Bea' });
  const body = `written just before the power cut ${randomBytes(4).toString('hex')}`;
  const res = await bea.post('/api/v1/entries', { kind: 'memory', feelings: [], body });
  assert.equal(res.status, 201, res.text);
  await crashed.crash();
  assert.ok((await readdir(restoreDir)).includes(`${DATABASE}-wal`), 'the killed server left its write-ahead log');

  const restored = await pillars(['restore', backupFile, '--data', restoreDir]);
  assert.equal(restored.code, 0, restored.stderr);
  const kept = /^restore: the database that was there is kept as (.+)$/m.exec(restored.stdout)[1];
  assert.ok(!(await readdir(restoreDir)).includes(`${DATABASE}-wal`), 'no log of the old database is left beside the new one');

  // The database set aside, with the key, is a folder of its own again: Bea's entry is in it.
  const aside = path.join(root, 'set-aside');
  await mkdir(aside, { mode: 0o700 });
  await copyFile(kept, path.join(aside, DATABASE));
  await copyFile(path.join(restoreDir, 'secret.key'), path.join(aside, 'secret.key'));
  const third = await startServer({ dataDir: aside });
  try {
    const again = await signIn(third, bea.email, bea.password);
    const entries = await again.get('/api/v1/entries');
    assert.equal(entries.status, 200, entries.text);
    assert.deepEqual(entries.body.entries.map((e) => e.body), [body]);
  } finally {
    await third.stop();
  }
});

test('a log left in a folder without its database is set aside, never replayed into the restored one', FILE, async () => {
  const folder = path.join(root, 'stray');
  await mkdir(folder, { mode: 0o700 });
  const junk = randomBytes(4096);
  await writeFile(path.join(folder, `${DATABASE}-wal`), junk);
  const res = await pillars(['restore', backupFile, '--data', folder]);
  assert.equal(res.code, 0, res.stderr);
  const kept = /^restore: a log left without its database is kept as (.+-wal)$/m.exec(res.stdout);
  assert.ok(kept, res.stdout);
  assert.deepEqual(await readFile(kept[1]), junk);
  assert.ok(!(await readdir(folder)).includes(`${DATABASE}-wal`));
  assert.deepEqual(await readFile(path.join(folder, DATABASE)), await readFile(backupFile));
});

// Your data is yours: export (HTTP and CLI), import into a fresh account on another instance, leaving
// for good, and a lost password (the operator's link, and "forgot password" by email through a
// local SMTP sink). Each from the outside: what the person, the other member, a stranger and a
// signed-out caller get.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { readFile, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { unzipSync, strFromU8 } from 'fflate';
import { SMTPServer } from 'smtp-server';
import { Client, assertProblem, makeBond, registerPerson, signIn, strongPassword } from './lib/client.mjs';
import { checkinBody, checkinPath, utcDay } from './lib/checkins.mjs';
import { readStored, findTexts, DATABASE } from './lib/data-folder.mjs';
import { databaseArgs, onPostgres, queryDatabase } from './lib/postgres.mjs';
import { assertExportSchema } from './lib/export-schema.mjs';
import { bondPath, loadCatalog, respond, shareEntry, uniqueText, writeEntry } from './lib/inner-world.mjs';
import { binaryPath, startServer } from './lib/server.mjs';

const run = promisify(execFile);

/** The export as bytes, and its two files. */
async function exportOf(person) {
  const res = await fetch(person.server.origin + '/api/v1/me/export', {
    headers: { cookie: [...person.jar].map(([n, v]) => `${n}=${v}`).join('; ') },
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { res, bytes, files: res.status === 200 ? unzipSync(new Uint8Array(bytes)) : {} };
}

function documentOf(files) {
  assert.ok(files['pillars-export.json'], `the zip holds pillars-export.json: ${Object.keys(files)}`);
  return JSON.parse(strFromU8(files['pillars-export.json']));
}

/** What of an entry is the person's own writing, to compare field by field. */
const writing = (e) => ({
  kind: e.kind, feelings: e.feelings, body: e.body, created_at: e.created_at, updated_at: e.updated_at,
  prompt: e.prompt, own_time: e.own_time,
});

describe('export and import', () => {
  let server, other, ana, ben, cat, bond, texts;

  before(async () => {
    server = await startServer();
    ana = await registerPerson(server, { name: 'Ana' });
    ben = await registerPerson(server, { name: 'Ben' });
    bond = await makeBond(ana, ben);
    cat = await loadCatalog(ana);
    texts = { kept: uniqueText('kept to myself'), shared: uniqueText('shared with Ben'), bens: uniqueText('Ben wrote'),
      answer: uniqueText('Ana answered'), unrevealed: uniqueText('Ben alone today') };
    const kept = await writeEntry(ana, { kind: 'hope', body: texts.kept, feelings: [{ word: cat.word('hope'), intensity: 4 }] });
    assert.ok(kept.id);
    const shared = await writeEntry(ana, { kind: 'fear', body: texts.shared });
    await shareEntry(ana, shared.id, bond.id);
    await respond(ben, shared.id, 'comfort', uniqueText('there for you'));
    const bens = await writeEntry(ben, { kind: 'memory', body: texts.bens });
    await shareEntry(ben, bens.id, bond.id);
    await respond(ana, bens.id, 'hear', texts.answer);
    // Own time, with a note.
    const own = await ana.post('/api/v1/me/own-time', { day: utcDay(-1), minutes: 45, activity: 'walk', note: uniqueText('a long walk') });
    assert.equal(own.status, 201, own.text);
    // Yesterday both checked in (revealed); today only Ben did (never shown to Ana).
    assert.equal((await ana.put(checkinPath(bond.id, utcDay(-1)), checkinBody(cat))).status, 200);
    assert.equal((await ben.put(checkinPath(bond.id, utcDay(-1)), checkinBody(cat, { closeness_now: 6 }))).status, 200);
    assert.equal((await ben.put(checkinPath(bond.id, utcDay(0)), checkinBody(cat, { closeness_now: 2 }))).status, 200);
    other = await startServer();
  });

  after(async () => {
    await server?.stop();
    await other?.stop();
  });

  test('gives a zip with the JSON and the journal, streamed, only to the signed-in person', async () => {
    const { res, bytes, files } = await exportOf(ana);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/zip');
    assert.equal(res.headers.get('transfer-encoding'), 'chunked');
    assert.equal(res.headers.get('content-length'), null);
    assert.match(res.headers.get('content-disposition'), /^attachment; filename="pillars-export-\d{4}-\d{2}-\d{2}\.zip"$/);
    assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
    assert.deepEqual(Object.keys(files).sort(), ['journal.md', 'pillars-export.json']);
    const doc = documentOf(files);
    assert.equal(doc.format, 'pillars-export');
    assert.equal(doc.version, 1);
    assertExportSchema(doc);
    assert.equal(doc.person.email, ana.user.email);
    const bodies = doc.entries.map((e) => e.body);
    assert.ok(bodies.includes(texts.kept) && bodies.includes(texts.shared));
    assert.ok(doc.entries.some((e) => e.kind === 'own_time' && e.own_time.minutes === 45));
    assert.ok(!bodies.includes(texts.bens), 'what Ben wrote is not among her entries');
    assert.equal(doc.bonds.length, 1);
    const b = doc.bonds[0];
    assert.equal(b.bond.other.display_name, 'Ben');
    assert.deepEqual(b.shared_with_me.map((e) => e.body), [texts.bens], 'what Ben shared with her is there');
    assert.ok(doc.responses_written.some((r) => r.body === texts.answer));
    const yesterday = b.checkins.find((c) => c.day === utcDay(-1));
    assert.ok(yesterday && yesterday.mine && yesterday.theirs, 'a revealed day has both');
    assert.equal(yesterday.theirs.closeness_now, 6);
    assert.equal(b.checkins.find((c) => c.day === utcDay(0)), undefined, "Ben's unrevealed check-in was never shown, so it is not there");
    const journal = strFromU8(files['journal.md']);
    assert.match(journal, /^# Ana's Pillars journal/);
    assert.ok(journal.includes(texts.kept) && journal.includes(texts.bens));
    assert.ok(!journal.includes(texts.unrevealed));
  });

  test("Ben's export holds none of Ana's private writing", async () => {
    const { files } = await exportOf(ben);
    const whole = strFromU8(files['pillars-export.json']) + strFromU8(files['journal.md']);
    assert.ok(!whole.includes(texts.kept), "Ana's private entry never reaches Ben");
    assert.ok(whole.includes(texts.shared), 'what Ana shared with him is his to keep');
  });

  test('a signed-out caller gets 401', async () => {
    assertProblem(await new Client(server).get('/api/v1/me/export'), 401, 'unauthenticated');
  });

  test('the command line gives the same document', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pillars-export-'));
    try {
      const out = path.join(dir, 'ana.zip');
      const { stderr } = await run(binaryPath, ['export', '--email', ana.user.email, '--data', server.dataDir, ...databaseArgs(server.dataDir), '--out', out]);
      assert.match(stderr, /wrote .*ana\.zip \(\d+ bytes\)/);
      const doc = documentOf(unzipSync(new Uint8Array(await readFile(out))));
      const { files } = await exportOf(ana);
      const viaHttp = documentOf(files);
      delete doc.exported_at;
      delete viaHttp.exported_at;
      assert.deepEqual(doc, viaHttp);
      await assert.rejects(run(binaryPath, ['export', '--email', 'nobody@example.com', '--data', server.dataDir, ...databaseArgs(server.dataDir), '--out', out]),
        (err) => err.code === 1 && /no account uses/.test(err.stderr));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('import into a fresh account on another instance round-trips her writing field by field', async () => {
    const { bytes, files } = await exportOf(ana);
    const original = documentOf(files);
    const fresh = await registerPerson(other, { name: 'Anagain' });
    const res = await fresh.request('POST', '/api/v1/me/import', { body: bytes, headers: { 'content-type': 'application/zip' } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.imported.entries, original.entries.length);
    assert.equal(res.body.imported.own_time, 1);
    assert.equal(res.body.not_imported.bonds, 1);
    assert.equal(res.body.not_imported.checkins, original.bonds[0].checkins.length);
    const again = documentOf((await exportOf(fresh)).files);
    // Times are kept to the second, as exported; entries of the same second may list in another order.
    const byTimeAndText = (x, y) => x.created_at.localeCompare(y.created_at) || x.body.localeCompare(y.body);
    assert.deepEqual(again.entries.map(writing).sort(byTimeAndText), original.entries.map(writing).sort(byTimeAndText));
    assert.equal(again.entries.length, 3);
    assert.equal(again.person.timezone, original.person.timezone);
    for (const e of again.entries) assert.deepEqual(e.shared_with, [], 'imported entries start private');
    // Once is enough: the account is not fresh any more.
    assertProblem(await fresh.request('POST', '/api/v1/me/import', { body: bytes, headers: { 'content-type': 'application/zip' } }),
      409, 'account-not-empty');
  });

  test('import takes the JSON alone too, and refuses what is not an export', async () => {
    const { files } = await exportOf(ana);
    const fresh = await registerPerson(other, { name: 'Anajson' });
    const json = strFromU8(files['pillars-export.json']);
    assert.equal((await fresh.request('POST', '/api/v1/me/import', { body: json, headers: { 'content-type': 'application/json' } })).status, 200);
    const third = await registerPerson(other, { name: 'Someone' });
    assertProblem(await third.post('/api/v1/me/import', { format: 'something-else', version: 1 }), 422, 'validation');
    const bad = JSON.parse(json);
    bad.entries[0].kind = 'nonsense';
    const refused = await third.post('/api/v1/me/import', bad);
    assertProblem(refused, 422, 'validation');
    assert.ok(refused.body.errors?.some?.((e) => e.field === 'entries[0].kind') ?? JSON.stringify(refused.body).includes('entries[0].kind'));
    assertProblem(await third.request('POST', '/api/v1/me/import', { body: 'PK\x03\x04 not really', headers: { 'content-type': 'application/zip' } }), 400, 'bad-request');
    assertProblem(await third.request('POST', '/api/v1/me/import', { body: 'hello', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported-media-type');
    assertProblem(await new Client(other).request('POST', '/api/v1/me/import', { body: json, headers: { 'content-type': 'application/json' } }), 401, 'unauthenticated');
    // Nothing of the refused imports was kept.
    const mine = await third.get('/api/v1/entries');
    assert.deepEqual(mine.body.entries, []);
  });

  test('an import larger than the default body limit is read, and one over 32 MiB is refused', async () => {
    const fresh = await registerPerson(other, { name: 'Big' });
    const entries = [];
    for (let i = 0; i < 40; i++) {
      entries.push({ kind: 'feeling', feelings: [], body: `${'long day '.repeat(400)} ${i}`, created_at: '2026-01-02T10:00:00Z', updated_at: '2026-01-02T10:00:00Z' });
    }
    const doc = { format: 'pillars-export', version: 1, entries };
    assert.ok(JSON.stringify(doc).length > 64 * 1024);
    const res = await fresh.post('/api/v1/me/import', doc);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.imported.entries, 40);
    const huge = Buffer.alloc(33 * 1024 * 1024, 0x20);
    const refused = await fresh.request('POST', '/api/v1/me/import', { body: huge, headers: { 'content-type': 'application/json' } }).catch((err) => err);
    if (!(refused instanceof Error)) assertProblem(refused, 413, 'payload-too-large');
    assert.ok(other.alive);
  });
});

describe('leaving', () => {
  let server, ana, ben, bond, texts;

  let dataDir;

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'pillars-leaving-'));
    server = await startServer({ dataDir });
    ana = await registerPerson(server, { name: 'Ana' });
    ben = await registerPerson(server, { name: 'Ben' });
    bond = await makeBond(ana, ben);
    const cat = await loadCatalog(ana);
    texts = {
      anaPrivate: uniqueText('Ana private words'), anaShared: uniqueText('Ana shared words'),
      anaAnswer: uniqueText('Ana answers Ben'), anaMoment: uniqueText('Ana moment title'),
      bensOwn: uniqueText('Ben keeps this'), anaNote: uniqueText('Ana warm note'),
    };
    await writeEntry(ana, { body: texts.anaPrivate });
    const shared = await writeEntry(ana, { body: texts.anaShared });
    await shareEntry(ana, shared.id, bond.id);
    const bens = await writeEntry(ben, { body: texts.bensOwn });
    await shareEntry(ben, bens.id, bond.id);
    await respond(ana, bens.id, 'hear', texts.anaAnswer);
    assert.equal((await ana.post(bondPath(bond.id, '/appreciations'), { kind: 'thanks', note: texts.anaNote })).status, 201);
    assert.equal((await ana.post(bondPath(bond.id, '/moments'), { day: utcDay(-2), kind: 'high', title: texts.anaMoment })).status, 201);
    assert.equal((await ana.put(checkinPath(bond.id, utcDay(-1)), checkinBody(cat))).status, 200);
    assert.equal((await ben.put(checkinPath(bond.id, utcDay(-1)), checkinBody(cat))).status, 200);
  });

  after(async () => {
    if (server?.alive) await server.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  test('needs the password, and a wrong one changes nothing', async () => {
    assertProblem(await ana.delete('/api/v1/me', { json: { password: 'not the password at all' } }), 403, 'wrong-password');
    assertProblem(await ana.delete('/api/v1/me', { json: {} }), 422, 'validation');
    assertProblem(await new Client(server).delete('/api/v1/me', { json: { password: 'whatever it is' } }), 401, 'unauthenticated');
    assert.equal((await ana.get('/api/v1/me')).status, 200);
  });

  test('deletes everything she wrote, ends the bond, tells Ben and leaves him his own', async () => {
    const res = await ana.delete('/api/v1/me', { json: { password: ana.password } });
    assert.equal(res.status, 204, res.text);
    assert.ok(res.setCookies.some((c) => /pillars_session=;/.test(c)), 'the session cookie is cleared');
    assertProblem(await ana.get('/api/v1/me'), 401, 'unauthenticated');
    const again = await signIn(server, ana.user.email, ana.password).catch((err) => err);
    assert.ok(again instanceof Error || again.status === 401, 'her account cannot be signed in to');

    const bonds = await ben.get('/api/v1/bonds');
    assert.equal(bonds.body.bonds[0].status, 'ended');
    assert.equal(bonds.body.bonds[0].other.display_name, 'Ana', 'the ended bond keeps the name it had');
    const notices = await ben.get('/api/v1/notices');
    assert.ok(notices.body.notices.some((n) => n.kind === 'bond_ended'), 'Ben is told the bond ended');
    const mine = await ben.get('/api/v1/entries');
    assert.deepEqual(mine.body.entries.map((e) => e.body), [texts.bensOwn], 'Ben keeps his own writing');
    assert.deepEqual(mine.body.entries[0].responses, [], "Ana's answer to it is gone");
    const shared = await ben.get(bondPath(bond.id, '/entries'));
    assert.ok(!JSON.stringify(shared.body).includes(texts.anaShared));
    const checkins = await ben.get(checkinPath(bond.id, utcDay(-1)));
    assert.ok(!JSON.stringify(checkins.body).includes('"from":{"id":"' + ana.user.id), 'her check-in is gone');
    // She can start over with the same address.
    const back = await registerPerson(server, { name: 'Anew', email: ana.user.email });
    assert.equal(back.user.email, ana.user.email);
  });

  test('no row and no file of the data folder keeps any of it, after a checkpoint and VACUUM', async () => {
    await server.stop();
    // SQLite: deleted rows may linger in free pages and in the write-ahead log until these. On
    // PostgreSQL the database is not in the folder; its live rows are searched below.
    if (!onPostgres) {
      await run('sqlite3', [path.join(server.dataDir, DATABASE), 'PRAGMA wal_checkpoint(TRUNCATE); VACUUM;']);
    }
    const counts = await queryDatabase(server.dataDir, `SELECT count(*) FROM entries WHERE author_id = '${ana.user.id}';
      SELECT count(*) FROM checkins WHERE user_id = '${ana.user.id}'; SELECT count(*) FROM appreciations WHERE from_id = '${ana.user.id}';
      SELECT count(*) FROM moments WHERE author_id = '${ana.user.id}'; SELECT count(*) FROM entry_responses WHERE responder_id = '${ana.user.id}';
      SELECT count(*) FROM sessions WHERE user_id = '${ana.user.id}';
      SELECT email || '|' || display_name || '|' || password_hash FROM users WHERE id = '${ana.user.id}';`);
    assert.deepEqual(counts.map((row) => row.join('|')), ['0', '0', '0', '0', '0', '0', `deleted:${ana.user.id}||`]);
    // Sealed or not, none of her words, and not her old address for the old account.
    const files = await readStored(server.dataDir);
    assert.deepEqual(findTexts(files, { private: texts.anaPrivate, shared: texts.anaShared, answer: texts.anaAnswer,
      note: texts.anaNote, moment: texts.anaMoment }), []);
    const bens = await queryDatabase(server.dataDir, `SELECT count(*) FROM entries WHERE author_id = '${ben.user.id}';
      SELECT count(*) FROM checkins WHERE user_id = '${ben.user.id}';`);
    assert.deepEqual(bens, [['1'], ['1']], "Ben's data is untouched");
  });
});

describe('a lost password', () => {
  let server, mailServer, mails, ana, smtpPort;

  before(async () => {
    mails = [];
    mailServer = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onData(stream, session, callback) {
        let text = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk) => { text += chunk; });
        stream.on('end', () => { mails.push({ to: session.envelope.rcptTo.map((r) => r.address), text }); callback(); });
      },
    });
    await new Promise((resolve) => mailServer.listen(0, '127.0.0.1', resolve));
    smtpPort = mailServer.server.address().port;
    server = await startServer({ args: ['--smtp-url', `smtp://127.0.0.1:${smtpPort}`, '--smtp-from', 'pillars@example.org'] });
    ana = await registerPerson(server, { name: 'Ana' });
  });

  after(async () => {
    if (server?.alive) await server.stop();
    await new Promise((resolve) => mailServer.close(resolve));
  });

  async function waitForMail(count) {
    const deadline = Date.now() + 10_000;
    while (mails.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    return mails;
  }

  test('the operator prints a one-time link; it sets a new password once and signs out every session', async () => {
    const { stdout, stderr } = await run(binaryPath, ['user', 'reset-password', '--email', ana.user.email, '--data', server.dataDir, ...databaseArgs(server.dataDir),
      '--public-url', server.origin]);
    const link = stdout.trim();
    assert.match(link, new RegExp(`^${server.origin}/reset-password#[A-Za-z0-9_-]{40,}$`));
    assert.match(stderr, /works once/);
    const token = link.split('#')[1];
    server.secrets.add(token);
    const other = await signIn(server, ana.user.email, ana.password);
    const weak = await new Client(server).post('/api/v1/auth/reset-password', { token, password: 'short' });
    assertProblem(weak, 422, 'weak-password');
    const password = strongPassword();
    const res = await new Client(server).post('/api/v1/auth/reset-password', { token, password });
    assert.equal(res.status, 204, res.text);
    assertProblem(await ana.get('/api/v1/me'), 401, 'unauthenticated');
    assertProblem(await other.get('/api/v1/me'), 401, 'unauthenticated');
    assertProblem(await new Client(server).post('/api/v1/auth/reset-password', { token, password: strongPassword() }), 400, 'reset-link-invalid');
    const signedIn = await signIn(server, ana.user.email, password);
    assert.equal((await signedIn.get('/api/v1/me')).status, 200);
    ana.password = password;
    // Only a hash of the token is kept.
    assert.deepEqual(await queryDatabase(server.dataDir, 'SELECT count(*) FROM password_resets'), [['0']], 'a used link is gone');
    await assert.rejects(run(binaryPath, ['user', 'reset-password', '--email', 'nobody@example.com', '--data', server.dataDir, ...databaseArgs(server.dataDir)]),
      (err) => err.code === 1 && /no account uses/.test(err.stderr));
  });

  test('an unknown or made-up token is refused the same way', async () => {
    assertProblem(await new Client(server).post('/api/v1/auth/reset-password', { token: 'made-up', password: strongPassword() }), 400, 'reset-link-invalid');
    assertProblem(await new Client(server).post('/api/v1/auth/reset-password', { password: strongPassword() }), 422, 'validation');
  });

  test('"forgot password" answers the same for any address and mails a working link only to an account', async () => {
    const known = await new Client(server).post('/api/v1/auth/forgot-password', { email: ana.user.email });
    const unknown = await new Client(server).post('/api/v1/auth/forgot-password', { email: 'nobody-here@example.com' });
    assert.equal(known.status, 202);
    assert.equal(unknown.status, 202);
    assert.equal(known.text, unknown.text);
    const got = await waitForMail(1);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(mails.length, 1, 'one mail, to the account only');
    assert.deepEqual(got[0].to, [ana.user.email]);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/reset-password#[A-Za-z0-9_-]+)/.exec(got[0].text)?.[1];
    assert.ok(link, got[0].text);
    assert.match(got[0].text, /Subject: A new password for Pillars/);
    const token = link.split('#')[1];
    server.secrets.add(token);
    const password = strongPassword();
    assert.equal((await new Client(server).post('/api/v1/auth/reset-password', { token, password })).status, 204);
    assert.equal((await (await signIn(server, ana.user.email, password)).get('/api/v1/me')).status, 200);
    assertProblem(await new Client(server).post('/api/v1/auth/forgot-password', { email: 'not an email' }), 422, 'validation');
  });

  test("the mailed link points at this Pillars whatever Host header the asker sends", async () => {
    const before = mails.length;
    const body = JSON.stringify({ email: ana.user.email });
    const status = await new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/v1/auth/forgot-password',
        headers: { host: 'attacker.example', 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => { res.resume(); resolve(res.statusCode); });
      req.on('error', reject);
      req.end(body);
    });
    assert.equal(status, 202);
    const got = await waitForMail(before + 1);
    const text = got[before].text;
    assert.ok(!text.includes('attacker.example'), 'the link never takes the Host header');
    assert.match(text, new RegExp(`${server.origin}/reset-password#`));
  });

  test('is limited per address asked about, without telling anything', async () => {
    let limited = null;
    for (let i = 0; i < 6 && !limited; i++) {
      const res = await new Client(server).post('/api/v1/auth/forgot-password', { email: 'someone-else@example.com' });
      if (res.status === 429) limited = res;
      else assert.equal(res.status, 202);
    }
    assert.ok(limited, 'asking again and again about one address is limited');
    assertProblem(limited, 429, 'rate-limited');
  });

  test('without an SMTP server, "forgot password" says to ask the operator', async () => {
    const plain = await startServer();
    try {
      const res = await new Client(plain).post('/api/v1/auth/forgot-password', { email: 'anyone@example.com' });
      assertProblem(res, 409, 'email-not-configured');
    } finally {
      await plain.stop();
    }
  });
});

// Sealed at rest: what people write (entry bodies, response bodies, appreciation notes,
// comfort notes and answers, moments' titles and notes, own-time notes, deck answers) never lies in the data folder as readable text — not in the
// database, not in its write-ahead log, not in any other file — while the server runs and
// after it stopped. The key lives in <data>/secret.key (0600) or in PILLARS_SECRET_KEY, and
// a restarted server reads everything back.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { registerPerson } from './lib/client.mjs';
import { assertFolderSealed, readFolder } from './lib/data-folder.mjs';
import { world } from './lib/fixture.mjs';
import { bondPath, entryPath, respond, shareEntry, writeEntry } from './lib/inner-world.mjs';
import { startServer } from './lib/server.mjs';

const TIMEOUT = { timeout: 60_000 };

/** A distinctive sentence around a random marker, with a quote and non-ASCII characters. */
function sentence(label) {
  const marker = randomBytes(8).toString('hex');
  return { marker, text: `Ich weiß, "${label} ${marker}" — mein Herz klopft laut, ünd das ist gut so.` };
}

/** Asserts that no written sentence is readable in any file of the folder; returns the files read. */
function assertSealed(dir, sentences, control) {
  const texts = {};
  for (const [what, { marker, text }] of Object.entries(sentences)) {
    texts[`${what} (marker)`] = marker;
    texts[`${what} (sentence)`] = text;
  }
  return assertFolderSealed(dir, texts, control);
}

describe('sealed at rest under <data>/secret.key', TIMEOUT, () => {
  let w;
  let dataDir;
  let server;
  let ana;
  let ben;
  let bond;
  const s = {};
  const ids = {};

  before(async () => {
    w = await world({ restartable: true, env: { PILLARS_SECRET_KEY: undefined } });
    ({ server, a: ana, b: ben, bond, dataDir } = w);
    for (const label of ['first draft', 'entry', 'response', 'appreciation', 'comfort request', 'comfort answer',
      'moment title', 'moment note', 'own-time note', 'deck answer', 'wish']) {
      s[label] = sentence(label);
    }
  });
  after(() => w?.close());

  test('what is written is readable through the API', async () => {
    const entry = await writeEntry(ana, { kind: 'hurt', body: s['first draft'].text });
    ids.entry = entry.id;
    const edited = await ana.patch(entryPath(entry.id), { body: s.entry.text });
    assert.equal(edited.status, 200, edited.text);
    await shareEntry(ana, entry.id, bond.id);
    ids.response = (await respond(ben, entry.id, 'comfort', s.response.text)).id;
    const appreciation = await ben.post(bondPath(bond.id, '/appreciations'), { kind: 'love', note: s.appreciation.text });
    assert.equal(appreciation.status, 201, appreciation.text);
    ids.appreciation = appreciation.body.appreciation.id;
    const asked = await ana.post(bondPath(bond.id, '/comfort-requests'), { note: s['comfort request'].text });
    assert.equal(asked.status, 201, asked.text);
    ids.comfort = asked.body.comfort_request.id;
    const answered = await ben.post(bondPath(bond.id, `/comfort-requests/${encodeURIComponent(ids.comfort)}/answer`),
      { note: s['comfort answer'].text });
    assert.equal(answered.status, 200, answered.text);
    assert.equal(answered.body.comfort_request.answer_note, s['comfort answer'].text);
    const moment = await ana.post(bondPath(bond.id, '/moments'),
      { day: new Date().toISOString().slice(0, 10), kind: 'high', title: s['moment title'].text, note: s['moment note'].text });
    assert.equal(moment.status, 201, moment.text);
    ids.moment = moment.body.moment.id;
    const own = await ana.post('/api/v1/me/own-time',
      { day: new Date().toISOString().slice(0, 10), minutes: 45, activity: 'walk', note: s['own-time note'].text });
    assert.equal(own.status, 201, own.text);
    ids.own = own.body.entry.id;
    const decks = (await ana.get('/api/v1/catalog')).body.decks;
    ids.prompt = decks.find((d) => d.id === 'inner_world').prompts.find((p) => p.level === 1).id;
    const said = await ana.put(bondPath(bond.id, `/prompts/${encodeURIComponent(ids.prompt)}/answer`), { body: s['deck answer'].text });
    assert.equal(said.status, 200, said.text);
    const wish = await ana.post(bondPath(bond.id, '/menus/suggestions'), { menu: 'affection', category: 'play', text: s.wish.text });
    assert.equal(wish.status, 201, wish.text);
    ids.wish = wish.body.suggestion.id;
  });

  test('while the server runs, no file of the data folder holds any of it', async () => {
    const files = await assertSealed(dataDir, s, ana.email);
    assert.ok(files.some((f) => f.file === 'secret.key'));
  });

  test('nor does the server\'s log', () => {
    for (const [what, { marker }] of Object.entries(s)) {
      assert.ok(!server.log.includes(marker), `${what} appeared in the log`);
    }
  });

  test('secret.key exists and only its owner can read it (0600)', async () => {
    const info = await stat(path.join(dataDir, 'secret.key'));
    assert.ok(info.isFile());
    assert.equal((info.mode & 0o777).toString(8), '600');
    assert.ok(info.size >= 32, 'the key file holds a key');
    const key = (await readFile(path.join(dataDir, 'secret.key'), 'utf8')).trim();
    server.secrets.add(key); // must never be logged
  });

  test('after a clean stop (WAL checkpointed), still none of it', async () => {
    await w.stop();
    await assertSealed(dataDir, s, ana.email);
  });

  test('a restarted server on the same folder reads everything back', async () => {
    server = await w.start(); // Ana and Ben now talk to the new server
    const entry = await ana.get(entryPath(ids.entry));
    assert.equal(entry.status, 200, entry.text);
    assert.equal(entry.body.entry.body, s.entry.text);
    assert.equal(entry.body.entry.responses.find((r) => r.id === ids.response)?.body, s.response.text);
    const shared = await ben.get(bondPath(bond.id, '/entries'));
    assert.equal(shared.body.entries.find((e) => e.id === ids.entry)?.body, s.entry.text);
    const appreciations = await ana.get(bondPath(bond.id, '/appreciations'));
    assert.equal(appreciations.body.appreciations.find((a) => a.id === ids.appreciation)?.note, s.appreciation.text);
    const comfort = await ben.get(bondPath(bond.id, '/comfort-requests'));
    const request = comfort.body.comfort_requests.find((c) => c.id === ids.comfort);
    assert.equal(request?.note, s['comfort request'].text);
    assert.equal(request?.answer_note, s['comfort answer'].text);
    const moments = await ben.get(bondPath(bond.id, '/moments'));
    const moment = moments.body.moments.find((m) => m.id === ids.moment);
    assert.deepEqual([moment?.title, moment?.note], [s['moment title'].text, s['moment note'].text]);
    const own = await ana.get(entryPath(ids.own));
    assert.equal(own.body.entry.body, s['own-time note'].text);
    const said = await ana.get(bondPath(bond.id, `/prompts/${encodeURIComponent(ids.prompt)}`));
    assert.equal(said.body.mine.body, s['deck answer'].text);
    const menus = await ben.get(bondPath(bond.id, '/menus'));
    assert.equal(menus.body.suggestions.find((x) => x.id === ids.wish)?.text, s.wish.text);
    await w.stop();
    await assertSealed(dataDir, s, ana.email);
  });
});

describe('sealed at rest under PILLARS_SECRET_KEY', TIMEOUT, () => {
  let dataDir;
  let server;
  const key = randomBytes(32).toString('hex');
  const env = { PILLARS_SECRET_KEY: key };

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'pillars-sealing-env-'));
  });
  after(async () => {
    if (server?.alive) await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('a fresh folder works with the key from the environment, and needs no secret.key', async () => {
    server = await startServer({ dataDir, env });
    server.secrets.add(key);
    const una = await registerPerson(server, { name: 'Una' });
    const s = { entry: sentence('env entry') };
    const entry = await writeEntry(una, { kind: 'daydream', body: s.entry.text });
    const read = await una.get(entryPath(entry.id));
    assert.equal(read.body.entry.body, s.entry.text);
    await assertSealed(dataDir, s, una.email);
    await server.stop();

    const files = await assertSealed(dataDir, s, una.email);
    assert.ok(!files.some((f) => path.basename(f.file) === 'secret.key'), 'no secret.key is written when the key comes from the environment');

    server = await startServer({ dataDir, env });
    server.secrets.add(key);
    una.server = server;
    const again = await una.get(entryPath(entry.id));
    assert.equal(again.status, 200, again.text);
    assert.equal(again.body.entry.body, s.entry.text);
    await server.stop();
    assert.ok(!(await readFolder(dataDir)).some((f) => path.basename(f.file) === 'secret.key'));
  });
});

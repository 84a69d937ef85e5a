// Entries, the inner world: what the author can do with their own entries, what the server
// refuses, paging and filters, the look beneath anger — and that a private entry stays
// private from the partner, from a stranger and from a signed-out caller.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client, assertProblem } from './lib/client.mjs';
import { world } from './lib/fixture.mjs';
import { loadRoutes } from './lib/server.mjs';
import {
  ENTRY_KINDS, assertEntry, assertInvalid, bondEntries, bondPath, entryPath, ownEntries,
  uniqueText, writeEntry,
} from './lib/inner-world.mjs';

const TIMEOUT = { timeout: 30_000 };

let w;
let server;
let ana; // the author
let ben; // Ana's partner
let sam; // a stranger
let pia; // writes many entries, for paging
let bond;
let cat;

before(async () => {
  w = await world({ stranger: 'Sam', catalog: true });
  ({ server, a: ana, b: ben, bond, stranger: sam, cat } = w);
  pia = await w.person('Pia');
});
after(() => w?.close());

describe('the author\'s own entries', TIMEOUT, () => {
  let entry;
  let body;

  test('POST /api/v1/entries creates a private entry: 201 {entry}', async () => {
    body = uniqueText('first');
    const feelings = [{ word: cat.word('sadness'), intensity: 4 }, { word: cat.word('hope', 1), intensity: 2 }];
    const res = await ana.post('/api/v1/entries', { kind: 'hurt', feelings, body });
    assert.equal(res.status, 201, res.text);
    entry = res.body.entry;
    assertEntry(entry);
    assert.equal(entry.kind, 'hurt');
    assert.equal(entry.body, body);
    assert.deepEqual(entry.feelings, [
      { word: cat.word('sadness'), family: 'sadness', intensity: 4 },
      { word: cat.word('hope', 1), family: 'hope', intensity: 2 },
    ]);
    assert.deepEqual(entry.shared_with, [], 'private by default');
    assert.deepEqual(entry.responses, []);
    assert.equal(entry.follow_up, null);
    assert.equal(entry.created_at, entry.updated_at);
    assert.ok(Math.abs(Date.parse(entry.created_at) - Date.now()) < 60_000, 'created now');
  });

  test('every kind of entry can be written', async () => {
    for (const kind of ENTRY_KINDS) {
      const made = await writeEntry(ana, { kind, body: `a ${kind} of mine` });
      assert.equal(made.kind, kind);
    }
  });

  test('an entry may have only feelings, or only words', async () => {
    const onlyFeelings = await writeEntry(ana, { feelings: [{ word: cat.word('calm'), intensity: 1 }], body: '' });
    assert.equal(onlyFeelings.body, '');
    const noBody = await ana.post('/api/v1/entries', { kind: 'feeling', feelings: [{ word: cat.word('joy'), intensity: 5 }] });
    assert.equal(noBody.status, 201, `body may be left out: ${noBody.text}`);
    assert.equal(noBody.body.entry.body, '');
    const onlyWords = await writeEntry(ana, { kind: 'memory', feelings: [], body: 'the long walk home' });
    assert.deepEqual(onlyWords.feelings, []);
  });

  test('GET /api/v1/entries/{id} shows it to the author', async () => {
    const res = await ana.get(entryPath(entry.id));
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.entry, entry);
  });

  test('GET /api/v1/entries lists it, newest first', async () => {
    const res = await ana.get('/api/v1/entries');
    assert.equal(res.status, 200, res.text);
    assert.ok(Array.isArray(res.body.entries));
    assert.ok('next_cursor' in res.body, 'the list carries next_cursor');
    const listed = res.body.entries.find((e) => e.id === entry.id);
    assert.deepEqual(listed, entry);
    const times = res.body.entries.map((e) => Date.parse(e.created_at));
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
  });

  test('PATCH /api/v1/entries/{id} changes what is given and keeps the rest', async () => {
    const newBody = uniqueText('edited');
    const res = await ana.patch(entryPath(entry.id), { body: newBody });
    assert.equal(res.status, 200, res.text);
    assertEntry(res.body.entry);
    assert.equal(res.body.entry.body, newBody);
    assert.equal(res.body.entry.kind, 'hurt');
    assert.deepEqual(res.body.entry.feelings, entry.feelings);
    assert.equal(res.body.entry.created_at, entry.created_at);
    assert.ok(Date.parse(res.body.entry.updated_at) >= Date.parse(entry.updated_at));

    const again = await ana.patch(entryPath(entry.id), { kind: 'knock', feelings: [{ word: cat.word('shame', 2), intensity: 3 }] });
    assert.equal(again.status, 200, again.text);
    assert.equal(again.body.entry.kind, 'knock');
    assert.equal(again.body.entry.body, newBody);
    assert.deepEqual(again.body.entry.feelings, [{ word: cat.word('shame', 2), family: 'shame', intensity: 3 }]);
    assert.deepEqual((await ana.get(entryPath(entry.id))).body.entry, again.body.entry);
    entry = again.body.entry;
    body = newBody;
  });

  test('a refused edit changes nothing', async () => {
    assertInvalid(await ana.patch(entryPath(entry.id), { kind: 'rant', body: 'not kept' }), 'kind');
    assertInvalid(await ana.patch(entryPath(entry.id), { body: 'x'.repeat(20_001) }), 'body');
    assertInvalid(await ana.patch(entryPath(entry.id), { feelings: [{ word: 'no_such_word', intensity: 2 }] }), 'feelings');
    const res = await ana.get(entryPath(entry.id));
    assert.deepEqual(res.body.entry, entry);

    // Emptying an entry completely is refused too.
    const bare = await writeEntry(ana, { feelings: [{ word: cat.word('joy'), intensity: 2 }], body: '' });
    assertInvalid(await ana.patch(entryPath(bare.id), { feelings: [] }), 'body');
    assert.deepEqual((await ana.get(entryPath(bare.id))).body.entry, bare);
  });

  test('DELETE /api/v1/entries/{id}: 204, then it is gone', async () => {
    const doomed = await writeEntry(ana, { body: uniqueText('doomed') });
    const res = await ana.delete(entryPath(doomed.id));
    assert.equal(res.status, 204, res.text);
    assert.equal(res.text, '');
    assertProblem(await ana.get(entryPath(doomed.id)), 404, 'not-found');
    assertProblem(await ana.patch(entryPath(doomed.id), { body: 'back?' }), 404, 'not-found');
    assertProblem(await ana.delete(entryPath(doomed.id)), 404, 'not-found');
    assert.ok(!(await ownEntries(ana)).some((e) => e.id === doomed.id));
  });

  test('an unknown entry id is 404', async () => {
    assertProblem(await ana.get(entryPath('no-such-entry')), 404, 'not-found');
    assertProblem(await ana.patch(entryPath('no-such-entry'), { body: 'x' }), 404, 'not-found');
    assertProblem(await ana.delete(entryPath('no-such-entry')), 404, 'not-found');
  });
});

describe('validation', TIMEOUT, () => {
  const create = (json) => ana.post('/api/v1/entries', json);
  const word = (family, i = 0) => cat.word(family, i);

  test('kind must be one of the eight', async () => {
    assertInvalid(await create({ feelings: [], body: 'no kind' }), 'kind');
    assertInvalid(await create({ kind: 'rant', feelings: [], body: 'bad kind' }), 'kind');
    assertInvalid(await create({ kind: 'Feeling', feelings: [], body: 'kinds are lower case' }), 'kind');
    assertInvalid(await create({ kind: 3, feelings: [], body: 'kind is a string' }), 'kind');
  });

  test('zero to three feelings', async () => {
    const four = ['joy', 'love', 'pride', 'calm'].map((f) => ({ word: word(f), intensity: 2 }));
    assertInvalid(await create({ kind: 'feeling', feelings: four, body: 'too many' }), 'feelings');
    const three = four.slice(0, 3);
    const ok = await create({ kind: 'feeling', feelings: three, body: 'three is fine' });
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.body.entry.feelings.length, 3);
    assertInvalid(await create({ kind: 'feeling', feelings: 'joy', body: 'not a list' }), 'feelings');
  });

  test('a word must be in the catalog', async () => {
    assertInvalid(await create({ kind: 'feeling', feelings: [{ word: 'meh', intensity: 2 }], body: 'x' }), 'feelings');
    // A family id that is not also a word is not a word.
    assertInvalid(await create({ kind: 'feeling', feelings: [{ word: 'loneliness', intensity: 2 }], body: 'x' }), 'feelings');
    assertInvalid(await create({ kind: 'feeling', feelings: [{ intensity: 2 }], body: 'x' }), 'feelings');
  });

  test('intensity is a whole number from 1 to 5', async () => {
    for (const intensity of [0, 6, -1, 2.5, '3', null]) {
      const res = await create({ kind: 'feeling', feelings: [{ word: word('joy'), intensity }], body: 'x' });
      assertInvalid(res, 'feelings');
    }
    assertInvalid(await create({ kind: 'feeling', feelings: [{ word: word('joy') }], body: 'x' }), 'feelings');
    for (const intensity of [1, 5]) {
      const res = await create({ kind: 'feeling', feelings: [{ word: word('joy'), intensity }], body: '' });
      assert.equal(res.status, 201, `intensity ${intensity}: ${res.text}`);
    }
  });

  test('the same word cannot be chosen twice', async () => {
    const feelings = [{ word: word('fear'), intensity: 2 }, { word: word('fear'), intensity: 4 }];
    assertInvalid(await create({ kind: 'fear', feelings, body: 'x' }), 'feelings');
  });

  test('the body is at most 20000 characters, counted as characters', async () => {
    assertInvalid(await create({ kind: 'memory', feelings: [], body: 'a'.repeat(20_001) }), 'body');
    const longest = await create({ kind: 'memory', feelings: [], body: 'a'.repeat(20_000) });
    assert.equal(longest.status, 201, longest.text);
    assert.equal(longest.body.entry.body.length, 20_000);
    // 20000 three-byte characters: 60000 bytes, still 20000 characters.
    const euros = '€'.repeat(20_000);
    const wide = await create({ kind: 'memory', feelings: [], body: euros });
    assert.equal(wide.status, 201, `characters, not bytes: ${wide.text.slice(0, 300)}`);
    assert.equal(wide.body.entry.body, euros);
    // 15000 emoji: 30000 UTF-16 units but 15000 characters.
    const emoji = '🌱'.repeat(15_000);
    const astral = await create({ kind: 'memory', feelings: [], body: emoji });
    assert.equal(astral.status, 201, `code points, not UTF-16 units: ${astral.text.slice(0, 300)}`);
    assert.equal(astral.body.entry.body, emoji);
    assertInvalid(await create({ kind: 'memory', feelings: [], body: 42 }), 'body');
  });

  // The longest text of the journal fits its request however a client writes it: 20000 emoji as
  // UTF-8 (80000 bytes) or as two \u escapes each (240000 bytes) — on every route that carries
  // such a text. One byte past the route's limit is 413, and nothing is stored.
  test('the longest text fits in any spelling, on every route of the journal', async () => {
    const seedling = '🌱'.repeat(20_000);
    const escaped = '\\ud83c\\udf31'.repeat(20_000);
    const raw = (method, path, text) =>
      ana.request(method, path, { body: Buffer.from(text), headers: { 'content-type': 'application/json' } });
    const utf8 = await create({ kind: 'memory', feelings: [], body: seedling });
    assert.equal(utf8.status, 201, utf8.text.slice(0, 300));
    assert.equal(utf8.body.entry.body, seedling);
    const written = await raw('POST', '/api/v1/entries', `{"kind":"memory","feelings":[],"body":"${escaped}"}`);
    assert.equal(written.status, 201, written.text.slice(0, 300));
    assert.equal(written.body.entry.body, seedling);
    const id = written.body.entry.id;
    const edited = await raw('PATCH', `/api/v1/entries/${encodeURIComponent(id)}`, `{"body":"${escaped.replace('3c', '3C')}"}`);
    assert.equal(edited.status, 200, edited.text.slice(0, 300));
    assert.equal(edited.body.entry.body, seedling);
    const questions = (await ana.get('/api/v1/catalog')).body.reflections.prompts;
    const answered = await raw('PUT', `/api/v1/reflections/${encodeURIComponent(questions[questions.length - 1].id)}/answer`,
      `{"feelings":[],"body":"${escaped}"}`);
    assert.ok(answered.status === 200 || answered.status === 201, answered.text.slice(0, 300));
    assert.equal(answered.body.entry.body, seedling);
    const day = new Date().toISOString().slice(0, 10);
    const activity = (await ana.get('/api/v1/catalog')).body.own_time.activities[0].id;
    const own = await raw('POST', '/api/v1/me/own-time', `{"day":"${day}","minutes":30,"activity":"${activity}","note":"${escaped}"}`);
    assert.equal(own.status, 201, own.text.slice(0, 300));
    const ownId = own.body.entry.id;
    const ownEdited = await raw('PATCH', `/api/v1/me/own-time/${encodeURIComponent(ownId)}`, `{"minutes":45,"note":"${escaped}"}`);
    assert.equal(ownEdited.status, 200, ownEdited.text.slice(0, 300));
    assert.equal(ownEdited.body.entry.body, seedling);
    // One character more is refused by the rule, not the limit; one byte past the limit is 413.
    assertInvalid(await raw('POST', '/api/v1/entries', `{"kind":"memory","feelings":[],"body":"${escaped}\\ud83c\\udf31"}`), 'body');
    const before = (await ownEntries(ana)).length;
    const limit = (await loadRoutes()).find((r) => r.method === 'POST' && r.path === '/api/v1/entries').body_limit;
    const frame = '{"kind":"memory","feelings":[],"body":""}';
    const over = `{"kind":"memory","feelings":[],"body":"${'a'.repeat(limit + 1 - frame.length)}"}`;
    assert.equal(Buffer.byteLength(over), limit + 1);
    assertProblem(await raw('POST', '/api/v1/entries', over), 413, 'payload-too-large');
    assert.equal((await ownEntries(ana)).length, before);
  });

  test('an entry with neither feelings nor words is refused', async () => {
    assertInvalid(await create({ kind: 'feeling', feelings: [], body: '' }), 'body');
    assertInvalid(await create({ kind: 'feeling' }), 'body');
  });

  test('invalid UTF-8 is refused and nothing is stored', async () => {
    const bytes = Buffer.concat([Buffer.from('{"kind":"feeling","feelings":[],"body":"broken '), Buffer.from([0xff, 0xfe]), Buffer.from(' text"}')]);
    const res = await ana.request('POST', '/api/v1/entries', { body: bytes, headers: { 'content-type': 'application/json' } });
    assert.ok(res.status === 400 || res.status === 422, `invalid UTF-8: ${res.status} ${res.text}`);
    assertProblem(res, res.status, res.status === 400 ? 'bad-request' : 'validation');
    assert.ok(!(await ownEntries(ana)).some((e) => e.body.includes('broken')));
  });

  test('malformed JSON is 400, a non-JSON body is 415', async () => {
    const bad = await ana.request('POST', '/api/v1/entries', { body: '{"kind":', headers: { 'content-type': 'application/json' } });
    assertProblem(bad, 400, 'bad-request');
    const text = await ana.request('POST', '/api/v1/entries', { body: 'kind=feeling', headers: { 'content-type': 'text/plain' } });
    assertProblem(text, 415, 'unsupported-media-type');
  });

  test('nothing refused was stored', async () => {
    const bodies = (await ownEntries(ana)).map((e) => e.body);
    for (const refused of ['no kind', 'bad kind', 'too many', 'not a list', 'kinds are lower case']) {
      assert.ok(!bodies.includes(refused), `"${refused}" should not have been stored`);
    }
    assert.ok(!bodies.includes('a'.repeat(20_001)));
  });
});

describe('paging and filters', TIMEOUT, () => {
  const written = [];

  before(async () => {
    // 23 entries: kinds cycle through hope, fear, memory; every third has an anger feeling.
    const kinds = ['hope', 'fear', 'memory'];
    for (let i = 0; i < 23; i++) {
      const feelings = i % 3 === 0
        ? [{ word: cat.word('anger', i % 8), intensity: 3 }]
        : [{ word: cat.word('joy', i % 8), intensity: 2 }];
      written.push(await writeEntry(pia, { kind: kinds[i % 3], feelings, body: `page entry ${i}` }));
    }
  });

  test('the default page is 20 entries, newest first', async () => {
    const res = await pia.get('/api/v1/entries');
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.entries.length, 20);
    assert.equal(typeof res.body.next_cursor, 'string');
    const times = res.body.entries.map((e) => Date.parse(e.created_at));
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
  });

  test('before + limit walk every entry exactly once; the last page has next_cursor null', async () => {
    const seen = [];
    let cursor = null;
    const sizes = [];
    for (let page = 0; page < 10; page++) {
      const res = await pia.get(`/api/v1/entries?limit=5${cursor ? `&before=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(res.status, 200, res.text);
      sizes.push(res.body.entries.length);
      seen.push(...res.body.entries);
      cursor = res.body.next_cursor;
      if (cursor === null) break;
      assert.equal(typeof cursor, 'string');
    }
    assert.equal(cursor, null, 'paging ends');
    assert.deepEqual(sizes, [5, 5, 5, 5, 3]);
    const ids = seen.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length, 'no entry twice');
    assert.deepEqual([...ids].sort(), written.map((e) => e.id).sort());
    const times = seen.map((e) => Date.parse(e.created_at));
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first across pages');
    // One page of 100 gives the same order.
    const all = await pia.get('/api/v1/entries?limit=100');
    assert.deepEqual(all.body.entries.map((e) => e.id), ids);
    assert.equal(all.body.next_cursor, null);
  });

  test('kind and family filter the list', async () => {
    for (const kind of ['hope', 'fear', 'memory']) {
      const listed = await ownEntries(pia, `kind=${kind}`);
      assert.deepEqual(listed.map((e) => e.id).sort(), written.filter((e) => e.kind === kind).map((e) => e.id).sort(), `kind=${kind}`);
    }
    assert.deepEqual(await ownEntries(pia, 'kind=knock'), []);
    const angry = await ownEntries(pia, 'family=anger');
    assert.deepEqual(angry.map((e) => e.id).sort(),
      written.filter((e) => e.feelings.some((f) => f.family === 'anger')).map((e) => e.id).sort());
    assert.equal(angry.length, 8);
    const both = await ownEntries(pia, 'kind=hope&family=anger');
    assert.deepEqual(both.map((e) => e.id).sort(),
      written.filter((e) => e.kind === 'hope' && e.feelings.some((f) => f.family === 'anger')).map((e) => e.id).sort());
    assert.deepEqual(await ownEntries(pia, 'family=sadness'), []);
    // A filtered list pages too.
    const first = await pia.get('/api/v1/entries?family=anger&limit=3');
    assert.equal(first.body.entries.length, 3);
    const rest = await pia.get(`/api/v1/entries?family=anger&limit=100&before=${encodeURIComponent(first.body.next_cursor)}`);
    assert.equal(rest.body.entries.length, 5);
    assert.ok(rest.body.entries.every((e) => e.feelings.some((f) => f.family === 'anger')));
  });

  test('bad paging or filter values are 422', async () => {
    for (const query of ['limit=0', 'limit=101', 'limit=abc', 'limit=-1', 'limit=2.5', 'kind=rant', 'family=grumpy',
      'before=not-a-cursor', 'before=']) {
      const res = await pia.get(`/api/v1/entries?${query}`);
      assertProblem(res, 422, 'validation');
    }
  });

  test('one person\'s list never holds another\'s entries', async () => {
    const mine = new Set(written.map((e) => e.id));
    const anas = await ownEntries(ana);
    assert.ok(anas.length > 0);
    assert.ok(!anas.some((e) => mine.has(e.id)));
  });
});

describe('a gentle look beneath anger', TIMEOUT, () => {
  test('follow_up is look_beneath_anger when a feeling is in the anger family, else null', async () => {
    const angry = await writeEntry(ana, { feelings: [{ word: cat.word('anger'), intensity: 5 }], body: '' });
    assert.equal(angry.follow_up, 'look_beneath_anger');
    const mixed = await writeEntry(ana, {
      feelings: [{ word: cat.word('joy'), intensity: 1 }, { word: cat.word('anger', 3), intensity: 2 }], body: 'mixed',
    });
    assert.equal(mixed.follow_up, 'look_beneath_anger');
    const sad = await writeEntry(ana, { feelings: [{ word: cat.word('sadness'), intensity: 3 }], body: 'sad' });
    assert.equal(sad.follow_up, null);
    const none = await writeEntry(ana, { feelings: [], body: 'words only' });
    assert.equal(none.follow_up, null);
    assert.equal((await ana.get(entryPath(angry.id))).body.entry.follow_up, 'look_beneath_anger');

    // It follows the feelings through an edit.
    const calmer = await ana.patch(entryPath(angry.id), { feelings: [{ word: cat.word('hurt'), intensity: 4 }], body: 'it was hurt' });
    assert.equal(calmer.status, 200, calmer.text);
    assert.equal(calmer.body.entry.follow_up, null);
    const angrier = await ana.patch(entryPath(sad.id), { feelings: [{ word: cat.word('anger', 2), intensity: 4 }] });
    assert.equal(angrier.body.entry.follow_up, 'look_beneath_anger');
  });
});

describe('from the other person\'s side', TIMEOUT, () => {
  let secret;
  let body;
  let anonymous;

  before(async () => {
    body = uniqueText('private');
    secret = await writeEntry(ana, { kind: 'fear', feelings: [{ word: cat.word('fear', 4), intensity: 4 }], body });
    anonymous = new Client(server);
  });

  test('the partner and a stranger get 404 on GET, PATCH and DELETE — the same as for no entry', async () => {
    const none = assertProblem(await sam.get(entryPath('no-such-entry')), 404, 'not-found');
    for (const [who, person] of [['partner', ben], ['stranger', sam]]) {
      const calls = [
        await person.get(entryPath(secret.id)),
        await person.patch(entryPath(secret.id), { body: 'overwritten' }),
        await person.delete(entryPath(secret.id)),
        await person.post(entryPath(secret.id, '/shares'), { bond_id: bond.id }),
        await person.delete(entryPath(secret.id, `/shares/${encodeURIComponent(bond.id)}`)),
        await person.post(entryPath(secret.id, '/responses'), { kind: 'hear' }),
      ];
      for (const res of calls) {
        const problem = assertProblem(res, 404, 'not-found');
        if (res.method === 'GET') assert.equal(problem.title, none.title, 'the same answer as for an entry that does not exist');
        assert.ok(!res.text.includes(body), `${who}: ${res.method} ${res.path} revealed the text`);
      }
    }
  });

  test('a signed-out caller gets 401', async () => {
    for (const res of [
      await anonymous.get(entryPath(secret.id)),
      await anonymous.patch(entryPath(secret.id), { body: 'overwritten' }),
      await anonymous.delete(entryPath(secret.id)),
      await anonymous.get('/api/v1/entries'),
      await anonymous.post('/api/v1/entries', { kind: 'feeling', feelings: [], body: 'who am I' }),
    ]) {
      assertProblem(res, 401, 'unauthenticated');
      assert.ok(!res.text.includes(body));
    }
  });

  test('the entry is untouched by their attempts', async () => {
    const res = await ana.get(entryPath(secret.id));
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.entry, secret);
  });

  test('it is never listed anywhere for anyone else', async () => {
    const ben1 = await ben.get('/api/v1/entries?limit=100');
    const sam1 = await sam.get('/api/v1/entries?limit=100');
    const benBond = await ben.get(bondPath(bond.id, '/entries'));
    const anaBond = await ana.get(bondPath(bond.id, '/entries'));
    for (const res of [ben1, sam1, benBond, anaBond]) {
      assert.equal(res.status, 200, res.text);
      assert.ok(!res.text.includes(secret.id), `${res.path} listed the private entry`);
      assert.ok(!res.text.includes(body), `${res.path} revealed the private text`);
    }
    assert.deepEqual(await bondEntries(ben, bond.id), [], 'nothing is shared in the bond');
    assert.deepEqual(ben1.body.entries, []);
    assert.deepEqual(sam1.body.entries, []);
  });
});

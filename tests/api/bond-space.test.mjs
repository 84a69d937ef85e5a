// A bond's shared space: appreciations and comfort requests, from both sides; what a stranger
// gets; and what ending the bond does to everything that was shared in it.

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { Client, assertProblem } from './lib/client.mjs';
import { world } from './lib/fixture.mjs';
import {
  APPRECIATION_KINDS, assertAppreciation, assertComfortRequest, assertInvalid, bondEntries, bondPath, entryPath,
  ownEntries, respond, shareEntry, uniqueText, writeEntry,
} from './lib/inner-world.mjs';

const TIMEOUT = { timeout: 30_000 };
// Times are kept to the millisecond; a short pause keeps "newest first" unambiguous.
const tick = () => sleep(3);

let w;
let server;
let ana;
let ben;
let cal; // Ana's friend, for a second bond
let sam; // a stranger
let ab;
let ac;
let cat;

before(async () => {
  w = await world({ alsoBondedToA: [['Cal', 'friend']], stranger: 'Sam', catalog: true });
  ({ server, a: ana, b: ben, bond: ab, stranger: sam, cat, alsoBondedToA: [{ person: cal, bond: ac }] } = w);
});
after(() => w?.close());

const who = (person) => ({ id: person.user.id, display_name: person.user.display_name });
const appreciations = (bond) => bondPath(bond.id, '/appreciations');
const comfort = (bond, rest = '') => bondPath(bond.id, `/comfort-requests${rest}`);
const answer = (bond, id) => comfort(bond, `/${encodeURIComponent(id)}/answer`);

async function list(person, path, key) {
  const res = await person.get(path);
  assert.equal(res.status, 200, `${path}: ${res.status} ${res.text}`);
  assert.ok(Array.isArray(res.body[key]), `${key} is a list`);
  return res.body[key];
}

describe('appreciations', TIMEOUT, () => {
  const sent = [];

  test('either member sends love, thanks or admire, with or without a note: 201 {appreciation}', async () => {
    const plan = [[ana, 'love', undefined], [ben, 'thanks', uniqueText('thanks')], [ana, 'admire', uniqueText('admire')], [ben, 'love', '']];
    for (const [person, kind, note] of plan) {
      const json = note === undefined ? { kind } : { kind, note };
      await tick();
      const res = await person.post(appreciations(ab), json);
      assert.equal(res.status, 201, res.text);
      const a = res.body.appreciation;
      assertAppreciation(a);
      assert.equal(a.bond_id, ab.id);
      assert.equal(a.kind, kind);
      if (note === '') assert.ok(a.note === null || a.note === '', 'an empty note stays empty');
      else assert.equal(a.note, note ?? null, 'no note is null');
      assert.deepEqual(a.from, who(person));
      assert.equal(a.mine, true);
      sent.push(a);
    }
  });

  test('both see all of them, newest first, mine from their own side', async () => {
    for (const person of [ana, ben]) {
      const shown = await list(person, appreciations(ab), 'appreciations');
      shown.forEach(assertAppreciation);
      assert.deepEqual(shown.map((a) => a.id), [...sent].reverse().map((a) => a.id));
      for (const a of shown) {
        assert.equal(a.mine, a.from.id === person.user.id);
        const original = sent.find((s) => s.id === a.id);
        assert.deepEqual({ ...a, mine: true }, original);
      }
    }
  });

  test('a bad kind or a note over 2000 characters is 422; nothing is stored', async () => {
    assertInvalid(await ana.post(appreciations(ab), { kind: 'hug' }), 'kind');
    assertInvalid(await ana.post(appreciations(ab), {}), 'kind');
    assertInvalid(await ana.post(appreciations(ab), { kind: 'LOVE' }), 'kind');
    assertInvalid(await ana.post(appreciations(ab), { kind: 'love', note: 'y'.repeat(2001) }), 'note');
    assertInvalid(await ana.post(appreciations(ab), { kind: 'love', note: 7 }), 'note');
    assert.equal((await list(ben, appreciations(ab), 'appreciations')).length, sent.length);
    const longest = await ana.post(appreciations(ab), { kind: 'thanks', note: 'ß'.repeat(2000) });
    assert.equal(longest.status, 201, longest.text);
    assert.equal(longest.body.appreciation.note, 'ß'.repeat(2000));
    sent.push(longest.body.appreciation);
  });

  test('appreciations stay in their bond', async () => {
    const toCal = await ana.post(appreciations(ac), { kind: 'admire', note: uniqueText('for cal') });
    assert.equal(toCal.status, 201, toCal.text);
    const inAb = await ben.get(appreciations(ab));
    assert.ok(!inAb.text.includes(toCal.body.appreciation.id) && !inAb.text.includes(toCal.body.appreciation.note));
    const inAc = await list(cal, appreciations(ac), 'appreciations');
    assert.deepEqual(inAc.map((a) => a.id), [toCal.body.appreciation.id]);
    for (const a of sent) assert.ok(!JSON.stringify(inAc).includes(a.id));
  });

  test('the kinds are the three of the catalog', () => {
    assert.deepEqual(cat.appreciation_kinds.map((k) => k.id).sort(), [...APPRECIATION_KINDS].sort());
  });
});

describe('comfort requests', TIMEOUT, () => {
  let fromAna;
  let fromBen;

  test('either member asks, note optional: 201 {comfort_request}, unanswered', async () => {
    const note = uniqueText('could use a hug');
    const res = await ana.post(comfort(ab), { note });
    assert.equal(res.status, 201, res.text);
    fromAna = res.body.comfort_request;
    assertComfortRequest(fromAna);
    assert.equal(fromAna.bond_id, ab.id);
    assert.deepEqual(fromAna.from, who(ana));
    assert.equal(fromAna.mine, true);
    assert.equal(fromAna.note, note);
    assert.equal(fromAna.answered_at, null);
    assert.equal(fromAna.answer_note, null);

    await tick();
    const bare = await ben.post(comfort(ab), {});
    assert.equal(bare.status, 201, bare.text);
    fromBen = bare.body.comfort_request;
    assertComfortRequest(fromBen);
    assert.equal(fromBen.note, null);
    assert.deepEqual(fromBen.from, who(ben));
  });

  test('both see both, newest first, mine from their own side', async () => {
    for (const person of [ana, ben]) {
      const shown = await list(person, comfort(ab), 'comfort_requests');
      shown.forEach(assertComfortRequest);
      assert.deepEqual(shown.map((c) => c.id), [fromBen.id, fromAna.id]);
      assert.deepEqual(shown.map((c) => c.mine), [person === ben, person === ana]);
      assert.equal(shown[1].note, fromAna.note);
    }
  });

  test('a note over 2000 characters is 422', async () => {
    assertInvalid(await ana.post(comfort(ab), { note: 'z'.repeat(2001) }), 'note');
    assertInvalid(await ben.post(answer(ab, fromAna.id), { note: 'z'.repeat(2001) }), 'note');
    assert.equal((await list(ana, comfort(ab), 'comfort_requests')).length, 2);
    assert.equal((await list(ana, comfort(ab), 'comfort_requests'))[1].answered_at, null, 'a refused answer is no answer');
  });

  test('the other member answers: 200 {comfort_request} with answered_at and answer_note', async () => {
    const note = uniqueText('on my way');
    const res = await ben.post(answer(ab, fromAna.id), { note });
    assert.equal(res.status, 200, res.text);
    const answered = res.body.comfort_request;
    assertComfortRequest(answered);
    assert.equal(answered.id, fromAna.id);
    assert.equal(answered.note, fromAna.note);
    assert.equal(answered.answer_note, note);
    assert.ok(Math.abs(Date.parse(answered.answered_at) - Date.now()) < 60_000);
    assert.equal(answered.mine, false, 'mine is from the answerer\'s side: Ana asked');
    const forAna = (await list(ana, comfort(ab), 'comfort_requests')).find((c) => c.id === fromAna.id);
    assert.equal(forAna.answer_note, note);
    assert.equal(forAna.answered_at, answered.answered_at);
    assert.equal(forAna.mine, true);
    fromAna = forAna;

    const plain = await ana.post(answer(ab, fromBen.id), {});
    assert.equal(plain.status, 200, plain.text);
    assert.equal(plain.body.comfort_request.answer_note, null);
    assert.match(plain.body.comfort_request.answered_at, /Z$/);
  });

  test('the asker cannot answer their own request: 409 conflict', async () => {
    const own = await ana.post(comfort(ab), { note: uniqueText('again') });
    assert.equal(own.status, 201, own.text);
    assertProblem(await ana.post(answer(ab, own.body.comfort_request.id), {}), 409, 'conflict');
    const still = (await list(ben, comfort(ab), 'comfort_requests')).find((c) => c.id === own.body.comfort_request.id);
    assert.equal(still.answered_at, null);
  });

  test('answering twice is 409 conflict; the first answer stays', async () => {
    assertProblem(await ben.post(answer(ab, fromAna.id), { note: 'second answer' }), 409, 'conflict');
    const kept = (await list(ana, comfort(ab), 'comfort_requests')).find((c) => c.id === fromAna.id);
    assert.deepEqual(kept, fromAna);
  });

  test('an unknown request, or one from another bond, is 404', async () => {
    assertProblem(await ben.post(answer(ab, 'no-such-request'), {}), 404, 'not-found');
    const inAc = await cal.post(comfort(ac), { note: uniqueText('cal asks') });
    assert.equal(inAc.status, 201, inAc.text);
    // Ana is in both bonds, but the request belongs to the other one.
    assertProblem(await ana.post(answer(ab, inAc.body.comfort_request.id), {}), 404, 'not-found');
    assertProblem(await ben.post(answer(ab, inAc.body.comfort_request.id), {}), 404, 'not-found');
    const forBen = await ben.get(comfort(ab));
    assert.ok(!forBen.text.includes(inAc.body.comfort_request.id), 'another bond\'s request is listed');
    const inAcNow = (await list(cal, comfort(ac), 'comfort_requests'))[0];
    assert.equal(inAcNow.answered_at, null);
  });
});

describe('a stranger and a signed-out caller', TIMEOUT, () => {
  let request;

  before(async () => {
    const res = await ben.post(comfort(ab), { note: uniqueText('for ana only') });
    assert.equal(res.status, 201, res.text);
    request = res.body.comfort_request;
  });

  test('a stranger gets 404 on every bond route, the same as for a bond that does not exist', async () => {
    const none = assertProblem(await sam.get(bondPath('no-such-bond', '/appreciations')), 404, 'not-found');
    const calls = [
      await sam.get(bondPath(ab.id, '/entries')),
      await sam.get(appreciations(ab)),
      await sam.post(appreciations(ab), { kind: 'love', note: 'from a stranger' }),
      await sam.get(comfort(ab)),
      await sam.post(comfort(ab), { note: 'from a stranger' }),
      await sam.post(answer(ab, request.id), { note: 'from a stranger' }),
    ];
    for (const res of calls) {
      const problem = assertProblem(res, 404, 'not-found');
      assert.equal(problem.title, none.title);
      for (const secret of [ab.id, ana.user.id, ben.user.id, request.note]) {
        if (res.path.includes(encodeURIComponent(secret))) continue;
        assert.ok(!res.text.includes(secret), `${res.method} ${res.path} revealed something`);
      }
    }
    const forBen = await list(ben, comfort(ab), 'comfort_requests');
    assert.equal(forBen.find((c) => c.id === request.id).answered_at, null, 'the stranger\'s answer did not count');
    assert.ok(!(await ben.get(appreciations(ab))).text.includes('from a stranger'));
    assert.ok(!(await ben.get(comfort(ab))).text.includes('from a stranger'));
  });

  test('signed out gets 401', async () => {
    const anonymous = new Client(server);
    for (const res of [
      await anonymous.get(appreciations(ab)),
      await anonymous.post(appreciations(ab), { kind: 'love' }),
      await anonymous.get(comfort(ab)),
      await anonymous.post(comfort(ab), {}),
      await anonymous.post(answer(ab, request.id), {}),
    ]) {
      assertProblem(res, 401, 'unauthenticated');
    }
  });
});

describe('ending the bond', TIMEOUT, () => {
  let anasEntry;
  let bensEntry;
  let response;
  let open; // an unanswered request of Ana's
  let before_;

  before(async () => {
    anasEntry = await writeEntry(ana, { kind: 'hurt', feelings: [{ word: cat.word('hurt', 2), intensity: 3 }], body: uniqueText('ana shares') });
    bensEntry = await writeEntry(ben, { kind: 'daydream', body: uniqueText('ben shares') });
    await shareEntry(ana, anasEntry.id, ab.id);
    await shareEntry(ana, anasEntry.id, ac.id);
    await shareEntry(ben, bensEntry.id, ab.id);
    response = await respond(ben, anasEntry.id, 'comfort', uniqueText('ben responds'));
    const res = await ana.post(comfort(ab), { note: uniqueText('left open') });
    assert.equal(res.status, 201, res.text);
    open = res.body.comfort_request;
    before_ = {
      ana: { appreciations: await list(ana, appreciations(ab), 'appreciations'), comfort: await list(ana, comfort(ab), 'comfort_requests') },
      ben: { appreciations: await list(ben, appreciations(ab), 'appreciations'), comfort: await list(ben, comfort(ab), 'comfort_requests') },
    };
    const ended = await ben.post(bondPath(ab.id, '/end'), {});
    assert.equal(ended.status, 200, ended.text);
  });

  test('revokes every share: the bond\'s entries are empty for both', async () => {
    for (const person of [ana, ben]) {
      const res = await person.get(bondPath(ab.id, '/entries'));
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body.entries, []);
      assert.equal(res.body.next_cursor, null);
    }
  });

  test('each keeps their own entries, with the share gone from shared_with', async () => {
    const anas = (await ownEntries(ana)).find((e) => e.id === anasEntry.id);
    assert.ok(anas, 'Ana keeps her entry');
    assert.equal(anas.body, anasEntry.body);
    assert.deepEqual(anas.shared_with, [ac.id], 'only the share in the ended bond is gone');
    assert.ok(!anas.responses.some((r) => r.id === response.id), 'a response from the ended bond is no longer shown');
    const bens = (await ownEntries(ben)).find((e) => e.id === bensEntry.id);
    assert.ok(bens, 'Ben keeps his entry');
    assert.deepEqual(bens.shared_with, []);
    const direct = await ben.get(entryPath(bensEntry.id));
    assert.equal(direct.status, 200);
    assert.deepEqual(direct.body.entry.shared_with, []);
    // The share in the other bond stands.
    assert.ok((await bondEntries(cal, ac.id)).some((e) => e.id === anasEntry.id));
  });

  test('appreciations and comfort requests then list only the caller\'s own', async () => {
    for (const [name, person] of [['ana', ana], ['ben', ben]]) {
      const shownA = await list(person, appreciations(ab), 'appreciations');
      assert.ok(shownA.every((a) => a.mine === true && a.from.id === person.user.id), `${name}: only own appreciations`);
      assert.deepEqual(shownA.map((a) => a.id), before_[name].appreciations.filter((a) => a.mine).map((a) => a.id));
      const shownC = await list(person, comfort(ab), 'comfort_requests');
      assert.ok(shownC.every((c) => c.mine === true && c.from.id === person.user.id), `${name}: only own comfort requests`);
      assert.deepEqual(shownC.map((c) => c.id), before_[name].comfort.filter((c) => c.mine).map((c) => c.id));
      const others = [...before_[name].appreciations, ...before_[name].comfort].filter((x) => !x.mine);
      assert.ok(others.length > 0);
      const text = JSON.stringify([shownA, shownC]);
      for (const x of others) {
        assert.ok(!text.includes(x.id), `${name} still sees the other's item ${x.id}`);
        for (const note of [x.note, x.answer_note]) if (note) assert.ok(!text.includes(note));
      }
    }
  });

  test('writing to the ended bond is 409 bond-ended', async () => {
    assertProblem(await ana.post(appreciations(ab), { kind: 'love' }), 409, 'bond-ended');
    assertProblem(await ben.post(comfort(ab), { note: 'still there?' }), 409, 'bond-ended');
    assertProblem(await ana.post(entryPath(anasEntry.id, '/shares'), { bond_id: ab.id }), 409, 'bond-ended');
    const share = await ben.post(entryPath(bensEntry.id, '/shares'), { bond_id: ab.id });
    assertProblem(share, 409, 'bond-ended');
    assert.deepEqual((await ben.get(entryPath(bensEntry.id))).body.entry.shared_with, []);
    assert.deepEqual((await ana.get(bondPath(ab.id, '/entries'))).body.entries, []);
  });

  test('nothing can be answered or responded to in the ended bond', async () => {
    // The entry is no longer shared there: 404 (no share) and 409 (ended bond) are both true.
    const res = await ben.post(entryPath(anasEntry.id, '/responses'), { kind: 'hear' });
    assert.ok(res.status === 404 || res.status === 409, `respond after the end: ${res.status} ${res.text}`);
    assertProblem(res, res.status, res.status === 404 ? 'not-found' : 'bond-ended');
    assertProblem(await ben.post(answer(ab, open.id), { note: 'late' }), 409, 'bond-ended');
    const mine = (await list(ana, comfort(ab), 'comfort_requests')).find((c) => c.id === open.id);
    assert.equal(mine.answered_at, null);
  });

  test('a stranger still gets 404 on the ended bond', async () => {
    assertProblem(await sam.get(bondPath(ab.id, '/entries')), 404, 'not-found');
    assertProblem(await sam.get(appreciations(ab)), 404, 'not-found');
    assertProblem(await sam.get(comfort(ab)), 404, 'not-found');
  });
  test('a rename after the end reaches nothing Ana can read of the bond; Ben stays as he was', async () => {
    const renamed = await ben.patch('/api/v1/me', { display_name: 'Ben Later' });
    assert.equal(renamed.status, 200, renamed.text);
    const reads = {
      bond: await ana.get(bondPath(ab.id)),
      bonds: await ana.get('/api/v1/bonds'),
      appreciations: await ana.get(appreciations(ab)),
      comfort: await ana.get(comfort(ab)),
      entries: await ana.get(bondPath(ab.id, '/entries')),
      own: await ana.get('/api/v1/entries'),
      entry: await ana.get(entryPath(anasEntry.id)),
    };
    for (const [where, res] of Object.entries(reads)) {
      assert.equal(res.status, 200, `${where}: ${res.text}`);
      assert.ok(!res.text.includes('Ben Later'), `Ana's ${where} shows Ben's later name: ${res.text}`);
    }
    assert.deepEqual(reads.bond.body.bond.other, { id: ben.user.id, display_name: 'Ben' });
    // Ben's own items carry his name as it is now: they are his.
    const bens = await list(ben, appreciations(ab), 'appreciations');
    assert.ok(bens.length > 0 && bens.every((a) => a.from.display_name === 'Ben Later'));
  });
});

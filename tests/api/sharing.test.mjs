// Sharing an entry into a bond, withdrawing it, and responses: who sees what, in which bond,
// and for how long.

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { Client, assertProblem, makeBond } from './lib/client.mjs';
import { world } from './lib/fixture.mjs';
import {
  RESPONSE_KINDS, assertInvalid, assertResponse, bondEntries, bondPath, entryPath, respond,
  shareEntry, uniqueText, writeEntry,
} from './lib/inner-world.mjs';

const TIMEOUT = { timeout: 30_000 };
const enc = encodeURIComponent;
// Times are kept to the millisecond; a short pause keeps "newest first" unambiguous.
const tick = () => sleep(3);

let w;
let server;
let ana; // writes and shares
let ben; // Ana's partner (bond ab)
let cal; // Ana's friend (bond ac)
let dee; // was Ana's family (bond ad, ended); bonded with Sam (bond sd)
let sam; // a stranger to Ana
let ab;
let ac;
let ad;
let sd;
let cat;

before(async () => {
  w = await world({ alsoBondedToA: [['Cal', 'friend'], ['Dee', 'family']], stranger: 'Sam', catalog: true });
  ({ server, a: ana, b: ben, bond: ab, stranger: sam, cat } = w);
  [{ person: cal, bond: ac }, { person: dee, bond: ad }] = w.alsoBondedToA;
  sd = await makeBond(sam, dee, 'friend');
  const ended = await dee.post(bondPath(ad.id, '/end'), {});
  assert.equal(ended.status, 200, ended.text);
});
after(() => w?.close());

const shareOf = (list, id) => list.find((e) => e.id === id);

describe('sharing into a bond', TIMEOUT, () => {
  let entry;
  let body;

  test('the partner sees a shared entry in the bond, with its author and mine=false', async () => {
    body = uniqueText('shared');
    entry = await writeEntry(ana, { kind: 'hope', feelings: [{ word: cat.word('hope'), intensity: 4 }], body });
    assert.deepEqual((await bondEntries(ben, ab.id)), [], 'nothing before sharing');

    const res = await ana.post(entryPath(entry.id, '/shares'), { bond_id: ab.id });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.entry.shared_with, [ab.id]);
    assert.equal(res.body.entry.body, body);

    const seen = await bondEntries(ben, ab.id);
    assert.equal(seen.length, 1);
    const shared = seen[0];
    assert.equal(shared.id, entry.id);
    assert.equal(shared.kind, 'hope');
    assert.equal(shared.body, body);
    assert.deepEqual(shared.feelings, entry.feelings);
    assert.equal(shared.created_at, entry.created_at);
    assert.deepEqual(shared.author, { id: ana.user.id, display_name: ana.user.display_name });
    assert.equal(shared.mine, false);
    assert.deepEqual(shared.responses, []);
    assert.ok(Math.abs(Date.parse(shared.shared_at) - Date.now()) < 60_000, 'shared_at is now');

    const own = await bondEntries(ana, ab.id);
    assert.equal(own.length, 1);
    assert.equal(own[0].mine, true);
    assert.equal(own[0].body, body);
    assert.equal((await ana.get(entryPath(entry.id))).body.entry.shared_with[0], ab.id);
  });

  test('the partner still cannot open the entry through the author\'s routes', async () => {
    assertProblem(await ben.get(entryPath(entry.id)), 404, 'not-found');
    assertProblem(await ben.patch(entryPath(entry.id), { body: 'mine now' }), 404, 'not-found');
    assertProblem(await ben.delete(entryPath(entry.id)), 404, 'not-found');
    assertProblem(await ben.delete(entryPath(entry.id, `/shares/${enc(ab.id)}`)), 404, 'not-found');
    assert.ok(!(await ben.get('/api/v1/entries')).text.includes(entry.id), 'not in the partner\'s own list');
    assert.equal((await ana.get(entryPath(entry.id))).body.entry.body, body);
  });

  test('sharing again changes nothing', async () => {
    const before = await bondEntries(ben, ab.id);
    const again = await ana.post(entryPath(entry.id, '/shares'), { bond_id: ab.id });
    assert.equal(again.status, 200, again.text);
    assert.deepEqual(again.body.entry.shared_with, [ab.id]);
    const after = await bondEntries(ben, ab.id);
    assert.deepEqual(after, before);
  });

  test('a share into another bond is invisible in this one', async () => {
    const forCal = await writeEntry(ana, { kind: 'memory', body: uniqueText('for cal only') });
    await shareEntry(ana, forCal.id, ac.id);
    const calSees = await bondEntries(cal, ac.id);
    assert.deepEqual(calSees.map((e) => e.id), [forCal.id]);
    for (const person of [ana, ben]) {
      const res = await person.get(bondPath(ab.id, '/entries'));
      assert.ok(!res.text.includes(forCal.id) && !res.text.includes(forCal.body), 'not in the other bond');
    }
    // Cal is in no bond with Ben: the entry shared with Ben is not Cal's to see.
    assert.ok(!(await cal.get(bondPath(ac.id, '/entries'))).text.includes(entry.id));
    assertProblem(await cal.get(bondPath(ab.id, '/entries')), 404, 'not-found');
  });

  test('sharing into a bond the author is not in is 404, into an unknown bond 404', async () => {
    assertProblem(await ana.post(entryPath(entry.id, '/shares'), { bond_id: sd.id }), 404, 'not-found');
    assertProblem(await ana.post(entryPath(entry.id, '/shares'), { bond_id: 'no-such-bond' }), 404, 'not-found');
    assert.deepEqual((await bondEntries(sam, sd.id)), []);
    assert.deepEqual((await ana.get(entryPath(entry.id))).body.entry.shared_with, [ab.id]);
  });

  test('sharing into an ended bond is 409 bond-ended', async () => {
    assertProblem(await ana.post(entryPath(entry.id, '/shares'), { bond_id: ad.id }), 409, 'bond-ended');
    assert.deepEqual((await ana.get(entryPath(entry.id))).body.entry.shared_with, [ab.id]);
    assert.deepEqual(await bondEntries(dee, ad.id), []);
  });

  test('a share needs a bond_id', async () => {
    const res = await ana.post(entryPath(entry.id, '/shares'), {});
    assert.ok([404, 422].includes(res.status), `missing bond_id: ${res.status} ${res.text}`);
    if (res.status === 422) assertInvalid(res, 'bond_id');
  });

  test('an edit of a shared entry reaches the partner; the old text is gone', async () => {
    const newBody = uniqueText('edited');
    const res = await ana.patch(entryPath(entry.id), { body: newBody, feelings: [{ word: cat.word('love'), intensity: 5 }] });
    assert.equal(res.status, 200, res.text);
    const listing = await ben.get(bondPath(ab.id, '/entries'));
    const shared = shareOf(listing.body.entries, entry.id);
    assert.equal(shared.body, newBody);
    assert.deepEqual(shared.feelings, [{ word: cat.word('love'), family: 'love', intensity: 5 }]);
    assert.equal(shared.updated_at, res.body.entry.updated_at);
    assert.ok(!listing.text.includes(body), 'the old text is no longer shown');
    body = newBody;
  });

  test('withdrawing: 204, gone at once for the partner; withdrawing again is 404', async () => {
    const res = await ana.delete(entryPath(entry.id, `/shares/${enc(ab.id)}`));
    assert.equal(res.status, 204, res.text);
    const listing = await ben.get(bondPath(ab.id, '/entries'));
    assert.equal(listing.status, 200);
    assert.ok(!listing.text.includes(entry.id) && !listing.text.includes(body), 'withdrawn entry still shown');
    assert.deepEqual((await ana.get(entryPath(entry.id))).body.entry.shared_with, []);
    assertProblem(await ana.delete(entryPath(entry.id, `/shares/${enc(ab.id)}`)), 404, 'not-found');
    assertProblem(await ana.delete(entryPath(entry.id, `/shares/${enc(ac.id)}`)), 404, 'not-found');
    assertProblem(await ana.delete(entryPath(entry.id, '/shares/no-such-bond')), 404, 'not-found');
  });
});

describe('responses', TIMEOUT, () => {
  let entry;
  const fromBen = [];

  before(async () => {
    entry = await writeEntry(ana, { kind: 'knock', feelings: [{ word: cat.word('shame', 1), intensity: 4 }], body: uniqueText('knock') });
    await shareEntry(ana, entry.id, ab.id);
    await shareEntry(ana, entry.id, ac.id);
  });

  test('a knock is offered every response but joy, and joy on it is refused', async () => {
    const offered = shareOf(await bondEntries(ben, ab.id), entry.id).responses_offered;
    assert.deepEqual(offered, RESPONSE_KINDS.filter((k) => k !== 'celebrate'));
    assertInvalid(await ben.post(entryPath(entry.id, '/responses'), { kind: 'celebrate' }), 'kind');
  });

  test('the partner responds with each kind offered, text optional: 201 {response}', async () => {
    for (const [i, kind] of RESPONSE_KINDS.filter((k) => k !== 'celebrate').entries()) {
      const text = i % 2 === 0 ? undefined : uniqueText(`response ${kind}`);
      await tick();
      const response = await respond(ben, entry.id, kind, text);
      assert.equal(response.entry_id, entry.id);
      assert.equal(response.bond_id, ab.id);
      assert.equal(response.kind, kind);
      assert.equal(response.body, text ?? null);
      assert.deepEqual(response.from, { id: ben.user.id, display_name: ben.user.display_name });
      assert.equal(response.mine, true);
      assert.ok(Math.abs(Date.parse(response.created_at) - Date.now()) < 60_000);
      fromBen.push(response);
    }
  });

  test('the author sees them on the entry, newest last, mine=false', async () => {
    const res = await ana.get(entryPath(entry.id));
    assert.equal(res.status, 200);
    const responses = res.body.entry.responses;
    assert.deepEqual(responses.map((r) => r.id), fromBen.map((r) => r.id));
    for (const [i, r] of responses.entries()) {
      assertResponse(r);
      assert.equal(r.mine, false);
      assert.deepEqual({ ...r, mine: true }, fromBen[i]);
    }
  });

  test('both see them in the bond listing', async () => {
    const forAna = shareOf(await bondEntries(ana, ab.id), entry.id);
    assert.deepEqual(forAna.responses.map((r) => r.id), fromBen.map((r) => r.id));
    assert.ok(forAna.responses.every((r) => r.mine === false));
    const forBen = shareOf(await bondEntries(ben, ab.id), entry.id);
    assert.deepEqual(forBen.responses, fromBen);
  });

  test('a response kind must be one of the four, its text at most 2000 characters', async () => {
    assertInvalid(await ben.post(entryPath(entry.id, '/responses'), { kind: 'hug' }), 'kind');
    assertInvalid(await ben.post(entryPath(entry.id, '/responses'), {}), 'kind');
    assertInvalid(await ben.post(entryPath(entry.id, '/responses'), { kind: 'hear', body: 'x'.repeat(2001) }), 'body');
    await tick();
    const longest = await respond(ben, entry.id, 'hear', 'ü'.repeat(2000));
    assert.equal(longest.body, 'ü'.repeat(2000));
    fromBen.push(longest);
  });

  test('nobody else may respond: the author, a stranger, a member of another bond, signed out', async () => {
    assertProblem(await ana.post(entryPath(entry.id, '/responses'), { kind: 'hear' }), 404, 'not-found');
    assertProblem(await sam.post(entryPath(entry.id, '/responses'), { kind: 'hear' }), 404, 'not-found');
    assertProblem(await dee.post(entryPath(entry.id, '/responses'), { kind: 'hear' }), 404, 'not-found');
    assertProblem(await ben.post(entryPath('no-such-entry', '/responses'), { kind: 'hear' }), 404, 'not-found');
    assertProblem(await new Client(server).post(entryPath(entry.id, '/responses'), { kind: 'hear' }), 401, 'unauthenticated');
    // An entry Ana shared only with Cal is not Ben's to answer.
    const calsOnly = await writeEntry(ana, { body: uniqueText('cal only') });
    await shareEntry(ana, calsOnly.id, ac.id);
    assertProblem(await ben.post(entryPath(calsOnly.id, '/responses'), { kind: 'hear' }), 404, 'not-found');
    assert.deepEqual((await ana.get(entryPath(calsOnly.id))).body.entry.responses, []);
  });

  test('responses stay in their bond: the same entry shared with Cal shows Cal none of Ben\'s, and Ben none of Cal\'s', async () => {
    await tick();
    const fromCal = await respond(cal, entry.id, 'comfort', uniqueText('from cal'));
    assert.equal(fromCal.bond_id, ac.id);

    const calListing = await cal.get(bondPath(ac.id, '/entries'));
    const forCal = shareOf(calListing.body.entries, entry.id);
    assert.deepEqual(forCal.responses.map((r) => r.id), [fromCal.id]);
    for (const r of fromBen) {
      assert.ok(!calListing.text.includes(r.id), 'Cal sees a response from the other bond');
      if (r.body) assert.ok(!calListing.text.includes(r.body), 'Cal sees the text of a response from the other bond');
    }
    assert.ok(!calListing.text.includes(ben.user.display_name), 'Cal learns who else the entry was shared with');

    const benListing = await ben.get(bondPath(ab.id, '/entries'));
    assert.ok(!benListing.text.includes(fromCal.id) && !benListing.text.includes(fromCal.body));
    assert.ok(!benListing.text.includes(cal.user.display_name));

    // The author sees all of them, each marked with its bond.
    const all = (await ana.get(entryPath(entry.id))).body.entry.responses;
    assert.deepEqual(all.map((r) => r.id).sort(), [...fromBen, fromCal].map((r) => r.id).sort());
    assert.equal(all.at(-1).id, fromCal.id, 'newest last');
    assert.ok(all.every((r) => r.bond_id === (r.from.id === cal.user.id ? ac.id : ab.id)));
  });

  test('after withdrawal the partner can no longer respond and no longer sees the responses', async () => {
    const res = await ana.delete(entryPath(entry.id, `/shares/${enc(ab.id)}`));
    assert.equal(res.status, 204, res.text);
    assertProblem(await ben.post(entryPath(entry.id, '/responses'), { kind: 'thanks' }), 404, 'not-found');
    const listing = await ben.get(bondPath(ab.id, '/entries'));
    for (const r of fromBen) {
      assert.ok(!listing.text.includes(r.id), 'a response of a withdrawn entry is still shown');
      if (r.body) assert.ok(!listing.text.includes(r.body));
    }
    // Responses are shown only while the entry stays shared in their bond.
    const own = (await ana.get(entryPath(entry.id))).body.entry;
    assert.deepEqual(own.shared_with, [ac.id]);
    assert.ok(own.responses.every((r) => r.bond_id === ac.id), 'responses from the withdrawn bond are no longer shown');
    // Cal's share is untouched.
    const forCal = shareOf(await bondEntries(cal, ac.id), entry.id);
    assert.equal(forCal.responses.length, 1);
  });
});

describe('deleting a shared entry', TIMEOUT, () => {
  test('takes it and its responses out of every bond at once', async () => {
    const entry = await writeEntry(ana, { kind: 'achievement', feelings: [{ word: cat.word('pride'), intensity: 5 }], body: uniqueText('proud') });
    await shareEntry(ana, entry.id, ab.id);
    await shareEntry(ana, entry.id, ac.id);
    const response = await respond(ben, entry.id, 'celebrate', uniqueText('cheers'));
    assert.ok(shareOf(await bondEntries(ben, ab.id), entry.id));

    const res = await ana.delete(entryPath(entry.id));
    assert.equal(res.status, 204, res.text);
    for (const [person, bond] of [[ben, ab], [ana, ab], [cal, ac], [ana, ac]]) {
      const listing = await person.get(bondPath(bond.id, '/entries'));
      assert.equal(listing.status, 200);
      assert.ok(!listing.text.includes(entry.id) && !listing.text.includes(entry.body), 'deleted entry still listed');
      assert.ok(!listing.text.includes(response.id) && !listing.text.includes(response.body), 'its response still listed');
    }
    assertProblem(await ben.post(entryPath(entry.id, '/responses'), { kind: 'hear' }), 404, 'not-found');
  });
});

describe('the bond listing', TIMEOUT, () => {
  test('holds entries of both members, newest share first, each marked mine from the viewer\'s side', async () => {
    const first = await writeEntry(ana, { body: uniqueText('listing one') });
    const second = await writeEntry(ben, { body: uniqueText('listing two') });
    const third = await writeEntry(ana, { body: uniqueText('listing three') });
    // Share in a different order than written: the listing follows the share.
    await shareEntry(ana, third.id, ab.id);
    await tick();
    await shareEntry(ben, second.id, ab.id);
    await tick();
    await shareEntry(ana, first.id, ab.id);
    const forBen = await bondEntries(ben, ab.id);
    const ids = [first.id, second.id, third.id];
    const shown = forBen.filter((e) => ids.includes(e.id));
    assert.deepEqual(shown.map((e) => e.id), ids, 'newest share first');
    assert.deepEqual(shown.map((e) => e.mine), [false, true, false]);
    const times = forBen.map((e) => Date.parse(e.shared_at));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    const forAna = (await bondEntries(ana, ab.id)).filter((e) => ids.includes(e.id));
    assert.deepEqual(forAna.map((e) => e.mine), [true, false, true]);
    assert.deepEqual(forAna[1].author, { id: ben.user.id, display_name: ben.user.display_name });
  });

  test('pages with before and limit', async () => {
    const all = await bondEntries(ben, ab.id);
    assert.ok(all.length >= 3);
    const first = await ben.get(bondPath(ab.id, '/entries?limit=2'));
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.entries.length, 2);
    assert.equal(typeof first.body.next_cursor, 'string');
    const rest = await ben.get(bondPath(ab.id, `/entries?limit=100&before=${enc(first.body.next_cursor)}`));
    assert.equal(rest.status, 200, rest.text);
    assert.equal(rest.body.next_cursor, null);
    assert.deepEqual([...first.body.entries, ...rest.body.entries].map((e) => e.id), all.map((e) => e.id));
    assertProblem(await ben.get(bondPath(ab.id, '/entries?limit=0')), 422, 'validation');
    assertProblem(await ben.get(bondPath(ab.id, '/entries?limit=101')), 422, 'validation');
    assertProblem(await ben.get(bondPath(ab.id, '/entries?before=garbage')), 422, 'validation');
  });

  test('a stranger gets 404 and a signed-out caller 401', async () => {
    const res = assertProblem(await sam.get(bondPath(ab.id, '/entries')), 404, 'not-found');
    assert.ok(!JSON.stringify(res).includes(ana.user.id));
    assertProblem(await new Client(server).get(bondPath(ab.id, '/entries')), 401, 'unauthenticated');
  });
});

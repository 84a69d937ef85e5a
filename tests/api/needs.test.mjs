// The two needs from both sides. A result is its owner's alone: the other member learns nothing of
// it — not its scores, not that it exists — until its owner shows it in their bond, and then only
// the latest result's date and scores, never the answers. When both show theirs, both see the same
// dance between them. Hiding, retaking and ending the bond each change what the other sees at once.

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { assertProblem } from './lib/client.mjs';
import { connectEvents } from './lib/events.mjs';
import { world } from './lib/fixture.mjs';
import { bondPath } from './lib/inner-world.mjs';
import { answersFor, needItems, takeNeeds } from './lib/needs.mjs';

const TIMEOUT = { timeout: 30_000 };
const enc = encodeURIComponent;

let w, ana, ben, ab, sam, dee, ad, items, benEvents, deeEvents;

const needsOf = (person, bond = ab) => person.get(bondPath(bond.id, '/needs'));
const show = (person, shown, bond = ab) => person.put(bondPath(bond.id, '/needs'), { shown });
const memberOf = (body, person) => body.members.find((m) => m.member_id === person.user.id);

/** Both members' view of the bond: the same JSON, except each one's own "shown" choice. */
async function bothSee() {
  const [a, b] = [await needsOf(ana), await needsOf(ben)];
  assert.equal(a.status, 200, a.text);
  assert.equal(b.status, 200, b.text);
  assert.deepEqual(a.body.dance, b.body.dance, 'both see the same dance');
  assert.deepEqual(a.body.members.map((m) => m.result), b.body.members.map((m) => m.result),
    'both see the same results');
  assert.deepEqual(a.body.members.map((m) => m.member_id), [ana.user.id, ben.user.id].sort(), 'members in id order');
  return a.body;
}

before(async () => {
  w = await world({ stranger: 'Sam' });
  ({ a: ana, b: ben, bond: ab, stranger: sam } = w);
  dee = await w.person('Dee');
  const invite = await dee.post('/api/v1/invites', { kind: 'family' });
  const accepted = await ana.post(`/api/v1/invites/${enc(invite.body.code)}/accept`, {});
  assert.equal(accepted.status, 201, accepted.text);
  ad = accepted.body.bond;
  items = await needItems(ana);
  benEvents = await connectEvents(w.server, ben);
  deeEvents = await connectEvents(w.server, dee);
});
after(async () => {
  await benEvents?.close();
  await deeEvents?.close();
  await w?.close();
});

describe('the questionnaire', TIMEOUT, () => {
  test('has 12 to 20 statements for the two needs, some keyed in reverse, and says it is not a test', async () => {
    const res = await ana.get('/api/v1/catalog');
    const { needs } = res.body;
    assert.ok(items.length >= 12 && items.length <= 20, `${items.length} statements`);
    assert.equal(new Set(items.map((i) => i.id)).size, items.length, 'ids are unique');
    for (const need of ['closeness', 'independence']) {
      const mine = items.filter((i) => i.need === need);
      assert.ok(mine.length >= 4, need);
      assert.ok(mine.some((i) => i.reverse) && mine.some((i) => !i.reverse), `${need} is keyed both ways`);
    }
    assert.match(needs.not_a_test, /not a test/i);
  });

  test('is scored as the mean of each need, reverse-keyed statements counted as 8 minus the answer', async () => {
    // Agreeing fully with every statement: the reversed ones count as 1, the rest as 7.
    const all7 = Object.fromEntries(items.map((i) => [i.id, 7]));
    const res = await sam.post('/api/v1/me/needs', { answers: all7 });
    assert.equal(res.status, 201, res.text);
    for (const need of ['closeness', 'independence']) {
      const mine = items.filter((i) => i.need === need);
      const expected = Math.round((mine.reduce((sum, i) => sum + (i.reverse ? 1 : 7), 0) / mine.length) * 100) / 100;
      assert.equal(res.body.result[need], expected, need);
    }
    // A hand-worked mix: answers chosen so each need's mean is exact.
    const result = await takeNeeds(sam, items, { closeness: 2, independence: 6 });
    assert.deepEqual([result.closeness, result.independence], [2, 6]);
    assert.deepEqual(result.bands, { closeness: 'light', independence: 'strong' });
    assert.equal(Object.keys(result.answers).length, items.length, 'the answers are kept with the result');
    const list = await sam.get('/api/v1/me/needs');
    assert.deepEqual(list.body.results.map((r) => r.id).slice(0, 2), [result.id, res.body.result.id], 'newest first');
  });

  test('refuses anything but every statement once, from 1 to 7, and keeps nothing then', async () => {
    const before = (await sam.get('/api/v1/me/needs')).body.results.length;
    const good = answersFor(items, { closeness: 4, independence: 4 });
    const first = items[0].id;
    const cases = [
      [{ answers: { ...good, [first]: 0 } }, `answers.${first}`],
      [{ answers: { ...good, [first]: 8 } }, `answers.${first}`],
      [{ answers: { ...good, [first]: 4.5 } }, `answers.${first}`],
      [{ answers: { ...good, [first]: '5' } }, `answers.${first}`],
      [{ answers: { ...good, [first]: true } }, `answers.${first}`],
      [{ answers: { ...good, [first]: 1e300 } }, `answers.${first}`],
      [{ answers: { ...good, made_up: 4 } }, 'answers.made_up'],
      [{ answers: Object.fromEntries(Object.entries(good).slice(1)) }, 'answers'],
      [{ answers: [4, 4, 4] }, 'answers'],
      [{}, 'answers'],
    ];
    for (const [body, field] of cases) {
      const res = await sam.post('/api/v1/me/needs', body);
      assertProblem(res, 422, 'validation');
      assert.ok(res.body.errors.some((e) => e.field === field), `${JSON.stringify(body).slice(0, 80)}: ${res.text}`);
    }
    assertProblem(await sam.request('POST', '/api/v1/me/needs', { body: '{"answers": ', headers: { 'content-type': 'application/json' } }), 400, 'bad-request');
    assert.equal((await sam.get('/api/v1/me/needs')).body.results.length, before, 'nothing was kept');
  });
});

describe('from the other side', TIMEOUT, () => {
  test('an unshown result is nowhere in the other\'s answers, events or lists', async () => {
    const mine = await takeNeeds(ana, items, { closeness: 7, independence: 2 });
    const body = await bothSee();
    assert.deepEqual(body.members.map((m) => [m.shown, m.result]), [[false, null], [false, null]]);
    assert.equal(body.dance, null);
    const bens = await ben.get('/api/v1/me/needs');
    assert.deepEqual(bens.body.results, [], 'Ben has no results of his own');
    await sleep(100);
    for (const res of [await needsOf(ben), bens]) assert.ok(!res.text.includes(mine.id), 'the result id never reaches Ben');
    assert.equal(benEvents.messages.filter((m) => m.type === 'needs_changed').length, 0, 'taking it told nobody');
  });

  test('shown, the other sees the latest date and scores only, and is told it changed', async () => {
    const res = await show(ana, true);
    assert.equal(res.status, 200, res.text);
    await benEvents.waitFor({ type: 'needs_changed', bond_id: ab.id });
    const event = benEvents.messages.find((m) => m.type === 'needs_changed');
    assert.deepEqual(Object.keys(event).sort(), ['bond_id', 'id', 'type'], 'the event carries no scores');
    const body = await bothSee();
    const hers = memberOf(body, ana);
    assert.equal(hers.shown, true);
    assert.deepEqual(Object.keys(hers.result).sort(), ['bands', 'closeness', 'independence', 'taken_at']);
    assert.deepEqual([hers.result.closeness, hers.result.independence], [7, 2]);
    assert.deepEqual(memberOf(body, ben), { member_id: ben.user.id, shown: false, result: null });
    assert.equal(body.dance, null, 'no dance until both show');
    // Shown in this bond only: Dee, in Ana's other bond, sees nothing of it and hears nothing.
    const dees = await needsOf(dee, ad);
    assert.deepEqual(memberOf(dees.body, ana), { member_id: ana.user.id, shown: false, result: null });
    assert.equal(deeEvents.messages.filter((m) => m.type === 'needs_changed').length, 0);
    assert.deepEqual((await ana.get('/api/v1/me/needs')).body.shown_in, [ab.id]);
  });

  test('choosing to show before having a result shows nothing to the other', async () => {
    const res = await show(ben, true);
    assert.equal(res.status, 200, res.text);
    assert.equal(memberOf(res.body, ben).shown, true, 'his own choice is his to see');
    const anas = await needsOf(ana);
    assert.deepEqual(memberOf(anas.body, ben), { member_id: ben.user.id, shown: false, result: null },
      'Ana cannot tell a chosen-but-empty showing from none');
  });

  test('when both show, both see the same dance between them', async () => {
    await takeNeeds(ben, items, { closeness: 3, independence: 6 });
    const body = await bothSee();
    assert.deepEqual(body.dance, { state: 'closer_and_roomier', closer: ana.user.id, roomier: ben.user.id, other: null });
    const words = (await ana.get('/api/v1/catalog')).body.needs.dance.states[body.dance.state];
    assert.ok(words.sentence.includes('{closer}') && words.suggestion.length > 0);
  });

  test('a retake is what the other sees next; hiding takes it away at once', async () => {
    const before = benEvents.messages.length;
    await takeNeeds(ana, items, { closeness: 3, independence: 6 });
    await benEvents.waitFor((m) => m.type === 'needs_changed' && benEvents.messages.indexOf(m) >= before);
    let body = await bothSee();
    assert.deepEqual([memberOf(body, ana).result.closeness, memberOf(body, ana).result.independence], [3, 6]);
    assert.deepEqual(body.dance, { state: 'alike', closer: null, roomier: null, other: null });

    const hidden = await show(ana, false);
    assert.equal(hidden.status, 200, hidden.text);
    body = await bothSee();
    assert.deepEqual(memberOf(body, ana), { member_id: ana.user.id, shown: false, result: null });
    assert.equal(body.dance, null);
    assert.deepEqual((await ana.get('/api/v1/me/needs')).body.shown_in, []);
    // Hiding twice changes nothing and tells nobody again.
    const count = benEvents.messages.length;
    assert.equal((await show(ana, false)).status, 200);
    await sleep(100);
    assert.equal(benEvents.messages.length, count);
  });

  test('deleting the shown result shows the one before it', async () => {
    assert.equal((await show(ana, true)).status, 200);
    const latest = (await ana.get('/api/v1/me/needs')).body.results[0];
    assert.equal((await ana.delete(`/api/v1/me/needs/${enc(latest.id)}`)).status, 204);
    const body = await bothSee();
    assert.deepEqual([memberOf(body, ana).result.closeness, memberOf(body, ana).result.independence], [7, 2]);
    assertProblem(await ana.delete(`/api/v1/me/needs/${enc(latest.id)}`), 404, 'not-found');
  });

  test('showing takes true or false only; outsiders get 404 and change nothing', async () => {
    for (const bad of [{}, { shown: 'yes' }, { shown: 1 }, { shown: null }]) {
      const res = await ana.put(bondPath(ab.id, '/needs'), bad);
      assertProblem(res, 422, 'validation');
      assert.ok(res.body.errors.some((e) => e.field === 'shown'));
    }
    assertProblem(await sam.put(bondPath(ab.id, '/needs'), { shown: true }), 404, 'not-found');
    assertProblem(await sam.get(bondPath(ab.id, '/needs')), 404, 'not-found');
    assert.equal(memberOf((await needsOf(ben)).body, ana).shown, true, 'still shown');
  });
});

describe('an ended bond', TIMEOUT, () => {
  test('shows neither profile any more, and each keeps their own results', async () => {
    const res = await ben.post(bondPath(ab.id, '/end'), {});
    assert.ok(res.status === 200 || res.status === 204, res.text);
    for (const person of [ana, ben]) {
      assertProblem(await needsOf(person), 409, 'bond-ended');
      assertProblem(await show(person, true), 409, 'bond-ended');
      assert.deepEqual((await person.get('/api/v1/me/needs')).body.shown_in, []);
    }
    assert.equal((await ana.get('/api/v1/me/needs')).body.results.length, 1, 'her first, after the retake was deleted');
    assert.equal((await ben.get('/api/v1/me/needs')).body.results.length, 1);
  });
});

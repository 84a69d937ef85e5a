// Insights from both sides. A bond's insights are the same answer for both members and count only
// what both could already see; what belongs to one person alone (a wish for time of one's own they
// keep private, how well they read the other, what they write and keep) appears only in their own
// /me/insights, never in the bond's answer, the other's self insights or an event. Affection
// appears only where both track it, with no hint of who does not.
//
// Check-ins can be made for the server's yesterday, today and tomorrow only, so these days are
// three: enough to see every count and the series, one short of the closeness means (the means
// and the card states are worked by hand in the unit tests).

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { assertProblem } from './lib/client.mjs';
import { checkinBody, putCheckin, utcDay } from './lib/checkins.mjs';
import { connectEvents } from './lib/events.mjs';
import { world } from './lib/fixture.mjs';
import { bondPath, respond, shareEntry, writeEntry } from './lib/inner-world.mjs';

const TIMEOUT = { timeout: 30_000 };
const enc = encodeURIComponent;
const insightsPath = (bondId, days) => bondPath(bondId, `/insights${days === undefined ? '' : `?days=${days}`}`);
const BOND_KEYS = ['appreciation', 'bond_id', 'closeness', 'days', 'from', 'highlight', 'members', 'needs',
  'responsiveness', 'space', 'to', 'vulnerability'];
// Wishes no other number in these answers comes near, so their absence can be checked in the text.
const ANA_WISH = 6131;
const BEN_WISH = 127;

let w, ana, ben, ab, cat, sam, anaEvents, benEvents;

async function insights(person, days) {
  const res = await person.get(insightsPath(ab.id, days));
  assert.equal(res.status, 200, res.text);
  return res;
}
async function mine(person, days) {
  const res = await person.get(`/api/v1/me/insights${days === undefined ? '' : `?days=${days}`}`);
  assert.equal(res.status, 200, res.text);
  return res;
}
/** Both members' answers: the same JSON, returned once. */
async function bothSee(days) {
  const [a, b] = [await insights(ana, days), await insights(ben, days)];
  assert.deepEqual(a.body, b.body, 'both members see the same insights');
  return a.body;
}
const byMember = (list) => Object.fromEntries(list.map((m) => [m.member_id, m]));

before(async () => {
  w = await world({ stranger: 'Sam', catalog: true });
  ({ a: ana, b: ben, bond: ab, cat, stranger: sam } = w);
  anaEvents = await connectEvents(w.server, ana);
  benEvents = await connectEvents(w.server, ben);

  // Ana keeps her wish to herself; Ben shows his.
  for (const [person, body] of [[ana, { own_time_wish_minutes: ANA_WISH }],
    [ben, { own_time_wish_minutes: BEN_WISH, show_own_time_wish: true }]]) {
    const res = await person.patch('/api/v1/me', body);
    assert.equal(res.status, 200, res.text);
  }
  // Ana tracks affection; Ben does not (yet).
  assert.equal((await ana.patch('/api/v1/me', { track_affection: true })).status, 200);

  // Three days both answered. Ben's primary feeling is calm each day; Ana guesses joy twice.
  const days = [utcDay(-1), utcDay(0), utcDay(1)];
  const anaDays = [
    { closeness_now: 3, closeness_wanted: 6, need: 'comfort', own_minutes: 30, together_minutes: 120, affection: true, lovemaking: false,
      guess: { family: 'joy', closeness_now: 5 } },
    { closeness_now: 4, closeness_wanted: 6, need: 'closeness', own_minutes: 0, together_minutes: 200, affection: true, lovemaking: true,
      guess: { family: 'joy', closeness_now: 2 } },
    { closeness_now: 2, closeness_wanted: 5, need: 'fine', own_minutes: 60, together_minutes: 60,
      guess: { family: 'calm', closeness_now: 5 } },
  ];
  const benDays = [
    { closeness_now: 5, closeness_wanted: 3, need: 'space', own_minutes: 100, together_minutes: 120, guess: { family: 'hurt', closeness_now: 3 } },
    { closeness_now: 5, closeness_wanted: 4, need: 'space', own_minutes: 0, together_minutes: 200, guess: { family: 'joy', closeness_now: 4 } },
    { closeness_now: 6, closeness_wanted: 4, need: 'fine', own_minutes: 20, together_minutes: 60, guess: { family: 'calm', closeness_now: 2 } },
  ];
  for (let i = 0; i < 3; i++) {
    await putCheckin(ana, ab.id, days[i], checkinBody(cat, {
      ...anaDays[i], feelings: [{ word: cat.word('sadness'), intensity: 4 }, { word: cat.word('joy'), intensity: 2 }],
    }));
    await putCheckin(ben, ab.id, days[i], checkinBody(cat, benDays[i]));
  }
  // Ana lets Ben in: a shared hurt (answered), a call for comfort (not yet answered), and an
  // entry about hurt she keeps. Ben says "I love you".
  const hurt = await writeEntry(ana, { kind: 'hurt', feelings: [{ word: cat.word('hurt'), intensity: 4 }] });
  await shareEntry(ana, hurt.id, ab.id);
  await respond(ben, hurt.id, 'comfort');
  await writeEntry(ana, { kind: 'feeling', feelings: [{ word: cat.word('hurt', 1), intensity: 2 }] });
  const comfort = await ana.post(bondPath(ab.id, '/comfort-requests'), {});
  assert.equal(comfort.status, 201, comfort.text);
  assert.equal((await ben.post(bondPath(ab.id, '/appreciations'), { kind: 'love' })).status, 201);
  // Ben asks for an evening to himself: a need of his own, counted with the others.
  const space = await ben.post(bondPath(ab.id, '/space-requests'), { when: 'tonight' });
  assert.equal(space.status, 201, space.text);
});
after(async () => {
  await anaEvents?.close();
  await benEvents?.close();
  await w?.close();
});

describe('a bond\'s insights', TIMEOUT, () => {
  test('are one answer for both, in a fixed order of members, with the window asked for', async () => {
    const body = await bothSee();
    assert.deepEqual(Object.keys(body).sort(), BOND_KEYS, 'affection is absent: Ben does not track it');
    assert.equal(body.bond_id, ab.id);
    assert.equal(body.days, 28);
    assert.equal(body.to, utcDay(1), 'the window ends on the latest day anyone may have reached');
    assert.equal(body.from, utcDay(-26));
    const ids = [ana.user.id, ben.user.id].sort();
    assert.deepEqual(body.members.map((m) => m.id), ids);
    assert.deepEqual(body.members.map((m) => m.name), ids.map((id) => (id === ana.user.id ? 'Ana' : 'Ben')));
    for (const card of ['needs', 'vulnerability', 'appreciation', 'space'])
      assert.deepEqual(body[card].members.map((m) => m.member_id), ids, `${card} follows the members' order`);
    assert.equal((await bothSee(7)).days, 7);
    assert.equal((await bothSee(365)).from, utcDay(-363));
  });

  test('closeness: three days are one short, with the series for the chart', async () => {
    const { closeness, members } = await bothSee();
    assert.equal(closeness.state, 'not_enough');
    assert.equal(closeness.days, 3);
    assert.equal(closeness.needed, 4);
    assert.ok(!('members' in closeness), 'no means below the minimum');
    assert.equal(closeness.pursue_withdraw, false);
    const anaFirst = members[0].id === ana.user.id;
    const pair = (x, y) => (anaFirst ? [x, y] : [y, x]);
    assert.deepEqual(closeness.series, [
      { day: utcDay(-1), now: pair(3, 5), wanted: pair(6, 3) },
      { day: utcDay(0), now: pair(4, 5), wanted: pair(6, 4) },
      { day: utcDay(1), now: pair(2, 6), wanted: pair(5, 4) },
    ]);
  });

  test('needs, time, warm words and answers are counted per member from what both could see', async () => {
    const body = await bothSee();
    const needs = byMember(body.needs.members);
    assert.equal(body.needs.state, 'comfort', 'asked outright, so named before the fourth day');
    assert.deepEqual(needs[ana.user.id],
      { member_id: ana.user.id, space: 0, closeness: 1, comfort: 1, fine: 1, space_requests: 0, comfort_requests: 1 });
    assert.deepEqual(needs[ben.user.id],
      { member_id: ben.user.id, space: 2, closeness: 0, comfort: 0, fine: 1, space_requests: 1, comfort_requests: 0 });

    const space = byMember(body.space.members);
    assert.equal(body.space.state, 'not_enough');
    assert.equal(space[ana.user.id].own_minutes, 90);
    assert.equal(space[ana.user.id].together_minutes, 380);
    assert.equal(space[ana.user.id].own_share, 0.19);
    assert.equal(space[ana.user.id].weekly_own_minutes, 210, '90 minutes over 3 days is 210 a week');
    assert.equal(space[ben.user.id].own_minutes, 120);
    assert.equal(space[ben.user.id].weekly_own_minutes, 280);
    assert.equal(space[ben.user.id].wish_per_week, BEN_WISH, 'a wish shown is in the bond\'s insights');
    assert.equal(space[ben.user.id].under_wish, false);
    assert.ok(!('wish_per_week' in space[ana.user.id]) && !('under_wish' in space[ana.user.id]),
      'a wish kept private is not there at all');

    const warm = byMember(body.appreciation.members);
    assert.equal(body.appreciation.state, 'some');
    assert.deepEqual(warm[ben.user.id], { member_id: ben.user.id, sent: 1, days_since_love: 0 });
    assert.deepEqual(warm[ana.user.id], { member_id: ana.user.id, sent: 0, days_since_love: null });

    assert.equal(body.responsiveness.state, 'some_unanswered');
    assert.equal(body.responsiveness.calls, 2, 'the shared hurt and the call for comfort, not the wish for space');
    assert.equal(body.responsiveness.answered, 1);
    assert.equal(typeof body.responsiveness.median_wait_minutes, 'number');
    assert.ok(!('members' in body.responsiveness), 'answers are counted for the two together, never per person');
  });

  test('vulnerability: Ana has let Ben in three times and he has not yet; it says so to both, gently', async () => {
    const body = await bothSee();
    const v = byMember(body.vulnerability.members);
    assert.deepEqual(v[ana.user.id], { member_id: ana.user.id, shared_vulnerable: 1, comfort_requests: 1, comfort_days: 1 });
    assert.deepEqual(v[ben.user.id], { member_id: ben.user.id, shared_vulnerable: 0, comfort_requests: 0, comfort_days: 0 });
    assert.equal(body.vulnerability.state, 'one_sided');
    assert.equal(body.vulnerability.one_sided, ana.user.id);
    assert.equal(body.highlight, 'vulnerability', 'what needs care comes first');
  });

  test('an answer to the call for comfort is counted at once', async () => {
    const list = await ben.get(bondPath(ab.id, '/comfort-requests'));
    assert.equal(list.status, 200, list.text);
    const open = (list.body.requests ?? list.body.comfort_requests).find((r) => !r.answered_at);
    const res = await ben.post(bondPath(ab.id, `/comfort-requests/${enc(open.id)}/answer`), {});
    assert.equal(res.status, 200, res.text);
    const body = await bothSee();
    assert.equal(body.responsiveness.state, 'answered');
    assert.equal(body.responsiveness.answered, 2);
  });

  test('affection appears only once both track it, and then the same for both', async () => {
    const before = await bothSee();
    assert.ok(!('affection' in before), 'Ana tracks, Ben does not: no affection, and no hint of who');
    assert.ok(!JSON.stringify(before).includes('affection'));
    assert.equal((await ben.patch('/api/v1/me', { track_affection: true })).status, 200);
    const both = await bothSee();
    assert.deepEqual(both.affection, { state: 'some', with_affection: 2, with_lovemaking: 1, affection_without_lovemaking: 1, wishes: [] });
    assert.equal((await ana.patch('/api/v1/me', { track_affection: false })).status, 200);
    assert.ok(!('affection' in await bothSee()), 'one turning it off hides it for both');
  });

  test('Ana\'s private wish is nowhere in what Ben can read', async () => {
    for (const path of [insightsPath(ab.id), insightsPath(ab.id, 365), bondPath(ab.id), '/api/v1/bonds', '/api/v1/me/insights',
      '/api/v1/notices']) {
      const res = await ben.get(path);
      assert.equal(res.status, 200, `${path}: ${res.text}`);
      assert.ok(!res.text.includes(String(ANA_WISH)), `${path} does not carry Ana's wish`);
    }
    const me = await ana.get('/api/v1/me');
    assert.equal(me.body.user.own_time_wish_minutes, ANA_WISH, 'she sees it herself');
    assert.equal(me.body.user.show_own_time_wish, false);
  });

  test('a bad window is a 422 naming days; the answer stays as it was', async () => {
    for (const days of ['6', '366', '0', '-7', 'abc', '', '28.5', '1e2', '28x', '99999999999999999999']) {
      const res = await ana.get(bondPath(ab.id, `/insights?days=${enc(days)}`));
      assertProblem(res, 422, 'validation');
      assert.ok(res.body.errors.some((e) => e.field === 'days'), res.text);
    }
    assert.equal((await bothSee()).closeness.days, 3);
  });

  test('a stranger and a signed-out caller learn nothing', async () => {
    assertProblem(await sam.get(insightsPath(ab.id)), 404, 'not-found');
    const res = await fetch(`${w.server.origin}${insightsPath(ab.id)}`);
    assert.equal(res.status, 401);
    assertProblem(await ana.get(insightsPath('no-such-bond')), 404, 'not-found');
  });
});

describe('insights for oneself alone', TIMEOUT, () => {
  test('Ana sees what she shares and keeps, her own time against her wish, and how she read Ben', async () => {
    const { body } = await mine(ana);
    assert.deepEqual(Object.keys(body).sort(), ['days', 'from', 'mind_reading', 'own_time', 'sharing_gap', 'to']);
    assert.deepEqual(body.sharing_gap, { state: 'told', families: [{ family: 'hurt', written: 2, shared: 1 }] });
    assert.deepEqual(body.own_time, { state: 'not_enough', days: 3, weekly_minutes: 210, wish_per_week: ANA_WISH });
    assert.equal(body.mind_reading.state, 'not_enough', 'three revealed days are one short');
    assert.deepEqual(body.mind_reading.bonds, [{
      bond_id: ab.id, name: 'Ben', days: 3, family_right: 1, closeness_right: 2, ask_about: ['calm'], needed: 4,
    }]);
  });

  test('Ben\'s are his own: none of Ana\'s accuracy, entries or wish', async () => {
    const { body, text } = await mine(ben);
    assert.deepEqual(body.sharing_gap, { state: 'not_enough', families: [] });
    assert.deepEqual(body.own_time, { state: 'not_enough', days: 3, weekly_minutes: 280, wish_per_week: BEN_WISH });
    assert.deepEqual(body.mind_reading.bonds, [{
      bond_id: ab.id, name: 'Ana', days: 3, family_right: 0, closeness_right: 3, ask_about: ['sadness'], needed: 4,
    }]);
    assert.ok(!text.includes(String(ANA_WISH)));
    const bond = await insights(ben);
    for (const key of ['sharing_gap', 'mind_reading', 'own_time', 'family_right', 'closeness_right', 'ask_about', 'written'])
      assert.ok(!bond.text.includes(key), `the bond's insights carry no ${key}`);
  });

  test('a stranger has insights of their own, with nothing of anyone else', async () => {
    const { body, text } = await mine(sam);
    assert.deepEqual(body.mind_reading, { state: 'not_enough', bonds: [] });
    assert.deepEqual(body.sharing_gap.families, []);
    assert.equal(body.own_time.days, 0);
    assert.equal(body.own_time.wish_per_week, null);
    assert.ok(!text.includes(ab.id));
  });

  test('insights are never sent as events', async () => {
    await mine(ana);
    await insights(ana);
    await ana.patch('/api/v1/me', { own_time_wish_minutes: ANA_WISH + 1 });
    await sleep(100);
    for (const stream of [anaEvents, benEvents]) {
      const all = stream.raw.join('\n');
      for (const word of ['insight', 'wish', 'family_right', String(ANA_WISH)])
        assert.ok(!all.includes(word), `no event carries ${word}`);
    }
  });
});

describe('the own-time wish', TIMEOUT, () => {
  test('takes whole minutes a week from 0 to 10080, or null to clear it', async () => {
    for (const bad of [-1, 10081, 1.5, '240', true, {}]) {
      const res = await sam.patch('/api/v1/me', { own_time_wish_minutes: bad });
      assertProblem(res, 422, 'validation');
      assert.ok(res.body.errors.some((e) => e.field === 'own_time_wish_minutes'), res.text);
    }
    assertProblem(await sam.patch('/api/v1/me', { show_own_time_wish: 'yes' }), 422, 'validation');
    for (const good of [0, 10080, null]) {
      const res = await sam.patch('/api/v1/me', { own_time_wish_minutes: good });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.user.own_time_wish_minutes, good);
    }
    const kept = await sam.patch('/api/v1/me', { own_time_wish_minutes: 300 });
    assert.equal((await sam.patch('/api/v1/me', { display_name: 'Sam' })).body.user.own_time_wish_minutes, 300,
      'a change to something else keeps the wish');
    assert.equal(kept.status, 200);
  });
});

describe('an ended bond', TIMEOUT, () => {
  test('has no insights for either, and leaves each one\'s reading of it behind', async () => {
    const res = await ana.post(bondPath(ab.id, '/end'), {});
    assert.ok(res.status === 200 || res.status === 204, res.text);
    for (const person of [ana, ben]) assertProblem(await person.get(insightsPath(ab.id)), 409, 'bond-ended');
    assert.deepEqual((await mine(ana)).body.mind_reading.bonds, []);
    assert.deepEqual((await mine(ana)).body.sharing_gap.families, [{ family: 'hurt', written: 2, shared: 0 }],
      'ending the bond revoked the share; what she wrote stays hers');
  });
});

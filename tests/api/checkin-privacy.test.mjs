// Check-ins from the other person's side: nobody has to go first. Until both checked in for a
// day, the other learns only that you did — not a value, not a count, not whether you edited —
// from the day view or the history; strangers, signed-out callers and members of other bonds
// learn nothing at all.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client, assertProblem } from './lib/client.mjs';
import { checkinBody, checkinPath, getDay, getHistory, historyPath, putCheckin, utcDay } from './lib/checkins.mjs';
import { world } from './lib/fixture.mjs';
import { bondPath } from './lib/inner-world.mjs';

const TIMEOUT = { timeout: 30_000 };

let w;
let server;
let ana; // checks in first
let ben; // Ana's partner, checks in last
let cal; // Ana's friend: a member of another bond of Ana's
let sam; // a stranger, with no bond at all
let ab;
let ac;
let cat;

const today = utcDay(0);
const tomorrow = utcDay(1);

// Ana's values are distinctive, so finding one in a response means it came from her check-in.
const anaValues = () => ({
  feelings: [{ word: cat.word('shame', 4), intensity: 4 }, { word: cat.word('loneliness', 6), intensity: 2 }],
  closeness_now: 2,
  closeness_wanted: 7,
  need: 'comfort',
  own_minutes: 1337,
  together_minutes: 1229,
  guess: { family: 'pride', closeness_now: 6 },
});
const anaEdits = () => [
  { ...anaValues(), own_minutes: 1338, together_minutes: 1228 },
  { ...anaValues(), feelings: [{ word: cat.word('fear', 5), intensity: 5 }], need: 'space', own_minutes: 1339 },
  { ...anaValues(), closeness_now: 6, closeness_wanted: 1, guess: { family: 'anger', closeness_now: 1 }, own_minutes: 1336 },
];
// Strings of Ana's that must never reach Ben before the reveal.
const anaSecrets = () => ({
  own_minutes: '1337', together_minutes: '1229', edited_minutes_1: '1338', edited_minutes_2: '1228',
  edited_minutes_3: '1339', edited_minutes_4: '1336', word_1: cat.word('shame', 4), word_2: cat.word('loneliness', 6),
  edited_word: cat.word('fear', 5), need: 'comfort', guess: 'pride', edited_guess: 'anger', name: '"from"',
  primary: 'primary_family',
});

/** Everything Ben can ask about the bond's check-ins today, as raw text. */
async function benSees() {
  const seen = {
    day: (await getDay(ben, ab.id, today)).text,
    history: (await getHistory(ben, ab.id)).text,
    range: (await getHistory(ben, ab.id, { from: today, to: today })).text,
    tomorrow: (await getDay(ben, ab.id, tomorrow)).text,
  };
  const bond = await ben.get(bondPath(ab.id));
  assert.equal(bond.status, 200, bond.text);
  seen.bond = bond.text;
  const bonds = await ben.get('/api/v1/bonds');
  assert.equal(bonds.status, 200, bonds.text);
  seen.bonds = bonds.text;
  return seen;
}

/** Asserts that none of Ana's secrets appears in any of `seen`. */
function assertNothingOfAna(seen, who) {
  const secrets = anaSecrets();
  for (const [where, raw] of Object.entries(seen)) {
    // A request id is random hex and may hold any run of digits; it says nothing of Ana.
    const text = raw.replace(/"request_id":"[0-9a-f]+"/g, '"request_id":"-"');
    for (const [what, value] of Object.entries(secrets)) {
      assert.ok(!text.includes(value), `${who}'s ${where} response revealed Ana's ${what} (${value}): ${text}`);
    }
  }
}

before(async () => {
  w = await world({ alsoBondedToA: [['Cal', 'friend']], stranger: 'Sam', catalog: true });
  ({ server, a: ana, b: ben, bond: ab, stranger: sam, cat, alsoBondedToA: [{ person: cal, bond: ac }] } = w);
});
after(() => w?.close());

describe('before the reveal, from the other person\'s side', TIMEOUT, () => {
  let untouched; // what Ben saw before anyone checked in
  let afterFirst; // what Ben saw after Ana's first check-in
  let anaFirst;

  test('before anyone checks in, both see nothing but "waiting"', async () => {
    untouched = await benSees();
    assert.deepEqual(JSON.parse(untouched.day), { day: today, revealed: false, mine: null, partner: { status: 'waiting' } });
    assert.deepEqual(JSON.parse(untouched.history), { days: [] });
    const forAna = await getDay(ana, ab.id, today);
    assert.deepEqual(forAna.body, { day: today, revealed: false, mine: null, partner: { status: 'waiting' } });
    assertNothingOfAna(untouched, 'Ben');
  });

  test('after Ana checks in, Ben\'s day shows exactly {status: "checked_in"} and mine null', async () => {
    anaFirst = (await putCheckin(ana, ab.id, today, anaValues())).checkin;
    assert.equal(anaFirst.own_minutes, 1337, 'the distinctive value was stored');
    afterFirst = await benSees();
    const day = JSON.parse(afterFirst.day);
    assert.deepEqual(day.partner, { status: 'checked_in' });
    assert.deepEqual(Object.keys(day.partner), ['status'], 'the other\'s check-in is only a status');
    assert.deepEqual(day, { day: today, revealed: false, mine: null, partner: { status: 'checked_in' } });
    assert.equal(afterFirst.day, untouched.day.replace('"waiting"', '"checked_in"'),
      'the status is the only difference in Ben\'s day view');
  });

  test('Ana sees her own check-in and Ben "waiting"', async () => {
    const res = await getDay(ana, ab.id, today);
    assert.deepEqual(res.body, { day: today, revealed: false, mine: anaFirst, partner: { status: 'waiting' } });
  });

  test('Ben\'s history has no entry for the day at all; nothing else of his changed', async () => {
    assert.deepEqual(JSON.parse(afterFirst.history), { days: [] });
    assert.deepEqual(JSON.parse(afterFirst.range), { days: [] });
    assert.equal(afterFirst.history, untouched.history);
    assert.equal(afterFirst.range, untouched.range);
    assert.equal(afterFirst.tomorrow, untouched.tomorrow);
    assert.equal(afterFirst.bond, untouched.bond, 'the bond itself does not change when Ana checks in');
    assert.equal(afterFirst.bonds, untouched.bonds);
  });

  test('Ana\'s history has the day exactly as her day view shows it: Ben only "waiting"', async () => {
    const days = (await getHistory(ana, ab.id)).body.days;
    assert.equal(days.length, 1);
    assert.deepEqual(days[0], { day: today, revealed: false, mine: anaFirst, partner: { status: 'waiting' } });
    assert.deepEqual(days[0], (await getDay(ana, ab.id, today)).body);
  });

  test('none of Ana\'s values reach Ben', () => {
    assertNothingOfAna(afterFirst, 'Ben');
  });

  test('Ana editing again and again changes nothing Ben can observe, byte for byte', async () => {
    for (const edit of anaEdits()) {
      const res = await putCheckin(ana, ab.id, today, edit);
      assert.equal(res.revealed, false);
      const now = await benSees();
      assert.deepEqual(now, afterFirst, 'Ben\'s responses are identical after Ana\'s edit');
      assertNothingOfAna(now, 'Ben');
    }
  });

  test('the response headers Ben gets do not change with Ana\'s edits either', async () => {
    const headersOf = async () => {
      const res = await ben.get(checkinPath(ab.id, today));
      const kept = {};
      for (const [name, value] of res.headers) if (!['date', 'x-request-id'].includes(name)) kept[name] = value;
      return kept;
    };
    const before = await headersOf();
    await putCheckin(ana, ab.id, today, anaValues());
    assert.deepEqual(await headersOf(), before);
    await putCheckin(ana, ab.id, today, anaEdits()[2]);
    assert.deepEqual(await headersOf(), before);
  });

  test('Ana checking in on another day tells Ben only about that day', async () => {
    await putCheckin(ana, ab.id, tomorrow, anaEdits()[0]);
    const now = await benSees();
    assert.deepEqual(JSON.parse(now.tomorrow), { day: tomorrow, revealed: false, mine: null, partner: { status: 'checked_in' } });
    assert.equal(now.day, afterFirst.day);
    assert.equal(now.history, afterFirst.history, 'a day only Ana checked in on stays out of Ben\'s history');
    assertNothingOfAna(now, 'Ben');
  });

  test('a check-in in one bond is not a check-in in another', async () => {
    const forCal = await getDay(cal, ac.id, today);
    assert.deepEqual(forCal.body, { day: today, revealed: false, mine: null, partner: { status: 'waiting' } });
    assert.deepEqual((await getHistory(cal, ac.id)).body, { days: [] });
    const forAna = await getDay(ana, ac.id, today);
    assert.deepEqual(forAna.body, { day: today, revealed: false, mine: null, partner: { status: 'waiting' } });
    assert.deepEqual((await getHistory(ana, ac.id)).body, { days: [] });
  });
});

describe('who may not look at all', TIMEOUT, () => {
  const routes = () => [
    ['PUT one day', (who, bond = ab) => who.put(checkinPath(bond.id, today), checkinBody(cat))],
    ['GET one day', (who, bond = ab) => who.get(checkinPath(bond.id, today))],
    ['GET the history', (who, bond = ab) => who.get(historyPath(bond.id))],
    ['GET the history with a range', (who, bond = ab) => who.get(historyPath(bond.id, { from: today, to: tomorrow }))],
  ];

  test('a stranger gets 404 on every check-in route, and nothing of Ana\'s', async () => {
    for (const [label, call] of routes()) {
      const res = await call(sam);
      assertProblem(res, 404, 'not-found');
      assertNothingOfAna({ [label]: res.text }, 'Sam');
    }
  });

  test('a member of another bond of Ana\'s gets 404 on every check-in route of this one', async () => {
    for (const [label, call] of routes()) {
      const res = await call(cal);
      assertProblem(res, 404, 'not-found');
      assertNothingOfAna({ [label]: res.text }, 'Cal');
    }
  });

  test('a signed-out caller gets 401 on every check-in route', async () => {
    const nobody = new Client(server);
    for (const [label, call] of routes()) {
      const res = await call(nobody);
      assertProblem(res, 401, 'unauthenticated');
      assertNothingOfAna({ [label]: res.text }, 'a signed-out caller');
    }
  });

  test('a bad day, range or body does not let an outsider probe: still 404, or 401 signed out', async () => {
    const probes = (bond) => [
      (who) => who.get(checkinPath(bond.id, 'not-a-day')),
      (who) => who.put(checkinPath(bond.id, 'not-a-day'), checkinBody(cat)),
      (who) => who.put(checkinPath(bond.id, utcDay(-5)), checkinBody(cat)),
      (who) => who.put(checkinPath(bond.id, today), { ...checkinBody(cat), closeness_now: 99 }),
      (who) => who.get(historyPath(bond.id, { from: 'x', to: today })),
      (who) => who.get(historyPath(bond.id, { from: '1990-01-01', to: today })),
    ];
    for (const probe of probes(ab)) {
      assertProblem(await probe(sam), 404, 'not-found');
      assertProblem(await probe(cal), 404, 'not-found');
      assertProblem(await probe(new Client(server)), 401, 'unauthenticated');
    }
  });

  test('a stranger\'s 404 is the same as for a bond that does not exist', async () => {
    const missing = { id: 'no-such-bond' };
    for (const [label, call] of routes()) {
      const stranger = await call(sam);
      const unknown = await call(ana, missing);
      assertProblem(unknown, 404, 'not-found');
      assert.equal(stranger.body.type, unknown.body.type, label);
      assert.equal(stranger.body.title, unknown.body.title, label);
      assert.equal(stranger.body.detail, unknown.body.detail, label);
    }
  });

  test('none of them changed anything: Ana\'s check-in is still hers alone', async () => {
    const res = await getDay(ana, ab.id, today);
    assert.equal(res.body.mine.own_minutes, anaEdits()[2].own_minutes);
    assert.deepEqual(res.body.partner, { status: 'waiting' });
  });
});

describe('at the reveal', TIMEOUT, () => {
  test('Ben checking in shows him Ana\'s latest values in full, and her his', async () => {
    const res = await putCheckin(ben, ab.id, today, checkinBody(cat, { own_minutes: 5 }));
    assert.equal(res.revealed, true);
    const forBen = (await getDay(ben, ab.id, today)).body;
    const latest = anaEdits()[2];
    assert.equal(forBen.partner.own_minutes, latest.own_minutes);
    assert.equal(forBen.partner.closeness_now, latest.closeness_now);
    assert.deepEqual(forBen.partner.feelings.map((f) => f.word), latest.feelings.map((f) => f.word));
    assert.equal(forBen.partner.guess.family, latest.guess.family);
    const forAna = (await getDay(ana, ab.id, today)).body;
    assert.deepEqual(forAna.partner, forBen.mine);
    const history = (await getHistory(ben, ab.id)).body.days;
    assert.deepEqual(history.map((d) => [d.day, d.revealed]), [[today, true]],
      'the revealed day joins Ben\'s history; Ana\'s lone day tomorrow still does not');
    assert.deepEqual(history[0].partner, forBen.partner);
  });

  test('the reveal in one bond shows nothing in another', async () => {
    assert.deepEqual((await getDay(cal, ac.id, today)).body,
      { day: today, revealed: false, mine: null, partner: { status: 'waiting' } });
    for (const [who, person] of [['Sam', sam], ['Cal', cal]]) {
      const res = await person.get(checkinPath(ab.id, today));
      assertProblem(res, 404, 'not-found');
      assertNothingOfAna({ day: res.text }, who);
    }
  });
});

// One rule for what each person sees of the other's check-ins, tried from the other person's side:
// - a revealed check-in shows no edit history: whether, and when, an answer changed before the
//   reveal is not visible to the other (nor to oneself) in the day view, the PUT answer or history;
// - the other's presence ("checked_in" / "waiting") is shown only for a day that can still be
//   answered; for a day long past nothing says whether the other answered, in the day view and the
//   history alike;
// - in an ended bond each keeps only their own check-ins, and later renames never reach the former
//   partner.
// Days long past cannot be answered through the API, so one test moves stored check-ins 400 days
// back while the server is stopped, and starts it again on the same data.

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { Client, assertProblem } from './lib/client.mjs';
import { checkinPath, getDay, getHistory, historyPath, putCheckin, shiftDay, utcDay } from './lib/checkins.mjs';
import { world } from './lib/fixture.mjs';
import { bondPath } from './lib/inner-world.mjs';
import { queryDatabase } from './lib/postgres.mjs';

const TIMEOUT = { timeout: 60_000 };
const SHIFT = 400; // days a check-in is moved into the past

let w;
let server;
let ana;
let ben; // Ana's partner
let eve; // Ana's friend; their bond ends
let sam; // a stranger
let ab;
let ae;
let cat;

const yesterday = utcDay(-1);
const today = utcDay(0);
const tomorrow = utcDay(1);

before(async () => {
  w = await world({ restartable: true, alsoBondedToA: [['Eve', 'friend']], stranger: 'Sam', catalog: true });
  ({ server, a: ana, b: ben, bond: ab, stranger: sam, cat, alsoBondedToA: [{ person: eve, bond: ae }] } = w);
});
after(() => w?.close());

// Distinctive values, so finding one in a response says whose check-in it came from.
const anaValues = () => ({
  feelings: [{ word: cat.word('shame', 4), intensity: 4 }, { word: cat.word('calm'), intensity: 2 }],
  closeness_now: 2,
  closeness_wanted: 7,
  need: 'comfort',
  own_minutes: 1337,
  together_minutes: 1229,
  guess: { family: 'joy', closeness_now: 5 },
});
const benValues = () => ({
  feelings: [{ word: cat.word('joy'), intensity: 5 }],
  closeness_now: 5,
  closeness_wanted: 6,
  need: 'closeness',
  own_minutes: 1111,
  together_minutes: 1021,
  guess: { family: 'shame', closeness_now: 3 },
});
const eveValues = () => ({ ...benValues(), own_minutes: 1303, together_minutes: 1307 });
const eveSecrets = ['1303', '1307'];

/** A response as text, with the given days and every time replaced, so two days compare byte for byte. */
function sameDay(text, days) {
  let out = text.replace(/"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z"/g, '"TIME"');
  for (const day of days) out = out.replaceAll(`"${day}"`, '"DAY"');
  return out;
}

describe('a revealed check-in shows no edit history', TIMEOUT, () => {
  const seen = {};
  let anaFirstToday;

  test('Ana answers yesterday once; today she answers, changes it twice, and Ben answers both days', async () => {
    await putCheckin(ana, ab.id, yesterday, anaValues());
    anaFirstToday = (await putCheckin(ana, ab.id, today, { ...anaValues(), need: 'space', own_minutes: 1 })).checkin;
    // Times are shown to the second: wait so that the edit time differs from the creation time.
    await sleep(1_100);
    await putCheckin(ana, ab.id, today, { ...anaValues(), closeness_now: 7 });
    const edited = (await putCheckin(ana, ab.id, today, anaValues())).checkin;
    assert.equal(edited.created_at, anaFirstToday.created_at, 'an edit keeps the creation time');
    assert.ok(Date.parse(edited.updated_at) > Date.parse(edited.created_at),
      'before the reveal, one\'s own check-in keeps its edit time');
    for (const day of [yesterday, today]) {
      const put = await ben.put(checkinPath(ab.id, day), benValues());
      assert.equal(put.status, 200, put.text);
      assert.equal(put.body.revealed, true);
      seen[`benPut ${day}`] = put.text;
    }
    for (const [name, person] of [['ben', ben], ['ana', ana]]) {
      for (const day of [yesterday, today]) seen[`${name}Day ${day}`] = (await getDay(person, ab.id, day)).text;
      for (const entry of (await getHistory(person, ab.id)).body.days) {
        seen[`${name}History ${entry.day}`] = JSON.stringify(entry);
      }
    }
  });

  test('Ben\'s view of the revealed day is byte-identical whether or not Ana changed her answer', () => {
    const edited = sameDay(seen[`benDay ${today}`], [today]);
    assert.equal(edited, sameDay(seen[`benDay ${yesterday}`], [yesterday]));
    const day = JSON.parse(seen[`benDay ${today}`]);
    assert.equal(day.revealed, true);
    assert.equal(day.partner.own_minutes, 1337, 'Ben sees Ana\'s latest answers');
  });

  test('so are Ana\'s own view, Ben\'s answer to the PUT that revealed it, and each day of both histories', () => {
    for (const key of ['anaDay', 'benPut', 'benHistory', 'anaHistory']) {
      assert.ok(seen[`${key} ${today}`] && seen[`${key} ${yesterday}`], `${key} has both days`);
      assert.equal(sameDay(seen[`${key} ${today}`], [today]), sameDay(seen[`${key} ${yesterday}`], [yesterday]), key);
    }
  });

  test('no revealed view carries an edit time, on either side', () => {
    for (const [where, text] of Object.entries(seen)) {
      assert.ok(!text.includes('updated_at'), `${where} carries an edit time: ${text}`);
    }
  });

  test('the created_at Ben sees is Ana\'s first answer, which no edit moves', () => {
    assert.equal(JSON.parse(seen[`benDay ${today}`]).partner.created_at, anaFirstToday.created_at);
  });
});

describe('the other\'s presence is shown only for a day that can still be answered', TIMEOUT, () => {
  const nobodyDay = shiftDay(tomorrow, 1 - SHIFT); // a day long past that nobody answered
  const old = (day) => shiftDay(day, -SHIFT);

  test('Ana answers tomorrow alone: Ben sees only "checked_in", and not in his history', async () => {
    await putCheckin(ana, ab.id, tomorrow, { ...anaValues(), own_minutes: 1338 });
    assert.deepEqual((await getDay(ben, ab.id, tomorrow)).body,
      { day: tomorrow, revealed: false, mine: null, partner: { status: 'checked_in' } });
    assert.deepEqual((await getDay(ana, ab.id, tomorrow)).body.partner, { status: 'waiting' });
    assert.deepEqual((await getHistory(ben, ab.id)).body.days.map((d) => d.day), [yesterday, today]);
  });

  test('400 days later, nothing says that Ana answered that day: not the day view, not the history', async () => {
    assert.match(ab.id, /^[A-Za-z0-9_-]+$/, 'the bond id is safe to put in SQL');
    await w.stop();
    await queryDatabase(w.dataDir, `UPDATE checkins SET day = day - ${SHIFT} WHERE bond_id = '${ab.id}'`);
    server = await w.start(); // Ana, Ben, Eve and Sam now talk to the new server

    const forBen = await getDay(ben, ab.id, old(tomorrow));
    assert.deepEqual(forBen.body, { day: old(tomorrow), revealed: false, mine: null }, 'no partner key at all');
    const untouched = await getDay(ben, ab.id, nobodyDay);
    assert.equal(sameDay(forBen.text, [old(tomorrow)]), sameDay(untouched.text, [nobodyDay]),
      'a day only Ana answered looks exactly like a day nobody answered');
    const range = { from: old(yesterday), to: nobodyDay };
    assert.deepEqual((await getHistory(ben, ab.id, range)).body.days.map((d) => [d.day, d.revealed]),
      [[old(yesterday), true], [old(today), true]]);
  });

  test('Ana sees her own answer of that day, and nothing of Ben: no "waiting" either', async () => {
    const forAna = (await getDay(ana, ab.id, old(tomorrow))).body;
    assert.deepEqual(Object.keys(forAna).sort(), ['day', 'mine', 'revealed']);
    assert.equal(forAna.mine.own_minutes, 1338);
    const history = (await getHistory(ana, ab.id, { from: old(yesterday), to: nobodyDay })).body.days;
    assert.deepEqual(history.map((d) => d.day), [old(yesterday), old(today), old(tomorrow)]);
    for (const entry of history) assert.deepEqual(entry, (await getDay(ana, ab.id, entry.day)).body, entry.day);
  });

  test('a day both answered stays revealed, still without edit times', async () => {
    for (const person of [ana, ben]) {
      const res = await getDay(person, ab.id, old(today));
      assert.equal(res.body.revealed, true);
      assert.ok(!res.text.includes('updated_at'), res.text);
    }
  });

  test('today, after the move, shows the status again: the rule follows the day, not the data', async () => {
    assert.deepEqual((await getDay(ben, ab.id, today)).body, { day: today, revealed: false, mine: null, partner: { status: 'waiting' } });
  });
});

describe('an ended bond: each keeps only their own check-ins', TIMEOUT, () => {
  const later = utcDay(5); // a day nobody answered
  const views = {};

  before(async () => {
    await putCheckin(ana, ae.id, yesterday, anaValues());
    await putCheckin(ana, ae.id, today, anaValues());
    await putCheckin(eve, ae.id, today, eveValues());
    await putCheckin(eve, ae.id, tomorrow, eveValues());
    assert.equal((await getDay(ana, ae.id, today)).body.revealed, true, 'revealed while the bond was active');
    const ended = await eve.post(bondPath(ae.id, '/end'), {});
    assert.equal(ended.status, 200, ended.text);
    for (const [name, person] of [['ana', ana], ['eve', eve]]) {
      for (const day of [yesterday, today, tomorrow, later]) views[`${name} ${day}`] = await getDay(person, ae.id, day);
    }
  });

  test('Ana\'s day views show only her own check-in: no partner key, nothing revealed, no guess scored', async () => {
    assert.deepEqual(Object.keys(views[`ana ${today}`].body).sort(), ['day', 'mine', 'revealed']);
    assert.equal(views[`ana ${today}`].body.revealed, false, 'a day both answered is no longer revealed');
    assert.equal(views[`ana ${today}`].body.mine.own_minutes, 1337);
    assert.equal(views[`ana ${today}`].body.mine.guess.family_right, null);
    assert.deepEqual(views[`ana ${yesterday}`].body.mine.own_minutes, 1337);
    for (const day of [yesterday, today, tomorrow, later]) {
      const { text } = views[`ana ${day}`];
      assert.ok(!text.includes('partner'), `${day}: ${text}`);
      assert.ok(!text.includes(eve.user.id), `${day}: Eve's id in ${text}`);
      for (const secret of eveSecrets) assert.ok(!text.includes(secret), `${day}: Eve's ${secret} in ${text}`);
    }
  });

  test('a day only Eve answered looks to Ana exactly like a day nobody answered', () => {
    assert.deepEqual(views[`ana ${tomorrow}`].body, { day: tomorrow, revealed: false, mine: null });
    assert.equal(sameDay(views[`ana ${tomorrow}`].text, [tomorrow]), sameDay(views[`ana ${later}`].text, [later]));
  });

  test('Eve, who ended it, sees the same of Ana: only her own', () => {
    assert.deepEqual(views[`eve ${yesterday}`].body, { day: yesterday, revealed: false, mine: null });
    assert.equal(views[`eve ${today}`].body.mine.own_minutes, 1303);
    assert.equal(views[`eve ${tomorrow}`].body.mine.own_minutes, 1303);
    for (const day of [yesterday, today, tomorrow]) {
      const { text } = views[`eve ${day}`];
      assert.ok(!text.includes('partner') && !text.includes('1337') && !text.includes(ana.user.id), `${day}: ${text}`);
    }
  });

  test('each history lists only the caller\'s own days, each as the day view shows it', async () => {
    for (const [person, days] of [[ana, [yesterday, today]], [eve, [today, tomorrow]]]) {
      const res = await getHistory(person, ae.id);
      assert.deepEqual(res.body.days.map((d) => d.day), days);
      for (const entry of res.body.days) assert.deepEqual(entry, (await getDay(person, ae.id, entry.day)).body);
      assert.ok(!res.text.includes('partner'), res.text);
    }
  });

  test('a rename after the end reaches nothing of the bond the former partner can read', async () => {
    const renamed = await eve.patch('/api/v1/me', { display_name: 'Eve Renamed' });
    assert.equal(renamed.status, 200, renamed.text);
    const bond = await ana.get(bondPath(ae.id));
    assert.equal(bond.status, 200, bond.text);
    assert.deepEqual(bond.body.bond.other, { id: eve.user.id, display_name: 'Eve' }, 'Eve as she was when it ended');
    const reads = [
      bond,
      await ana.get('/api/v1/bonds'),
      await ana.get(checkinPath(ae.id, today)),
      await ana.get(checkinPath(ae.id, tomorrow)),
      await ana.get(historyPath(ae.id)),
      await ana.get(bondPath(ae.id, '/appreciations')),
      await ana.get(bondPath(ae.id, '/comfort-requests')),
      await ana.get(bondPath(ae.id, '/entries')),
    ];
    for (const res of reads) {
      assert.equal(res.status, 200, res.text);
      assert.ok(!res.text.includes('Eve Renamed'), `the new name reached Ana: ${res.text}`);
    }
    // Eve sees her own check-ins under her own name as it is now.
    assert.equal((await getDay(eve, ae.id, today)).body.mine.from.display_name, 'Eve Renamed');
  });

  test('strangers, the partner of another bond and signed-out callers still get nothing', async () => {
    const nobody = new Client(server);
    for (const route of [checkinPath(ae.id, today), checkinPath(ae.id, tomorrow), historyPath(ae.id)]) {
      for (const outsider of [sam, ben]) {
        const res = await outsider.get(route);
        assertProblem(res, 404, 'not-found');
        for (const secret of ['1337', ...eveSecrets]) assert.ok(!res.text.includes(secret), res.text);
      }
      assertProblem(await nobody.get(route), 401, 'unauthenticated');
    }
  });
});

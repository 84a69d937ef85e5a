// Daily check-ins: writing and editing one's own check-in, what the server refuses, which days
// are open, the reveal once both checked in (with each guess scored) and the lock after it,
// affection and love-making ticks (partner bonds, opt-in), ended bonds, and the history.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertProblem } from './lib/client.mjs';
import {
  checkinBody, checkinPath, getDay, getHistory, historyPath, putCheckin, shiftDay, utcDay, written,
} from './lib/checkins.mjs';
import { world } from './lib/fixture.mjs';
import { assertInvalid, bondPath } from './lib/inner-world.mjs';

const TIMEOUT = { timeout: 30_000 };

let w;
let ana;
let ben; // Ana's partner
let fay; // Ana's friend
let gus; // Ana's family; their bond is ended later
let ab;
let af;
let ag;
let cat;

// The server's UTC date and the two days either side that a check-in may be for.
const today = utcDay(0);
const yesterday = utcDay(-1);
const tomorrow = utcDay(1);

before(async () => {
  w = await world({ alsoBondedToA: [['Fay', 'friend'], ['Gus', 'family']], catalog: true });
  ({ a: ana, b: ben, bond: ab, cat, alsoBondedToA: [{ person: fay, bond: af }, { person: gus, bond: ag }] } = w);
});
after(() => w?.close());

describe('one\'s own check-in before the reveal', TIMEOUT, () => {
  let first;

  test('PUT creates it: 200 {checkin, revealed: false}, with every value as sent', async () => {
    const body = checkinBody(cat, {
      feelings: [{ word: cat.word('calm', 1), intensity: 2 }, { word: cat.word('joy', 2), intensity: 4 }],
      closeness_now: 3,
      closeness_wanted: 6,
      need: 'closeness',
      own_minutes: 45,
      together_minutes: 120,
      guess: { family: 'sadness', closeness_now: 2 },
    });
    const res = await putCheckin(ana, ab.id, today, body);
    assert.equal(res.revealed, false);
    first = res.checkin;
    assert.deepEqual(first.feelings, [
      { word: cat.word('calm', 1), family: 'calm', intensity: 2 },
      { word: cat.word('joy', 2), family: 'joy', intensity: 4 },
    ]);
    assert.equal(first.primary_family, 'joy', 'the primary feeling is the most intense one, not the first listed');
    assert.equal(first.closeness_now, 3);
    assert.equal(first.closeness_wanted, 6);
    assert.equal(first.need, 'closeness');
    assert.equal(first.own_minutes, 45);
    assert.equal(first.together_minutes, 120);
    assert.ok(!('affection' in first) && !('lovemaking' in first), 'no ticks for someone who does not track them');
    assert.deepEqual(first.guess, { family: 'sadness', closeness_now: 2, family_right: null, closeness_right: null });
    assert.ok(Math.abs(Date.parse(first.created_at) - Date.now()) < 60_000, 'created now');
  });

  test('GET shows it as mine, the partner waiting, not revealed', async () => {
    const res = await getDay(ana, ab.id, today);
    assert.deepEqual(res.body, { day: today, revealed: false, mine: first, partner: { status: 'waiting' } });
  });

  test('PUT again edits it in place: same created_at, new values, still not revealed', async () => {
    const body = checkinBody(cat, {
      feelings: [{ word: cat.word('fear'), intensity: 5 }],
      closeness_now: 2,
      closeness_wanted: 2,
      need: 'space',
      own_minutes: 200,
      together_minutes: 10,
      guess: { family: 'anger', closeness_now: 6 },
    });
    const res = await putCheckin(ana, ab.id, today, body);
    assert.equal(res.revealed, false);
    const edited = res.checkin;
    assert.equal(edited.created_at, first.created_at, 'an edit keeps the check-in\'s creation time');
    assert.ok(Date.parse(edited.updated_at) >= Date.parse(first.updated_at));
    assert.deepEqual(edited.feelings, [{ word: cat.word('fear'), family: 'fear', intensity: 5 }]);
    assert.equal(edited.primary_family, 'fear');
    assert.equal(edited.need, 'space');
    assert.equal(edited.own_minutes, 200);
    assert.deepEqual(edited.guess, { family: 'anger', closeness_now: 6, family_right: null, closeness_right: null });
    const day = await getDay(ana, ab.id, today);
    assert.deepEqual(day.body.mine, edited, 'GET shows the edited check-in');
  });

  test('the edges of every range are accepted', async () => {
    const three = [
      { word: cat.word('love'), intensity: 1 },
      { word: cat.word('pride'), intensity: 5 },
      { word: cat.word('loneliness'), intensity: 3 },
    ];
    for (const [closeness, minutes] of [[1, 0], [7, 1440]]) {
      const res = await putCheckin(ana, ab.id, today, checkinBody(cat, {
        feelings: three,
        closeness_now: closeness,
        closeness_wanted: closeness,
        own_minutes: minutes,
        together_minutes: minutes,
        guess: { family: 'shame', closeness_now: closeness },
      }));
      assert.equal(res.checkin.feelings.length, 3);
      assert.equal(res.checkin.closeness_now, closeness);
      assert.equal(res.checkin.closeness_wanted, closeness);
      assert.equal(res.checkin.own_minutes, minutes);
      assert.equal(res.checkin.together_minutes, minutes);
      assert.equal(res.checkin.guess.closeness_now, closeness);
    }
    for (const need of ['space', 'closeness', 'comfort', 'fine']) {
      const res = await putCheckin(ana, ab.id, today, checkinBody(cat, { need }));
      assert.equal(res.checkin.need, need);
    }
  });
});

describe('validation: every field, 422 naming it, nothing stored', TIMEOUT, () => {
  let stored;

  before(async () => {
    stored = (await putCheckin(ana, ab.id, today, checkinBody(cat, { own_minutes: 77 }))).checkin;
  });

  const word = (family, i = 0) => cat.word(family, i);
  const cases = () => [
    ['no feelings key', { feelings: undefined }, 'feelings'],
    ['no feelings', { feelings: [] }, 'feelings'],
    ['four feelings', {
      feelings: [
        { word: word('joy'), intensity: 1 }, { word: word('love'), intensity: 1 },
        { word: word('calm'), intensity: 1 }, { word: word('hope'), intensity: 1 },
      ],
    }, 'feelings'],
    ['feelings not a list', { feelings: word('joy') }, 'feelings'],
    ['a feeling that is not an object', { feelings: [word('joy')] }, 'feelings'],
    ['an unknown word', { feelings: [{ word: 'flabbergasted_xyz', intensity: 3 }] }, 'feelings'],
    ['a family id instead of a word', { feelings: [{ word: 'loneliness', intensity: 3 }] }, 'feelings'],
    ['a word in the wrong case', { feelings: [{ word: word('joy').toUpperCase(), intensity: 3 }] }, 'feelings'],
    ['a feeling without a word', { feelings: [{ intensity: 3 }] }, 'feelings'],
    ['intensity 0', { feelings: [{ word: word('joy'), intensity: 0 }] }, 'feelings'],
    ['intensity 6', { feelings: [{ word: word('joy'), intensity: 6 }] }, 'feelings'],
    ['intensity 2.5', { feelings: [{ word: word('joy'), intensity: 2.5 }] }, 'feelings'],
    ['intensity as a string', { feelings: [{ word: word('joy'), intensity: '3' }] }, 'feelings'],
    ['no intensity', { feelings: [{ word: word('joy') }] }, 'feelings'],
    ['the same word twice', {
      feelings: [{ word: word('joy'), intensity: 2 }, { word: word('joy'), intensity: 4 }],
    }, 'feelings'],
    ['closeness_now 0', { closeness_now: 0 }, 'closeness_now'],
    ['closeness_now 8', { closeness_now: 8 }, 'closeness_now'],
    ['closeness_now 3.5', { closeness_now: 3.5 }, 'closeness_now'],
    ['closeness_now as a string', { closeness_now: '4' }, 'closeness_now'],
    ['no closeness_now', { closeness_now: undefined }, 'closeness_now'],
    ['closeness_wanted 0', { closeness_wanted: 0 }, 'closeness_wanted'],
    ['closeness_wanted 8', { closeness_wanted: 8 }, 'closeness_wanted'],
    ['no closeness_wanted', { closeness_wanted: undefined }, 'closeness_wanted'],
    ['an unknown need', { need: 'hugs' }, 'need'],
    ['a need in the wrong case', { need: 'Space' }, 'need'],
    ['an empty need', { need: '' }, 'need'],
    ['no need', { need: undefined }, 'need'],
    ['own_minutes -1', { own_minutes: -1 }, 'own_minutes'],
    ['own_minutes 1441', { own_minutes: 1441 }, 'own_minutes'],
    ['own_minutes huge', { own_minutes: 2 ** 53 }, 'own_minutes'],
    ['own_minutes 1.5', { own_minutes: 1.5 }, 'own_minutes'],
    ['no own_minutes', { own_minutes: undefined }, 'own_minutes'],
    ['together_minutes -1', { together_minutes: -1 }, 'together_minutes'],
    ['together_minutes 1441', { together_minutes: 1441 }, 'together_minutes'],
    ['no together_minutes', { together_minutes: undefined }, 'together_minutes'],
    ['no guess', { guess: undefined }, 'guess'],
    ['a guessed word instead of a family', { guess: { family: word('joy', 1), closeness_now: 4 } }, 'guess.family'],
    ['an unknown guessed family', { guess: { family: 'bliss', closeness_now: 4 } }, 'guess.family'],
    ['a guessed family in the wrong case', { guess: { family: 'Joy', closeness_now: 4 } }, 'guess.family'],
    ['no guessed family', { guess: { closeness_now: 4 } }, 'guess.family'],
    ['guess.closeness_now 0', { guess: { family: 'joy', closeness_now: 0 } }, 'guess.closeness_now'],
    ['guess.closeness_now 8', { guess: { family: 'joy', closeness_now: 8 } }, 'guess.closeness_now'],
    ['no guess.closeness_now', { guess: { family: 'joy' } }, 'guess.closeness_now'],
    ['affection not a boolean', { affection: 'yes' }, 'affection'],
    ['lovemaking not a boolean', { lovemaking: 1 }, 'lovemaking'],
  ];

  test('each bad field is refused with 422 naming it', async () => {
    for (const [label, overrides, field] of cases()) {
      const body = checkinBody(cat, overrides);
      for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete body[key];
      const res = await ana.put(checkinPath(ab.id, today), body);
      assert.equal(res.status, 422, `${label}: expected 422, got ${res.status} ${res.text}`);
      assertInvalid(res, field);
    }
  });

  test('several bad fields at once are all named', async () => {
    const res = await ana.put(checkinPath(ab.id, today), checkinBody(cat, {
      closeness_now: 9, need: 'nothing', own_minutes: -5, guess: { family: 'nope', closeness_now: 0 },
    }));
    for (const field of ['closeness_now', 'need', 'own_minutes', 'guess.family', 'guess.closeness_now']) {
      assertInvalid(res, field);
    }
  });

  test('a body that is not a JSON object is a bad request', async () => {
    for (const raw of ['[1,2]', '"hello"', '{"feelings": [', 'null']) {
      const res = await ana.request('PUT', checkinPath(ab.id, today), {
        body: raw, headers: { 'content-type': 'application/json' },
      });
      assertProblem(res, 400, 'bad-request');
    }
  });

  test('none of the refused writes changed what was stored', async () => {
    const day = await getDay(ana, ab.id, today);
    assert.deepEqual(day.body.mine, stored);
  });
});

describe('which days are open', TIMEOUT, () => {
  test('the server\'s UTC today, the day before and the day after are accepted', async () => {
    for (const day of [yesterday, today, tomorrow]) {
      const res = await putCheckin(ana, ab.id, day, checkinBody(cat));
      assert.equal(res.checkin.day, day);
    }
  });

  test('two days before or after, or any day further away, is refused with 422 naming day', async () => {
    for (const day of [utcDay(-2), utcDay(2), utcDay(-30), utcDay(365), '2000-01-01']) {
      const res = await ana.put(checkinPath(ab.id, day), checkinBody(cat));
      assert.equal(res.status, 422, `${day}: ${res.status} ${res.text}`);
      assertInvalid(res, 'day');
      const view = await getDay(ana, ab.id, day);
      assert.equal(view.body.mine, null, `nothing was stored for ${day}`);
    }
  });

  const year = today.slice(0, 4);
  const malformed = [
    `${year}-1-5`, `${year}-02-30`, `${year}-13-01`, `${year}-00-10`, `${year}-01-00`, '0000-00-00',
    today.replaceAll('-', ''), today.replaceAll('-', '/'), `${today}x`, ` ${today}`, `${today}T00:00:00Z`,
    'today', 'tomorrow', '2026-1a-01', '-2026-11-25',
  ];

  test('a malformed day is refused with 422 by PUT', async () => {
    for (const day of malformed) {
      const res = await ana.put(checkinPath(ab.id, day), checkinBody(cat));
      assert.equal(res.status, 422, `${JSON.stringify(day)}: ${res.status} ${res.text}`);
      assertInvalid(res, 'day');
    }
  });

  test('a malformed day is refused with 422 by GET', async () => {
    for (const day of malformed) {
      const res = await ana.get(checkinPath(ab.id, day));
      assert.equal(res.status, 422, `${JSON.stringify(day)}: ${res.status} ${res.text}`);
      assertInvalid(res, 'day');
    }
  });

  test('GET answers for any valid day, even one long past; the other\'s status only for a day still open', async () => {
    for (const day of ['2001-02-03', utcDay(-400), utcDay(-2), utcDay(2), utcDay(9)]) {
      const res = await getDay(ana, ab.id, day);
      assert.deepEqual(res.body, { day, revealed: false, mine: null }, `${day}: no partner key at all`);
    }
    for (const day of [utcDay(-1), utcDay(0), utcDay(1)]) {
      const res = await getDay(ben, ab.id, day);
      assert.deepEqual(Object.keys(res.body).sort(), ['day', 'mine', 'partner', 'revealed'], day);
    }
  });
});

describe('the reveal, with each guess scored', TIMEOUT, () => {
  // Ana: primary joy (the most intense; joy and hope tie at 4 and joy is listed first), closeness 4.
  // Ben: primary hurt (hurt and sadness tie at 3; hurt is listed first), closeness 5.
  const anaBody = () => checkinBody(cat, {
    feelings: [
      { word: cat.word('calm'), intensity: 2 },
      { word: cat.word('joy', 3), intensity: 4 },
      { word: cat.word('hope', 2), intensity: 4 },
    ],
    closeness_now: 4,
    closeness_wanted: 6,
    need: 'closeness',
    own_minutes: 30,
    together_minutes: 240,
    guess: { family: 'hurt', closeness_now: 6 }, // right family (first of a tie); 1 off: right
  });
  const benBody = () => checkinBody(cat, {
    feelings: [{ word: cat.word('hurt', 2), intensity: 3 }, { word: cat.word('sadness', 1), intensity: 3 }],
    closeness_now: 5,
    closeness_wanted: 3,
    need: 'space',
    own_minutes: 300,
    together_minutes: 20,
    guess: { family: 'joy', closeness_now: 2 }, // right family; 2 off: wrong
  });
  let anaMine;
  let benMine;

  test('before the other checks in, one\'s own guess is unscored', async () => {
    const res = await putCheckin(ana, ab.id, today, anaBody());
    assert.equal(res.revealed, false);
    assert.equal(res.checkin.primary_family, 'joy');
    assert.equal(res.checkin.guess.family_right, null);
    assert.equal(res.checkin.guess.closeness_right, null);
    anaMine = res.checkin;
  });

  test('the second check-in reveals the day: 200 {checkin, revealed: true} with the guess scored', async () => {
    const res = await putCheckin(ben, ab.id, today, benBody());
    assert.equal(res.revealed, true);
    benMine = res.checkin;
    assert.equal(benMine.primary_family, 'hurt', 'on a tie the first listed feeling is the primary one');
    assert.deepEqual(benMine.guess, { family: 'joy', closeness_now: 2, family_right: true, closeness_right: false },
      'Ben guessed Ana\'s primary family (joy) and was 2 off her closeness (4): 2 off is wrong');
  });

  test('both see both in full; guesses are scored against the other', async () => {
    const forAna = (await getDay(ana, ab.id, today)).body;
    const forBen = (await getDay(ben, ab.id, today)).body;
    assert.equal(forAna.revealed, true);
    assert.equal(forBen.revealed, true);
    assert.deepEqual(forAna.mine, forBen.partner, 'what Ana sees as hers is what Ben sees as the other\'s');
    assert.deepEqual(forBen.mine, forAna.partner, 'what Ben sees as his is what Ana sees as the other\'s');
    assert.deepEqual(forBen.mine, benMine);
    assert.deepEqual(forAna.mine.from, { id: ana.user.id, display_name: 'Ana' });
    assert.deepEqual(forAna.partner.from, { id: ben.user.id, display_name: 'Ben' });
    assert.deepEqual(written(forAna.mine), {
      ...written(anaMine),
      guess: { family: 'hurt', closeness_now: 6, family_right: true, closeness_right: true },
    }, 'Ana guessed hurt (Ben\'s first listed of a tie) and was 1 off his closeness: both right');
    assert.equal(forAna.mine.created_at, anaMine.created_at);
    const b = forAna.partner;
    assert.deepEqual(b.feelings, [
      { word: cat.word('hurt', 2), family: 'hurt', intensity: 3 },
      { word: cat.word('sadness', 1), family: 'sadness', intensity: 3 },
    ]);
    assert.equal(b.closeness_now, 5);
    assert.equal(b.closeness_wanted, 3);
    assert.equal(b.need, 'space');
    assert.equal(b.own_minutes, 300);
    assert.equal(b.together_minutes, 20);
  });

  test('after the reveal neither can change the day: 409 checkin-locked, nothing changed', async () => {
    const beforeAna = (await getDay(ana, ab.id, today)).text;
    const beforeBen = (await getDay(ben, ab.id, today)).text;
    for (const person of [ana, ben]) {
      const res = await person.put(checkinPath(ab.id, today), checkinBody(cat, {
        feelings: [{ word: cat.word('anger'), intensity: 5 }], closeness_now: 1, own_minutes: 999,
      }));
      assertProblem(res, 409, 'checkin-locked');
    }
    assert.equal((await getDay(ana, ab.id, today)).text, beforeAna, 'Ana\'s view is unchanged');
    assert.equal((await getDay(ben, ab.id, today)).text, beforeBen, 'Ben\'s view is unchanged');
  });

  test('a second day: the second of a tie is a wrong family guess, 1 below is right, exact is right', async () => {
    // Ana: primary calm (5 beats joy's 2, though joy is listed first), closeness 1.
    await putCheckin(ana, ab.id, yesterday, checkinBody(cat, {
      feelings: [{ word: cat.word('joy'), intensity: 2 }, { word: cat.word('calm', 2), intensity: 5 }],
      closeness_now: 1,
      guess: { family: 'sadness', closeness_now: 7 },
    }));
    const res = await putCheckin(ben, ab.id, yesterday, checkinBody(cat, {
      feelings: [{ word: cat.word('hurt'), intensity: 3 }, { word: cat.word('sadness'), intensity: 3 }],
      closeness_now: 7,
      guess: { family: 'joy', closeness_now: 2 },
    }));
    assert.equal(res.revealed, true);
    const forAna = (await getDay(ana, ab.id, yesterday)).body;
    assert.equal(forAna.mine.primary_family, 'calm');
    assert.equal(forAna.partner.primary_family, 'hurt');
    assert.deepEqual(forAna.mine.guess, { family: 'sadness', closeness_now: 7, family_right: false, closeness_right: true },
      'sadness is the second of Ben\'s tied feelings, so not his primary family; 7 is his closeness exactly');
    assert.deepEqual(forAna.partner.guess, { family: 'joy', closeness_now: 2, family_right: false, closeness_right: true },
      'joy is Ana\'s first listed but least intense feeling; 2 is 1 above her closeness of 1');
    const forBen = (await getDay(ben, ab.id, yesterday)).body;
    assert.deepEqual(forBen.mine, forAna.partner);
    assert.deepEqual(forBen.partner, forAna.mine);
  });
});

describe('affection and love-making ticks', TIMEOUT, () => {
  test('track_affection is off by default and shows in the user', async () => {
    assert.equal(ana.user.track_affection, false, 'register answers track_affection: false');
    const me = await ana.get('/api/v1/me');
    assert.equal(me.status, 200, me.text);
    assert.equal(me.body.user.track_affection, false);
  });

  test('in a partner bond without the opt-in they are refused, true or false', async () => {
    for (const [json, fields] of [
      [{ affection: true }, ['affection']],
      [{ affection: false }, ['affection']],
      [{ lovemaking: false }, ['lovemaking']],
      [{ affection: true, lovemaking: true }, ['affection', 'lovemaking']],
    ]) {
      const res = await ana.put(checkinPath(ab.id, tomorrow), checkinBody(cat, json));
      assert.equal(res.status, 422, `${JSON.stringify(json)}: ${res.status} ${res.text}`);
      for (const field of fields) assertInvalid(res, field);
    }
  });

  test('PATCH /api/v1/me {track_affection} turns it on; GET /api/v1/me shows it', async () => {
    const bad = await ana.patch('/api/v1/me', { track_affection: 'yes' });
    assertInvalid(bad, 'track_affection');
    const res = await ana.patch('/api/v1/me', { track_affection: true });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.user.track_affection, true);
    const me = await ana.get('/api/v1/me');
    assert.equal(me.body.user.track_affection, true);
    const other = await ben.get('/api/v1/me');
    assert.equal(other.body.user.track_affection, false, 'the setting is per person');
  });

  test('once opted in, a partner bond takes them, and leaving them out stores null', async () => {
    let res = await putCheckin(ana, ab.id, tomorrow, checkinBody(cat, { affection: true, lovemaking: false }));
    assert.equal(res.checkin.affection, true);
    assert.equal(res.checkin.lovemaking, false);
    res = await putCheckin(ana, ab.id, tomorrow, checkinBody(cat, { affection: false, lovemaking: true }));
    assert.equal(res.checkin.affection, false);
    assert.equal(res.checkin.lovemaking, true);
    assert.equal((await getDay(ana, ab.id, tomorrow)).body.mine.lovemaking, true);
    res = await putCheckin(ana, ab.id, tomorrow, checkinBody(cat));
    assert.equal(res.checkin.affection, null);
    assert.equal(res.checkin.lovemaking, null);
  });

  test('the partner who has not opted in is still refused', async () => {
    const res = await ben.put(checkinPath(ab.id, tomorrow), checkinBody(cat, { affection: true }));
    assertInvalid(res, 'affection');
  });

  test('in a friend or family bond they are refused even when opted in', async () => {
    for (const bond of [af, ag]) {
      for (const [json, field] of [[{ affection: true }, 'affection'], [{ lovemaking: false }, 'lovemaking']]) {
        const res = await ana.put(checkinPath(bond.id, today), checkinBody(cat, json));
        assert.equal(res.status, 422, `${bond.kind} ${JSON.stringify(json)}: ${res.status} ${res.text}`);
        assertInvalid(res, field);
      }
      assert.equal((await getDay(ana, bond.id, today)).body.mine, null, `nothing stored in the ${bond.kind} bond`);
      const plain = await putCheckin(ana, bond.id, today, checkinBody(cat));
      assert.equal(plain.checkin.affection, null);
      assert.equal(plain.checkin.lovemaking, null);
    }
  });

  test('turning it off refuses them again', async () => {
    const res = await ana.patch('/api/v1/me', { track_affection: false });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.user.track_affection, false);
    const put = await ana.put(checkinPath(ab.id, tomorrow), checkinBody(cat, { lovemaking: true }));
    assertInvalid(put, 'lovemaking');
  });
});

describe('an ended bond', TIMEOUT, () => {
  test('a check-in in an ended bond is refused with 409 bond-ended, for both members', async () => {
    const ended = await gus.post(bondPath(ag.id, '/end'), {});
    assert.equal(ended.status, 200, ended.text);
    for (const person of [ana, gus]) {
      const res = await person.put(checkinPath(ag.id, today), checkinBody(cat, { own_minutes: 11 }));
      assertProblem(res, 409, 'bond-ended');
    }
    const res = await ana.put(checkinPath(ag.id, yesterday), checkinBody(cat));
    assertProblem(res, 409, 'bond-ended');
  });
});

describe('history: GET /api/v1/bonds/{id}/checkins', TIMEOUT, () => {
  test('the default range holds today and the open days either side, ascending', async () => {
    const forAna = (await getHistory(ana, ab.id)).body;
    assert.deepEqual(forAna.days.map((d) => [d.day, d.revealed]), [[yesterday, true], [today, true], [tomorrow, false]]);
    const forBen = (await getHistory(ben, ab.id)).body;
    assert.deepEqual(forBen.days.map((d) => [d.day, d.revealed]), [[yesterday, true], [today, true]],
      'a day only the other checked in on is not in the history');
  });

  test('each day is exactly what the day view shows, for both', async () => {
    for (const person of [ana, ben]) {
      const days = (await getHistory(person, ab.id)).body.days;
      assert.ok(days.length > 0);
      for (const entry of days) assert.deepEqual(entry, (await getDay(person, ab.id, entry.day)).body, entry.day);
    }
  });

  test('from and to bound the range, both ends included', async () => {
    let res = await getHistory(ana, ab.id, { from: today, to: today });
    assert.deepEqual(res.body.days.map((d) => d.day), [today]);
    res = await getHistory(ana, ab.id, { from: tomorrow, to: tomorrow });
    assert.deepEqual(res.body.days.map((d) => d.day), [tomorrow]);
    res = await getHistory(ana, ab.id, { from: yesterday, to: today });
    assert.deepEqual(res.body.days.map((d) => d.day), [yesterday, today]);
    res = await getHistory(ana, ab.id, { from: '1990-01-01', to: '1990-12-31' });
    assert.deepEqual(res.body.days, []);
  });

  test('a range of 366 days is accepted', async () => {
    const res = await getHistory(ana, ab.id, { from: shiftDay(today, -365), to: today });
    assert.deepEqual(res.body.days.map((d) => d.day), [yesterday, today]);
  });

  test('a bad from or to, from after to, or a span over 366 days is refused with 422', async () => {
    for (const [query, field] of [
      [{ from: 'yesterday', to: today }, 'from'],
      [{ from: `${today.slice(0, 4)}-02-30`, to: today }, 'from'],
      [{ from: yesterday, to: '2026/11/25' }, 'to'],
      [{ from: yesterday, to: `${today}T00:00:00Z` }, 'to'],
    ]) {
      const res = await ana.get(historyPath(ab.id, query));
      assert.equal(res.status, 422, `${JSON.stringify(query)}: ${res.status} ${res.text}`);
      assertInvalid(res, field);
    }
    for (const query of [
      { from: today, to: yesterday },
      { from: shiftDay(today, -367), to: today },
      { from: '2000-01-01', to: today },
    ]) {
      const res = await ana.get(historyPath(ab.id, query));
      assert.equal(res.status, 422, `${JSON.stringify(query)}: ${res.status} ${res.text}`);
      assertProblem(res, 422, 'validation');
    }
  });
});

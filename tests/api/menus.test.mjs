// Menus from the other side: Ana and Ben (partners) answer the affection and intimacy menus alone;
// together they see only the items both said yes or maybe to. For every combination of two answers
// the matches are right, and everything Ben reads (the menus, his own answers, the matches, their
// sizes, orders and statuses, and his live events) is byte for byte the same whatever Ana answered
// where they do not match, and whether or not she opened the intimacy menu. Cleo and Dev are
// friends: only the affection items that suit friends. Sam is a stranger.

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { checkinBody, getDay, putCheckin, utcDay } from './lib/checkins.mjs';
import { assertProblem, assertValidation } from './lib/client.mjs';
import { connectEvents } from './lib/events.mjs';
import { world } from './lib/fixture.mjs';
import { bondPath } from './lib/inner-world.mjs';

const TIMEOUT = { timeout: 120_000 };
const QUIET_MS = 300;
const enc = encodeURIComponent;

let w, ana, ben, ab, sam, friends, menus, anaEvents, benEvents;

const menu = (id) => menus.find((m) => m.id === id);
const itemPath = (bondId, id) => bondPath(bondId, `/menus/items/${enc(id)}`);

async function ok(res, status = 200) {
  assert.equal(res.status, status, `${res.method} ${res.path}: ${res.text}`);
  return res;
}
/** Sets `person`'s answer to `item`: undefined clears it; 'ask' is maybe with "ask me first". */
async function say(person, bondId, item, answer) {
  if (answer === undefined) return ok(await person.delete(itemPath(bondId, item)), 204);
  const body = answer === 'ask' ? { answer: 'maybe', ask_first: true } : { answer };
  return ok(await person.put(itemPath(bondId, item), body));
}
/** Everything `person` reads of the bond's menus, as text. */
async function everything(person, bondId) {
  const out = [];
  for (const path of ['/menus', '/menus/mine', '/menus/matches']) {
    const res = await ok(await person.get(bondPath(bondId, path)));
    out.push(`${res.status} ${res.text}`);
  }
  return out;
}
async function matches(person, bondId) {
  return (await ok(await person.get(bondPath(bondId, '/menus/matches')))).body.matches;
}
async function open(person, bondId, opened = true) {
  return ok(await person.put(bondPath(bondId, '/menus/intimacy/opening'), { opened, adult: true }));
}

before(async () => {
  w = await world({ stranger: 'Sam', other: { c: 'Cleo', d: 'Dev', kind: 'friend' }, catalog: true });
  ({ a: ana, b: ben, bond: ab, stranger: sam } = w);
  friends = w.other;
  menus = (await ana.get('/api/v1/catalog')).body.menus;
  anaEvents = await connectEvents(w.server, ana);
  benEvents = await connectEvents(w.server, ben);
});
after(async () => {
  await anaEvents?.close();
  await benEvents?.close();
  await w?.close();
});

describe('the menus of a bond', TIMEOUT, () => {
  test('the catalog has both menus: 40+ affection items for every kind, 60+ intimacy items for partners', () => {
    assert.deepEqual(menus.map((m) => m.id), ['affection', 'intimacy']);
    assert.ok(menu('affection').items.length >= 40);
    assert.ok(menu('intimacy').items.length >= 60);
    assert.ok(menu('intimacy').items.every((i) => i.kinds.length === 1 && i.kinds[0] === 'partner'));
    assert.ok(menu('affection').items.filter((i) => i.kinds.includes('friend')).length >= 20);
  });

  test('partners have both, the intimacy menu closed until each opens it; friends only affection', async () => {
    const seen = (await ok(await ben.get(bondPath(ab.id, '/menus')))).body;
    assert.deepEqual(seen.menus, [
      { id: 'affection', open: true, opt_in: false },
      { id: 'intimacy', open: false, opt_in: true },
    ]);
    assert.equal(seen.adult_confirmed, false);
    const theirs = (await ok(await friends.c.get(bondPath(friends.bond.id, '/menus')))).body;
    assert.deepEqual(theirs.menus, [{ id: 'affection', open: true, opt_in: false }]);
    const intimate = menu('intimacy').items[0].id;
    assertProblem(await friends.c.put(itemPath(friends.bond.id, intimate), { answer: 'yes' }), 404, 'not-found');
    assertProblem(await friends.c.put(bondPath(friends.bond.id, '/menus/intimacy/opening'), { opened: true, adult: true }), 404, 'not-found');
    const partnerOnly = menu('affection').items.find((i) => !i.kinds.includes('friend'));
    assertProblem(await friends.c.put(itemPath(friends.bond.id, partnerOnly.id), { answer: 'yes' }), 404, 'not-found');
    for (const path of ['/menus', '/menus/mine', '/menus/matches']) {
      assertProblem(await sam.get(bondPath(ab.id, path)), 404, 'not-found');
    }
  });

  test('the intimacy menu asks once for an adult confirmation, and cannot be answered before it is open', async () => {
    const item = menu('intimacy').items[1].id;
    assertProblem(await ana.put(itemPath(ab.id, item), { answer: 'yes' }), 409, 'menu-closed');
    assertValidation(await ana.put(bondPath(ab.id, '/menus/intimacy/opening'), { opened: true }), 'adult');
    const before = await everything(ben, ab.id);
    const opened = (await open(ana, ab.id)).body;
    assert.equal(opened.menus.find((m) => m.id === 'intimacy').open, true);
    assert.equal(opened.adult_confirmed, true);
    await say(ana, ab.id, item, 'yes');
    // Closing and opening again needs no second confirmation; closing took her answer.
    await ok(await ana.put(bondPath(ab.id, '/menus/intimacy/opening'), { opened: false }));
    await ok(await ana.put(bondPath(ab.id, '/menus/intimacy/opening'), { opened: true }));
    assert.deepEqual((await ok(await ana.get(bondPath(ab.id, '/menus/mine')))).body.answers, []);
    assert.deepEqual(await everything(ben, ab.id), before, 'Ben cannot tell that Ana opened it');
    await ok(await ana.put(bondPath(ab.id, '/menus/intimacy/opening'), { opened: false }));
  });
});

describe('answers and matches, from the other side', TIMEOUT, () => {
  // none, yes, maybe, maybe with "ask me first", no
  const ANSWERS = [undefined, 'yes', 'maybe', 'ask', 'no'];
  const wants = (a) => a === 'yes' || a === 'maybe' || a === 'ask';

  for (const which of ['affection', 'intimacy']) {
    test(`every pair of answers to an ${which} item: matches are right, and Ben reads the same whatever Ana said where they do not match`, async () => {
      const item = menu(which).items[5].id;
      if (which === 'intimacy') {
        await open(ana, ab.id);
        await open(ben, ab.id);
      }
      for (const his of ANSWERS) {
        const unmatched = new Set(); // what Ben reads while Ana's answer does not match his
        await say(ben, ab.id, item, his); // once: only Ana's answer changes below
        for (const hers of ANSWERS) {
          await say(ana, ab.id, item, hers);
          const forAna = await matches(ana, ab.id);
          const forBen = await matches(ben, ab.id);
          assert.deepEqual(forAna, forBen, 'both see the same matches');
          if (wants(hers) && wants(his)) {
            assert.deepEqual(forBen, [{ item_id: item, menu: which, both_yes: hers === 'yes' && his === 'yes', ask_first: hers === 'ask' || his === 'ask' }],
              `${hers} and ${his}`);
          } else {
            assert.deepEqual(forBen, [], `${hers} and ${his}`);
            unmatched.add((await everything(ben, ab.id)).join('\n'));
          }
        }
        assert.equal(unmatched.size, 1, `Ben (${his}) reads one thing whatever Ana answered where they do not match`);
        await say(ben, ab.id, item, undefined);
      }
      await say(ana, ab.id, item, undefined);
    });
  }

  test('with the intimacy menu opened by Ana only, Ben reads exactly what he read before she opened it', async () => {
    await open(ben, ab.id, false);
    await open(ana, ab.id, false);
    const item = menu('intimacy').items[7].id;
    const before = await everything(ben, ab.id);
    await open(ana, ab.id);
    await say(ana, ab.id, item, 'yes');
    const suggestion = (await ok(await ana.post(bondPath(ab.id, '/menus/suggestions'), { menu: 'intimacy', category: 'mood', text: 'A slow morning, phones off' }), 201)).body.suggestion;
    assert.deepEqual(await everything(ben, ab.id), before, 'nothing of the intimacy menu reaches Ben');
    // Ana sees only her own side; no match without Ben.
    assert.deepEqual(await matches(ana, ab.id), []);
    // Once Ben opens it too, her suggestion shows with her name, and his yes makes a match.
    await open(ben, ab.id);
    const seen = (await ok(await ben.get(bondPath(ab.id, '/menus')))).body.suggestions;
    assert.deepEqual(seen.map((s) => [s.id, s.text, s.author.display_name, s.mine]), [[suggestion.id, 'A slow morning, phones off', ana.user.display_name, false]]);
    await say(ben, ab.id, item, 'maybe');
    assert.deepEqual(await matches(ben, ab.id), [{ item_id: item, menu: 'intimacy', both_yes: false, ask_first: false }]);
    // Ana closes the menu: the match is gone, and Ben reads what he would had it never existed.
    await say(ben, ab.id, suggestion.id, 'yes');
    await open(ana, ab.id, false);
    assert.deepEqual(await matches(ben, ab.id), []);
    assert.deepEqual((await ok(await ben.get(bondPath(ab.id, '/menus')))).body.suggestions, [], 'her suggestion went with her opening');
    const mine = (await ok(await ben.get(bondPath(ab.id, '/menus/mine')))).body.answers.map((a) => a.item_id);
    assert.deepEqual(mine, [item], 'his answer to her suggestion went with it; his own answers stay');
    await say(ben, ab.id, item, undefined);
    await open(ben, ab.id, false);
  });

  test('events: "matches changed" to both when the matches change, and nothing at all otherwise', async () => {
    const item = menu('affection').items[9].id;
    const quietFor = async (stream, from) => {
      await sleep(QUIET_MS);
      return stream.raw.slice(from);
    };
    const benFrom = benEvents.raw.length;
    await say(ana, ab.id, item, 'yes');
    await say(ana, ab.id, item, 'no');
    await say(ana, ab.id, item, 'maybe');
    assert.deepEqual(await quietFor(benEvents, benFrom), [], 'Ana alone changes nothing Ben can see');
    await say(ben, ab.id, item, 'yes');
    const toBen = await benEvents.waitFor({ type: 'menu_matches_changed', bond_id: ab.id });
    const toAna = await anaEvents.waitFor({ type: 'menu_matches_changed', bond_id: ab.id });
    assert.deepEqual(Object.keys(toBen).sort(), ['bond_id', 'id', 'type']);
    assert.equal(toBen.id, ab.id);
    assert.deepEqual(toAna, toBen);
    // maybe -> yes changes both_yes: told again; a no removes the match at once: told again.
    let from = benEvents.raw.length;
    await say(ana, ab.id, item, 'yes');
    await benEvents.waitFor({ type: 'menu_matches_changed' }, 3_000);
    assert.equal((await matches(ben, ab.id))[0].both_yes, true);
    from = benEvents.raw.length;
    await say(ana, ab.id, item, 'no');
    await sleep(QUIET_MS);
    assert.equal(benEvents.raw.slice(from).filter((e) => e.includes('menu_matches_changed')).length, 1);
    assert.deepEqual(await matches(ben, ab.id), []);
    assert.ok(!benEvents.raw.join('\n').includes(item), 'no event names an item');
    await say(ana, ab.id, item, undefined);
    await say(ben, ab.id, item, undefined);
  });
});

describe('suggestions', TIMEOUT, () => {
  test('show their author, are answered like any item, and only their author removes them', async () => {
    const made = await ok(await ben.post(bondPath(ab.id, '/menus/suggestions'), { menu: 'affection', category: 'play', text: '  Building a blanket fort  ' }), 201);
    const s = made.body.suggestion;
    assert.equal(s.text, 'Building a blanket fort');
    assert.deepEqual(s.author, { id: ben.user.id, display_name: ben.user.display_name });
    assert.equal(s.mine, true);
    await anaEvents.waitFor({ type: 'menu_suggested', id: s.id });
    const forAna = (await ok(await ana.get(bondPath(ab.id, '/menus')))).body.suggestions.find((x) => x.id === s.id);
    assert.equal(forAna.mine, false);
    await say(ana, ab.id, s.id, 'yes');
    await say(ben, ab.id, s.id, 'yes');
    assert.deepEqual((await matches(ana, ab.id)).map((m) => [m.item_id, m.both_yes]), [[s.id, true]]);
    assertProblem(await ana.delete(bondPath(ab.id, `/menus/suggestions/${enc(s.id)}`)), 404, 'not-found');
    await ok(await ben.delete(bondPath(ab.id, `/menus/suggestions/${enc(s.id)}`)), 204);
    await anaEvents.waitFor({ type: 'menu_unsuggested', id: s.id });
    assert.deepEqual(await matches(ana, ab.id), []);
    assert.deepEqual((await ok(await ana.get(bondPath(ab.id, '/menus/mine')))).body.answers, []);
    assertProblem(await ana.put(itemPath(ab.id, s.id), { answer: 'yes' }), 404, 'not-found');
    // A suggestion is the bond's: another bond never sees it, nor can answer it.
    assertProblem(await friends.c.put(itemPath(friends.bond.id, s.id), { answer: 'yes' }), 404, 'not-found');
  });
});

describe('bad input', TIMEOUT, () => {
  test('gets a clear 4xx, and nothing stored changes', async () => {
    const item = menu('affection').items[2].id;
    await say(ana, ab.id, item, 'maybe');
    const before = await everything(ana, ab.id);
    assertValidation(await ana.put(itemPath(ab.id, item), { answer: 'sometimes' }), 'answer');
    assertValidation(await ana.put(itemPath(ab.id, item), {}), 'answer');
    assertValidation(await ana.put(itemPath(ab.id, item), { answer: 'yes', ask_first: true }), 'ask_first');
    assertValidation(await ana.put(itemPath(ab.id, item), { answer: 'maybe', ask_first: 'please' }), 'ask_first');
    assertValidation(await ana.put(itemPath(ab.id, item), { answer: 7 }), 'answer');
    assertProblem(await ana.put(itemPath(ab.id, 'affection.no_such_thing'), { answer: 'yes' }), 404, 'not-found');
    const raw = await ana.request('PUT', itemPath(ab.id, item), { body: '{"answer": "yes"', headers: { 'content-type': 'application/json' } });
    assert.equal(raw.status, 400, raw.text);
    assertValidation(await ana.post(bondPath(ab.id, '/menus/suggestions'), { menu: 'affection', category: 'mood', text: 'Candles' }), 'category');
    assertValidation(await ana.post(bondPath(ab.id, '/menus/suggestions'), { menu: 'desserts', category: 'play', text: 'Cake' }), 'menu');
    assertValidation(await ana.post(bondPath(ab.id, '/menus/suggestions'), { menu: 'affection', category: 'play', text: 'x'.repeat(91) }), 'text');
    assertValidation(await ana.post(bondPath(ab.id, '/menus/suggestions'), { menu: 'affection', category: 'play', text: 'two\nlines' }), 'text');
    assertProblem(await ana.post(bondPath(ab.id, '/menus/suggestions'), { menu: 'intimacy', category: 'mood', text: 'Candles' }), 409, 'menu-closed');
    assertValidation(await ana.put(bondPath(ab.id, '/menus/intimacy/opening'), { opened: 'yes' }), 'opened');
    assertProblem(await ana.put(bondPath(ab.id, '/menus/affection/opening'), { opened: true }), 404, 'not-found');
    assert.deepEqual(await everything(ana, ab.id), before);
    await say(ana, ab.id, item, undefined);
  });
});

describe('affection lived, in the check-in', TIMEOUT, () => {
  test('a shared wish of the affection menu can be named in a check-in, shown and counted only where both track affection', async () => {
    const hug = menu('affection').items[11].id;
    const walk = menu('affection').items[12].id;
    const intimate = menu('intimacy').items[3].id;
    const day = utcDay();
    // Not yet tracking: refused, like the ticks.
    const early = await ana.put(bondPath(ab.id, `/checkins/${day}`), checkinBody(w.cat, { wishes: [hug] }));
    assertValidation(early, 'wishes');
    for (const person of [ana, ben]) await ok(await person.patch('/api/v1/me', { track_affection: true }));
    // Only what both said yes or maybe to in the affection menu.
    await say(ana, ab.id, hug, 'yes');
    assertValidation(await ana.put(bondPath(ab.id, `/checkins/${day}`), checkinBody(w.cat, { wishes: [hug] })), 'wishes');
    await say(ben, ab.id, hug, 'maybe');
    await say(ana, ab.id, walk, 'yes');
    assertValidation(await ana.put(bondPath(ab.id, `/checkins/${day}`), checkinBody(w.cat, { wishes: [walk] })), 'wishes');
    assertValidation(await ana.put(bondPath(ab.id, `/checkins/${day}`), checkinBody(w.cat, { wishes: [intimate] })), 'wishes');
    assertValidation(await ana.put(bondPath(ab.id, `/checkins/${day}`), checkinBody(w.cat, { wishes: [hug, hug] })), 'wishes');
    assertValidation(await ana.put(bondPath(ab.id, `/checkins/${day}`), checkinBody(w.cat, { wishes: [hug], affection: false })), 'wishes');
    assertValidation(await ana.put(bondPath(ab.id, `/checkins/${day}`), checkinBody(w.cat, { wishes: 'hug' })), 'wishes');
    // Named, it ticks affection.
    const mine = (await putCheckin(ana, ab.id, day, checkinBody(w.cat, { wishes: [hug] }))).checkin;
    assert.deepEqual(mine.wishes, [hug]);
    assert.equal(mine.affection, true);
    // Before Ben checks in he sees nothing of it; after, both see it on the day.
    assert.ok(!(await getDay(ben, ab.id, day)).text.includes(hug));
    await putCheckin(ben, ab.id, day, checkinBody(w.cat));
    const seen = (await getDay(ben, ab.id, day)).body;
    assert.deepEqual(seen.partner.wishes, [hug]);
    assert.deepEqual(seen.mine.wishes, []);
    // The bond's insight counts it among the wishes lived.
    const insights = (await ok(await ben.get(bondPath(ab.id, '/insights')))).body;
    assert.deepEqual(insights.affection.wishes, [{ item_id: hug, days: 1 }]);
    // Once Ben stops tracking, neither sees the other's, and the insight is gone.
    await ok(await ben.patch('/api/v1/me', { track_affection: false }));
    assert.ok(!('wishes' in (await getDay(ana, ab.id, day)).body.partner));
    assert.ok(!('affection' in (await ok(await ana.get(bondPath(ab.id, '/insights')))).body));
    await ok(await ana.patch('/api/v1/me', { track_affection: false }));
    for (const item of [hug, walk]) for (const person of [ana, ben]) await say(person, ab.id, item, undefined);
  });
});

describe('an ended bond', TIMEOUT, () => {
  test('takes every answer, suggestion and opening with it; nothing can change', async () => {
    const { c: cleo, d: dev, bond } = friends;
    const item = menu('affection').items.find((i) => i.kinds.includes('friend')).id;
    await say(cleo, bond.id, item, 'yes');
    await say(dev, bond.id, item, 'yes');
    await ok(await dev.post(bondPath(bond.id, '/menus/suggestions'), { menu: 'affection', category: 'time', text: 'A long walk on Sundays' }), 201);
    assert.equal((await matches(cleo, bond.id)).length, 1);
    await ok(await cleo.post(bondPath(bond.id, '/end'), {}));
    for (const person of [cleo, dev]) {
      const [menusView, mine, matched] = await Promise.all(['/menus', '/menus/mine', '/menus/matches'].map((p) => person.get(bondPath(bond.id, p))));
      assert.deepEqual(menusView.body.menus, []);
      assert.deepEqual(menusView.body.suggestions, []);
      assert.deepEqual(mine.body.answers, []);
      assert.deepEqual(matched.body.matches, []);
      assertProblem(await person.put(itemPath(bond.id, item), { answer: 'no' }), 409, 'bond-ended');
      assertProblem(await person.post(bondPath(bond.id, '/menus/suggestions'), { menu: 'affection', category: 'time', text: 'Again' }), 409, 'bond-ended');
    }
  });
});

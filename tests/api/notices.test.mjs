// What is new, from both sides: each thing the other member does that concerns a person is a
// notice of theirs (and a live event with its id); the list never shows more than the bond does
// (a withdrawn share, a day long past, an ended bond); unread state is each person's own. Also
// the parts of everyday use that ride on it: asking for space, the inviter told of an accepted
// invite, affection ticks shared only where both opted in, the reveal's gentle word, and the
// responses offered for an entry.

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { assertProblem, makeBond } from './lib/client.mjs';
import { checkinBody, checkinPath, getDay, putCheckin, utcDay } from './lib/checkins.mjs';
import { connectEvents } from './lib/events.mjs';
import { world } from './lib/fixture.mjs';
import { assertInvalid, bondEntries, bondPath, entryPath, respond, shareEntry, uniqueText, writeEntry } from './lib/inner-world.mjs';

const TIMEOUT = { timeout: 30_000 };
const enc = encodeURIComponent;
const tick = () => sleep(3);
const today = utcDay(0);

let w;
let ana;
let ben;
let ab;
let cat;
let sam;

before(async () => {
  w = await world({ stranger: 'Sam', catalog: true });
  ({ a: ana, b: ben, bond: ab, cat, stranger: sam } = w);
});
after(() => w?.close());

async function notices(person) {
  const res = await person.get('/api/v1/notices');
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(Object.keys(res.body).sort(), ['notices', 'unread']);
  for (const n of res.body.notices) {
    for (const key of ['id', 'bond_id', 'kind', 'subject_id', 'from_id', 'created_at', 'seen']) assert.ok(key in n, `notice has ${key}`);
    assert.ok(!('note' in n) && !('body' in n), 'a notice carries no text');
  }
  assert.equal(res.body.unread, res.body.notices.filter((n) => !n.seen).length, 'unread counts the unseen');
  return res.body;
}
const find = (list, kind, subject) => list.notices.find((n) => n.kind === kind && n.subject_id === subject);
async function markSeen(person, json) {
  const res = await person.post('/api/v1/notices/seen', json);
  assert.equal(res.status, 200, res.text);
  return res.body.marked;
}

describe('what is new', TIMEOUT, () => {
  let shared;

  test('a share, a response, a warm word and a request are each a notice of the other\'s, unread', async () => {
    shared = await writeEntry(ana, { kind: 'hurt', feelings: [{ word: cat.word('hurt'), intensity: 3 }], body: uniqueText('shared') });
    await shareEntry(ana, shared.id, ab.id);
    await tick();
    const response = await respond(ben, shared.id, 'comfort', uniqueText('here'));
    await tick();
    const warm = await ben.post(bondPath(ab.id, '/appreciations'), { kind: 'love' });
    assert.equal(warm.status, 201, warm.text);
    await tick();
    const comfort = await ben.post(bondPath(ab.id, '/comfort-requests'), {});
    assert.equal(comfort.status, 201, comfort.text);

    const forBen = await notices(ben);
    const entryNotice = find(forBen, 'entry_shared', shared.id);
    assert.ok(entryNotice, 'Ben is told of the share');
    assert.equal(entryNotice.entry_id, shared.id);
    assert.equal(entryNotice.from_id, ana.user.id);
    assert.equal(entryNotice.bond_id, ab.id);
    assert.equal(entryNotice.seen, false);
    assert.ok(!find(forBen, 'response_added', response.id), 'nobody is told of their own doing');

    const forAna = await notices(ana);
    assert.ok(find(forAna, 'response_added', response.id)?.entry_id === shared.id, 'Ana is told of the response, with its entry');
    assert.ok(find(forAna, 'appreciation_added', warm.body.appreciation.id));
    const open = find(forAna, 'comfort_requested', comfort.body.comfort_request.id);
    assert.equal(open.open, true);
    assert.equal(forAna.notices[0].id, open.id, 'an open request for comfort comes first');
    assert.ok(!forAna.notices.some((n) => n.kind === 'entry_shared'), 'nor is Ana told of her own share');
  });

  test('seen is each person\'s own, and nobody can mark another\'s', async () => {
    const forBen = await notices(ben);
    const forAna = await notices(ana);
    assert.equal(await markSeen(sam, { ids: forAna.notices.map((n) => n.id) }), 0, 'a stranger marks nothing');
    assert.equal(await markSeen(ben, { ids: forAna.notices.map((n) => n.id) }), 0, 'the partner marks nothing of Ana\'s');
    assert.equal((await notices(ana)).unread, forAna.unread);
    const one = find(forBen, 'entry_shared', shared.id);
    assert.equal(await markSeen(ben, { ids: [one.id] }), 1);
    assert.equal(await markSeen(ben, { ids: [one.id] }), 0, 'seen once is seen');
    const after = await notices(ben);
    assert.equal(find(after, 'entry_shared', shared.id).seen, true);
    assert.equal(after.unread, forBen.unread - 1);
    assert.equal((await notices(ana)).unread, forAna.unread, 'Ana\'s unread did not move');
  });

  test('a withdrawn share is no longer hinted at, and sharing again is news again', async () => {
    const res = await ana.delete(entryPath(shared.id, `/shares/${enc(ab.id)}`));
    assert.equal(res.status, 204, res.text);
    const gone = await notices(ben);
    assert.ok(!find(gone, 'entry_shared', shared.id), 'the share\'s notice went with it');
    assert.ok(!(await notices(ana)).notices.some((n) => n.kind === 'response_added' && n.entry_id === shared.id),
      'and so did the response to it');
    await shareEntry(ana, shared.id, ab.id);
    const back = find(await notices(ben), 'entry_shared', shared.id);
    assert.equal(back.seen, false, 'shared again: unread again');
  });

  test('answering a request closes it and tells the one who asked', async () => {
    const forAna = await notices(ana);
    const open = forAna.notices.find((n) => n.kind === 'comfort_requested' && n.open);
    const res = await ana.post(bondPath(ab.id, `/comfort-requests/${enc(open.subject_id)}/answer`), {});
    assert.equal(res.status, 200, res.text);
    assert.equal(find(await notices(ana), 'comfort_requested', open.subject_id).open, false);
    assert.ok(find(await notices(ben), 'comfort_answered', open.subject_id), 'Ben hears the answer');
  });

  test('"has checked in" is news until the reveal, which is news for the other', async () => {
    await putCheckin(ana, ab.id, today, checkinBody(cat, { need: 'space', closeness_now: 5, closeness_wanted: 3 }));
    const waiting = find(await notices(ben), 'checkin_added', today);
    assert.ok(waiting, 'Ben hears that Ana has checked in');
    assert.equal(waiting.day, today);
    // An edit is silent: still one notice, the same one.
    await putCheckin(ana, ab.id, today, checkinBody(cat, { need: 'space', closeness_now: 5, closeness_wanted: 2 }));
    assert.equal((await notices(ben)).notices.filter((n) => n.kind === 'checkin_added').length, 1);
    assert.equal(find(await notices(ben), 'checkin_added', today).id, waiting.id, 'an edit leaves no trace');

    await putCheckin(ben, ab.id, today, checkinBody(cat, { need: 'closeness', closeness_now: 3, closeness_wanted: 6 }));
    assert.ok(!find(await notices(ben), 'checkin_added', today), 'once revealed, "has checked in" is old news');
    const revealed = find(await notices(ana), 'checkin_revealed', today);
    assert.ok(revealed, 'Ana hears the reveal she did not make');
    assert.equal(revealed.day, today);
    assert.ok(!find(await notices(ben), 'checkin_revealed', today), 'Ben saw it as he answered');
  });

  test('all: true marks everything; bad bodies are refused with 422', async () => {
    assert.ok((await notices(ana)).unread > 0);
    assert.ok(await markSeen(ana, { all: true }) > 0);
    assert.equal((await notices(ana)).unread, 0);
    for (const [json, field] of [[{}, 'ids'], [{ ids: [] }, 'ids'], [{ ids: 'x' }, 'ids'], [{ ids: [1] }, 'ids'],
      [{ ids: Array.from({ length: 101 }, (_, i) => `n${i}`) }, 'ids'], [{ all: 'yes' }, 'all'], [{ all: false }, 'ids']]) {
      assertInvalid(await ana.post('/api/v1/notices/seen', json), field);
    }
    assertProblem(await ana.post('/api/v1/notices/seen', '{"ids":'), 400, 'bad-request');
  });
});

describe('asking for space', TIMEOUT, () => {
  let request;

  test('either member asks; tonight by default; the other hears it first in their list', async () => {
    const res = await ben.post(bondPath(ab.id, '/space-requests'), {});
    assert.equal(res.status, 201, res.text);
    request = res.body.space_request;
    assert.equal(request.kind, 'space');
    assert.equal(request.when, 'tonight');
    assert.equal(request.reply, null);
    assert.equal(request.mine, true);
    const withNote = await ben.post(bondPath(ab.id, '/space-requests'), { when: 'now', note: uniqueText('a walk') });
    assert.equal(withNote.body.space_request.when, 'now');
    const list = await ana.get(bondPath(ab.id, '/space-requests'));
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(list.body.space_requests.map((r) => r.id), [withNote.body.space_request.id, request.id]);
    assert.ok(list.body.space_requests.every((r) => r.mine === false));
    const comfort = await ana.get(bondPath(ab.id, '/comfort-requests'));
    assert.ok(!comfort.body.comfort_requests.some((r) => r.id === request.id), 'space is not comfort');
    const forAna = await notices(ana);
    assert.equal(forAna.notices[0].kind, 'space_requested');
    assert.equal(forAna.notices[0].open, true);
  });

  test('refused: a wrong when or reply, an answer to one\'s own, a second answer, a comfort request on this route', async () => {
    assertInvalid(await ben.post(bondPath(ab.id, '/space-requests'), { when: 'forever' }), 'when');
    assertInvalid(await ana.post(bondPath(ab.id, `/space-requests/${enc(request.id)}/answer`), { reply: 'no' }), 'reply');
    assertProblem(await ben.post(bondPath(ab.id, `/space-requests/${enc(request.id)}/answer`), {}), 409, 'conflict');
    const comfort = await ben.post(bondPath(ab.id, '/comfort-requests'), {});
    assertProblem(await ana.post(bondPath(ab.id, `/space-requests/${enc(comfort.body.comfort_request.id)}/answer`), {}), 404, 'not-found');
    assertProblem(await sam.post(bondPath(ab.id, `/space-requests/${enc(request.id)}/answer`), {}), 404, 'not-found');
  });

  test('the other answers with a gentle reply, once; the asker hears it', async () => {
    const res = await ana.post(bondPath(ab.id, `/space-requests/${enc(request.id)}/answer`), { reply: 'enjoy', note: uniqueText('have fun') });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.space_request.reply, 'enjoy');
    assert.ok(res.body.space_request.answered_at);
    assertProblem(await ana.post(bondPath(ab.id, `/space-requests/${enc(request.id)}/answer`), { reply: 'of_course' }), 409, 'conflict');
    assert.ok(find(await notices(ben), 'space_answered', request.id));
  });
});

describe('affection ticks are shared only where both opted in', TIMEOUT, () => {
  // Fresh pairs, so each day can be revealed: Ana's partner bond with Pia (Ana opts in, Pia not),
  // and with Quinn (both opt in).
  test('one opted in: the reveal shows neither the other\'s ticks; the same answer whoever is off', async () => {
    const pia = await w.person('Pia');
    const quinn = await w.person('Quinn');
    const ap = await makeBond(ana, pia, 'partner');
    const aq = await makeBond(ana, quinn, 'partner');
    for (const person of [ana, quinn]) {
      const res = await person.patch('/api/v1/me', { track_affection: true });
      assert.equal(res.status, 200, res.text);
    }
    await putCheckin(ana, ap.id, today, checkinBody(cat, { affection: true, lovemaking: true }));
    await putCheckin(pia, ap.id, today, checkinBody(cat));
    const anaSees = (await getDay(ana, ap.id, today)).body;
    const piaSees = (await getDay(pia, ap.id, today)).body;
    assert.equal(anaSees.mine.affection, true, 'one\'s own ticks are one\'s own to see');
    assert.ok(!('affection' in anaSees.partner) && !('lovemaking' in anaSees.partner));
    assert.ok(!('affection' in piaSees.partner) && !('lovemaking' in piaSees.partner), 'Pia, not opted in, sees none of Ana\'s');
    assert.ok(!JSON.stringify(piaSees.partner).includes('lovemaking'));

    await putCheckin(ana, aq.id, today, checkinBody(cat, { affection: true, lovemaking: false }));
    await putCheckin(quinn, aq.id, today, checkinBody(cat, { affection: true }));
    const quinnSees = (await getDay(quinn, aq.id, today)).body;
    assert.equal(quinnSees.partner.affection, true);
    assert.equal(quinnSees.partner.lovemaking, false);
    assert.equal((await getDay(ana, aq.id, today)).body.partner.affection, true);
    assert.equal((await getDay(ana, aq.id, today)).body.partner.lovemaking, null);

    // Quinn turns it off: from now on neither sees the other's, in that bond's history too.
    await quinn.patch('/api/v1/me', { track_affection: false });
    const after = (await getDay(ana, aq.id, today)).body;
    assert.ok(!('affection' in after.partner), 'shown only while both opt in');
    const history = await ana.get(bondPath(aq.id, `/checkins?from=${today}&to=${today}`));
    assert.ok(!('affection' in history.body.days[0].partner));
  });
});

describe('the reveal\'s gentle word', TIMEOUT, () => {
  test('space beside closeness is named from each side, never as a judgement', async () => {
    // Ana asked for space today and Ben for closeness (see "what is new").
    const forAna = (await getDay(ana, ab.id, today)).body;
    const forBen = (await getDay(ben, ab.id, today)).body;
    assert.deepEqual(forAna.reflection, { kind: 'space_and_closeness', who: 'me' });
    assert.deepEqual(forBen.reflection, { kind: 'space_and_closeness', who: 'them' });
    const pending = (await getDay(ana, ab.id, utcDay(1))).body;
    assert.ok(!('reflection' in pending), 'no word before a reveal');
  });
});

describe('responses that fit', TIMEOUT, () => {
  test('a hurt is offered comfort, not joy; an achievement joy, not comfort; one\'s own entry nothing', async () => {
    const hurt = await writeEntry(ana, { kind: 'hurt', feelings: [{ word: cat.word('hurt'), intensity: 4 }] });
    const proud = await writeEntry(ana, { kind: 'achievement', feelings: [{ word: cat.word('pride'), intensity: 4 }] });
    await shareEntry(ana, hurt.id, ab.id);
    await shareEntry(ana, proud.id, ab.id);
    const forBen = await bondEntries(ben, ab.id);
    assert.deepEqual(forBen.find((e) => e.id === hurt.id).responses_offered, ['hear', 'comfort', 'thanks']);
    assert.deepEqual(forBen.find((e) => e.id === proud.id).responses_offered, ['hear', 'celebrate', 'thanks']);
    const forAna = await bondEntries(ana, ab.id);
    assert.deepEqual(forAna.find((e) => e.id === hurt.id).responses_offered, [], 'nothing to offer oneself');

    assertInvalid(await ben.post(entryPath(hurt.id, '/responses'), { kind: 'celebrate' }), 'kind');
    assertInvalid(await ben.post(entryPath(proud.id, '/responses'), { kind: 'comfort' }), 'kind');
    await respond(ben, hurt.id, 'comfort');
    await respond(ben, proud.id, 'celebrate');
  });
});

describe('the one who made an invite hears that it was accepted', TIMEOUT, () => {
  test('invite_accepted, live and as a notice, with the new bond', async () => {
    const rae = await w.person('Rae');
    const stream = await connectEvents(w.server, rae);
    try {
      const newcomer = await w.person('Tess');
      const bond = await makeBond(rae, newcomer, 'friend');
      const event = await stream.waitFor((m) => m.type === 'invite_accepted', 3_000, 'invite_accepted for Rae');
      assert.equal(event.bond_id, bond.id);
      assert.equal(event.id, bond.id);
      const listed = find(await notices(rae), 'invite_accepted', bond.id);
      assert.equal(listed.from_id, newcomer.user.id);
      assert.equal((await notices(newcomer)).notices.length, 0, 'the one who accepted is told nothing');
    } finally {
      await stream.close();
    }
  });
});

describe('an ended bond', TIMEOUT, () => {
  test('shows each only its ending', async () => {
    const res = await ben.post(bondPath(ab.id, '/end'), {});
    assert.equal(res.status, 200, res.text);
    const forAna = await notices(ana);
    assert.deepEqual(forAna.notices.filter((n) => n.bond_id === ab.id).map((n) => n.kind), ['bond_ended']);
    assert.equal(find(forAna, 'bond_ended', ab.id).from_id, ben.user.id);
    assert.deepEqual((await notices(ben)).notices.filter((n) => n.bond_id === ab.id), [], 'the ender is told nothing to read later');
    assert.deepEqual((await notices(sam)).notices, []);
  });
});

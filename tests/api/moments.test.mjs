// Moments from both sides: the bond's journey of highs and lows. Either member adds one and both
// see it; only its author changes or deletes it; the other hears that something changed, never
// what. Milestones come from what both did. After the bond ends, each keeps only their own.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertProblem } from './lib/client.mjs';
import { checkinBody, putCheckin, shiftDay, utcDay } from './lib/checkins.mjs';
import { connectEvents } from './lib/events.mjs';
import { world } from './lib/fixture.mjs';
import { bondPath, uniqueText } from './lib/inner-world.mjs';

const TIMEOUT = { timeout: 30_000 };
const enc = encodeURIComponent;

let w, ana, ben, ab, sam, cat, benEvents;
let picnic;

const journey = async (person) => {
  const res = await person.get(bondPath(ab.id, '/moments'));
  assert.equal(res.status, 200, res.text);
  return res.body;
};
const momentPath = (id) => bondPath(ab.id, `/moments/${enc(id)}`);
const add = (person, body) => person.post(bondPath(ab.id, '/moments'), body);

before(async () => {
  w = await world({ stranger: 'Sam', catalog: true });
  ({ a: ana, b: ben, bond: ab, stranger: sam, cat } = w);
  benEvents = await connectEvents(w.server, ben);
});
after(async () => {
  await benEvents?.close();
  await w?.close();
});

describe('the journey', TIMEOUT, () => {
  test('a moment one adds is seen by both, with its author, and told to the other without its words', async () => {
    const note = uniqueText('picnic');
    const res = await add(ana, { day: utcDay(), kind: 'high', title: '  The picnic in the rain  ', note });
    assert.equal(res.status, 201, res.text);
    picnic = res.body.moment;
    assert.equal(picnic.title, 'The picnic in the rain', 'the title is trimmed');
    assert.equal(picnic.mine, true);
    const bens = await journey(ben);
    const seen = bens.moments.find((m) => m.id === picnic.id);
    assert.deepEqual({ ...seen, mine: true }, picnic, 'Ben sees what Ana wrote');
    assert.equal(seen.mine, false);
    assert.deepEqual(seen.author, { id: ana.user.id, display_name: ana.user.display_name });
    const event = await benEvents.waitFor({ type: 'moment_added', id: picnic.id });
    assert.deepEqual(Object.keys(event).sort(), ['bond_id', 'id', 'notice_id', 'type']);
    assert.ok(!benEvents.raw.join('\n').includes('picnic'), 'no words in any event');
    // What is new for Ben tells of it, without its words; Ana, who added it, is told nothing.
    const news = await ben.get('/api/v1/notices');
    const told = news.body.notices.find((n) => n.kind === 'moment_added' && n.subject_id === picnic.id);
    assert.ok(told, news.text);
    assert.equal(told.id, event.notice_id);
    assert.equal(told.bond_id, ab.id);
    assert.ok(!news.text.includes('picnic'), 'no words in what is new');
    assert.ok(!(await ana.get('/api/v1/notices')).body.notices.some((n) => n.kind === 'moment_added'));
  });

  test('a moment deleted takes what was new about it away', async () => {
    const passing = await add(ana, { day: utcDay(), kind: 'high', title: 'A passing thought' });
    assert.equal(passing.status, 201, passing.text);
    const id = passing.body.moment.id;
    await benEvents.waitFor({ type: 'moment_added', id });
    const told = async () => (await ben.get('/api/v1/notices')).body.notices.some((n) => n.subject_id === id);
    assert.equal(await told(), true);
    assert.equal((await ana.delete(momentPath(id))).status, 204);
    assert.equal(await told(), false);
  });

  test('moments read by day, and memories from before the bond belong too', async () => {
    const long = await add(ben, { day: '2019-08-14', kind: 'low', title: 'The summer we almost lost touch' });
    assert.equal(long.status, 201, long.text);
    const mid = await add(ben, { day: shiftDay(utcDay(), -1), kind: 'high', title: 'Soup night' });
    assert.equal(mid.status, 201, mid.text);
    const days = (await journey(ana)).moments.map((m) => m.day);
    assert.deepEqual(days, [...days].sort(), 'oldest day first');
    assert.equal(days[0], '2019-08-14');
  });

  test('only its author changes or deletes a moment; the other and outsiders get 404 and change nothing', async () => {
    assertProblem(await ben.patch(momentPath(picnic.id), { title: 'Mine now' }), 404, 'not-found');
    assertProblem(await ben.delete(momentPath(picnic.id)), 404, 'not-found');
    assertProblem(await sam.patch(momentPath(picnic.id), { title: 'Mine now' }), 404, 'not-found');
    assertProblem(await sam.get(bondPath(ab.id, '/moments')), 404, 'not-found');
    assertProblem(await ana.patch(bondPath(ab.id, '/moments/nonexistent'), { kind: 'low' }), 404, 'not-found');
    const still = (await journey(ana)).moments.find((m) => m.id === picnic.id);
    assert.equal(still.title, 'The picnic in the rain');
  });

  test('an edit changes only what is given; a null note clears it; the other is told', async () => {
    const res = await ana.patch(momentPath(picnic.id), { kind: 'low', note: null });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.moment.kind, 'low');
    assert.equal(res.body.moment.title, 'The picnic in the rain');
    assert.equal(res.body.moment.note, null);
    assert.equal(res.body.moment.created_at, picnic.created_at);
    await benEvents.waitFor({ type: 'moment_updated', id: picnic.id });
    const seen = (await journey(ben)).moments.find((m) => m.id === picnic.id);
    assert.equal(seen.kind, 'low');
    assert.equal(seen.note, null);
  });

  test('bad input gets a clear 422 naming each field, and nothing is stored', async () => {
    const count = (await journey(ana)).moments.length;
    const cases = [
      [{}, ['day', 'kind', 'title']],
      [{ day: '2026-02-30', kind: 'high', title: 'x' }, ['day']],
      [{ day: shiftDay(utcDay(), 2), kind: 'high', title: 'x' }, ['day']],
      [{ day: utcDay(), kind: 'medium', title: 'x' }, ['kind']],
      [{ day: utcDay(), kind: 'high', title: '   ' }, ['title']],
      [{ day: utcDay(), kind: 'high', title: 'x'.repeat(121) }, ['title']],
      [{ day: utcDay(), kind: 'high', title: 'two\nlines' }, ['title']],
      [{ day: utcDay(), kind: 'high', title: 'x', note: 'y'.repeat(5001) }, ['note']],
      [{ day: 20261201, kind: 'high', title: 'x' }, ['day']],
      [{ day: utcDay(), kind: 'high', title: ['x'] }, ['title']],
    ];
    for (const [body, fields] of cases) {
      const res = await add(ana, body);
      assertProblem(res, 422, 'validation');
      assert.deepEqual(res.body.errors.map((e) => e.field).sort(), fields, JSON.stringify(body).slice(0, 60));
    }
    assertProblem(await ana.patch(momentPath(picnic.id), { title: '' }), 422, 'validation');
    assert.equal((await add(ana, { day: utcDay(), kind: 'high', title: 'x'.repeat(120) })).status, 201, '120 is fine');
    assert.equal((await journey(ana)).moments.length, count + 1);
  });

  test('milestones: the day the bond began, then the first day both checked in', async () => {
    let marks = (await journey(ben)).milestones;
    assert.deepEqual(marks, [{ kind: 'began', day: ab.created_at.slice(0, 10), count: 0 }]);
    await putCheckin(ana, ab.id, utcDay(), checkinBody(cat));
    assert.equal((await journey(ana)).milestones.length, 1, 'one answer is not yet a reveal');
    await putCheckin(ben, ab.id, utcDay(), checkinBody(cat));
    marks = (await journey(ana)).milestones;
    assert.deepEqual(marks[1], { kind: 'first_reveal', day: utcDay(), count: 1 });
    assert.deepEqual((await journey(ben)).milestones, marks, 'the same for both');
  });
});

describe('an ended bond', TIMEOUT, () => {
  test('leaves each with only their own moments, which they may still delete', async () => {
    const res = await ana.post(bondPath(ab.id, '/end'), {});
    assert.ok(res.status === 200 || res.status === 204, res.text);
    const anas = await journey(ana);
    const bens = await journey(ben);
    assert.ok(anas.moments.length > 0 && anas.moments.every((m) => m.author.id === ana.user.id));
    assert.ok(bens.moments.length > 0 && bens.moments.every((m) => m.author.id === ben.user.id));
    assertProblem(await add(ana, { day: utcDay(), kind: 'high', title: 'After' }), 409, 'bond-ended');
    assertProblem(await ana.patch(momentPath(picnic.id), { kind: 'high' }), 409, 'bond-ended');
    assert.equal((await ana.delete(momentPath(picnic.id))).status, 204);
    assert.ok(!(await journey(ana)).moments.some((m) => m.id === picnic.id));
  });
});

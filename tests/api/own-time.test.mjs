// Time of one's own from both sides: a private log, each piece an entry of the kind `own_time`
// (sealed, shared only by its author's choice), read by day beside the check-ins' own-time answers
// and the weekly wish, and never counted twice: a day's own time is the larger of what its
// check-ins said and what its pieces add up to.

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { assertProblem } from './lib/client.mjs';
import { checkinBody, putCheckin, shiftDay, utcDay } from './lib/checkins.mjs';
import { connectEvents } from './lib/events.mjs';
import { world } from './lib/fixture.mjs';
import { assertEntry, bondEntries, bondPath, entryPath, shareEntry, uniqueText } from './lib/inner-world.mjs';

const TIMEOUT = { timeout: 30_000 };
const enc = encodeURIComponent;
const LOG = '/api/v1/me/own-time';
const piecePath = (id) => `${LOG}/${enc(id)}`;
// A wish no other number here comes near, so its absence can be checked in the text.
const ANA_WISH = 4321;

let w, ana, ben, ab, cat, sam, activities, benEvents;
let walk;

async function log(person, body) {
  const res = await person.post(LOG, body);
  assert.equal(res.status, 201, res.text);
  assertEntry(res.body.entry);
  return res.body.entry;
}
async function logOf(person, days) {
  const res = await person.get(days === undefined ? LOG : `${LOG}?days=${days}`);
  assert.equal(res.status, 200, res.text);
  return res.body;
}

before(async () => {
  w = await world({ stranger: 'Sam', catalog: true });
  ({ a: ana, b: ben, bond: ab, cat, stranger: sam } = w);
  activities = (await ana.get('/api/v1/catalog')).body.own_time.activities.map((a) => a.id);
  benEvents = await connectEvents(w.server, ben);
  assert.equal((await ana.patch('/api/v1/me', { own_time_wish_minutes: ANA_WISH })).status, 200);
});
after(async () => {
  await benEvents?.close();
  await w?.close();
});

describe('the catalog', TIMEOUT, () => {
  test('offers kinds of time and lengths, with the words of the log', async () => {
    const { own_time: words } = (await ana.get('/api/v1/catalog')).body;
    for (const key of ['title', 'intro', 'private', 'empty', 'against_wish', 'no_wish', 'counted'])
      assert.ok(words[key].length > 10, key);
    assert.ok(activities.includes('walk') && activities.includes('friends') && activities.includes('hobby'));
    assert.ok(words.minutes.every((m, i) => Number.isInteger(m) && m >= 5 && m <= 1440 && (i === 0 || m > words.minutes[i - 1])));
  });
});

describe('a piece of time of one\'s own', TIMEOUT, () => {
  test('is a private entry of its own kind, with its day, length and kind of time', async () => {
    const note = uniqueText('by the river');
    walk = await log(ana, { day: utcDay(), minutes: 45, activity: 'walk', note });
    assert.equal(walk.kind, 'own_time');
    assert.deepEqual(walk.own_time, { day: utcDay(), minutes: 45, activity: 'walk' });
    assert.equal(walk.body, note);
    assert.deepEqual(walk.shared_with, []);
    const quiet = await log(ana, { day: utcDay(-1), minutes: 30, activity: 'rest' });
    assert.equal(quiet.body, '', 'the note is optional');
    const mine = await logOf(ana);
    assert.deepEqual(mine.entries.map((e) => e.id), [walk.id, quiet.id], 'newest day first');
    assert.ok(mine.entries.every((e) => e.kind === 'own_time'));
    const journal = await ana.get('/api/v1/entries?kind=own_time');
    assert.deepEqual(journal.body.entries.map((e) => e.id).sort(), [walk.id, quiet.id].sort(), 'in her journal too');
  });

  test('never reaches anyone else unless shared: not a list, a bond, an entry, an event', async () => {
    for (const other of [ben, sam]) {
      const theirs = await logOf(other);
      assert.deepEqual(theirs.entries, []);
      assert.deepEqual(theirs.own_days, []);
      assert.equal(theirs.last_week.minutes, 0);
      assertProblem(await other.get(entryPath(walk.id)), 404, 'not-found');
      assertProblem(await other.patch(piecePath(walk.id), { minutes: 600 }), 404, 'not-found');
      assertProblem(await other.delete(entryPath(walk.id)), 404, 'not-found');
    }
    assert.ok(!(await bondEntries(ben, ab.id)).some((e) => e.id === walk.id));
    const bensInsights = await ben.get(bondPath(ab.id, '/insights'));
    assert.equal(bensInsights.status, 200);
    assert.ok(!bensInsights.text.includes(walk.body) && !bensInsights.text.includes(walk.id));
    assert.ok(!bensInsights.text.includes(String(ANA_WISH)), 'her wish stays hers');
    await sleep(100);
    assert.ok(!benEvents.raw.join('\n').includes(walk.id), 'no event tells of it');
    assert.equal((await ana.get(entryPath(walk.id))).body.entry.own_time.minutes, 45, 'untouched by the others');
  });

  test('says what is wrong with bad input, each field, and keeps nothing of it', async () => {
    const before = (await logOf(ana)).entries.length;
    const bad = [
      [{ minutes: 30, activity: 'walk' }, 'day'],
      [{ day: 'tomorrow', minutes: 30, activity: 'walk' }, 'day'],
      [{ day: shiftDay(utcDay(), 2), minutes: 30, activity: 'walk' }, 'day'],
      [{ day: shiftDay(utcDay(), -400), minutes: 30, activity: 'walk' }, 'day'],
      [{ day: utcDay(), activity: 'walk' }, 'minutes'],
      [{ day: utcDay(), minutes: 4, activity: 'walk' }, 'minutes'],
      [{ day: utcDay(), minutes: 1441, activity: 'walk' }, 'minutes'],
      [{ day: utcDay(), minutes: '30', activity: 'walk' }, 'minutes'],
      [{ day: utcDay(), minutes: 2.5, activity: 'walk' }, 'minutes'],
      [{ day: utcDay(), minutes: 30, activity: 'sleeping' }, 'activity'],
      [{ day: utcDay(), minutes: 30 }, 'activity'],
      [{ day: utcDay(), minutes: 30, activity: 'walk', note: 'x'.repeat(20_001) }, 'note'],
      [{ day: utcDay(), minutes: 30, activity: 'walk', note: 7 }, 'note'],
    ];
    for (const [body, field] of bad) {
      const res = await ana.post(LOG, body);
      assertProblem(res, 422, 'validation');
      assert.ok(res.body.errors.some((e) => e.field === field), `${JSON.stringify(body).slice(0, 80)}: ${res.text}`);
      assert.ok(!res.text.includes('x'.repeat(50)), 'the text is not echoed');
    }
    assertProblem(await ana.post(LOG, '{"day":'), 400, 'bad-request');
    assertProblem(await ana.get(`${LOG}?days=3`), 422, 'validation');
    assertProblem(await ana.patch(piecePath('no-such-piece'), { minutes: 30 }), 404, 'not-found');
    assert.equal((await logOf(ana)).entries.length, before);
  });

  test('is changed through its log, never made or unmade through the journal', async () => {
    const changed = await ana.patch(piecePath(walk.id), { minutes: 50, activity: 'movement' });
    assert.equal(changed.status, 200, changed.text);
    assert.deepEqual(changed.body.entry.own_time, { day: utcDay(), minutes: 50, activity: 'movement' });
    assert.equal(changed.body.entry.body, walk.body, 'the note stays');
    walk = changed.body.entry;
    const made = await ana.post('/api/v1/entries', { kind: 'own_time', body: 'Sneaking one in.' });
    assertProblem(made, 422, 'validation');
    assert.equal(made.body.errors[0].field, 'kind');
    assertProblem(await ana.patch(entryPath(walk.id), { kind: 'hope' }), 422, 'validation');
    const feeling = await ana.post('/api/v1/entries', { kind: 'hope', body: 'A hope, not time of my own.' });
    assertProblem(await ana.patch(piecePath(feeling.body.entry.id), { minutes: 30 }), 404, 'not-found');
    const bad = await ana.patch(piecePath(walk.id), { minutes: 0 });
    assertProblem(bad, 422, 'validation');
    assert.equal((await ana.get(entryPath(walk.id))).body.entry.own_time.minutes, 50, 'a bad change changes nothing');
  });
});

describe('a day counts once', TIMEOUT, () => {
  test('the larger of its check-ins and its pieces, never both added together', async () => {
    // Today: a check-in says 60 minutes to herself; the log has 50 (the walk) and then 40 more.
    await putCheckin(ana, ab.id, utcDay(), checkinBody(cat, { own_minutes: 60 }));
    let today = (await logOf(ana)).own_days.find((d) => d.day === utcDay());
    assert.deepEqual(today, { day: utcDay(), checked_in: 60, logged: 50, counted: 60 });
    const pottery = await log(ana, { day: utcDay(), minutes: 40, activity: 'hobby' });
    today = (await logOf(ana)).own_days.find((d) => d.day === utcDay());
    assert.deepEqual(today, { day: utcDay(), checked_in: 60, logged: 90, counted: 90 });
    // Yesterday: only the log (30 of rest).
    const body = await logOf(ana);
    assert.deepEqual(body.own_days.find((d) => d.day === utcDay(-1)), { day: utcDay(-1), checked_in: null, logged: 30, counted: 30 });
    assert.deepEqual(body.last_week.minutes, 120);
    assert.equal(body.last_week.wish_per_week, ANA_WISH);
    assert.equal(body.last_week.under_wish, true);
    assert.equal(body.days, 28);
    // Her own insights count the same days the same way.
    const mine = (await ana.get('/api/v1/me/insights')).body.own_time;
    assert.equal(mine.days, 2);
    assert.equal(mine.weekly_minutes, (120 * 7) / 2, "as minutes a week over the days told");
    // Deleting a piece takes it out of the count.
    assert.equal((await ana.delete(entryPath(pottery.id))).status, 204);
    today = (await logOf(ana)).own_days.find((d) => d.day === utcDay());
    assert.equal(today.counted, 60);
  });

  test('the bond\'s insights, which both see, know only the check-ins', async () => {
    const before = (await ben.get(bondPath(ab.id, '/insights'))).body;
    await log(ana, { day: utcDay(), minutes: 600, activity: 'friends', note: uniqueText('a long evening') });
    const after = (await ben.get(bondPath(ab.id, '/insights'))).body;
    assert.deepEqual(after, before, 'her private log changes nothing the bond sees');
  });
});

describe('shared by its author', TIMEOUT, () => {
  test('reaches the other like any entry, with its day, length and kind, and is glad news', async () => {
    await shareEntry(ana, walk.id, ab.id);
    await benEvents.waitFor({ type: 'entry_shared', id: walk.id });
    const shared = (await bondEntries(ben, ab.id)).find((e) => e.id === walk.id);
    assert.equal(shared.kind, 'own_time');
    assert.deepEqual(shared.own_time, walk.own_time);
    assert.equal(shared.body, walk.body);
    assert.deepEqual(shared.responses_offered, ['hear', 'celebrate', 'thanks']);
    const changed = await ana.patch(piecePath(walk.id), { note: uniqueText('the heron again') });
    assert.equal(changed.status, 200);
    await benEvents.waitFor({ type: 'entry_updated', id: walk.id });
    // Withdrawn, it is gone from his view, and his own log never held it.
    assert.equal((await ana.delete(entryPath(walk.id, `/shares/${enc(ab.id)}`))).status, 204);
    assert.ok(!(await bondEntries(ben, ab.id)).some((e) => e.id === walk.id));
    assert.deepEqual((await logOf(ben)).entries, []);
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Entry, OwnDay, OwnTimeLog } from '../api';
import { catalog } from '../insights/fixture.test';
import {
  activityName,
  addDays,
  dayHeading,
  draftMinutes,
  logDays,
  pieceDraft,
  pieceProblems,
  pieceToSend,
  sharedPieceSaid,
  shortMinutes,
  weekMeter,
  type PieceDraft,
} from './pieces';

// The real words, as the catalog serves them.
const words = catalog.own_time;

const piece = (id: string, day: string, minutes: number, created_at: string, body = ''): Entry => ({
  id,
  kind: 'own_time',
  prompt: null,
  feelings: [],
  body,
  created_at,
  updated_at: created_at,
  shared_with: [],
  follow_up: null,
  own_time: { day, minutes, activity: 'walk' },
  responses: [],
});

const week = (minutes: number, wish: number | null): OwnTimeLog['last_week'] => ({
  days: 7,
  from: '2026-11-25',
  to: '2026-12-01',
  minutes,
  wish_per_week: wish,
  under_wish: wish === null ? null : minutes < wish,
});

test('a length reads short: hours and minutes, never a fraction', () => {
  assert.deepEqual([5, 45, 60, 90, 135, 240, 1440].map(shortMinutes), ['5 min', '45 min', '1 h', '1 h 30 min', '2 h 15 min', '4 h', '24 h']);
  assert.equal(shortMinutes(0), '0 min');
});

test('every length and kind of time the catalog offers has its words', () => {
  assert.ok(words.minutes.length > 0 && words.activities.length > 0);
  for (const n of words.minutes) assert.doesNotMatch(shortMinutes(n), /\./);
  assert.equal(activityName(words, 'walk'), 'A walk or time outdoors');
  assert.equal(activityName(undefined, 'quiet_time'), 'quiet time', 'an unknown kind still reads');
  assert.match(words.against_wish, /\{wish\}/);
});

test('days move across months and years, and near ones have names', () => {
  assert.equal(addDays('2026-03-01', -1), '2026-02-28');
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
  assert.equal(dayHeading('2026-12-01', '2026-12-01'), 'Today');
  assert.equal(dayHeading('2026-11-30', '2026-12-01'), 'Yesterday');
  assert.match(dayHeading('2026-11-24', '2026-12-01'), /Tuesday/);
});

test('the log goes by day, newest first, each day with its pieces newest first', () => {
  const days: OwnDay[] = [
    { day: '2026-11-20', checked_in: 0, logged: 0, counted: 0 },
    { day: '2026-11-28', checked_in: 120, logged: 45, counted: 120 },
    { day: '2026-11-29', checked_in: 30, logged: 0, counted: 30 },
    { day: '2026-12-01', checked_in: null, logged: 75, counted: 75 },
  ];
  const entries = [
    piece('a', '2026-12-01', 30, '2026-12-01T08:00:00Z'),
    piece('b', '2026-12-01', 45, '2026-12-01T18:00:00Z'),
    piece('c', '2026-11-28', 45, '2026-11-28T10:00:00Z'),
  ];
  const log = logDays(days, entries);
  assert.deepEqual(log.map((d) => d.day), ['2026-12-01', '2026-11-29', '2026-11-28'], 'a day that counts nothing is left out');
  assert.deepEqual(log[0]!.pieces.map((p) => p.id), ['b', 'a']);
  assert.equal(log[0]!.checkinSaidMore, false);
  assert.equal(log[1]!.pieces.length, 0, 'a day only a check-in told of');
  assert.equal(log[2]!.checkinSaidMore, true, 'the check-in said more, so it is what counts');
  assert.equal(log[2]!.counted, 120, 'counted once: never 120 + 45');
});

test('a piece whose day the server did not list still has its day', () => {
  const log = logDays([], [piece('a', '2026-11-02', 20, '2026-11-02T08:00:00Z'), piece('b', '2026-11-02', 10, '2026-11-02T09:00:00Z')]);
  assert.equal(log.length, 1);
  assert.equal(log[0]!.counted, 30);
  assert.equal(log[0]!.checked_in, null);
});

test('the week beside a wish: the bar and warm words, never a reproach', () => {
  const under = weekMeter(words, week(135, 300));
  assert.equal(under.total, '2 h 15 min');
  assert.equal(under.totalSaid, '2 hours 15 minutes');
  assert.equal(under.againstWish, words.against_wish.replace('{wish}', '5 hours'));
  assert.equal(under.gentle, '2 h 45 min more would meet your wish, whenever it suits you.');
  assert.ok(under.fill > 0 && under.mark !== null && under.fill < under.mark, 'filled short of the wish’s mark');

  const met = weekMeter(words, week(420, 300));
  assert.match(met.gentle!, /you gave it to yourself/);
  assert.ok(met.mark !== null && met.fill > met.mark, 'past the mark');

  const none = weekMeter(words, week(0, 300));
  assert.equal(none.fill, 0);
  assert.match(none.gentle!, /Even a short walk/);

  for (const m of [under, met, none]) assert.doesNotMatch(`${m.againstWish} ${m.gentle}`, /only|behind|failed|should|must|not enough/i);
});

test('without a wish there is no mark and no comparison', () => {
  const m = weekMeter(words, week(90, null));
  assert.equal(m.mark, null);
  assert.equal(m.againstWish, null);
  assert.equal(m.gentle, null);
  assert.equal(m.total, '1 h 30 min');
  assert.equal(weekMeter(words, week(0, 0)).againstWish, words.against_wish.replace('{wish}', '0 hours'));
});

test('a fresh draft is for today; a piece to change fills it, a length not offered typed in', () => {
  assert.deepEqual(pieceDraft('2026-12-01', words.minutes), { day: '2026-12-01', pick: null, custom: '', activity: null, note: '' });
  const offered = pieceDraft('2026-12-01', words.minutes, piece('a', '2026-11-30', 45, '2026-11-30T08:00:00Z', 'By the river'));
  assert.deepEqual(offered, { day: '2026-11-30', pick: 45, custom: '', activity: 'walk', note: 'By the river' });
  const typed = pieceDraft('2026-12-01', words.minutes, piece('a', '2026-11-30', 50, '2026-11-30T08:00:00Z'));
  assert.equal(typed.pick, 'other');
  assert.equal(typed.custom, '50');
});

test('what the form may send: a day this year and not to come, a length, a kind of time', () => {
  const today = '2026-12-01';
  const good: PieceDraft = { day: today, pick: 'other', custom: ' 50 ', activity: 'walk', note: '  By the river  ' };
  assert.deepEqual(pieceProblems(good, today), {});
  assert.deepEqual(pieceToSend(good), { day: today, minutes: 50, activity: 'walk', note: 'By the river' });
  assert.equal(pieceToSend({ ...good, note: '   ' }).note, '', 'a blank note removes the note');

  const empty: PieceDraft = { day: '', pick: null, custom: '', activity: null, note: '' };
  assert.deepEqual(Object.keys(pieceProblems(empty, today)).sort(), ['activity', 'day', 'minutes']);
  assert.ok(pieceProblems({ ...good, day: '2026-12-02' }, today).day, 'not a day still to come');
  assert.ok(pieceProblems({ ...good, day: addDays(today, -366) }, today).day, 'not more than a year back');
  assert.equal(pieceProblems({ ...good, day: addDays(today, -365) }, today).day, undefined);
  for (const custom of ['4', '1441', '1.5', 'an hour', '']) {
    assert.equal(draftMinutes({ ...good, custom }), null, custom);
    assert.ok(pieceProblems({ ...good, custom }, today).minutes, custom);
  }
  assert.equal(draftMinutes({ ...good, pick: 90 }), 90);
});

test('a shared piece is told gladly, from the reader’s side', () => {
  assert.equal(sharedPieceSaid(null), 'You took some time of your own');
  assert.equal(sharedPieceSaid('Ana'), 'Ana took some time of their own');
});

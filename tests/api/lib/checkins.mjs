// Helpers for daily check-ins: days relative to the server's UTC date, a valid check-in body,
// the routes, and shape checks for a check-in, a day view and the history.

import assert from 'node:assert/strict';
import { RFC3339_UTC } from './client.mjs';
import { bondPath } from './inner-world.mjs';

export const NEEDS = ['space', 'closeness', 'comfort', 'fine'];

/** The keys of a revealed check-in: no edit time, on either side. */
export const REVEALED_CHECKIN_KEYS = [
  'affection', 'closeness_now', 'closeness_wanted', 'created_at', 'day', 'feelings', 'from', 'guess', 'lovemaking',
  'need', 'own_minutes', 'primary_family', 'together_minutes', 'wishes',
].sort();
/** The keys of one's own check-in before the reveal: with its edit time. */
export const CHECKIN_KEYS = [...REVEALED_CHECKIN_KEYS, 'updated_at'].sort();
/**
 * Without affection ticks (and the shared wishes lived): one's own while one does not track them,
 * and the other's unless both do. Whoever has it off, the answer looks the same.
 */
const unticked = (keys) => keys.filter((k) => k !== 'affection' && k !== 'lovemaking' && k !== 'wishes');
/** The gentle word on a revealed day: {kind, who} or null. */
export const REFLECTION_KINDS = ['comfort', 'space_and_closeness', 'both_closer', 'both_space'];
export const GUESS_KEYS = ['closeness_now', 'closeness_right', 'family', 'family_right'];

/**
 * The UTC calendar day `offset` days from now, as YYYY-MM-DD. The server runs on this machine,
 * so its UTC date is ours (a run that straddles midnight UTC may see the window move).
 */
export function utcDay(offset = 0) {
  const d = new Date();
  d.setUTCHours(12, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

/** A YYYY-MM-DD date `offset` days from `day`. */
export function shiftDay(day, offset) {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

export const checkinPath = (bondId, day) => bondPath(bondId, `/checkins/${encodeURIComponent(day)}`);

/** The history route; `query` is an object of search parameters (omitted keys are not sent). */
export function historyPath(bondId, query = {}) {
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined));
  const qs = params.toString();
  return bondPath(bondId, `/checkins${qs ? `?${qs}` : ''}`);
}

/** A valid check-in body built from catalog words; `overrides` replace top-level fields. */
export function checkinBody(cat, overrides = {}) {
  return {
    feelings: [{ word: cat.word('calm'), intensity: 3 }, { word: cat.word('hope'), intensity: 2 }],
    closeness_now: 4,
    closeness_wanted: 5,
    need: 'fine',
    own_minutes: 60,
    together_minutes: 90,
    guess: { family: 'joy', closeness_now: 4 },
    ...overrides,
  };
}

/** PUTs a check-in and asserts 200 {checkin, revealed}; resolves with the body. */
export async function putCheckin(person, bondId, day, body) {
  const res = await person.put(checkinPath(bondId, day), body);
  assert.equal(res.status, 200, `check-in ${day}: ${res.status} ${res.text}`);
  assert.deepEqual(Object.keys(res.body).sort(), ['checkin', 'revealed'], `PUT answers {checkin, revealed}: ${res.text}`);
  assert.equal(typeof res.body.revealed, 'boolean');
  assertCheckin(res.body.checkin, { day, from: person, revealed: res.body.revealed });
  return res.body;
}

/** GETs one day as `person`; asserts 200 and its shape; resolves with the response. */
export async function getDay(person, bondId, day) {
  const res = await person.get(checkinPath(bondId, day));
  assert.equal(res.status, 200, `day ${day}: ${res.status} ${res.text}`);
  assertDay(res.body, day);
  return res;
}

/** GETs the history as `person`; asserts 200 and its shape; resolves with the response. */
export async function getHistory(person, bondId, query) {
  const res = await person.get(historyPath(bondId, query));
  assert.equal(res.status, 200, `history: ${res.status} ${res.text}`);
  assertHistory(res.body);
  return res;
}

/**
 * A full check-in: every key and nothing more. `from` (a Client) is its author; `revealed`
 * says whether the guess may be scored yet, and whether it carries its edit time (only before
 * the reveal).
 */
export function assertCheckin(c, { day, from, revealed } = {}) {
  assert.ok(c && typeof c === 'object', 'check-in is an object');
  const keys = Object.keys(c).sort();
  const ticks = 'affection' in c;
  const shape = (k) => (ticks ? k : unticked(k));
  if (revealed === true) assert.deepEqual(keys, shape(REVEALED_CHECKIN_KEYS), `a revealed check-in has no edit time: ${JSON.stringify(c)}`);
  else if (revealed === false) assert.deepEqual(keys, shape(CHECKIN_KEYS), `check-in keys: ${JSON.stringify(c)}`);
  else assert.ok([CHECKIN_KEYS, REVEALED_CHECKIN_KEYS].some((k) => shape(k).join() === keys.join()), `check-in keys: ${JSON.stringify(c)}`);
  assert.match(c.day, /^\d{4}-\d{2}-\d{2}$/);
  if (day !== undefined) assert.equal(c.day, day);
  assert.deepEqual(Object.keys(c.from).sort(), ['display_name', 'id'], 'from carries only id and display_name');
  if (from !== undefined) assert.deepEqual(c.from, { id: from.user.id, display_name: from.user.display_name });
  assert.ok(Array.isArray(c.feelings) && c.feelings.length >= 1 && c.feelings.length <= 3, 'one to three feelings');
  for (const f of c.feelings) {
    assert.deepEqual(Object.keys(f).sort(), ['family', 'intensity', 'word']);
    assert.ok(Number.isInteger(f.intensity) && f.intensity >= 1 && f.intensity <= 5);
  }
  assert.equal(typeof c.primary_family, 'string');
  for (const key of ['closeness_now', 'closeness_wanted']) assert.ok(Number.isInteger(c[key]) && c[key] >= 1 && c[key] <= 7, key);
  for (const key of ['own_minutes', 'together_minutes']) assert.ok(Number.isInteger(c[key]) && c[key] >= 0 && c[key] <= 1440, key);
  assert.ok(NEEDS.includes(c.need), `need ${c.need}`);
  if (ticks) for (const key of ['affection', 'lovemaking']) assert.ok(c[key] === null || typeof c[key] === 'boolean', key);
  assert.deepEqual(Object.keys(c.guess).sort(), GUESS_KEYS, `guess keys: ${JSON.stringify(c.guess)}`);
  assert.equal(typeof c.guess.family, 'string');
  assert.ok(Number.isInteger(c.guess.closeness_now));
  if (revealed === false) {
    assert.equal(c.guess.family_right, null, 'no guess is scored before the reveal');
    assert.equal(c.guess.closeness_right, null, 'no guess is scored before the reveal');
  } else if (revealed === true) {
    assert.equal(typeof c.guess.family_right, 'boolean', 'guesses are scored after the reveal');
    assert.equal(typeof c.guess.closeness_right, 'boolean', 'guesses are scored after the reveal');
  }
  assert.match(c.created_at, RFC3339_UTC);
  if ('updated_at' in c) {
    assert.match(c.updated_at, RFC3339_UTC);
    assert.ok(Date.parse(c.updated_at) >= Date.parse(c.created_at), 'updated_at is not before created_at');
  }
}

/**
 * A day view: {day, revealed, mine, partner?}. Once revealed, partner is the other's whole
 * check-in; before, it is a bare status for a day that can still be answered, and absent for any
 * other day and in an ended bond.
 */
export function assertDay(body, day) {
  const keys = Object.keys(body).sort();
  if (body.revealed) assert.equal(keys.join(), 'day,mine,partner,reflection,revealed', `revealed day keys: ${JSON.stringify(body)}`);
  else assert.ok(keys.join() === 'day,mine,partner,revealed' || keys.join() === 'day,mine,revealed', `day keys: ${JSON.stringify(body)}`);
  assert.equal(body.day, day);
  assert.equal(typeof body.revealed, 'boolean');
  if (body.revealed) {
    assert.ok('partner' in body, 'a revealed day shows the other\'s check-in');
    assertCheckin(body.mine, { day, revealed: true });
    assertCheckin(body.partner, { day, revealed: true });
    if (body.reflection !== null) {
      assert.deepEqual(Object.keys(body.reflection).sort(), ['kind', 'who']);
      assert.ok(REFLECTION_KINDS.includes(body.reflection.kind), `reflection ${body.reflection.kind}`);
      assert.ok(['me', 'them', 'both'].includes(body.reflection.who), `who ${body.reflection.who}`);
    }
  } else {
    if (body.mine !== null) assertCheckin(body.mine, { day, revealed: false });
    if ('partner' in body) {
      assert.deepEqual(Object.keys(body.partner), ['status'], `before the reveal the other is only a status: ${JSON.stringify(body.partner)}`);
      assert.ok(['waiting', 'checked_in'].includes(body.partner.status), `status ${body.partner.status}`);
    }
  }
}

/** The history: ascending days on which the caller checked in, each shaped as a day view. */
export function assertHistory(body) {
  assert.deepEqual(Object.keys(body), ['days'], `history keys: ${JSON.stringify(body)}`);
  assert.ok(Array.isArray(body.days), 'days is a list');
  let previous = '';
  for (const entry of body.days) {
    assert.ok(entry.day > previous, `days ascend without repeats: ${entry.day} after ${previous}`);
    previous = entry.day;
    assertDay(entry, entry.day);
    assert.notEqual(entry.mine, null, `the history lists only days the caller checked in: ${JSON.stringify(entry)}`);
  }
}

/** Only what a person wrote, without timestamps: for comparing stored values. */
export function written(c) {
  const { created_at: _c, updated_at: _u, ...rest } = c;
  return rest;
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Checkin } from '../api';
import { WISHES_MAX, checkStep, checkinBody, draftFrom, firstStepOf, minutesFrom, minutesValue, stepOfField, stepsFor, withAffection, withWish } from './draft';

const sent: Checkin = {
  day: '2026-03-02',
  from: { id: 'u1', display_name: 'Ada' },
  feelings: [{ word: 'glad', family: 'joy', intensity: 4 }],
  primary_family: 'joy',
  closeness_now: 5,
  closeness_wanted: 6,
  need: 'closeness',
  own_minutes: 30,
  together_minutes: 45,
  affection: true,
  lovemaking: null,
  guess: { family: 'calm', closeness_now: 3, family_right: null, closeness_right: null },
  created_at: '2026-03-02T08:00:00Z',
};

test('the affection step is asked only in partner bonds, of someone who chose it', () => {
  assert.equal(withAffection('partner', true), true);
  assert.equal(withAffection('partner', false), false);
  assert.equal(withAffection('partner', undefined), false);
  assert.equal(withAffection('friend', true), false);
  assert.deepEqual(stepsFor(false), ['feelings', 'now', 'wanted', 'need', 'time', 'guess']);
  assert.deepEqual(stepsFor(true), ['feelings', 'now', 'wanted', 'need', 'time', 'affection', 'guess']);
});

test('a fresh draft starts in the middle of the scale with nothing chosen', () => {
  const d = draftFrom(null);
  assert.deepEqual([d.now, d.wanted, d.guessNow], [4, 4, 4]);
  assert.deepEqual(d.feelings, []);
  assert.equal(d.need, null);
  assert.deepEqual(d.own, { pick: null, custom: '' });
  assert.equal(d.affection, false);
});

test('a sent check-in comes back as the draft it was, minutes as a pick or typed', () => {
  const d = draftFrom(sent);
  assert.deepEqual(d.feelings, [{ word: 'glad', intensity: 4 }]);
  assert.deepEqual([d.now, d.wanted, d.need, d.guessFamily, d.guessNow], [5, 6, 'closeness', 'calm', 3]);
  assert.deepEqual(d.own, { pick: 30, custom: '' });
  assert.deepEqual(d.together, { pick: 'other', custom: '45' });
  assert.equal(d.affection, true);
  assert.equal(d.lovemaking, false, 'null (not asked) is an unticked box');
  assert.deepEqual(minutesFrom(0), { pick: 0, custom: '' });
});

test('minutes are a pick, or a whole number from 0 to 1440 typed in', () => {
  assert.equal(minutesValue({ pick: 60, custom: '' }), 60);
  assert.equal(minutesValue({ pick: 'other', custom: ' 1440 ' }), 1440);
  assert.equal(minutesValue({ pick: 'other', custom: '0' }), 0);
  assert.equal(minutesValue({ pick: null, custom: '' }), 'Choose how much time, even if it was none.');
  for (const bad of ['', '1441', '-1', '2.5', 'ten']) {
    assert.equal(minutesValue({ pick: 'other', custom: bad }), 'Type a whole number of minutes from 0 to 1440.', bad);
  }
});

test('each step says what it still needs, and nothing once it is answered', () => {
  const d = draftFrom(null);
  assert.deepEqual(checkStep('feelings', d, 'Ben'), { feelings: 'Choose at least one word for how you feel.' });
  assert.deepEqual(checkStep('now', d, 'Ben'), {});
  assert.deepEqual(checkStep('need', d, 'Ben'), { need: 'Choose the one that fits best today.' });
  assert.deepEqual(Object.keys(checkStep('time', d, 'Ben')), ['own_minutes', 'together_minutes']);
  assert.deepEqual(checkStep('guess', d, 'Ben'), { 'guess.family': 'Choose the feeling you think is strongest for Ben.' });
  assert.deepEqual(checkStep('affection', d, 'Ben'), {}, 'both ticks are optional');
  const full = draftFrom(sent);
  for (const step of stepsFor(true)) assert.deepEqual(checkStep(step, full, 'Ben'), {}, step);
});

test('the body sent carries affection only when it was asked', () => {
  const d = draftFrom(sent);
  const plain = checkinBody(d, false);
  assert.deepEqual(plain, {
    feelings: [{ word: 'glad', intensity: 4 }],
    closeness_now: 5,
    closeness_wanted: 6,
    need: 'closeness',
    own_minutes: 30,
    together_minutes: 45,
    guess: { family: 'calm', closeness_now: 3 },
  });
  assert.equal('affection' in plain, false);
  assert.equal('wishes' in plain, false);
  const withTicks = checkinBody(d, true);
  assert.equal(withTicks.affection, true);
  assert.equal(withTicks.lovemaking, false);
  assert.deepEqual(withTicks.wishes, []);
});

test('a shared wish lived ticks affection; at most five, each once', () => {
  let d = { ...draftFrom(null), affection: false };
  const tick = (id: string, on = true) => (d = { ...d, ...withWish(d, id, on) });
  tick('affection.long_hug');
  assert.deepEqual(d.wishes, ['affection.long_hug']);
  assert.equal(d.affection, true, 'a wish lived is affection');
  tick('affection.long_hug');
  assert.deepEqual(d.wishes, ['affection.long_hug'], 'each once');
  for (const id of ['a', 'b', 'c', 'd', 'e']) tick(id);
  assert.equal(d.wishes.length, WISHES_MAX);
  assert.ok(!d.wishes.includes('e'), 'no sixth');
  tick('affection.long_hug', false);
  assert.deepEqual(d.wishes, ['a', 'b', 'c', 'd']);
  assert.equal(d.affection, true, 'unticking a wish leaves the affection tick as it was');
  assert.equal(stepOfField('wishes'), 'affection');
  assert.deepEqual(draftFrom({ ...sent, wishes: ['x'] }).wishes, ['x']);
});

test('a field the server refused leads back to the step that asks it', () => {
  assert.equal(stepOfField('feelings[0].word'), 'feelings');
  assert.equal(stepOfField('closeness_now'), 'now');
  assert.equal(stepOfField('closeness_wanted'), 'wanted');
  assert.equal(stepOfField('together_minutes'), 'time');
  assert.equal(stepOfField('lovemaking'), 'affection');
  assert.equal(stepOfField('guess.closeness_now'), 'guess');
  assert.equal(stepOfField('day'), null);
  assert.equal(firstStepOf(['guess.family', 'need'], stepsFor(false)), 'guess', 'the first field named');
  assert.equal(firstStepOf(['affection'], stepsFor(false)), null, 'not a step of this flow');
  assert.equal(firstStepOf(['day', 'need'], stepsFor(false)), 'need');
});

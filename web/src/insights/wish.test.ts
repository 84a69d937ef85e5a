import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WISH_MAX_MINUTES, wishDraft, wishMinutes, wishSaid } from './wish';

test('a saved wish fills the form in hours when it is whole or half hours, else minutes', () => {
  assert.deepEqual(wishDraft(null), { amount: '', unit: 'hours' });
  assert.deepEqual(wishDraft(undefined), { amount: '', unit: 'hours' });
  assert.deepEqual(wishDraft(600), { amount: '10', unit: 'hours' });
  assert.deepEqual(wishDraft(90), { amount: '1.5', unit: 'hours' });
  assert.deepEqual(wishDraft(45), { amount: '45', unit: 'minutes' });
  assert.deepEqual(wishDraft(0), { amount: '0', unit: 'hours' });
});

test('the form’s amount becomes whole minutes, within a week', () => {
  assert.deepEqual(wishMinutes({ amount: '10', unit: 'hours' }), { minutes: 600 });
  assert.deepEqual(wishMinutes({ amount: '1,5', unit: 'hours' }), { minutes: 90 });
  assert.deepEqual(wishMinutes({ amount: ' 45 ', unit: 'minutes' }), { minutes: 45 });
  assert.deepEqual(wishMinutes({ amount: '168', unit: 'hours' }), { minutes: WISH_MAX_MINUTES });
  for (const amount of ['', 'ten', '-1', '1e3', '169'])
    assert.ok('error' in wishMinutes({ amount, unit: 'hours' }), amount);
  assert.ok('error' in wishMinutes({ amount: '10081', unit: 'minutes' }));
});

test('a wish is said in hours and minutes a week', () => {
  assert.equal(wishSaid(600), '10 hours a week');
  assert.equal(wishSaid(90), '1 hour 30 minutes a week');
  assert.equal(wishSaid(45), '45 minutes a week');
  assert.equal(wishSaid(0), '0 hours a week');
});

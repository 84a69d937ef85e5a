import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_INTENSITY, toggleWord, withIntensity } from './picks';

test('a chosen word starts in the middle, up to the limit, and can be removed', () => {
  const one = toggleWord([], 'glad', true, 3);
  assert.deepEqual(one, [{ word: 'glad', intensity: DEFAULT_INTENSITY }]);
  const three = toggleWord(toggleWord(one, 'calm', true, 3), 'proud', true, 3);
  assert.deepEqual(three.map((f) => f.word), ['glad', 'calm', 'proud']);
  assert.equal(toggleWord(three, 'lonely', true, 3), three, 'no room: unchanged');
  assert.equal(toggleWord(one, 'glad', true, 3), one, 'already chosen: unchanged');
  assert.deepEqual(toggleWord(three, 'calm', false, 3).map((f) => f.word), ['glad', 'proud']);
  assert.equal(toggleWord(one, 'calm', false, 3), one, 'not chosen: unchanged');
  assert.deepEqual(toggleWord([], 'glad', true, 1).length, 1);
});

test('how strong changes only the word it is for', () => {
  const value = [
    { word: 'glad', intensity: 3 },
    { word: 'calm', intensity: 2 },
  ];
  assert.deepEqual(withIntensity(value, 'calm', 5), [
    { word: 'glad', intensity: 3 },
    { word: 'calm', intensity: 5 },
  ]);
  assert.deepEqual(value[1], { word: 'calm', intensity: 2 }, 'the old value is left as it was');
});

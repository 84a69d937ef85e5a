import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newestFirst, newestLast, readingTime } from './notices';

test('a notice stays eight seconds at least, longer for longer words', () => {
  assert.equal(readingTime('Code copied.'), 8000);
  assert.equal(readingTime(''), 8000);
  const twelve = 'one two three four five six seven eight nine ten eleven twelve';
  assert.equal(readingTime(twelve), 8000);
  assert.equal(readingTime(`${twelve} thirteen fourteen`), 8800);
  assert.ok(readingTime('You and Ben have both checked in. Your answers are open to you both, to talk about.') > 8000);
});

test('recent notices keep the newest, cards on screen the last few', () => {
  assert.deepEqual(newestFirst([2, 1], 3, 20), [3, 2, 1]);
  assert.deepEqual(newestFirst([3, 2, 1], 4, 3), [4, 3, 2], 'the oldest goes');
  assert.deepEqual(newestLast([1, 2, 3], 4, 3), [2, 3, 4], 'the oldest card makes room');
  assert.deepEqual(newestLast([], 1, 3), [1]);
});

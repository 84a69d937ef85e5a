import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tokenFromHash } from './reset-link';

test('the key of a reset link is read from the fragment, and nothing else is taken for one', () => {
  const key = 'Q2hhbmdlIHRoaXMgd2l0aCBjYXJl_-0123456789abc';
  assert.equal(tokenFromHash(`#${key}`), key);
  assert.equal(tokenFromHash(key), key);
  assert.equal(tokenFromHash(''), null);
  assert.equal(tokenFromHash('#'), null);
  assert.equal(tokenFromHash('#short'), null);
  assert.equal(tokenFromHash('#entry-1234567890abcdef<'), null);
  assert.equal(tokenFromHash('#%E0%A4%A'), null, 'a broken escape');
});

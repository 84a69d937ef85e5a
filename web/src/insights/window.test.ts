import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_WINDOW, windowHref, windowOf, windowPhrase } from './window';

const q = (s: string) => new URLSearchParams(s);

test('the window comes from ?days=, within what the server takes, else four weeks', () => {
  assert.equal(windowOf(q('')), DEFAULT_WINDOW);
  assert.equal(windowOf(q('days=7')), 7);
  assert.equal(windowOf(q('days=91')), 91);
  assert.equal(windowOf(q('days=365')), 365);
  assert.equal(windowOf(q('days=14')), 14, 'a window the picker does not name is kept');
  for (const bad of ['days=6', 'days=366', 'days=0', 'days=-7', 'days=7.5', 'days=abc', 'days=', 'days=0028x', 'days=1000'])
    assert.equal(windowOf(q(bad)), DEFAULT_WINDOW, bad);
});

test('changing the window keeps the rest of the address', () => {
  assert.equal(windowHref('/insights/me', q(''), 7), '/insights/me?days=7');
  assert.equal(windowHref('/bonds/b%201/insights', q('days=28&x=1'), 365), '/bonds/b%201/insights?days=365&x=1');
});

test('each window has a phrase for a sentence', () => {
  assert.equal(windowPhrase(28), 'the last four weeks');
  assert.equal(windowPhrase(7), 'the last week');
  assert.equal(windowPhrase(10), 'the last 10 days');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Bond, Entry } from '../api';
import { MAX_BODY, entryProblem, excerpt, wantsLookBeneath, whoCanSee } from './entries';

const bond = (id: string, name: string) => ({ id, other: { id: `u-${id}`, display_name: name } }) as Bond;

test('an entry needs a feeling or some words, and no more than the limit', () => {
  assert.equal(entryProblem([], '  '), 'Choose a feeling or write a few words first; either one is enough.');
  assert.equal(entryProblem([{ word: 'glad', intensity: 3 }], ''), null);
  assert.equal(entryProblem([], 'a few words'), null);
  assert.equal(entryProblem([], 'é'.repeat(MAX_BODY)), null, 'counted in characters, not UTF-16 units');
  assert.equal(entryProblem([], '😀'.repeat(MAX_BODY)), null);
  assert.match(entryProblem([], 'x'.repeat(MAX_BODY + 2)) ?? '', /^This is 2 characters over the limit\./);
});

test('who can see an entry, in words', () => {
  const bonds = [bond('b1', 'Ben'), bond('b2', 'Carla'), bond('b3', 'Dee')];
  assert.equal(whoCanSee([], bonds), 'Only you can see this.');
  assert.equal(whoCanSee(['b1'], bonds), 'Ben can see this.');
  assert.equal(whoCanSee(['b1', 'b2'], bonds), 'Ben and Carla can see this.');
  assert.equal(whoCanSee(['b1', 'b2', 'b3'], bonds), 'Ben, Carla and Dee can see this.');
  assert.equal(whoCanSee(['gone'], undefined), 'someone you are bonded with can see this.');
});

test('the look beneath anger is offered until a softer feeling is named', () => {
  const entry = (families: string[], follow_up: string | null) =>
    ({ follow_up, feelings: families.map((family) => ({ word: family, family, intensity: 3 })) }) as unknown as Entry;
  assert.equal(wantsLookBeneath(entry(['anger'], 'look_beneath_anger')), true);
  assert.equal(wantsLookBeneath(entry(['anger', 'hurt'], 'look_beneath_anger')), false);
  assert.equal(wantsLookBeneath(entry(['anger', 'fear'], 'look_beneath_anger')), false);
  assert.equal(wantsLookBeneath(entry(['anger', 'joy'], 'look_beneath_anger')), true);
  assert.equal(wantsLookBeneath(entry(['anger'], null)), false);
});

test('an excerpt keeps short text whole and cuts long text at a word', () => {
  assert.equal(excerpt('  one\n\ntwo  three '), 'one two three');
  const long = 'word '.repeat(60);
  const cut = excerpt(long, 22);
  assert.equal(cut, 'word word word word…');
  assert.ok(excerpt('x'.repeat(200), 10) === `${'x'.repeat(10)}…`, 'no space to cut at: cut at the length');
});

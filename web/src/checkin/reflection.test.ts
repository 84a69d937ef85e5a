import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Reflection } from '../api';
import { reflectionText } from './reflection';

const kinds: Reflection['kind'][] = ['comfort', 'space_and_closeness', 'both_closer', 'both_space'];
const whos: Reflection['who'][] = ['me', 'them', 'both'];

test('every kind and side has one short, gentle sentence with the other’s name', () => {
  const seen = new Set<string>();
  for (const kind of kinds) {
    for (const who of whos) {
      const text = reflectionText({ kind, who }, 'Ben');
      assert.ok(text, `${kind}/${who}`);
      assert.match(text, /Ben/, `${kind}/${who} names Ben`);
      assert.ok(text.length <= 180, `${kind}/${who} is short (${text.length})`);
      assert.doesNotMatch(text, /\b(should|must|wrong|fault|too much|selfish|needy|cold|always|never)\b/i, `${kind}/${who} does not judge`);
      assert.ok(!seen.has(text), `${kind}/${who} is its own`);
      seen.add(text);
    }
  }
});

test('the sentence speaks from the viewer’s side', () => {
  assert.match(reflectionText({ kind: 'comfort', who: 'me' }, 'Ben')!, /^You could use some comfort/);
  assert.match(reflectionText({ kind: 'comfort', who: 'them' }, 'Ben')!, /^Ben could use some comfort/);
  // For space and closeness, `who` is the one who wants room.
  assert.match(reflectionText({ kind: 'space_and_closeness', who: 'me' }, 'Ben')!, /^You would like some room today, and Ben some closeness/);
  assert.match(reflectionText({ kind: 'space_and_closeness', who: 'them' }, 'Ben')!, /^Ben would like some room today, and you some closeness/);
  assert.match(reflectionText({ kind: 'space_and_closeness', who: 'them' }, 'Ben')!, /not a rejection/);
  assert.match(reflectionText({ kind: 'both_closer', who: 'both' }, 'Ben')!, /both like to be closer/);
  assert.match(reflectionText({ kind: 'both_space', who: 'both' }, 'Ben')!, /both like a little more room/);
});

test('nothing to say, nothing said', () => {
  assert.equal(reflectionText(null, 'Ben'), null);
  assert.equal(reflectionText(undefined, 'Ben'), null);
  assert.equal(reflectionText({ kind: 'unknown' as Reflection['kind'], who: 'me' }, 'Ben'), null);
});

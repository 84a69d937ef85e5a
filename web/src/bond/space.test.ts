import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  spaceAnsweredNotice,
  spaceAskedNotice,
  spaceHeadline,
  spaceReplies,
  spaceReplyLine,
  spaceReplyWords,
  spaceWhenWords,
  spaceWhens,
} from './space';

test('asking says when, from either side', () => {
  assert.deepEqual(spaceWhens.map((w) => spaceWhenWords[w].label), ['Now', 'Tonight', 'Tomorrow']);
  assert.equal(spaceHeadline({ mine: true, when: 'tonight' }, 'Ben'), 'You’d like some time to yourself tonight');
  assert.equal(spaceHeadline({ mine: false, when: 'now' }, 'Ben'), 'Ben would like some time to themselves now');
  assert.equal(spaceHeadline({ mine: false, when: null }, 'Ben'), 'Ben would like some time to themselves');
});

test('the replies are the three gentle ones, in order', () => {
  assert.deepEqual(spaceReplies.map((r) => spaceReplyWords[r]), ['Enjoy it', 'Of course', 'I’ll be here after']);
});

test('a reply reads right to the one who asked and to the one who answered', () => {
  assert.equal(spaceReplyLine({ mine: true, reply: 'enjoy' }, 'Ben'), 'Ben said “Enjoy it”');
  assert.equal(spaceReplyLine({ mine: false, reply: 'here_after' }, 'Ben'), 'You said “I’ll be here after”');
  assert.equal(spaceReplyLine({ mine: true, reply: null }, 'Ben'), 'Ben said yes, with love');
});

test('no word of refusal anywhere', () => {
  const all = [
    ...spaceReplies.map((r) => spaceReplyWords[r]),
    ...spaceReplies.flatMap((reply) => [spaceReplyLine({ mine: true, reply }, 'Ben'), spaceReplyLine({ mine: false, reply }, 'Ben')]),
    ...spaceWhens.flatMap((when) => [spaceHeadline({ mine: true, when }, 'Ben'), spaceHeadline({ mine: false, when }, 'Ben')]),
    spaceAskedNotice('Ben'),
    spaceAnsweredNotice('Ben'),
  ];
  for (const text of all) assert.doesNotMatch(text, /\b(no|not|reject\w*|refus\w*|declin\w*|leave)\b/i, text);
});

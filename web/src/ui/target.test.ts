import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NOTICE_KINDS, type NoticeKind } from '../api';
import { bondNeedsHref, deckHref, decksHref, hashTarget, historyHref, journeyHref, noticeHref, promptHref, promptIdOf, targetId, type Target } from './target';

const of = (kind: NoticeKind, extra: Partial<Target> = {}): Target => ({ kind, bond_id: 'b1', subject_id: 's1', ...extra });

test('a shared entry leads to the bond page, at the entry', () => {
  assert.equal(noticeHref(of('entry_shared', { subject_id: 'e7', entry_id: 'e7' })), '/bonds/b1#entry-e7');
  assert.equal(noticeHref(of('entry_shared', { subject_id: 'e7' })), '/bonds/b1#entry-e7', 'a live event names the entry as its id');
});

test('a response leads to one’s own entry, at the response; without the entry, to the journal', () => {
  assert.equal(noticeHref(of('response_added', { subject_id: 'r3', entry_id: 'e7' })), '/journal/e7#response-r3');
  assert.equal(noticeHref(of('response_added', { subject_id: 'r3' })), '/journal');
});

test('warm words and requests lead to the bond page, at the item', () => {
  assert.equal(noticeHref(of('appreciation_added', { subject_id: 'a2' })), '/bonds/b1#appreciation-a2');
  for (const kind of ['comfort_requested', 'comfort_answered', 'space_requested', 'space_answered'] as const) {
    assert.equal(noticeHref(of(kind, { subject_id: 'q5' })), '/bonds/b1#request-q5', kind);
  }
});

test('check-ins lead to the check-in, a reveal to its day', () => {
  assert.equal(noticeHref(of('checkin_added', { subject_id: '2025-03-04', day: '2025-03-04' })), '/bonds/b1/checkin');
  assert.equal(noticeHref(of('checkin_revealed', { subject_id: '2025-03-04', day: '2025-03-04' })), '/bonds/b1/history/2025-03-04');
  assert.equal(noticeHref(of('checkin_revealed', { subject_id: '2025-03-04' })), '/bonds/b1/history/2025-03-04', 'a live event names the day as its id');
  assert.equal(noticeHref(of('checkin_revealed', { subject_id: 'nonsense' })), '/bonds/b1/checkin', 'no day: today’s check-in');
});

test('a new bond and an ended one lead to the bond', () => {
  assert.equal(noticeHref(of('invite_accepted', { subject_id: 'b1' })), '/bonds/b1');
  assert.equal(noticeHref(of('bond_ended', { subject_id: 'b1' })), '/bonds/b1');
});

test('a moment leads to it on the journey', () => {
  assert.equal(noticeHref(of('moment_added', { subject_id: 'm7' })), '/bonds/b1/journey#moment-m7');
});

test('every kind of notice leads somewhere inside the app', () => {
  for (const kind of NOTICE_KINDS) assert.match(noticeHref(of(kind)), /^\/[a-z]/, kind);
});

test('ids are written safely into addresses', () => {
  assert.equal(noticeHref(of('appreciation_added', { bond_id: 'a/b', subject_id: 'x' })), '/bonds/a%2Fb#appreciation-x');
  assert.equal(historyHref('b1'), '/bonds/b1/history');
  assert.equal(historyHref('b1', '2025-01-31'), '/bonds/b1/history/2025-01-31');
  assert.equal(journeyHref('a/b', targetId.moment('m1')), '/bonds/a%2Fb/journey#moment-m1');
  assert.equal(journeyHref('b1'), '/bonds/b1/journey');
  assert.equal(bondNeedsHref('b1'), '/bonds/b1/needs');
});

test('the hash names the element to land on', () => {
  assert.equal(hashTarget('#entry-e7'), 'entry-e7');
  assert.equal(hashTarget('entry-e7'), 'entry-e7');
  assert.equal(hashTarget(''), null);
  assert.equal(hashTarget('#'), null);
  assert.equal(hashTarget('#%E0%A4%A'), null, 'a broken escape is ignored');
  assert.equal(hashTarget(`#${targetId.request('q 1')}`), 'request-q 1');
  assert.equal(hashTarget('#request-q%201'), 'request-q 1');
});

test('a prompt’s address holds no dot, and gives its id back whole', () => {
  const href = promptHref('b1', 'love_map.2.comfort_food');
  assert.equal(href, '/bonds/b1/prompts/love_map-2-comfort_food');
  assert.equal(promptIdOf(href.split('/').pop()!), 'love_map.2.comfort_food');
  assert.equal(decksHref('b1'), '/bonds/b1/decks');
  assert.equal(deckHref('b1', 'love_map'), '/bonds/b1/decks/love_map');
});

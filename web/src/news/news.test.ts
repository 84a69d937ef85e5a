import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NOTICE_KINDS, type Bond, type Notice, type NoticeKind } from '../api';
import {
  SEEN_SHOWN,
  bondsNeedingSpaceDetails,
  groupNews,
  markedSeen,
  noticeSentence,
  openedBy,
  unreadCount,
} from './news';

let next = 0;
const notice = (kind: NoticeKind, more: Partial<Notice> = {}): Notice => ({
  id: `n${++next}`,
  bond_id: 'b1',
  kind,
  subject_id: 's1',
  from_id: 'u2',
  created_at: '2026-03-02T12:00:00Z',
  seen: false,
  ...more,
});
const bond = (id: string, name: string): Bond => ({
  id,
  kind: 'partner',
  status: 'active',
  created_at: '2026-01-01T00:00:00Z',
  ended_at: null,
  other: { id: `o-${id}`, display_name: name },
});

test('every notice is a plain sentence with the other’s name', () => {
  for (const kind of NOTICE_KINDS) {
    const text = noticeSentence(notice(kind), 'Ben');
    assert.match(text, /Ben/, kind);
    assert.doesNotMatch(text, /undefined|null|_/, kind);
  }
  assert.equal(noticeSentence(notice('entry_shared'), 'Ben'), 'Ben shared something with you');
  assert.equal(noticeSentence(notice('comfort_requested', { open: true }), 'Ben'), 'Ben could use some comfort');
  assert.equal(noticeSentence(notice('comfort_requested', { open: false }), 'Ben'), 'Ben asked for comfort, and you answered');
});

test('a wish for time alone says when, and its answer says the reply', () => {
  assert.equal(
    noticeSentence(notice('space_requested', { open: true }), 'Ben', { when: 'tonight', reply: null }),
    'Ben would like some time to themselves tonight',
  );
  assert.equal(noticeSentence(notice('space_requested', { open: true }), 'Ben'), 'Ben would like some time to themselves');
  assert.equal(
    noticeSentence(notice('space_answered'), 'Ben', { when: 'now', reply: 'enjoy' }),
    'Ben answered your wish for time to yourself: enjoy it',
  );
  assert.equal(
    noticeSentence(notice('space_answered'), 'Ben', { when: 'now', reply: 'here_after' }),
    'Ben answered your wish for time to yourself: they will be here after',
  );
  assert.equal(noticeSentence(notice('space_answered'), 'Ben'), 'Ben answered your wish for time to yourself');
});

test('details are fetched only for bonds with requests for space', () => {
  const list = [notice('entry_shared'), notice('space_answered', { bond_id: 'b2' }), notice('space_requested', { bond_id: 'b2' }), notice('space_requested', { bond_id: 'b3' })];
  assert.deepEqual(bondsNeedingSpaceDetails(list), ['b2', 'b3']);
  assert.deepEqual(bondsNeedingSpaceDetails([notice('comfort_requested')]), []);
});

test('grouped per bond in the server’s order, open and unread always shown, a few seen ones after', () => {
  const open = notice('comfort_requested', { bond_id: 'b2', open: true, seen: true });
  const unread = notice('entry_shared', { bond_id: 'b1' });
  const seen = Array.from({ length: 5 }, () => notice('appreciation_added', { bond_id: 'b1', seen: true }));
  const groups = groupNews([open, unread, ...seen], [bond('b1', 'Ben'), bond('b2', 'Cleo')]);
  assert.deepEqual(groups.map((g) => [g.bondId, g.name]), [['b2', 'Cleo'], ['b1', 'Ben']]);
  assert.deepEqual(groups[0]!.items, [open]);
  assert.deepEqual(groups[1]!.items, [unread, ...seen.slice(0, SEEN_SHOWN - 1)]);
  assert.deepEqual(groups[1]!.earlier, seen.slice(SEEN_SHOWN - 1));
  assert.equal(groupNews([notice('bond_ended', { bond_id: 'zz' })], [])[0]!.name, 'Someone close to you');
  assert.deepEqual(groupNews([], undefined), []);
});

test('the unread count', () => {
  assert.equal(unreadCount([notice('entry_shared'), notice('entry_shared', { seen: true })]), 1);
  assert.equal(unreadCount([]), 0);
});

test('opening the item marks its notice seen, and nothing else', () => {
  const shared = notice('entry_shared', { subject_id: 'e1' });
  const warm = notice('appreciation_added', { subject_id: 'a1' });
  const checkin = notice('checkin_added', { subject_id: '2026-03-02' });
  const old = notice('entry_shared', { subject_id: 'e2', seen: true });
  const list = [shared, warm, checkin, old];
  assert.deepEqual(openedBy(list, '/bonds/b1', '#entry-e1'), [shared.id]);
  assert.deepEqual(openedBy(list, '/bonds/b1', ''), [], 'the bond page alone opens none of these');
  assert.deepEqual(openedBy(list, '/bonds/b1/checkin/', ''), [checkin.id]);
  assert.deepEqual(openedBy(list, '/bonds/b1', '#entry-e2'), [], 'already seen');
  assert.deepEqual(openedBy(list, '/bonds/b2', '#entry-e1'), [], 'another bond');

  const marked = markedSeen(list, [warm.id]);
  assert.deepEqual(marked.map((n) => n.seen), [false, true, false, true]);
  assert.equal(list[1]!.seen, false, 'the list given is left as it was');
  assert.deepEqual(markedSeen(list, 'all').map((n) => n.seen), [true, true, true, true]);
  assert.deepEqual(markedSeen(list, []).map((n) => n.seen), [false, false, false, true]);
});

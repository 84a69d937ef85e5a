import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Menu, MenuAnswer, MenuSuggestion } from '../api';
import {
  answerMap,
  answerSaid,
  byCategory,
  firstUnanswered,
  groupWishes,
  menuItems,
  progress,
  progressSaid,
  suggestedSaid,
  undoStep,
  wishMark,
  withAnswer,
} from './rules';

const content = (name: string) =>
  JSON.parse(readFileSync(path.join(process.env.PILLARS_WEB_DIR ?? process.cwd(), '..', 'content', 'menus', `${name}.json`), 'utf8')) as Menu;
const affection = content('affection');
const intimacy = content('intimacy');

const answer = (item_id: string, value: MenuAnswer['answer'], ask_first = false): MenuAnswer => ({ item_id, answer: value, ask_first, updated_at: '2026-01-01T00:00:00Z' });
const suggestion = (id: string, over: Partial<MenuSuggestion> = {}): MenuSuggestion => ({
  id,
  menu: 'affection',
  category: affection.categories[0]!.id,
  text: `Suggested ${id}`,
  author: { id: 'b', display_name: 'Ben' },
  mine: false,
  created_at: '2026-01-01T00:00:00Z',
  ...over,
});

test('a bond sees the catalog items that suit its kind, in order, then the menu’s suggestions', () => {
  const friend = menuItems(affection, 'friend', []);
  assert.ok(friend.length > 0);
  assert.ok(friend.length <= affection.items.length);
  assert.deepEqual(
    friend.map((i) => i.id),
    affection.items.filter((i) => i.kinds.includes('friend')).map((i) => i.id),
  );
  const partner = menuItems(affection, 'partner', [suggestion('s1'), suggestion('s2', { menu: 'intimacy' })]);
  assert.equal(partner.at(-1)!.id, 's1', 'suggestions come last, and only the menu’s own');
  assert.equal(partner.at(-1)!.suggestion?.author.display_name, 'Ben');
  assert.equal(partner.filter((i) => i.id === 's2').length, 0);
  const withDetail = intimacy.items.find((i) => i.detail)!;
  assert.equal(menuItems(intimacy, 'partner', []).find((i) => i.id === withDetail.id)?.detail, withDetail.detail);
});

test('items are grouped by the menu’s categories, in its order, leaving out empty ones', () => {
  const items = menuItems(affection, 'partner', []);
  const sections = byCategory(affection, items);
  assert.deepEqual(
    sections.map((s) => s.id),
    affection.categories.map((c) => c.id).filter((id) => items.some((i) => i.category === id)),
  );
  assert.equal(sections.reduce((n, s) => n + s.items.length, 0), items.length);
  assert.deepEqual(byCategory(affection, items.slice(0, 1)).map((s) => s.id), [items[0]!.category]);
});

test('progress counts one’s own answers among the items shown, and says so plainly', () => {
  const items = menuItems(affection, 'partner', [suggestion('s1')]);
  const answers = answerMap([answer(items[0]!.id, 'yes'), answer('s1', 'no'), answer('not-shown', 'yes')]);
  assert.deepEqual(progress(items, answers), { answered: 2, total: items.length });
  assert.equal(progressSaid({ answered: 12, total: 68 }), 'You have answered 12 of 68');
  assert.equal(progressSaid({ answered: 0, total: 68 }), '68 to look through, whenever you like');
  assert.equal(progressSaid({ answered: 68, total: 68 }), 'You have answered all 68');
  for (const said of [progressSaid({ answered: 3, total: 9 })]) assert.doesNotMatch(said, /%|score/);
});

test('answering one at a time begins at the first item not yet answered', () => {
  const items = menuItems(affection, 'partner', []);
  assert.equal(firstUnanswered(items, answerMap([])), 0);
  assert.equal(firstUnanswered(items, answerMap([answer(items[0]!.id, 'yes'), answer(items[1]!.id, 'no')])), 2);
  assert.equal(firstUnanswered(items, answerMap(items.map((i) => answer(i.id, 'maybe')))), 0, 'all answered: from the start');
});

test('an answer is said in words, ask-first only with maybe', () => {
  assert.equal(answerSaid(undefined), 'Not answered yet');
  assert.equal(answerSaid({ answer: 'yes', ask_first: false }), 'You said yes');
  assert.equal(answerSaid({ answer: 'maybe', ask_first: true }), 'You said maybe, and to be asked first');
  assert.equal(answerSaid({ answer: 'maybe', ask_first: false }), 'You said maybe');
  assert.equal(answerSaid({ answer: 'no', ask_first: false }), 'You said no');
});

test('undo clears a first answer and gives back an earlier one', () => {
  assert.deepEqual(undoStep({ itemId: 'a', before: null }), { clear: true, itemId: 'a' });
  assert.deepEqual(undoStep({ itemId: 'a', before: { answer: 'maybe', ask_first: true } }), { clear: false, itemId: 'a', answer: 'maybe', askFirst: true });
  assert.deepEqual(undoStep({ itemId: 'a', before: { answer: 'no', ask_first: false } }), { clear: false, itemId: 'a', answer: 'no', askFirst: false });
  const before = answerMap([answer('a', 'yes')]);
  const after = withAnswer(before, 'b', answer('b', 'no'));
  assert.equal(after.get('b')?.answer, 'no');
  assert.equal(before.has('b'), false, 'the old answers are not changed');
  assert.equal(withAnswer(after, 'a', null).has('a'), false);
});

test('shared wishes are grouped by menu then category, marked gently, with suggestions by their author', () => {
  const [first, second] = affection.items;
  const close = intimacy.items[0]!;
  const s = suggestion('s1', { category: affection.categories.at(-1)!.id });
  const wishes = groupWishes(
    [affection, intimacy],
    [
      { item_id: close.id, menu: 'intimacy', both_yes: false, ask_first: true },
      { item_id: first!.id, menu: 'affection', both_yes: true, ask_first: false },
      { item_id: second!.id, menu: 'affection', both_yes: false, ask_first: false },
      { item_id: 's1', menu: 'affection', both_yes: true, ask_first: false },
      { item_id: 'gone', menu: 'affection', both_yes: true, ask_first: false },
    ],
    [s],
  );
  assert.deepEqual(wishes.map((m) => m.id), ['affection', 'intimacy']);
  const aff = wishes[0]!;
  assert.equal(aff.title, affection.title);
  const all = aff.sections.flatMap((sec) => sec.items);
  assert.deepEqual(all.map((w) => w.id).sort(), [first!.id, second!.id, 's1'].sort(), 'an unknown item is left out');
  assert.equal(aff.sections.at(-1)!.items.at(-1)!.suggestion?.id, 's1');
  assert.equal(wishMark(all.find((w) => w.id === first!.id)!), 'You both said yes');
  assert.equal(wishMark(all.find((w) => w.id === second!.id)!), null);
  assert.equal(wishMark(wishes[1]!.sections[0]!.items[0]!), 'Ask first');
  assert.deepEqual(groupWishes([affection, intimacy], [], []), []);
  assert.equal(suggestedSaid(s), 'Suggested by Ben');
  assert.equal(suggestedSaid({ ...s, mine: true }), 'Suggested by you');
});

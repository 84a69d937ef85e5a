import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Catalog, Menu, MenuSuggestion } from '../api';
import { affectionWishes, needsSuggestions, wishText } from './wishes';

const web = process.env.PILLARS_WEB_DIR ?? process.cwd();
const menu = (id: string) => JSON.parse(readFileSync(path.join(web, '..', 'content', 'menus', `${id}.json`), 'utf8')) as Menu;
const catalog = { menus: [menu('affection'), menu('intimacy')] } as Pick<Catalog, 'menus'>;
const hug = catalog.menus[0]!.items[0]!;
const suggestion: MenuSuggestion = {
  id: 's1', menu: 'affection', category: 'play', text: 'Stargazing from the roof',
  author: { id: 'b', display_name: 'Ben' }, mine: false, created_at: '2026-12-01T10:00:00Z',
};

test('a wish is said in the catalog’s words, or the suggestion’s, never as an id', () => {
  assert.equal(wishText(hug.id, catalog), hug.text);
  assert.equal(wishText('s1', catalog, [suggestion]), 'Stargazing from the roof');
  assert.equal(wishText('s9', catalog, [suggestion]), 'Something you both wished for');
  assert.equal(needsSuggestions([hug.id], catalog), false);
  assert.equal(needsSuggestions([hug.id, 's1'], catalog), true);
});

test('only the affection menu’s matches are offered in a check-in, in the matches’ order', () => {
  const intimate = catalog.menus[1]!.items[0]!;
  const wishes = affectionWishes(
    catalog,
    [
      { item_id: hug.id, menu: 'affection', both_yes: true, ask_first: false },
      { item_id: intimate.id, menu: 'intimacy', both_yes: true, ask_first: false },
      { item_id: 's1', menu: 'affection', both_yes: false, ask_first: false },
    ],
    [suggestion],
  );
  assert.deepEqual(wishes, [
    { id: hug.id, text: hug.text },
    { id: 's1', text: 'Stargazing from the roof' },
  ]);
});

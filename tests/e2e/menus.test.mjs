// End-to-end: Wishes (the affection and intimacy menus), as both people, on a phone (390 x 844).
// Ada and Ben are partners (set up through the API). Then:
// - Ada opens Wishes from the bond page: what Ben sees and never sees, said first; a card per menu
//   with her own progress; no shared wishes yet, said without pressure;
// - Ada answers the affection menu one item at a time (yes, maybe with "ask me first", no, skip,
//   back) and takes her last answer back with Undo;
// - Ben answers in the list, clears one answer, and suggests an item of his own, which Ada sees with
//   his name and answers;
// - each sees exactly the shared wishes: both-yes marked, "ask first" marked, the suggestion with its
//   author; nothing one said no to, nothing one left unanswered; Ada's open screen updates by
//   itself when Ben's answer makes a new one;
// - the intimacy menu opens only after its explanation and "I am an adult", shows nothing until both
//   opened it, and closing it deletes one's answers in it;
// - once the bond ended, the menus went with it;
// - axe-core finds nothing serious on the screens; nothing scrolls sideways; no console errors.
// With SHOTS_DIR set, screenshots of each screen at 390 x 844 and 1280 x 800, light and dark.
//
// Run from the repository root after `make build`:
//   node --test tests/e2e/menus.test.mjs

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { TEST_TIMEOUT, assertAccessible, assertFitsWidth, callIn, createHarness, h1, liveRegion, assertFocus } from './lib/harness.mjs';

const h = createHarness();
const run = Date.now().toString(36);
const ada = { name: 'Ada Lindqvist', email: `ada.menus.${run}@example.test`, password: 'quiet harbour lantern 42' };
const ben = { name: 'Ben Okafor', email: `ben.menus.${run}@example.test`, password: 'orchard kettle meadow 17' };
const suggestionText = 'Dancing in the kitchen while dinner cooks';

let catalog;
let bondId = '';
let items = []; // the affection items a partner bond sees, in order
let closeItems = []; // the first intimacy items
let suggestionId = '';
const page = (who) => h.people[who].page;
const callAs = (who, method, p, data) => callIn(page(who), method, p, data);
const shotsDir = process.env.SHOTS_DIR;

async function shoot(p, name) {
  if (!shotsDir) return;
  await mkdir(shotsDir, { recursive: true });
  for (const [size, viewport] of [
    ['phone', { width: 390, height: 844 }],
    ['desktop', { width: 1280, height: 800 }],
  ]) {
    await p.setViewportSize(viewport);
    for (const colorScheme of ['light', 'dark']) {
      await p.emulateMedia({ colorScheme });
      await p.waitForTimeout(300);
      await p.screenshot({ path: path.join(shotsDir, `${name}-${size}-${colorScheme}.png`), fullPage: true });
    }
  }
  await p.emulateMedia({ colorScheme: 'light' });
  await p.setViewportSize({ width: 390, height: 844 });
}

/** The shared wishes the screen shows, as their words. */
async function wishesShown(p) {
  await p.getByRole('heading', { name: 'What you both want' }).waitFor();
  return (await p.locator('.wish__text').allTextContents()).sort();
}

/** Chooses an answer in an item's radio group as a person does: on its label, the pill they see. */
const choose = (group, answer) => group.locator('label', { hasText: new RegExp(`^${answer}$`) }).click();

async function openWishes(who) {
  const p = page(who);
  await p.goto(`/bonds/${bondId}/menus`);
  await h1(p).filter({ hasText: 'Wishes' }).waitFor();
  await p.getByRole('heading', { name: 'What you both want' }).waitFor();
  await p.waitForTimeout(500); // the live connection is open
  return p;
}

const answersOf = async (who) => (await callAs(who, 'GET', `/api/v1/bonds/${bondId}/menus/mine`)).body.answers;

before(async () => {
  await h.start();
  catalog = await (await fetch(`${h.server.url}/api/v1/catalog`)).json();
  const affection = catalog.menus.find((m) => m.id === 'affection');
  items = affection.items.filter((i) => i.kinds.includes('partner'));
  closeItems = catalog.menus.find((m) => m.id === 'intimacy').items.slice(0, 3);
}, { timeout: 60_000 });
after(h.stop, { timeout: 30_000 });

test('Ada and Ben, partners', { timeout: TEST_TIMEOUT }, async () => {
  ({ bondId } = await h.partners('ada', ada, 'ben', ben));
  await page('ada').goto('/');
  await page('ben').goto('/');
});

test('Ada opens Wishes from the bond page: what Ben sees, her menus, and nothing shared yet', { timeout: TEST_TIMEOUT }, async () => {
  const p = page('ada');
  await p.goto(`/bonds/${bondId}`);
  await p.getByText('Each of you marks what you would like; only what you both want is shown.').waitFor();
  await p.getByRole('link', { name: /^Wishes/ }).click();
  await h1(p).filter({ hasText: 'Wishes' }).waitFor();
  await assertFocus(p, () => document.activeElement?.tagName, 'H1', 'focus on the new heading');
  await p.getByText('Ben Okafor sees only what you both want. A no is never shown, and nothing tells whether you answered at all.').waitFor();
  await p.getByText('Nobody is told whether you opened the intimacy menu.').waitFor();
  const affection = p.locator('.menu-card').filter({ hasText: 'Affection' });
  await affection.getByText(`${items.length} to look through, whenever you like`).waitFor();
  await p.locator('.menu-card').filter({ hasText: 'Intimacy' }).getByText(/Not open for you/).waitFor();
  await p.getByText(/Whatever you both said yes or maybe to will appear here/).waitFor();
  assert.equal(await p.getByText(/%|score|points/i).count(), 0, 'no scores');
  await assertAccessible(p, 'Wishes');
  await assertFitsWidth(p, 'Wishes');
  await shoot(p, 'wishes-empty');
});

test('Ada answers the affection menu one at a time, and Undo takes her last answer back', { timeout: TEST_TIMEOUT }, async () => {
  const p = page('ada');
  await p.locator('.menu-card').filter({ hasText: 'Affection' }).getByRole('link', { name: 'Answer' }).click();
  await h1(p).filter({ hasText: 'Affection' }).waitFor();
  const item = (i) => p.getByRole('heading', { level: 2, name: items[i].text, exact: true });
  const answers = p.getByRole('group', { name: 'Your answer' });
  await item(0).waitFor();
  await assertAccessible(p, 'answering one at a time');
  await assertFitsWidth(p, 'answering one at a time');
  await shoot(p, 'one-at-a-time');

  await answers.getByRole('button', { name: 'Yes' }).click();
  await liveRegion(p).filter({ hasText: 'Saved' }).waitFor();
  await item(1).waitFor();
  await assertFocus(p, () => document.activeElement?.id, 'menu-one-text', 'focus on the next item');
  await p.getByRole('checkbox', { name: 'Ask me first' }).check();
  await answers.getByRole('button', { name: 'Maybe' }).click();
  await item(2).waitFor();
  await answers.getByRole('button', { name: 'No' }).click();
  await item(3).waitFor();
  await p.getByRole('button', { name: /Skip/ }).click();
  await item(4).waitFor();
  await answers.getByRole('button', { name: 'Yes' }).click();
  await item(5).waitFor();
  // Undo: item 4 had no answer before, so it has none again, and the screen goes back to it.
  await p.getByRole('button', { name: 'Undo last answer' }).click();
  await liveRegion(p).filter({ hasText: 'Undone: your answer is as it was.' }).waitFor();
  await item(4).waitFor();
  await p.locator('.menu-one__now').filter({ hasText: 'Not answered yet' }).waitFor();
  await p.getByRole('button', { name: /Back/ }).click();
  await item(3).waitFor();
  await p.getByRole('button', { name: /Back/ }).click();
  await item(2).waitFor();
  await p.locator('.menu-one__now').filter({ hasText: 'You said no' }).waitFor();
  assert.equal(await answers.getByRole('button', { name: 'No' }).getAttribute('aria-pressed'), 'true');
  await p.getByText(`You have answered 3 of ${items.length}`).waitFor();

  const mine = new Map((await answersOf('ada')).map((a) => [a.item_id, a]));
  assert.deepEqual([...mine.keys()].sort(), [items[0].id, items[1].id, items[2].id].sort());
  assert.equal(mine.get(items[0].id).answer, 'yes');
  assert.equal(mine.get(items[1].id).answer, 'maybe');
  assert.equal(mine.get(items[1].id).ask_first, true);
  assert.equal(mine.get(items[2].id).answer, 'no');
  // One more through the API, which Ben will say no to: a no from either never shows.
  assert.equal((await callAs('ada', 'PUT', `/api/v1/bonds/${bondId}/menus/items/${items[6].id}`, { answer: 'yes' })).status, 200);
});

test('Ben answers in the list, clears one, and suggests an item of his own', { timeout: TEST_TIMEOUT }, async () => {
  const p = page('ben');
  await p.goto(`/bonds/${bondId}/menus/affection`);
  await h1(p).filter({ hasText: 'Affection' }).waitFor();
  await p.getByRole('link', { name: 'All as a list' }).click();
  const group = (i) => p.getByRole('group', { name: items[i].text, exact: true });
  await group(0).waitFor();
  for (const i of [0, 1, 2, 3]) {
    await choose(group(i), 'Yes');
    await liveRegion(p).filter({ hasText: 'Saved' }).first().waitFor();
  }
  await choose(group(6), 'No');
  // By keyboard: the arrow keys move through a radio group, and each move is kept.
  await group(4).getByRole('radio', { name: 'Yes' }).focus();
  await p.keyboard.press('Space');
  await p.keyboard.press('ArrowRight');
  await p.keyboard.press('ArrowRight');
  await group(4).getByRole('radio', { name: 'No', checked: true }).waitFor(); // the last move is the answer
  await p.getByRole('button', { name: 'Undo last answer' }).waitFor();
  await choose(group(5), 'Maybe');
  await p.getByRole('checkbox', { name: 'Ask me first' }).waitFor();
  await p.getByRole('button', { name: `Clear your answer to “${items[5].text}”` }).click();
  await liveRegion(p).filter({ hasText: 'Your answer is taken back.' }).waitFor();
  assert.equal(await group(5).getByRole('radio', { checked: true }).count(), 0);
  await expectAnswers('ben', { [items[0].id]: 'yes', [items[1].id]: 'yes', [items[2].id]: 'yes', [items[3].id]: 'yes', [items[4].id]: 'no', [items[6].id]: 'no' });
  await assertAccessible(p, 'answering in a list');
  await assertFitsWidth(p, 'answering in a list');
  await shoot(p, 'list');

  await p.getByText(/Ada Lindqvist will see that you suggested it/).waitFor();
  const text = p.getByRole('textbox', { name: 'Your suggestion' });
  await text.fill(suggestionText);
  await p.getByText(`${suggestionText.length} of 90 characters, on one line`).waitFor();
  await p.getByRole('button', { name: 'Suggest it' }).click();
  await liveRegion(p).filter({ hasText: 'Your suggestion is added' }).waitFor();
  const own = p.getByRole('group', { name: suggestionText });
  await own.waitFor();
  await p.locator('.menu-item').filter({ has: own }).getByText('Suggested by you').waitFor();
  await p.getByRole('button', { name: `Remove your suggestion “${suggestionText}”` }).waitFor();
  await choose(own, 'Yes');
  suggestionId = (await callAs('ben', 'GET', `/api/v1/bonds/${bondId}/menus`)).body.suggestions[0].id;
});

async function expectAnswers(who, want) {
  const got = Object.fromEntries((await answersOf(who)).map((a) => [a.item_id, a.answer]));
  assert.deepEqual(got, want);
}

test('Ada sees Ben’s suggestion with his name and answers it', { timeout: TEST_TIMEOUT }, async () => {
  const p = page('ada');
  await p.goto(`/bonds/${bondId}/menus/affection?view=list`);
  const theirs = p.getByRole('group', { name: suggestionText });
  await theirs.waitFor();
  await p.locator('.menu-item').filter({ has: theirs }).getByText('Suggested by Ben Okafor').waitFor();
  assert.equal(await p.getByRole('button', { name: /Remove your suggestion/ }).count(), 0, 'only its author removes it');
  await choose(theirs, 'Yes');
  await liveRegion(p).filter({ hasText: 'Saved' }).waitFor();
});

test('each sees exactly the shared wishes, and Ada’s open screen follows Ben’s answer by itself', { timeout: TEST_TIMEOUT }, async () => {
  const expected = [items[0].text, items[1].text, suggestionText].sort();
  const a = await openWishes('ada');
  const b = await openWishes('ben');
  for (const p of [a, b]) {
    assert.deepEqual(await wishesShown(p), expected, 'only what both said yes or maybe to');
    await p.locator('.wish').filter({ hasText: items[0].text }).getByText('You both said yes').waitFor();
    await p.locator('.wish').filter({ hasText: items[1].text }).getByText('Ask first').waitFor();
  }
  await a.locator('.wish').filter({ hasText: suggestionText }).getByText('Suggested by Ben Okafor').waitFor();
  await b.locator('.wish').filter({ hasText: suggestionText }).getByText('Suggested by you').waitFor();
  await a.locator('.menu-card').filter({ hasText: 'Affection' }).getByText(`You have answered 5 of ${items.length + 1}`).waitFor();

  // Ben says yes to one Ada said yes to: her screen shows it without being reloaded.
  assert.equal((await callAs('ada', 'PUT', `/api/v1/bonds/${bondId}/menus/items/${items[7].id}`, { answer: 'yes' })).status, 200);
  assert.equal(await a.locator('.wish').filter({ hasText: items[7].text }).count(), 0);
  assert.equal((await callAs('ben', 'PUT', `/api/v1/bonds/${bondId}/menus/items/${items[7].id}`, { answer: 'maybe' })).status, 200);
  await a.locator('.wish').filter({ hasText: items[7].text }).waitFor();
  assert.deepEqual(await wishesShown(a), [...expected, items[7].text].sort());
  assert.equal(await a.locator('.wish').filter({ hasText: items[7].text }).locator('.wish__mark').count(), 0, 'a yes and a maybe carry no mark');
  await assertAccessible(a, 'the shared wishes');
  await a.emulateMedia({ colorScheme: 'dark' });
  await assertAccessible(a, 'the shared wishes, dark');
  await a.goto(`/bonds/${bondId}/menus/affection`);
  await assertAccessible(a, 'answering one at a time, dark');
  await a.emulateMedia({ colorScheme: 'light' });
  await openWishes('ada');
  await assertFitsWidth(a, 'the shared wishes');
  await shoot(a, 'wishes');
});

test('a shared wish lived is named in the check-in, and both read it in the reveal', { timeout: TEST_TIMEOUT }, async () => {
  for (const who of ['ada', 'ben']) assert.equal((await callAs(who, 'PATCH', '/api/v1/me', { track_affection: true })).status, 200);
  const day = await page('ada').evaluate(() => new Date().toLocaleDateString('en-CA'));
  const family = catalog.feelings.families[0];
  const body = {
    feelings: [{ word: family.words[0].id, intensity: 3 }],
    closeness_now: 4, closeness_wanted: 5, need: 'fine', own_minutes: 30, together_minutes: 60,
    guess: { family: family.id, closeness_now: 4 },
  };
  assert.equal((await callAs('ada', 'PUT', `/api/v1/bonds/${bondId}/checkins/${day}`, body)).status, 200);
  // Ada changes her check-in in the app: the affection step offers the affection both want.
  const a = page('ada');
  await a.goto(`/bonds/${bondId}/checkin`);
  await a.getByRole('button', { name: 'Edit my check-in' }).click();
  const form = a.locator('form.flow');
  for (let step = 0; step < 5; step += 1) await form.getByRole('button', { name: 'Next', exact: true }).click();
  await form.getByRole('heading', { level: 2, name: 'Affection between you' }).waitFor();
  const wishes = form.getByRole('group', { name: 'Any of the wishes you share?' });
  await wishes.getByRole('checkbox', { name: items[0].text }).check();
  await form.getByRole('checkbox', { name: /We were affectionate/, checked: true }).waitFor(); // a wish lived ticks affection
  assert.equal(await wishes.getByRole('checkbox', { name: items[2].text }).count(), 0, 'only what both want is offered');
  await assertAccessible(a, 'check-in: affection with shared wishes');
  await shoot(a, 'checkin-wishes');
  await form.getByRole('button', { name: 'Next', exact: true }).click();
  await form.getByRole('button', { name: 'Save my check-in' }).click();
  await a.locator('.answers').getByText(`Shared: ${items[0].text}`).waitFor();
  // Ben checks in; both read the wish in the reveal, on her side.
  assert.equal((await callAs('ben', 'PUT', `/api/v1/bonds/${bondId}/checkins/${day}`, body)).status, 200);
  const b = page('ben');
  await b.goto(`/bonds/${bondId}/checkin`);
  await b.locator('.reveal').getByText(`Shared: ${items[0].text}`).waitFor();
  await shoot(b, 'checkin-wishes-reveal');
  for (const who of ['ada', 'ben']) assert.equal((await callAs(who, 'PATCH', '/api/v1/me', { track_affection: false })).status, 200);
  await openWishes('ada');
});

test('the intimacy menu: explained first, opened with "I am an adult", nothing shown until both opened it', { timeout: TEST_TIMEOUT }, async () => {
  const p = page('ada');
  await p.locator('.menu-card').filter({ hasText: 'Intimacy' }).getByRole('link', { name: 'Read about it' }).click();
  await h1(p).filter({ hasText: 'Intimacy' }).waitFor();
  await p.getByRole('heading', { name: 'Before you open it' }).waitFor();
  await p.getByText('Opening it is for you alone. Ben Okafor is never told whether you opened it.').waitFor();
  await assertAccessible(p, 'opening the intimacy menu');
  await assertFitsWidth(p, 'opening the intimacy menu');
  await shoot(p, 'intimacy-closed');
  await p.getByRole('button', { name: 'Open this menu for me' }).click();
  await p.getByText('This menu opens only for adults: tick the box if that is you.').waitFor();
  await assertFocus(p, () => document.activeElement?.id, 'menu-adult', 'focus on what to do');
  await p.getByRole('checkbox', { name: 'I am an adult' }).check();
  await p.getByRole('button', { name: 'Open this menu for me' }).click();
  await liveRegion(p).filter({ hasText: 'The intimacy menu is open for you.' }).waitFor();
  const answers = p.getByRole('group', { name: 'Your answer' });
  await p.getByRole('heading', { level: 2, name: closeItems[0].text }).waitFor();
  await answers.getByRole('button', { name: 'Yes' }).click();
  await p.getByRole('heading', { level: 2, name: closeItems[1].text }).waitFor();
  await answers.getByRole('button', { name: 'No' }).click();
  await p.getByText(/once this menu is open to you both/).waitFor();
  await p.getByRole('button', { name: 'Close this menu for me…' }).waitFor();
  await assertAccessible(p, 'the intimacy menu');

  // Ben has not opened it: nothing of it shows to Ada.
  await openWishes('ada');
  assert.equal(await p.locator('.wishes').filter({ hasText: 'Intimacy' }).count(), 0);

  // Ben opens it (he confirms he is an adult too) and says yes to both.
  const b = page('ben');
  await b.goto(`/bonds/${bondId}/menus/intimacy`);
  await b.getByRole('checkbox', { name: 'I am an adult' }).check();
  await b.getByRole('button', { name: 'Open this menu for me' }).click();
  const benAnswers = b.getByRole('group', { name: 'Your answer' });
  await b.getByRole('heading', { level: 2, name: closeItems[0].text }).waitFor();
  await benAnswers.getByRole('button', { name: 'Yes' }).click();
  await b.getByRole('heading', { level: 2, name: closeItems[1].text }).waitFor();
  await benAnswers.getByRole('button', { name: 'Yes' }).click();
  await b.getByRole('heading', { level: 2, name: closeItems[2].text }).waitFor();

  const intimacy = p.locator('.wishes').filter({ hasText: 'Intimacy' });
  await intimacy.getByText(closeItems[0].text).waitFor();
  assert.equal(await intimacy.locator('.wish').count(), 1, 'her no never shows');
  await openWishes('ben');
  await b.locator('.wishes').filter({ hasText: 'Intimacy' }).getByText(closeItems[0].text).waitFor();
  assert.equal(await b.getByText(closeItems[1].text).count(), 0);
});

test('Ada closes the intimacy menu: her answers in it are deleted, and nothing of it shows', { timeout: TEST_TIMEOUT }, async () => {
  const p = page('ada');
  await p.goto(`/bonds/${bondId}/menus/intimacy`);
  await p.getByRole('button', { name: 'Close this menu for me…' }).click();
  await p.getByRole('heading', { name: 'Close the intimacy menu for you?' }).waitFor();
  await p.getByText(/Your answers and your suggestions in it will be deleted/).waitFor();
  await assertAccessible(p, 'closing the intimacy menu');
  await shoot(p, 'intimacy-close');
  await p.getByRole('button', { name: 'Close it and delete my answers' }).click();
  await p.getByRole('heading', { name: 'Before you open it' }).waitFor();
  assert.equal(await p.getByRole('checkbox', { name: 'I am an adult' }).count(), 0, 'asked once only');
  assert.equal((await answersOf('ada')).filter((a) => a.item_id.startsWith('intimacy.')).length, 0);
  const b = await openWishes('ben');
  assert.equal(await b.locator('.wishes').filter({ hasText: 'Intimacy' }).count(), 0);
});

test('in a bond of friends there is only the affection menu, and nothing says there could be another', { timeout: TEST_TIMEOUT }, async () => {
  const invite = await callAs('ada', 'POST', '/api/v1/invites', { kind: 'friend' });
  assert.equal(invite.status, 201, JSON.stringify(invite.body));
  await h.openPerson('cleo');
  const cleo = await h.register('cleo', { name: 'Cleo Marsh', email: `cleo.menus.${run}@example.test`, password: 'lantern meadow river 88' });
  const accepted = await cleo.call('POST', `/api/v1/invites/${invite.body.code}/accept`);
  assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
  const p = page('ada');
  await p.goto(`/bonds/${accepted.body.bond.id}/menus`);
  await h1(p).filter({ hasText: 'Wishes' }).waitFor();
  await p.getByText('Cleo Marsh sees only what you both want.', { exact: false }).waitFor();
  const friendItems = catalog.menus.find((m) => m.id === 'affection').items.filter((i) => i.kinds.includes('friend'));
  await p.locator('.menu-card').filter({ hasText: 'Affection' }).getByText(`${friendItems.length} to look through, whenever you like`).waitFor();
  assert.equal(await p.locator('.menu-card').count(), 1);
  assert.equal(await p.getByText(/intimacy/i).count(), 0);
  await p.goto(`/bonds/${accepted.body.bond.id}/menus/intimacy`);
  await p.getByText('This menu is not part of your bond with Cleo Marsh.').waitFor();
});

test('once Ben ends the bond, the menus went with it', { timeout: TEST_TIMEOUT }, async () => {
  assert.equal((await callAs('ben', 'POST', `/api/v1/bonds/${bondId}/end`, {})).status, 200);
  const p = page('ada');
  await p.goto(`/bonds/${bondId}/menus`);
  await h1(p).filter({ hasText: 'Wishes' }).waitFor();
  await p.getByText(/its menus went with it/).waitFor();
  assert.equal(await p.locator('.wish').count(), 0);
  await assertAccessible(p, 'Wishes after the end');
  await shoot(p, 'ended');
  await p.goto(`/bonds/${bondId}/menus/affection`);
  await p.getByText(/its menus went with it/).waitFor();
  assert.equal(await p.getByRole('button', { name: 'Yes' }).count(), 0);
});

test('no console errors', () => {
  assert.deepEqual(h.unexpectedConsoleErrors(), []);
});

// End-to-end: time of one's own, as both people, on a phone (390 x 844). Ada and Ben are partners
// (set up through the API). Then:
// - Ada sets her weekly wish in Settings, finds "Time of your own" in "Just for you", and notes a
//   walk with a note: the day is today, the piece is said warmly and takes focus, it stands in the
//   log under Today, and the last seven days stand beside her wish;
// - the journal's form never offers time of one's own as a kind, and its page never offers to
//   change its kind;
// - she changes its length in the log; a check-in that says more makes the day count once, the
//   larger figure, and the log says why;
// - Ben sees nothing of it, on screen or in the API, until she shares it from its page; then he
//   sees it in the bond's shared space, told gladly, with glad responses;
// - she deletes it after a question, and it is gone from both screens;
// - axe-core finds nothing serious, light and dark; at 320 pixels nothing scrolls sideways.
// Any console error or CSP violation fails the run.
//
// Run from the repository root after `make build`:
//   node --test tests/e2e/own-time.test.mjs

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_TIMEOUT, assertAccessible, assertFitsWidth, callIn, createHarness, h1, liveRegion, localDay, nav } from './lib/harness.mjs';

const h = createHarness();
const run = Date.now().toString(36);
const ada = { name: 'Ada Lindqvist', email: `ada.own.${run}@example.test`, password: 'quiet harbour lantern 42' };
const ben = { name: 'Ben Okafor', email: `ben.own.${run}@example.test`, password: 'orchard kettle meadow 17' };
const note = 'Along the canal in the last light, no phone, just walking.';

let words;
let walk;
let bondId = '';
let pieceId = '';
const page = (who) => h.people[who].page;
const callAs = (who, method, path, data) => callIn(page(who), method, path, data);

/** Today on the person's own calendar, as the screens count it. */
const today = (who) => localDay(page(who));

const log = (p) => p.getByRole('list', { name: 'Your time, day by day' });
const week = (p) => p.getByRole('region', { name: 'The last seven days' });
const piece = (p) => log(p).locator('.piece').filter({ hasText: walk });
/** What Ben's bond page says of Ada's shared piece. */
const shared = (p) => p.locator('.shared').filter({ hasText: `${ada.name} took some time of their own` });

before(async () => {
  await h.start();
  const catalog = await (await fetch(`${h.server.url}/api/v1/catalog`)).json();
  words = catalog.own_time;
  walk = words.activities.find((a) => a.id === 'walk').name;
}, { timeout: 60_000 });
after(h.stop, { timeout: 30_000 });

test('Ada and Ben, partners', { timeout: TEST_TIMEOUT }, async () => {
  ({ bondId } = await h.partners('ada', ada, 'ben', ben));
  await page('ada').goto('/');
  await page('ben').goto('/');
});

test('Ada sets a wish, notes a walk with a note, and sees it in the log and beside her wish', { timeout: 120_000 }, async () => {
  const p = page('ada');
  await nav(p).getByRole('link', { name: 'More' }).click();
  await p.getByRole('link', { name: /^Just for you/ }).click();
  const place = p.getByRole('region', { name: words.title });
  await place.getByText(words.no_wish).waitFor();

  // The wish, in Settings, from the card's second link.
  await place.getByRole('link', { name: 'Your wish for time alone' }).click();
  const wish = p.locator('#own-time');
  await wish.getByLabel('Each week I would like').fill('2');
  await wish.getByLabel('Counted in').selectOption('hours');
  await wish.getByRole('button', { name: 'Save my wish' }).click();
  await liveRegion(p).filter({ hasText: 'Your wish is saved: 2 hours a week.' }).waitFor();

  await p.goto('/me');
  await place.getByText(words.against_wish.replace('{wish}', '2 hours')).waitFor();
  await place.getByRole('link', { name: 'Note time of your own' }).click();
  await p.waitForURL('**/me/own-time');
  await h1(p).filter({ hasText: words.title }).waitFor();
  await p.getByText(words.private).waitFor();
  await p.getByText(words.empty).waitFor();
  await week(p).getByText(words.against_wish.replace('{wish}', '2 hours')).waitFor();
  await assertAccessible(p, 'time of your own, empty');

  // The form: today unless she says otherwise, the lengths and kinds of time as radio groups.
  const form = p.getByRole('form', { name: 'Note some time of your own' });
  assert.equal(await form.getByLabel('Which day').inputValue(), await today('ada'));
  const lengths = form.getByRole('group', { name: 'About how long' });
  assert.equal(await lengths.getByRole('radio').count(), words.minutes.length + 1, 'the catalog’s lengths and Other');
  // Nothing chosen: she is told what is missing, next to it.
  await form.getByRole('button', { name: 'Keep this time' }).click();
  await form.getByText('Choose about how long it was.').waitFor();
  await form.getByText('Choose what kind of time it was.').waitFor();

  await lengths.getByText('45 min', { exact: true }).click();
  assert.ok(await lengths.getByRole('radio', { name: '45 minutes' }).isChecked());
  await form.getByRole('group', { name: 'What kind of time' }).getByText(walk, { exact: true }).click();
  await form.getByLabel('A few words about it (optional)').fill(note);
  await form.getByRole('button', { name: 'Keep this time' }).click();

  await liveRegion(p).filter({ hasText: `Noted: ${walk.toLowerCase()}, 45 minutes. Only you can see it.` }).waitFor();
  const noted = p.locator('.just-noted');
  await noted.getByText('Noted. Time well spent.').waitFor();
  await p.waitForFunction(() => document.activeElement?.classList.contains('just-noted')); // focus moves to what was noted
  assert.equal(await form.getByLabel('A few words about it (optional)').inputValue(), '', 'the form is fresh again');

  const day = log(p).getByRole('region', { name: /^Today/ });
  await day.getByText('45 min').first().waitFor();
  await piece(p).getByText(note).waitFor();
  await piece(p).getByText('Only you can see this.').waitFor();
  await week(p).getByText('45 min', { exact: true }).waitFor();
  await week(p).getByText('1 h 15 min more would meet your wish, whenever it suits you.').waitFor();

  const mine = await callAs('ada', 'GET', '/api/v1/me/own-time');
  assert.equal(mine.body.entries.length, 1);
  pieceId = mine.body.entries[0].id;
  assert.deepEqual(mine.body.entries[0].own_time, { day: await today('ada'), minutes: 45, activity: 'walk' });
  assert.equal(mine.body.entries[0].body, note);

  await assertAccessible(p, 'time of your own');
  await p.emulateMedia({ colorScheme: 'dark' });
  await assertAccessible(p, 'time of your own (dark)');
  await p.emulateMedia({ colorScheme: 'light' });
  await p.setViewportSize({ width: 320, height: 700 });
  await p.waitForTimeout(200);
  await assertFitsWidth(p, 'time of your own at 320');
  await p.setViewportSize({ width: 390, height: 844 });
});

test('the journal never offers time of one’s own as a kind, nor to change into or out of it', { timeout: TEST_TIMEOUT }, async () => {
  const p = page('ada');
  await p.goto('/journal');
  // Her piece is in the journal with its kind of time, length and note; the form offers other kinds only.
  const entries = p.getByRole('list', { name: 'Your entries' });
  await entries.getByText(note).waitFor();
  await entries.getByText(walk).waitFor();
  await p.getByRole('radio', { name: 'A hope' }).waitFor();
  assert.equal(await p.getByRole('radio', { name: 'Time of my own' }).count(), 0);

  await p.goto(`/journal/${pieceId}`);
  await h1(p).filter({ hasText: 'Time of my own' }).waitFor();
  await p.getByRole('link', { name: `← ${words.title}` }).waitFor();
  await p.getByText(walk).first().waitFor();
  await p.getByRole('button', { name: 'Change it' }).click();
  const edit = p.getByRole('form', { name: 'Change this time' });
  await edit.getByLabel('Which day').waitFor();
  assert.equal(await p.getByRole('group', { name: /kind of entry/i }).count(), 0);
  assert.equal(await p.getByRole('radio', { name: 'A hope' }).count(), 0, 'no other kind is offered');
  await edit.getByRole('button', { name: 'Cancel' }).click();
  await p.getByRole('button', { name: 'Change it' }).waitFor();
});

test('Ada changes its length in the log; a check-in that says more counts once, and the log says why', { timeout: TEST_TIMEOUT }, async () => {
  const p = page('ada');
  await p.goto('/me/own-time');
  await piece(p).getByRole('button', { name: /^Edit / }).click();
  const edit = p.getByRole('form', { name: /^Change / });
  await p.waitForFunction(() => document.activeElement?.type === 'date'); // focus moves into the form
  await edit.getByRole('group', { name: 'About how long' }).getByText('1 h 30 min', { exact: true }).click();
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await liveRegion(p).filter({ hasText: /^Saved\.$/ }).waitFor();
  await piece(p).getByText('1 h 30 min').waitFor();
  await week(p).getByText('1 h 30 min', { exact: true }).waitFor();
  await week(p).getByText('30 min more would meet your wish, whenever it suits you.').waitFor();
  await p.waitForFunction(() => document.activeElement?.classList.contains('piece')); // focus is on the piece

  // Her check-in of today says two hours: the day counts two, not three and a half.
  const checkin = await callAs('ada', 'PUT', `/api/v1/bonds/${bondId}/checkins/${await today('ada')}`, {
    feelings: [{ word: 'homesick', intensity: 3 }],
    closeness_now: 4,
    closeness_wanted: 5,
    need: 'space',
    own_minutes: 120,
    together_minutes: 30,
    guess: { family: 'calm', closeness_now: 4 },
  });
  assert.equal(checkin.status, 200, JSON.stringify(checkin.body));
  await p.reload();
  const day = log(p).getByRole('region', { name: /^Today/ });
  await day.locator('.own-day__counted').filter({ hasText: '2 h' }).waitFor();
  await week(p).getByText('2 h', { exact: true }).waitFor();
  await week(p).getByText('That is the time you wished for, and you gave it to yourself.').waitFor();
  const once = day.locator('details');
  await once.locator('summary').filter({ hasText: /^Your check-in said 2 h/ }).click();
  await once.getByText(words.counted).waitFor();
  await assertAccessible(p, 'time of your own, a day counted once');
});

test('Ben sees nothing of it until Ada shares it; then he sees it in their shared space', { timeout: TEST_TIMEOUT }, async () => {
  const a = page('ada');
  const b = page('ben');
  await b.goto(`/bonds/${bondId}`);
  await b.getByRole('region', { name: 'Warm words' }).waitFor();
  assert.equal(await shared(b).count(), 0);
  assert.doesNotMatch(await b.locator('main').innerText(), new RegExp(`${walk}|canal`));
  const before = await callAs('ben', 'GET', `/api/v1/bonds/${bondId}/entries`);
  assert.deepEqual(before.body.entries, []);
  h.expectFailure(`/api/v1/entries/${pieceId}`, 404);
  assert.equal((await callAs('ben', 'GET', `/api/v1/entries/${pieceId}`)).status, 404);
  assert.deepEqual((await callAs('ben', 'GET', '/api/v1/me/own-time')).body.entries, [], 'his own log holds only his own');

  // Ada shares it from its page, which "Share…" in the log leads to.
  await a.goto('/me/own-time');
  await piece(a).getByRole('link', { name: /^Share… / }).click();
  await a.waitForURL(`**/journal/${pieceId}`);
  await a.waitForTimeout(500); // Ben's live connection is open
  await a.getByRole('button', { name: `Share with ${ben.name}` }).click();
  await liveRegion(a).filter({ hasText: `Shared. ${ben.name} can see this now.` }).waitFor();

  // Ben's screen shows it by itself: told gladly, with its kind, length and note.
  const card = shared(b);
  await card.getByText(walk).waitFor();
  await card.getByText('1 h 30 min').waitFor();
  await card.getByText(note).waitFor();
  await card.getByRole('button', { name: 'So glad for you' }).waitFor();
  await assertAccessible(b, 'a shared piece of time, from the other side');

  await a.goto('/me/own-time');
  await piece(a).getByText(`${ben.name} can see this.`).waitFor();
});

test('Ada deletes it after a question; it is gone from both screens', { timeout: TEST_TIMEOUT }, async () => {
  const a = page('ada');
  const b = page('ben');
  await shared(b).waitFor();
  await piece(a).getByRole('button', { name: /^Delete… / }).click();
  const question = a.getByRole('group', { name: 'Delete this piece for good?' });
  await a.waitForFunction(() => document.activeElement?.tagName === 'H3');
  await question.getByRole('button', { name: 'Keep it' }).click();
  await a.waitForFunction(() => document.activeElement?.textContent?.startsWith('Delete…'));
  await piece(a).getByRole('button', { name: /^Delete… / }).click();
  await question.getByRole('button', { name: 'Yes, delete it' }).click();
  await liveRegion(a).filter({ hasText: 'Deleted, here and wherever you shared it.' }).waitFor();
  assert.equal(await piece(a).count(), 0);
  await a.waitForFunction(() => document.activeElement?.id === 'own-log-heading');
  // The check-in's two hours still count for today, with no piece beside them.
  await log(a).getByText('Nothing noted here; the time comes from your check-in.').waitFor();

  await shared(b).waitFor({ state: 'detached' });
  assert.deepEqual((await callAs('ben', 'GET', `/api/v1/bonds/${bondId}/entries`)).body.entries, []);
  assert.deepEqual((await callAs('ada', 'GET', '/api/v1/me/own-time')).body.entries, []);
});

test('no console errors or CSP violations happened', { timeout: TEST_TIMEOUT }, async () => {
  assert.deepEqual(h.unexpectedConsoleErrors(), []);
});

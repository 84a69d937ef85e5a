// End-to-end: a bond's journey, as both people, on a phone (390 x 844). Ada and Ben are partners
// (set up through the API) and have both checked in on two days, so the journey has its milestones
// and the shape of their closeness behind it. Then:
// - Ada opens the journey from the bond page: it says it is empty, and shows the milestones;
// - she adds a low (the title's count says when it is too long, and the form says why), and it
//   appears on Ben's open screen by itself, marked as hers, with nothing for him to change;
// - she changes it, and deletes it; Ben's screen follows each time;
// - Ben adds a high; Ada sees who added it and cannot change it, nor can he change hers through the API;
// - Ada's Home tells her of Ben's moment (no words of it) and leads to it on the journey;
// - after the bond ends, each sees only their own moments and may still delete them;
// - axe-core finds nothing serious, light and dark; at 320 pixels nothing scrolls sideways.
// Any console error or CSP violation fails the run.
//
// Run from the repository root after `make build`:
//   node --test tests/e2e/journey.test.mjs

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_TIMEOUT, assertAccessible, assertFitsWidth, callIn, createHarness, h1, liveRegion, assertFocus } from './lib/harness.mjs';

const h = createHarness();
const run = Date.now().toString(36);
const ada = { name: 'Ada Lindqvist', email: `ada.journey.${run}@example.test`, password: 'quiet harbour lantern 42' };
const ben = { name: 'Ben Okafor', email: `ben.journey.${run}@example.test`, password: 'orchard kettle meadow 17' };

let catalog;
let words;
let bondId = '';
const page = (who) => h.people[who].page;
const callAs = (who, method, path, data) => callIn(page(who), method, path, data);
const journeyPath = () => `/bonds/${bondId}/journey`;
/** The server's calendar: a day may be a day either side of its UTC date. */
const utcDay = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const moment = (p, title) => p.locator('.moment').filter({ has: p.getByRole('heading', { name: title, exact: true }) });

async function openJourney(who) {
  const p = page(who);
  await p.goto(journeyPath());
  await p.getByRole('heading', { name: 'Along the way' }).waitFor();
  await p.waitForTimeout(500); // the live connection is open (a local handshake takes far less)
  return p;
}

before(async () => {
  await h.start();
  catalog = await (await fetch(`${h.server.url}/api/v1/catalog`)).json();
  words = catalog.journey;
}, { timeout: 60_000 });
after(h.stop, { timeout: 30_000 });

test('Ada and Ben, partners, with two days both checked in', { timeout: TEST_TIMEOUT }, async () => {
  ({ bondId } = await h.partners('ada', ada, 'ben', ben));
  await page('ada').goto('/');
  await page('ben').goto('/');
  const word = catalog.feelings.families.find((f) => f.id === 'calm').words[0].id;
  for (const [offset, closeness] of [[0, 3], [1, 5]]) {
    for (const who of ['ada', 'ben']) {
      const saved = await callAs(who, 'PUT', `/api/v1/bonds/${bondId}/checkins/${utcDay(offset)}`, {
        feelings: [{ word, intensity: 3 }],
        closeness_now: who === 'ada' ? closeness : 8 - closeness,
        closeness_wanted: 5,
        need: 'fine',
        own_minutes: 30,
        together_minutes: 60,
        guess: { family: 'calm', closeness_now: 4 },
      });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
    }
  }
});

test('an empty journey says so, and shows where the bond began', { timeout: TEST_TIMEOUT }, async () => {
  const p = page('ada');
  await p.goto(`/bonds/${bondId}`);
  await p.getByRole('link', { name: 'Your journey together' }).click();
  await h1(p).filter({ hasText: words.title }).waitFor();
  await p.getByText(words.empty).waitFor();
  const milestones = p.locator('.milestone');
  await milestones.filter({ hasText: words.milestones.began }).waitFor();
  await milestones.filter({ hasText: words.milestones.first_reveal }).waitFor();
  assert.equal(await milestones.last().innerText().then((t) => t.includes(words.milestones.began)), true, 'the beginning closes the story');
  // The shape of their closeness, behind it all, for the eyes only.
  const backdrop = p.locator('.journey__backdrop');
  await backdrop.waitFor();
  assert.equal(await backdrop.getAttribute('aria-hidden'), 'true');
  assert.equal(await backdrop.locator('path').count(), 2);
  await assertAccessible(p, 'an empty journey');
});

test('Ada adds a low; Ben sees it arrive, marked as hers, with nothing to change', { timeout: TEST_TIMEOUT }, async () => {
  const b = await openJourney('ben');
  const a = await openJourney('ada');
  await a.getByRole('button', { name: 'Add a moment' }).click();
  const form = a.getByRole('form', { name: 'Add to your journey' });
  await form.getByRole('radio', { name: new RegExp(`^${words.kinds.low.name}`) }).check();
  await form.getByLabel('When was it?').fill(utcDay(-1));
  const title = form.getByLabel('In a few words');
  await title.fill('x'.repeat(121));
  await form.getByText('121 of 120 characters').waitFor();
  await form.getByRole('button', { name: 'Add to your journey' }).click();
  await form.getByText('Keep the title to 120 characters; the note has room for more.').waitFor();
  await assertFocus(a, () => document.activeElement?.getAttribute('aria-invalid'), 'true', 'focus on what to fix');
  await title.fill('The week the boiler broke');
  await form.getByText('25 of 120 characters').waitFor();
  await form.getByLabel(/^Anything more you would like to remember/).fill('Cold showers, and laughing about it anyway.');
  await assertAccessible(a, 'adding a moment');
  await form.getByRole('button', { name: 'Add to your journey' }).click();

  const mine = moment(a, 'The week the boiler broke');
  await mine.waitFor();
  await liveRegion(a).filter({ hasText: 'Your moment is on the journey.' }).waitFor();
  await mine.getByText(words.kinds.low.name).waitFor();
  await mine.getByText('Cold showers, and laughing about it anyway.').waitFor();
  assert.equal(await mine.locator('.journey__marker--low').count(), 1, 'a low has a mark of its own');
  await assertFocus(a, () => document.activeElement?.closest('.moment')?.querySelector('h4')?.textContent, 'The week the boiler broke', 'focus lands on it');
  assert.equal(await a.getByText(words.empty).count(), 0);
  assert.equal(await mine.getByText(/^Added by/).count(), 0, 'her own needs no name');

  // On Ben's screen, by itself: who added it, and no way to change it.
  const theirs = moment(b, 'The week the boiler broke');
  await theirs.waitFor();
  await theirs.getByText(`Added by ${ada.name}`).waitFor();
  assert.equal(await theirs.getByRole('button').count(), 0);
  await b.locator('.toast').filter({ hasText: `${ada.name} added a moment to your journey.` }).waitFor();
  const id = (await callAs('ada', 'GET', `/api/v1/bonds/${bondId}/moments`)).body.moments[0].id;
  h.expectFailure(`/api/v1/bonds/${bondId}/moments/${id}`, 404);
  assert.equal((await callAs('ben', 'PATCH', `/api/v1/bonds/${bondId}/moments/${id}`, { title: 'Changed by Ben' })).status, 404);
  assert.equal((await callAs('ben', 'DELETE', `/api/v1/bonds/${bondId}/moments/${id}`)).status, 404);
  await assertAccessible(b, 'the journey (Ben)');
});

test('Ada changes her moment and deletes it; Ben’s screen follows', { timeout: TEST_TIMEOUT }, async () => {
  const b = page('ben');
  const a = page('ada');
  await a.getByRole('button', { name: 'Change “The week the boiler broke”' }).click();
  const form = a.getByRole('form', { name: 'Save changes' });
  assert.equal(await form.getByLabel('In a few words').inputValue(), 'The week the boiler broke');
  assert.equal(await form.getByRole('radio', { name: new RegExp(`^${words.kinds.low.name}`) }).isChecked(), true);
  await form.getByLabel('In a few words').fill('The cold week we laughed through');
  await form.getByLabel(/^Anything more you would like to remember/).fill('');
  await form.getByRole('button', { name: 'Save changes' }).click();
  const changed = moment(a, 'The cold week we laughed through');
  await changed.waitFor();
  assert.equal(await changed.locator('.moment__note').count(), 0, 'the note is cleared');
  await moment(b, 'The cold week we laughed through').waitFor();
  assert.equal(await moment(b, 'The week the boiler broke').count(), 0);

  await changed.getByRole('button', { name: 'Delete “The cold week we laughed through”' }).click();
  const question = a.getByRole('group', { name: 'Delete this moment?' });
  await assertFocus(a, () => document.activeElement?.textContent, 'Delete this moment?');
  await question.getByRole('button', { name: 'Delete it' }).click();
  await liveRegion(a).filter({ hasText: 'The moment is deleted.' }).waitFor();
  await a.getByText(words.empty).waitFor();
  await b.getByText(words.empty).waitFor();
  assert.equal(await moment(b, 'The cold week we laughed through').count(), 0);
});

test('Ben adds a high; Ada sees who added it and cannot change it', { timeout: TEST_TIMEOUT }, async () => {
  const b = page('ben');
  const a = page('ada');
  await b.getByRole('button', { name: 'Add a moment' }).click();
  const form = b.getByRole('form', { name: 'Add to your journey' });
  assert.equal(await form.getByRole('radio', { name: new RegExp(`^${words.kinds.high.name}`) }).isChecked(), true, 'a high unless chosen');
  await form.getByLabel('In a few words').fill('Dancing in the kitchen');
  await form.getByRole('button', { name: 'Add to your journey' }).click();
  await moment(b, 'Dancing in the kitchen').getByRole('button', { name: 'Delete “Dancing in the kitchen”' }).waitFor();
  const seen = moment(a, 'Dancing in the kitchen');
  await seen.getByText(`Added by ${ben.name}`).waitFor();
  await seen.getByText(words.kinds.high.name).waitFor();
  assert.equal(await seen.locator('.journey__marker--high').count(), 1);
  assert.equal(await seen.getByRole('button').count(), 0);

  await assertAccessible(a, 'the journey');
  await a.emulateMedia({ colorScheme: 'dark' });
  await assertAccessible(a, 'the journey (dark)');
  await a.emulateMedia({ colorScheme: 'light' });
  await a.setViewportSize({ width: 320, height: 700 });
  await a.getByRole('button', { name: 'Add a moment' }).click();
  await assertFitsWidth(a, 'the journey with its form at 320');
  await a.setViewportSize({ width: 390, height: 844 });
});

test('Ada’s Home tells her of Ben’s moment, and the news leads to it on the journey', { timeout: TEST_TIMEOUT }, async () => {
  const a = page('ada');
  await a.goto('/');
  const news = a.getByRole('list', { name: `What is new with ${ben.name}` });
  const told = news.getByRole('link', { name: `${ben.name} added a moment to your journey together, new` });
  await told.waitFor();
  assert.equal(await news.getByText('Dancing in the kitchen').count(), 0, 'what is new names no words of it');
  await told.click();
  await a.waitForURL((url) => url.pathname === journeyPath() && url.hash.startsWith('#moment-'));
  await moment(a, 'Dancing in the kitchen').waitFor();
});

test('after the bond ends, each keeps only their own moments, to keep or delete', { timeout: TEST_TIMEOUT }, async () => {
  const added = await callAs('ada', 'POST', `/api/v1/bonds/${bondId}/moments`, { day: utcDay(0), kind: 'high', title: 'A quiet morning of our own' });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  assert.equal((await callAs('ben', 'POST', `/api/v1/bonds/${bondId}/end`)).status, 200);
  const a = await openJourney('ada');
  await a.getByText('This bond has ended.', { exact: false }).waitFor();
  const mine = moment(a, 'A quiet morning of our own');
  await mine.waitFor();
  assert.equal(await moment(a, 'Dancing in the kitchen').count(), 0, 'Ben’s moment is his alone now');
  assert.equal(await a.getByRole('button', { name: 'Add a moment' }).count(), 0);
  assert.equal(await mine.getByRole('button', { name: /^Change/ }).count(), 0);
  await mine.getByRole('button', { name: 'Delete “A quiet morning of our own”' }).click();
  await a.getByRole('group', { name: 'Delete this moment?' }).getByRole('button', { name: 'Delete it' }).click();
  await a.getByText(words.empty).waitFor();
  await assertAccessible(a, 'the journey of an ended bond');
});

test('no console errors or CSP violations happened', { timeout: TEST_TIMEOUT }, async () => {
  assert.deepEqual(h.unexpectedConsoleErrors(), []);
});

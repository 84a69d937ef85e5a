// End-to-end: reflections, as both people, on a phone (390 x 844). Ada and Ben are partners (set up
// through the API). Then:
// - Ada finds the question offered to her as a teaser in "Just for you", opens Reflections and
//   sees it large, with its theme, the day the next one comes and that answering is up to her;
// - she answers it by keyboard; the answer is kept privately, takes focus, and is listed among her
//   reflections with its question, date and "Only you can see this.";
// - she edits it (an empty answer is refused in words); the one answer changes, no second is made;
// - until she shares it, nothing of it reaches Ben: not his bond page, not the bond's entries, not
//   his own reflections, not the entry by its id;
// - "Share it with Ben" leads to the answer's page, where she shares it; Ben sees it with its
//   question in the bond's shared space, and her list says so;
// - another answer of hers, never shared, never reaches Ben's screens;
// - axe-core finds nothing serious, light and dark; at 320 pixels nothing scrolls sideways.
// Any console error or CSP violation fails the run.
//
// Run from the repository root after `make build`:
//   node --test tests/e2e/reflections.test.mjs

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_TIMEOUT, assertAccessible, assertFitsWidth, callIn, createHarness, h1, liveRegion, nav, assertFocus } from './lib/harness.mjs';

const h = createHarness();
const run = Date.now().toString(36);
const ada = { name: 'Ada Lindqvist', email: `ada.reflect.${run}@example.test`, password: 'quiet harbour lantern 42' };
const ben = { name: 'Ben Okafor', email: `ben.reflect.${run}@example.test`, password: 'orchard kettle meadow 17' };

const firstAnswer = 'Saturday mornings at the pool, before anyone else is up. I swim until my head is quiet.';
const changedAnswer = 'Saturday mornings at the pool, and lately the long walk home. I come back lighter, and glad to be back.';
const unshared = 'Sometimes I keep the hard days to myself so nobody has to worry. I am learning to say one sentence of it.';

let catalog;
let bondId = '';
let offered; // { id, since, next } for Ada today
let answerId = '';
const page = (who) => h.people[who].page;
const callAs = (who, method, path, data) => callIn(page(who), method, path, data);
const question = (id) => catalog.reflections.prompts.find((p) => p.id === id);

/** Today on the person's own calendar, as the screen asks for it. */
const today = (who) =>
  page(who).evaluate(() => {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  });

/** Everything of the bond Ben can see, as text: his bond page and the bond's shared entries. */
async function bensView() {
  const b = page('ben');
  await b.goto(`/bonds/${bondId}`);
  await b.getByRole('heading', { name: 'Shared between you' }).waitFor();
  await b.waitForLoadState('networkidle');
  const screen = await b.locator('main').innerText();
  const entries = await callAs('ben', 'GET', `/api/v1/bonds/${bondId}/entries`);
  assert.equal(entries.status, 200);
  return { screen, entries: entries.body.entries };
}

before(async () => {
  await h.start();
  catalog = await (await fetch(`${h.server.url}/api/v1/catalog`)).json();
}, { timeout: 60_000 });
after(h.stop, { timeout: 30_000 });

test('Ada and Ben, partners', { timeout: TEST_TIMEOUT }, async () => {
  ({ bondId } = await h.partners('ada', ada, 'ben', ben));
  await page('ada').goto('/');
  await page('ben').goto('/');
  const mine = await callAs('ada', 'GET', `/api/v1/reflections?day=${await today('ada')}`);
  assert.equal(mine.status, 200);
  offered = mine.body.offered;
  assert.ok(question(offered.id), 'a question of the catalog is offered');
});

test('Ada finds the question in “Just for you” and opens it, large and calm', { timeout: TEST_TIMEOUT }, async () => {
  const p = page('ada');
  const q = question(offered.id);
  await nav(p).getByRole('link', { name: 'More' }).click();
  await p.getByRole('link', { name: /^Just for you/ }).click();
  const place = p.getByRole('region', { name: catalog.reflections.title });
  await place.getByText(q.text).waitFor();
  // Between the two needs and the patterns.
  const places = await p.locator('.places h2').allTextContents();
  assert.deepEqual(places.slice(0, 3), [catalog.needs.title, catalog.reflections.title, 'Your own patterns']);
  await place.getByRole('link', { name: 'Sit with this question' }).click();

  await h1(p).filter({ hasText: catalog.reflections.title }).waitFor();
  await p.waitForFunction(() => document.activeElement?.tagName === 'H1');
  assert.equal(await p.title(), `${catalog.reflections.title} · Pillars`);
  const card = p.getByRole('region', { name: q.text });
  await card.getByText(catalog.reflections.themes[q.theme], { exact: true }).waitFor();
  await card.getByText(/^Your next question arrives (tomorrow|on .+)\. Answering is up to you/).waitFor();
  await card.getByText('Nothing you write here reaches anyone unless you choose to share it.').waitFor();
  await p.getByText(catalog.reflections.private).waitFor();
  await p.getByRole('heading', { name: 'Your earlier reflections' }).waitFor();
  await p.getByText('Each answer you keep gathers here').waitFor();
  await assertAccessible(p, 'reflections (a question)');
  await p.emulateMedia({ colorScheme: 'dark' });
  await assertAccessible(p, 'reflections (a question, dark)');
  await p.emulateMedia({ colorScheme: 'light' });
});

test('she answers by keyboard; it is kept privately and listed with its question', { timeout: TEST_TIMEOUT }, async () => {
  const p = page('ada');
  const q = question(offered.id);
  const field = p.getByLabel('Your answer, for you alone');
  await field.focus();
  await p.keyboard.type(firstAnswer);
  await p.getByText(`${firstAnswer.length} of 20,000 characters`).waitFor();
  await p.keyboard.press('Tab');
  await assertFocus(p, () => document.activeElement?.textContent, 'Keep my answer');
  await p.keyboard.press('Enter');

  await liveRegion(p).filter({ hasText: 'Kept. Only you can see it.' }).waitFor();
  const kept = p.locator('#reflection-kept');
  await kept.getByText(firstAnswer).waitFor();
  await assertFocus(p, () => document.activeElement?.id, 'reflection-kept', 'focus moves to the answer kept');
  await kept.getByText('Only you can see this.').waitFor();

  const earlier = p.getByRole('list', { name: 'Your earlier reflections' });
  const item = earlier.getByRole('listitem').filter({ hasText: q.text });
  await item.getByText(firstAnswer).waitFor();
  await item.getByText('Only you can see this.').waitFor();
  answerId = new URL(await item.getByRole('link', { name: q.text }).getAttribute('href'), h.server.url).pathname.split('/').pop();

  const mine = await callAs('ada', 'GET', `/api/v1/reflections?day=${await today('ada')}`);
  assert.equal(mine.body.answers.length, 1);
  assert.equal(mine.body.answers[0].id, answerId);
  assert.equal(mine.body.answers[0].prompt, offered.id);
  assert.deepEqual(mine.body.answers[0].shared_with, []);
  await assertAccessible(p, 'reflections (answered)');
  await p.emulateMedia({ colorScheme: 'dark' });
  await assertAccessible(p, 'reflections (answered, dark)');
  await p.emulateMedia({ colorScheme: 'light' });
  await p.setViewportSize({ width: 320, height: 700 });
  await p.waitForTimeout(200);
  await assertFitsWidth(p, 'reflections at 320');
  await p.setViewportSize({ width: 390, height: 844 });
});

test('she edits her answer: an empty one is refused, the one answer changes', { timeout: TEST_TIMEOUT }, async () => {
  const p = page('ada');
  await p.getByRole('button', { name: 'Edit your answer' }).click();
  const field = p.getByLabel('Your answer', { exact: true });
  await p.waitForFunction(() => document.activeElement?.id === 'reflection-answer');
  assert.equal(await field.inputValue(), firstAnswer);

  // Cancel puts focus back on Edit, and nothing changed.
  await p.getByRole('button', { name: 'Cancel' }).click();
  await p.waitForFunction(() => document.activeElement?.id === 'reflection-edit');
  await p.locator('#reflection-kept').getByText(firstAnswer).waitFor();

  await p.getByRole('button', { name: 'Edit your answer' }).click();
  await field.fill('   ');
  await p.getByRole('button', { name: 'Keep the changes' }).click();
  await p.getByText('Write a few words first. A line is enough.').waitFor();
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  await assertFocus(p, () => document.activeElement?.id, 'reflection-answer');

  await field.fill(changedAnswer);
  await p.getByRole('button', { name: 'Keep the changes' }).click();
  await liveRegion(p).filter({ hasText: 'Saved. Only you can see it.' }).waitFor();
  await p.locator('#reflection-kept').getByText(changedAnswer).waitFor();
  const earlier = p.getByRole('list', { name: 'Your earlier reflections' });
  await earlier.getByText(changedAnswer).waitFor();
  assert.equal(await earlier.getByRole('listitem').count(), 1);

  const mine = await callAs('ada', 'GET', `/api/v1/reflections?day=${await today('ada')}`);
  assert.equal(mine.body.answers.length, 1, 'still one answer');
  assert.equal(mine.body.answers[0].id, answerId);
  assert.equal(mine.body.answers[0].body, changedAnswer);
});

test('until she shares it, nothing of her answer reaches Ben', { timeout: TEST_TIMEOUT }, async () => {
  const { screen, entries } = await bensView();
  assert.doesNotMatch(screen, /Saturday mornings/);
  assert.doesNotMatch(screen, new RegExp(question(offered.id).text.slice(0, 30).replace(/[?.()]/g, '\\$&')));
  assert.equal(entries.length, 0);
  h.expectFailure(`/api/v1/entries/${answerId}`, 404);
  assert.equal((await callAs('ben', 'GET', `/api/v1/entries/${answerId}`)).status, 404);
  const his = await callAs('ben', 'GET', `/api/v1/reflections?day=${await today('ben')}`);
  assert.deepEqual(his.body.answers, []);

  // His own Reflections screen holds nothing of hers.
  const b = page('ben');
  await b.goto('/me/reflections');
  await b.getByText('Each answer you keep gathers here').waitFor();
  assert.doesNotMatch(await b.locator('main').innerText(), /Saturday mornings/);
});

test('“Share it with Ben” leads to the answer’s page; shared, Ben sees it with its question', { timeout: TEST_TIMEOUT }, async () => {
  const a = page('ada');
  const q = question(offered.id);
  await a.getByRole('link', { name: `Share it with ${ben.name}` }).click();
  await a.waitForURL(`**/journal/${answerId}`);
  await h1(a).filter({ hasText: catalog.entry_kinds.find((k) => k.id === 'reflection').name }).waitFor();
  await a.getByText(q.text).waitFor();
  await a.getByText(changedAnswer).waitFor();
  await a.getByRole('button', { name: `Share with ${ben.name}` }).click();
  await a.locator('#who-sees').filter({ hasText: `${ben.name} can see this.` }).waitFor();

  const b = page('ben');
  await b.goto(`/bonds/${bondId}`);
  const shared = b.getByRole('list', { name: 'Shared entries' }).getByRole('listitem').filter({ hasText: changedAnswer });
  await shared.waitFor();
  await shared.getByText(q.text).waitFor();
  await shared.getByText(ada.name).waitFor();
  await assertAccessible(b, 'bond (a shared reflection)');

  // Back on her reflections, the list and the answer say who can see it.
  await a.goto('/me/reflections');
  await a.locator('#reflection-kept').getByText(`${ben.name} can see this.`).waitFor();
  await a.getByRole('list', { name: 'Your earlier reflections' }).getByText(`${ben.name} can see this.`).waitFor();
  await a.getByRole('link', { name: 'Change who can see it' }).waitFor();
});

test('another answer, never shared, never reaches Ben', { timeout: TEST_TIMEOUT }, async () => {
  const other = catalog.reflections.prompts.find((p) => p.id !== offered.id);
  const saved = await callAs('ada', 'PUT', `/api/v1/reflections/${other.id}/answer`, { body: unshared });
  assert.equal(saved.status, 201, JSON.stringify(saved.body));

  const a = page('ada');
  await a.goto('/me/reflections');
  const earlier = a.getByRole('list', { name: 'Your earlier reflections' });
  await earlier.getByRole('listitem').filter({ hasText: other.text }).getByText('Only you can see this.').waitFor();
  assert.equal(await earlier.getByRole('listitem').count(), 2);

  const { screen, entries } = await bensView();
  assert.doesNotMatch(screen, /keep the hard days/);
  assert.deepEqual(entries.map((e) => e.id), [answerId], 'only the shared one');
  h.expectFailure(`/api/v1/entries/${saved.body.entry.id}`, 404);
  assert.equal((await callAs('ben', 'GET', `/api/v1/entries/${saved.body.entry.id}`)).status, 404);
  const b = page('ben');
  await b.goto('/me/reflections');
  await b.getByText('Each answer you keep gathers here').waitFor();
  assert.doesNotMatch(await b.locator('main').innerText(), /keep the hard days|Saturday mornings/);
});

test('no console errors or CSP violations happened', { timeout: TEST_TIMEOUT }, async () => {
  assert.deepEqual(h.unexpectedConsoleErrors(), []);
});

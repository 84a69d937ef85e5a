// End-to-end: the inner world, with two people in two browser contexts on one real server.
// Ada and Ben are partners (set up through the API: the screens for that are tested in
// bond.test.mjs). Ada writes a hurt into her journal and shares it; Ben, already on their bond's
// page, sees it arrive without reloading, and answers with comfort. Ada sees his response, takes
// the entry back (it leaves Ben's screen at once), and tells him she loves him in one tap. Ben asks
// for comfort and Ada answers. An entry with anger in it gets the gentle look beneath. axe-core
// checks the journal, entry and bond screens; any console error or CSP violation fails the run.
//
// Run from the repository root after `make build` and `npm run build` in web/:
//   node --test tests/e2e/

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_TIMEOUT, assertAccessible, createHarness, h1, liveRegion, nav } from './lib/harness.mjs';

const h = createHarness();
const run = Date.now().toString(36);
const ada = { name: 'Ada Lindqvist', email: `ada.inner.${run}@example.test`, password: 'quiet harbour lantern 42' };
const ben = { name: 'Ben Okafor', email: `ben.inner.${run}@example.test`, password: 'orchard kettle meadow 17' };
const hurtBody = `When my plans were brushed aside at dinner I went quiet. (${run})`;
const comfortNote = `I am sorry. I did not see it then, and I see it now. (${run})`;
const askNote = `A long day; could we talk tonight? (${run})`;
const answerNote = `Of course. I will be home by seven. (${run})`;

let catalog;
let bondId = '';
let entryPath = '';
const family = (id) => catalog.feelings.families.find((f) => f.id === id);

/** Marks the page so a later check can tell it was never reloaded. */
const markPage = (page) => page.evaluate(() => {
  window.__notReloaded = true;
});
const stillSamePage = (page) => page.evaluate(() => window.__notReloaded === true);

/** Picks `word` of `fam` in the feelings picker inside `scope`, then how strong it is. */
async function pickFeeling(scope, fam, word, strength) {
  const group = scope.getByRole('group', { name: fam.name, exact: true });
  // Families open like a disclosure; open this one first when it is closed.
  if (!(await group.isVisible())) {
    await scope.locator('summary').filter({ has: scope.page().getByText(fam.name, { exact: true }) }).click();
  }
  await group.getByText(word.name, { exact: true }).click();
  assert.equal(await group.getByRole('checkbox', { name: word.name, exact: true }).isChecked(), true);
  if (strength) {
    const scale = scope.getByRole('group', { name: `How strong is “${word.name}”?` });
    await scale.locator('label').filter({ hasText: new RegExp(`^${strength}`) }).click();
    assert.equal(await scale.getByRole('radio', { name: new RegExp(`^${strength}\\b`) }).isChecked(), true);
  }
}

before(async () => {
  await h.start();
  catalog = await (await fetch(`${h.server.url}/api/v1/catalog`)).json();
}, { timeout: 60_000 });
after(h.stop, { timeout: 30_000 });

test('the catalog has what the screens need', { timeout: TEST_TIMEOUT }, async () => {
  for (const id of ['joy', 'love', 'pride', 'calm', 'hope', 'sadness', 'hurt', 'fear', 'anger', 'shame', 'loneliness']) {
    assert.ok(family(id)?.words.length > 0, `family ${id} with words`);
  }
  assert.deepEqual(catalog.entry_kinds.map((k) => k.id).sort(), ['achievement', 'daydream', 'fear', 'feeling', 'hope', 'hurt', 'knock', 'memory', 'own_time', 'reflection']);
  assert.deepEqual(catalog.response_kinds.map((k) => k.id).sort(), ['celebrate', 'comfort', 'hear', 'thanks']);
  assert.ok(catalog.appreciation_kinds.some((k) => k.id === 'love'));
  assert.ok(catalog.prompts.look_beneath_anger.length > 10);
});

test('two people are partners', { timeout: TEST_TIMEOUT }, async () => {
  ({ bondId } = await h.partners('ada', ada, 'ben', ben));
});

test('Ada writes a hurt and shares it; Ben sees it arrive live and comforts her', { timeout: TEST_TIMEOUT }, async () => {
  const a = h.people.ada.page;
  const b = h.people.ben.page;

  // Ben is already on their bond's page, where nothing is shared yet.
  await b.goto(`/bonds/${bondId}`);
  await h1(b).filter({ hasText: `You and ${ada.name}` }).waitFor();
  await b.getByText('Nothing shared yet').waitFor();
  await assertAccessible(b, 'bond (empty)');
  await markPage(b);

  // Ada opens her journal from the navigation.
  await a.goto('/');
  await h1(a).filter({ hasText: `Hello, ${ada.name}` }).waitFor();
  await nav(a).getByRole('link', { name: 'Journal' }).click();
  await a.waitForURL('**/journal');
  await h1(a).filter({ hasText: 'Your journal' }).waitFor();
  await a.getByText('Nothing written yet').waitFor();
  await assertAccessible(a, 'journal');

  // A hurt, with a word from the hurt family felt strongly, and a few words of her own.
  const form = a.getByRole('form', { name: 'Keep this entry' });
  assert.equal(await form.locator('input[type="radio"][value="reflection"]').count(), 0,
    'a reflection is written by answering its question, never chosen as a kind');
  assert.equal(await form.locator('input[type="radio"][value="own_time"]').count(), 0,
    'time of one’s own is noted in its log, never chosen as a kind');
  await form.locator('input[type="radio"][value="hurt"]').check();
  const hurt = family('hurt');
  const word = hurt.words[0];
  await pickFeeling(form, hurt, word, 4);
  const body = form.getByLabel('In your own words');
  await body.fill(hurtBody);
  await form.getByText(`${hurtBody.length} of 20,000 characters`).waitFor();
  await form.getByRole('button', { name: 'Keep this entry' }).click();
  await a.getByText('Kept in your journal. Only you can see it.').first().waitFor();
  assert.equal(await a.getByRole('heading', { name: 'A gentle question' }).count(), 0, 'no anger, no follow-up');
  assert.equal(await body.inputValue(), '', 'the form is ready for the next entry');

  // It is listed, newest first, as private.
  const entries = a.getByRole('list', { name: 'Your entries' });
  const item = entries.getByRole('listitem').filter({ hasText: hurtBody });
  await item.waitFor();
  assert.match(await item.textContent(), /Only you can see this\./);
  assert.match(await item.textContent(), new RegExp(word.name));

  // The entry's own page: private until she shares it with Ben, in one tap.
  await item.getByRole('link').first().click();
  await a.waitForURL(/\/journal\/[^/]+$/);
  entryPath = new URL(a.url()).pathname;
  await h1(a).filter({ hasText: catalog.entry_kinds.find((k) => k.id === 'hurt').name }).waitFor();
  const who = a.locator('#who-sees');
  assert.equal((await who.textContent()).trim(), 'Only you can see this.');
  await assertAccessible(a, 'entry');
  await a.getByRole('button', { name: `Share with ${ben.name}` }).click();
  await who.filter({ hasText: `${ben.name} can see this.` }).waitFor();
  await a.getByRole('button', { name: `Stop sharing with ${ben.name}` }).waitFor();

  // Ben's page shows it without a reload, and says so politely.
  const shared = b.getByRole('list', { name: 'Shared entries' }).getByRole('listitem').filter({ hasText: hurtBody });
  await shared.waitFor();
  await liveRegion(b).filter({ hasText: `${ada.name} shared something with you.` }).waitFor();
  assert.equal(await stillSamePage(b), true, 'Ben’s page was not reloaded');
  assert.match(await shared.textContent(), new RegExp(word.name));
  await assertAccessible(b, 'bond (with a shared entry)');
  await b.emulateMedia({ colorScheme: 'dark' });
  await assertAccessible(b, 'bond (with a shared entry, dark)');
  await b.emulateMedia({ colorScheme: 'light' });

  // He answers with comfort and a note.
  const comfortName = catalog.response_kinds.find((k) => k.id === 'comfort').name;
  const respond = shared.getByRole('group', { name: `Respond to ${ada.name}` });
  await respond.getByLabel('A few words with it (optional)').fill(comfortNote);
  await respond.getByRole('button', { name: comfortName, exact: true }).click();
  await shared.getByRole('list', { name: `Responses to ${ada.name}’s entry` }).getByText(comfortNote).waitFor();

  // Ada, still on the entry, sees his response arrive.
  const responses = a.getByRole('list', { name: 'Responses to this entry' });
  await responses.getByText(comfortNote).waitFor();
  assert.match(await responses.textContent(), new RegExp(`${ben.name}\\s*${comfortName}`));

  // She takes it back; it leaves Ben's screen at once.
  await a.getByRole('button', { name: `Stop sharing with ${ben.name}` }).click();
  await who.filter({ hasText: 'Only you can see this.' }).waitFor();
  await shared.waitFor({ state: 'detached' });
  await b.getByText('Nothing shared yet').waitFor();
  assert.equal(await stillSamePage(b), true, 'Ben’s page was not reloaded');
});

test('“I love you” in one tap from home reaches Ben live', { timeout: TEST_TIMEOUT }, async () => {
  const a = h.people.ada.page;
  const b = h.people.ben.page;
  await nav(a).getByRole('link', { name: 'Home' }).click();
  await a.waitForURL((url) => url.pathname === '/');
  const quick = a.getByRole('group', { name: `Quick words for ${ben.name}` });
  await quick.getByRole('button', { name: 'I love you' }).click();
  await quick.getByText(`Sent with love. ${ben.name} will see it.`).waitFor();

  const loveName = catalog.appreciation_kinds.find((k) => k.id === 'love').name;
  const received = b.getByRole('list', { name: 'Appreciations' }).getByRole('listitem').filter({ hasText: ada.name });
  await received.waitFor();
  assert.match(await received.textContent(), new RegExp(loveName));
  assert.equal(await stillSamePage(b), true, 'Ben’s page was not reloaded');
});

test('Ben asks for comfort; Ada sees it at home and answers; Ben sees the answer', { timeout: TEST_TIMEOUT }, async () => {
  const a = h.people.ada.page;
  const b = h.people.ben.page;
  const quick = b.getByRole('group', { name: `Quick words for ${ada.name}` });
  await quick.getByRole('button', { name: 'I could use some comfort' }).click();
  await quick.getByLabel(`Anything you would like ${ada.name} to know? (optional)`).fill(askNote);
  await quick.getByRole('button', { name: `Ask ${ada.name} for comfort` }).click();
  const mine = b.getByRole('list', { name: 'Calls for comfort' }).getByRole('listitem').filter({ hasText: askNote });
  await mine.getByText(`Waiting for ${ada.name}.`).waitFor();

  // Ada is on her home screen: the call shows up in what is new, without a reload.
  const news = a.getByRole('list', { name: `What is new with ${ben.name}` });
  await news.getByRole('link', { name: `${ben.name} could use some comfort, new` }).click();
  // The link leads to the call itself on the bond's page.
  await a.waitForURL((url) => url.pathname === `/bonds/${bondId}` && url.hash.startsWith('#request-'));
  const call = a.getByRole('list', { name: 'Calls for comfort' }).getByRole('listitem').filter({ hasText: askNote });
  await call.getByLabel('A few words back (optional)').fill(answerNote);
  await assertAccessible(a, 'bond (a call for comfort)');
  await call.getByRole('button', { name: 'I am here for you' }).click();
  await call.getByText('Answered', { exact: true }).waitFor();

  await mine.getByText(answerNote).waitFor();
  await mine.getByText('Answered', { exact: true }).waitFor();
  assert.equal(await stillSamePage(b), true, 'Ben’s page was not reloaded');
});

test('an entry with anger in it asks gently what lies beneath', { timeout: TEST_TIMEOUT }, async () => {
  const a = h.people.ada.page;
  await nav(a).getByRole('link', { name: 'Journal' }).click();
  await a.waitForURL('**/journal');
  const form = a.getByRole('form', { name: 'Keep this entry' });
  await form.locator('input[type="radio"][value="feeling"]').check();
  const anger = family('anger');
  await pickFeeling(form, anger, anger.words[0], 3);
  await form.getByLabel('In your own words').fill(`The meeting ran over again and nobody asked me. (${run})`);
  await form.getByRole('button', { name: 'Keep this entry' }).click();

  const question = a.getByRole('region', { name: 'A gentle question' });
  await question.waitFor();
  await question.getByText(catalog.prompts.look_beneath_anger, { exact: true }).waitFor();
  await question.getByRole('button', { name: 'Not now' }).waitFor();
  // Only the softer families are offered here.
  assert.equal(await question.getByRole('group', { name: anger.name, exact: true }).count(), 0);
  await assertAccessible(a, 'journal (a gentle question)');

  const sadness = family('sadness');
  await pickFeeling(question, sadness, sadness.words[0]);
  await question.getByRole('button', { name: 'Add this feeling' }).click();
  await question.waitFor({ state: 'detached' });
  await a.getByText('Kept in your journal. Only you can see it.').first().waitFor();

  const item = a.getByRole('list', { name: 'Your entries' }).getByRole('listitem').first();
  await item.getByText(sadness.words[0].name, { exact: true }).waitFor();
  assert.match(await item.textContent(), new RegExp(anger.words[0].name));

  // "Not now" on the next one leaves the entry as it was.
  const form2 = a.getByRole('form', { name: 'Keep this entry' });
  await pickFeeling(form2, anger, anger.words[1] ?? anger.words[0], 2);
  await form2.getByRole('button', { name: 'Keep this entry' }).click();
  await question.waitFor();
  await question.getByRole('button', { name: 'Not now' }).click();
  await question.waitFor({ state: 'detached' });
  await a.getByText('Kept in your journal. Only you can see it.').first().waitFor();
});

test('a withdrawn entry stays in Ada’s journal; she can change it, then delete it', { timeout: TEST_TIMEOUT }, async () => {
  const a = h.people.ada.page;
  await a.goto(entryPath);
  await h1(a).waitFor();
  assert.equal((await a.locator('#who-sees').textContent()).trim(), 'Only you can see this.');
  const entry = a.getByRole('article', { name: 'Your entry' });
  await entry.getByText(hurtBody).waitFor();

  // Change the words.
  const changed = `${hurtBody} Talking it through helped.`;
  await entry.getByRole('button', { name: 'Change it' }).click();
  const form = a.getByRole('form', { name: 'Save changes' });
  await form.getByLabel('In your own words').fill(changed);
  await form.getByRole('button', { name: 'Save changes' }).click();
  await a.getByRole('article', { name: 'Your entry' }).getByText(changed).waitFor();

  // Delete asks first; "Keep it" changes nothing.
  await a.getByRole('button', { name: 'Delete this entry…' }).click();
  const confirm = a.getByRole('group', { name: 'Delete this entry for good?' });
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  await confirm.waitFor({ state: 'detached' });
  await a.getByRole('button', { name: 'Delete this entry…' }).click();
  await confirm.getByRole('button', { name: 'Yes, delete it' }).click();
  await a.waitForURL('**/journal');
  await a.getByRole('list', { name: 'Your entries' }).waitFor();
  assert.equal(await a.getByText(changed).count(), 0, 'the entry is gone from the list');

  // Its address now says so kindly.
  h.expectFailure(entryPath.replace('/journal/', '/api/v1/entries/'), 404);
  await a.goto(entryPath);
  await a.getByText('We could not find this entry.').waitFor();
});

test('no console errors or CSP violations happened', { timeout: TEST_TIMEOUT }, async () => {
  assert.deepEqual(h.unexpectedConsoleErrors(), []);
});

test('the server stops cleanly on SIGTERM', { timeout: TEST_TIMEOUT }, async () => {
  await h.closePeople();
  const { code, signal } = await h.stopServer();
  assert.equal(signal, null, 'exited by itself, not killed');
  assert.equal(code, 0);
});

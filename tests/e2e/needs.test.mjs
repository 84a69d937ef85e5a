// End-to-end: the two needs, as both people, on a phone (390 x 844). Ada and Ben are partners (set
// up through the API). Then:
// - Ada finds "Just for you" under More, and in it her two needs; she answers every statement by
//   keyboard alone (arrow keys in each radio group, Enter for Next), is told what she missed, goes
//   back and finds her answers kept, and sees her result: two scales with each band's words;
// - she answers again, starting from her last answers; the two results show as a chart and a
//   table, and she deletes one;
// - an unshown profile never reaches the other's screen, nor the answer it is built from, and the
//   words there are the same whether the other has answered or not;
// - both show theirs: each sees the two side by side and the dance, named from their own side,
//   live; hiding takes it away from the other at once;
// - axe-core finds nothing serious, light and dark; at 320 pixels nothing scrolls sideways.
// Any console error or CSP violation fails the run.
//
// Run from the repository root after `make build`:
//   node --test tests/e2e/needs.test.mjs

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_TIMEOUT, assertAccessible, assertFitsWidth, callIn, createHarness, h1, liveRegion, nav, assertFocus } from './lib/harness.mjs';

const h = createHarness();
const run = Date.now().toString(36);
const ada = { name: 'Ada Lindqvist', email: `ada.needs.${run}@example.test`, password: 'quiet harbour lantern 42' };
const ben = { name: 'Ben Okafor', email: `ben.needs.${run}@example.test`, password: 'orchard kettle meadow 17' };

let catalog;
let words;
let bondId = '';
const page = (who) => h.people[who].page;
const callAs = (who, method, path, data) => callIn(page(who), method, path, data);
const needsPath = () => `/bonds/${bondId}/needs`;

/** Answers leaning to `closeness` and `independence` (each 1 to 7), reverse-keyed ones mirrored. */
const answersFor = (closeness, independence) =>
  Object.fromEntries(
    words.items.map((item) => {
      const lean = item.need === 'closeness' ? closeness : independence;
      return [item.id, item.reverse ? 8 - lean : lean];
    }),
  );

/** A need's score as the server gives it (the mean, reverse-keyed ones as 8 minus the answer), as shown. */
function shown(answers, need) {
  const values = words.items.filter((i) => i.need === need).map((i) => (i.reverse ? 8 - answers[i.id] : answers[i.id]));
  const mean = Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100;
  return String(Math.round(mean * 10) / 10);
}

const band = (score) => (Number(score) <= 3 ? 'light' : Number(score) >= 5 ? 'strong' : 'middle');
const statement = (p, i) => p.getByRole('group', { name: words.items[i].text });
const checkedValue = (p, i) => statement(p, i).locator('input:checked').getAttribute('value');

/** With focus in a statement's radio group: choose `value` with the keyboard alone. */
async function choose(p, value) {
  await p.keyboard.press('Space');
  const current = Number(await p.evaluate(() => document.activeElement?.value));
  const key = value > current ? 'ArrowDown' : 'ArrowUp';
  for (let i = 0; i < Math.abs(value - current); i++) await p.keyboard.press(key);
}

before(async () => {
  await h.start();
  catalog = await (await fetch(`${h.server.url}/api/v1/catalog`)).json();
  words = catalog.needs;
}, { timeout: 60_000 });
after(h.stop, { timeout: 30_000 });

test('Ada and Ben, partners', { timeout: TEST_TIMEOUT }, async () => {
  ({ bondId } = await h.partners('ada', ada, 'ben', ben));
  await page('ada').goto('/');
  await page('ben').goto('/');
});

const first = () => answersFor(6, 2);
/** Ada's latest answers, once she has answered again. */
let adaAnswers;

test('Ada answers every statement by keyboard, at phone size, and sees her two needs', { timeout: 120_000 }, async () => {
  const p = page('ada');
  await nav(p).getByRole('link', { name: 'More' }).click();
  await p.getByRole('link', { name: /^Just for you/ }).click();
  await h1(p).filter({ hasText: 'Just for you' }).waitFor();
  await p.getByText('Only you can see what is here.', { exact: false }).waitFor();
  await assertAccessible(p, 'just for you');
  await p.getByRole('link', { name: 'Begin, at your own pace' }).click();
  await h1(p).filter({ hasText: words.title }).waitFor();
  await p.getByText(words.not_a_test).waitFor();
  await p.getByRole('link', { name: 'Begin' }).click();
  await statement(p, 0).waitFor();
  await p.getByText(words.not_a_test, { exact: false }).waitFor();
  await assertAccessible(p, 'the questionnaire');

  // The scale: seven points, named with the catalog's words where it has them.
  const radios = statement(p, 0).getByRole('radio');
  assert.equal(await radios.count(), 7);
  await statement(p, 0).getByRole('radio', { name: `1 ${words.scale.labels['1']}` }).waitFor();
  await statement(p, 0).getByRole('radio', { name: `7 ${words.scale.labels['7']}` }).waitFor();

  // Into the first group from the heading, by keyboard; Enter without an answer says what is missing.
  await p.keyboard.press('Tab');
  await assertFocus(p, () => document.activeElement?.name, `need-${words.items[0].id}`);
  await p.keyboard.press('Enter');
  await p.getByText('Choose how much this is like you, from 1 to 7.').waitFor();
  assert.equal(await radios.first().getAttribute('aria-invalid'), 'true');

  const answers = first();
  const total = words.items.length;
  for (let i = 0; i < total; i++) {
    await p.getByText(`Statement ${i + 1} of ${total}`).waitFor();
    await statement(p, i).waitFor();
    await choose(p, answers[words.items[i].id]);
    assert.equal(await checkedValue(p, i), String(answers[words.items[i].id]));
    if (i === 2) {
      // Back, by keyboard: the answer given is still there, and so is this one after Next.
      await p.keyboard.press('Tab');
      await assertFocus(p, () => document.activeElement?.textContent, 'Back');
      await p.keyboard.press('Enter');
      await p.getByText(`Statement 2 of ${total}`).waitFor();
      assert.equal(await checkedValue(p, 1), String(answers[words.items[1].id]));
      await assertFocus(p, () => document.activeElement?.checked, true, 'focus is on the answer given');
      await p.keyboard.press('Enter');
      await p.getByText(`Statement 3 of ${total}`).waitFor();
      assert.equal(await checkedValue(p, 2), String(answers[words.items[2].id]));
    }
    await p.keyboard.press('Enter');
  }

  await p.waitForURL('**/me/needs');
  await liveRegion(p).filter({ hasText: 'Your answers are kept.' }).waitFor();
  const latest = p.getByRole('region', { name: 'Your mix right now' });
  for (const need of ['closeness', 'independence']) {
    const score = shown(answers, need);
    await latest.locator('.need').filter({ hasText: words.needs[need].name }).getByText(`${score} of 7`).waitFor();
    await latest.getByText(words.needs[need].bands[band(score)]).waitFor();
  }
  await latest.getByText(words.not_a_test).waitFor();
  await p.getByText(/^You have answered once, on /).waitFor();
  await assertAccessible(p, 'your two needs');
  await p.emulateMedia({ colorScheme: 'dark' });
  await assertAccessible(p, 'your two needs (dark)');
  await p.emulateMedia({ colorScheme: 'light' });
});

test('answering again starts from the last answers; two results make a chart and a table; one is deleted', { timeout: 120_000 }, async () => {
  const p = page('ada');
  await p.getByRole('link', { name: 'Answer again' }).click();
  await statement(p, 0).waitFor();
  await p.getByText(/are filled in; change whatever is different now/).waitFor();
  const answers = first();
  assert.equal(await checkedValue(p, 0), String(answers[words.items[0].id]));
  // One answer changed, the rest kept as they were.
  await statement(p, 0).locator('input:checked').focus();
  await p.keyboard.press('ArrowUp');
  answers[words.items[0].id] -= 1;
  for (let i = 0; i < words.items.length; i++) {
    assert.equal(await checkedValue(p, i), String(answers[words.items[i].id]));
    await p.keyboard.press('Enter');
  }
  await p.waitForURL('**/me/needs');
  adaAnswers = answers;
  const latest = p.getByRole('region', { name: 'Your mix right now' });
  await latest.getByText(`${shown(answers, 'closeness')} of 7`).waitFor();

  const table = p.getByRole('table', { name: /Each time you answered/ });
  await table.waitFor();
  assert.equal(await table.locator('tbody tr').count(), 2);
  assert.deepEqual(await table.locator('tbody tr').first().locator('td').allTextContents(), [shown(answers, 'closeness'), shown(answers, 'independence'), 'Delete']);
  const chart = p.locator('.needs-chart');
  assert.equal(await chart.getAttribute('aria-hidden'), 'true');
  await chart.locator('canvas').first().waitFor();
  await assertAccessible(p, 'your two needs over time');
  await p.setViewportSize({ width: 320, height: 700 });
  await p.waitForTimeout(200);
  await assertFitsWidth(p, 'your two needs at 320');
  await p.setViewportSize({ width: 390, height: 844 });

  // The older result goes, after a question that keeps focus in the right place.
  const older = table.locator('tbody tr').nth(1);
  await older.getByRole('button', { name: /^Delete your answers of / }).click();
  const question = p.getByRole('group', { name: /^Delete your answers of / });
  await assertFocus(p, () => document.activeElement?.tagName, 'H3');
  await question.getByRole('button', { name: 'Delete them' }).click();
  await liveRegion(p).filter({ hasText: 'are deleted' }).waitFor();
  await p.getByText(/^You have answered once, on /).waitFor();
  assert.equal(await table.count(), 0);
  const mine = await callAs('ada', 'GET', '/api/v1/me/needs');
  assert.equal(mine.body.results.length, 1);
  assert.equal(mine.body.results[0].answers[words.items[0].id], answers[words.items[0].id], 'the newer one stays');
});

/** The words on Ada's or Ben's screen of the bond's needs, and the profiles shown there. */
async function bondView(who) {
  const p = page(who);
  await p.goto(needsPath());
  await p.getByRole('checkbox', { name: /^Show my two needs to / }).waitFor();
  return p;
}

test('an unshown profile never reaches the other, and the words do not tell whether there is one', { timeout: TEST_TIMEOUT }, async () => {
  // Ben has not answered: what Ada's screen says.
  const a = await bondView('ada');
  const gentle = await a.locator('.needs-gentle').innerText();
  assert.match(gentle, /Nothing is shown here yet/);
  assert.equal(await a.getByRole('region', { name: ben.name }).count(), 0);

  // Ben answers and keeps it to himself: Ada's screen says exactly the same, and her answer holds nothing of his.
  assert.equal((await callAs('ben', 'POST', '/api/v1/me/needs', { answers: answersFor(2, 6) })).status, 201);
  await bondView('ada');
  assert.equal(await a.locator('.needs-gentle').innerText(), gentle);
  assert.equal(await a.getByRole('region', { name: ben.name }).count(), 0);
  const seen = await callAs('ada', 'GET', `/api/v1/bonds/${bondId}/needs`);
  assert.ok(seen.body.members.every((m) => m.result === null), JSON.stringify(seen.body));
  assert.equal(seen.body.dance, null);

  // Ada's own, unshown, is not on Ben's screen either.
  const b = await bondView('ben');
  assert.equal(await b.getByRole('region', { name: ada.name }).count(), 0);
  assert.doesNotMatch(await b.locator('main').innerText(), new RegExp(`${shown(adaAnswers, 'closeness')} of 7`));
});

test('both show theirs: each sees the two side by side and the dance; hiding takes it away', { timeout: TEST_TIMEOUT }, async () => {
  const dance = words.dance.states.closer_and_roomier;
  // Ada shows hers from her own page.
  const a = page('ada');
  await a.goto('/me/needs');
  const show = a.getByRole('checkbox', { name: `Show my two needs to ${ben.name}` });
  assert.equal(await show.isChecked(), false, 'hidden unless she chooses');
  await a.getByText(`${ben.name} would see the day you last answered and your two scores, never your answers.`, { exact: false }).waitFor();
  await show.check();
  await a.getByText(`${ben.name} sees the day you last answered`, { exact: false }).waitFor();

  // Ben sees her scores (never her answers), and gentle words for his side.
  const b = await bondView('ben');
  const adaCard = b.getByRole('region', { name: ada.name });
  await adaCard.locator('.need').filter({ hasText: words.needs.closeness.name }).getByText(`${shown(adaAnswers, 'closeness')} of 7`).waitFor();
  await adaCard.locator('.need').filter({ hasText: words.needs.independence.name }).getByText(`${shown(adaAnswers, 'independence')} of 7`).waitFor();
  assert.equal(await adaCard.locator('.need__band').count(), 0, 'the band’s words speak to their owner alone');
  await b.getByText(`${ada.name} chose to show you their two needs.`, { exact: false }).waitFor();
  const seen = await callAs('ben', 'GET', `/api/v1/bonds/${bondId}/needs`);
  const adaSeen = seen.body.members.find((m) => m.result);
  assert.equal(adaSeen.result.answers, undefined, 'no answers');
  assert.equal(adaSeen.result.id, undefined, 'no id');
  assert.equal(await b.getByRole('region', { name: 'How your needs meet' }).count(), 0);

  // Ada keeps her page open; Ben shows his from the bond's page, and hers changes by itself.
  await bondView('ada');
  await a.getByText(`${ben.name} sees your two needs here.`, { exact: false }).waitFor();
  await a.waitForTimeout(500); // the live connection is open
  await b.getByRole('checkbox', { name: `Show my two needs to ${ada.name}` }).check();
  for (const [p, sentence, other] of [
    [a, dance.sentence.replace('{closer}', 'you').replace('{roomier}', ben.name), ben.name],
    [b, dance.sentence.replace('{closer}', ada.name).replace('{roomier}', 'you'), ada.name],
  ]) {
    const meet = p.getByRole('region', { name: 'How your needs meet' });
    await meet.getByText(sentence).waitFor();
    await meet.getByText(dance.suggestion).waitFor();
    const cards = p.locator('.needs-pair .needs-profile');
    assert.deepEqual(await cards.locator('h2').allTextContents(), ['You', other], 'side by side, the reader first');
    assert.equal(await p.locator('.needs-gentle').count(), 0);
  }
  await assertAccessible(a, 'the two needs side by side');
  await a.emulateMedia({ colorScheme: 'dark' });
  await assertAccessible(a, 'the two needs side by side (dark)');
  await a.emulateMedia({ colorScheme: 'light' });
  await a.setViewportSize({ width: 320, height: 700 });
  await assertFitsWidth(a, 'the two needs side by side at 320');
  await a.setViewportSize({ width: 1280, height: 800 });
  const [mine, theirs] = await a.locator('.needs-pair .needs-profile').all();
  const [m, t] = [await mine.boundingBox(), await theirs.boundingBox()];
  assert.ok(t.x >= m.x + m.width && Math.abs(t.y - m.y) < 1, 'side by side on a larger screen');
  await a.setViewportSize({ width: 390, height: 844 });

  // Ben hides his again: it vanishes from Ada's screen at once, and the dance with it.
  await b.getByRole('checkbox', { name: `Show my two needs to ${ada.name}` }).uncheck();
  await a.getByText(`${ben.name} sees your two needs here.`, { exact: false }).waitFor();
  assert.equal(await a.getByRole('region', { name: ben.name }).count(), 0);
  assert.equal(await a.getByRole('region', { name: 'How your needs meet' }).count(), 0);
  const after = await callAs('ada', 'GET', `/api/v1/bonds/${bondId}/needs`);
  assert.equal(after.body.dance, null);
});

test('the bond page leads to the two needs', { timeout: TEST_TIMEOUT }, async () => {
  const a = page('ada');
  await a.goto(`/bonds/${bondId}`);
  await a.getByRole('link', { name: 'Your two needs, side by side' }).click();
  await h1(a).filter({ hasText: words.dance.title }).waitFor();
});

test('no console errors or CSP violations happened', { timeout: TEST_TIMEOUT }, async () => {
  assert.deepEqual(h.unexpectedConsoleErrors(), []);
});

// End-to-end: the daily check-in, with two partners in two browser contexts on one real server.
// Ada and Ben are partners (set up through the API) and both choose to include affection: Ada in
// Settings, Ben through the API. Ben waits on his home screen. Ada checks in through the whole
// flow (one closeness slider by keyboard, the other by tap and drag, Back once) and lands on the
// waiting screen; Ben's reminder changes live to say she has checked in, and shows nothing of her
// answers. Ben checks in; both see the two check-ins side by side without reloading, each guess
// marked gently (Ada read Ben right; Ben's feeling guess was off, his closeness guess close). The
// day is then settled: no editing is offered, and a PUT sent from the page is refused with 409.
// axe-core checks every step, the wait and the reveal; any console error or CSP violation fails.
//
// Run from the repository root after `make build` and `npm run build` in web/:
//   node --test tests/e2e/

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_TIMEOUT, assertAccessible, createHarness, h1, liveRegion, nav, assertFocus } from './lib/harness.mjs';

const h = createHarness();
const run = Date.now().toString(36);
const ada = { name: 'Ada Lindqvist', email: `ada.checkin.${run}@example.test`, password: 'quiet harbour lantern 42' };
const ben = { name: 'Ben Okafor', email: `ben.checkin.${run}@example.test`, password: 'orchard kettle meadow 17' };

let catalog;
let bondId = '';
let benApi;
const family = (id) => catalog.feelings.families.find((f) => f.id === id);

const markPage = (page) => page.evaluate(() => {
  window.__notReloaded = true;
});
const stillSamePage = (page) => page.evaluate(() => window.__notReloaded === true);

/** The check-in form on the page: its accessible name is the current question. */
const flow = (page) => page.locator('form.flow');
const question = (page) => flow(page).getByRole('heading', { level: 2 });

async function expectStep(page, n, total, title) {
  await question(page).filter({ hasText: title }).waitFor();
  assert.equal((await flow(page).locator('.flow__count').textContent()).trim(), `Step ${n} of ${total}`);
  // Each new step takes focus at its question, so a screen reader hears it.
  if (n > 1) {
    const focused = await page
      .waitForFunction(() => document.activeElement?.tagName === 'H2', null, { timeout: 3000 })
      .then(() => true, () => false);
    assert.ok(focused, `step ${n}: focus should move to the question, not ${await page.evaluate(() => document.activeElement?.tagName)}`);
  }
}

const next = (page) => flow(page).getByRole('button', { name: 'Next', exact: true }).click();

/** Picks `word` of `fam` in the feelings picker inside `scope`, then how strong it is. */
async function pickFeeling(scope, fam, word, strength) {
  const group = scope.getByRole('group', { name: fam.name, exact: true });
  if (!(await group.isVisible())) {
    await scope.locator('summary').filter({ has: scope.page().getByText(fam.name, { exact: true }) }).click();
  }
  await group.getByText(word.name, { exact: true }).click();
  assert.equal(await group.getByRole('checkbox', { name: word.name, exact: true }).isChecked(), true);
  const scale = scope.getByRole('group', { name: `How strong is “${word.name}”?` });
  await scale.locator('label').filter({ hasText: new RegExp(`^${strength}`) }).click();
  assert.equal(await scale.getByRole('radio', { name: new RegExp(`^${strength}\\b`) }).isChecked(), true);
}

async function sliderValue(slider) {
  return { now: Number(await slider.getAttribute('aria-valuenow')), text: await slider.getAttribute('aria-valuetext') };
}

/** Where on the slider point `value` of 1..7 lies (the track runs from 20 to 220 of 240 wide). */
async function pointOf(slider, value) {
  const box = await slider.locator('svg').boundingBox();
  const x = box.x + (box.width * (20 + ((value - 1) * 200) / 6)) / 240;
  return { x, y: box.y + box.height * 0.85 };
}

before(async () => {
  await h.start();
  catalog = await (await fetch(`${h.server.url}/api/v1/catalog`)).json();
}, { timeout: 60_000 });
after(h.stop, { timeout: 30_000 });

test('two partners; Ben includes affection in his check-ins', { timeout: TEST_TIMEOUT }, async () => {
  const partners = await h.partners('ada', ada, 'ben', ben);
  benApi = partners.b;
  bondId = partners.bondId;
  assert.equal(partners.a.user.track_affection, false, 'off by default');
  const on = await benApi.call('PATCH', '/api/v1/me', { track_affection: true });
  assert.equal(on.status, 200);
  assert.equal(on.body.user.track_affection, true);
});

test('Ada turns affection on in Settings', { timeout: TEST_TIMEOUT }, async () => {
  const a = h.people.ada.page;
  await a.goto('/');
  await h1(a).filter({ hasText: `Hello, ${ada.name}` }).waitFor();
  // On a phone, Settings is under More.
  await nav(a).getByRole('link', { name: 'More' }).click();
  await a.getByRole('link', { name: 'Settings' }).click();
  await h1(a).filter({ hasText: 'Settings' }).waitFor();
  const toggle = a.getByRole('checkbox', { name: 'Include affection in my daily check-ins' });
  assert.equal(await toggle.isChecked(), false);
  assert.match(await a.locator('#track-affection-hint').textContent(), /Only in bonds between partners/);
  await toggle.check();
  await liveRegion(a).filter({ hasText: 'Affection is now part of your check-ins as partners.' }).waitFor();
  assert.equal(await toggle.isChecked(), true);
  await assertAccessible(a, 'settings');
  const me = await a.evaluate(async () => (await (await fetch('/api/v1/me')).json()).user.track_affection);
  assert.equal(me, true, 'saved on the server');
});

test('Ada checks in step by step and waits; Ben’s reminder says so live, and nothing more', { timeout: TEST_TIMEOUT }, async () => {
  const a = h.people.ada.page;
  const b = h.people.ben.page;
  const joy = family('joy');
  const joyWord = joy.words[0];

  // Ben is on his home screen: a soft reminder, nothing from Ada yet.
  await b.goto('/');
  await h1(b).filter({ hasText: `Hello, ${ben.name}` }).waitFor();
  const benNudge = b.locator('.nudge');
  await benNudge.getByText(`You haven’t checked in with ${ada.name} today.`).waitFor();
  assert.doesNotMatch(await benNudge.textContent(), /has checked in —/);
  await markPage(b);

  // Ada finds the same reminder on her home screen and follows it.
  await nav(a).getByRole('link', { name: 'Home' }).click();
  const adaNudge = a.locator('.nudge');
  await adaNudge.getByText(`You haven’t checked in with ${ben.name} today.`).waitFor();
  await assertAccessible(a, 'home (a check-in reminder)');
  await adaNudge.getByRole('link', { name: `Check in with ${ben.name}` }).click();
  await a.waitForURL(`**/bonds/${bondId}/checkin`);
  await h1(a).filter({ hasText: `Check in with ${ben.name}` }).waitFor();

  // 1. Feelings: one word, felt strongly.
  const total = 7; // partner bond, affection on: one step more than without.
  await expectStep(a, 1, total, 'How are you feeling today?');
  assert.equal(await flow(a).getByRole('button', { name: 'Back' }).count(), 0, 'no Back on the first step');
  await next(a); // nothing chosen yet: it says so and stays
  await flow(a).locator('.field__error').filter({ hasText: 'Choose at least one word for how you feel.' }).waitFor();
  assert.equal(await flow(a).getByRole('alert').textContent(), 'Choose at least one word for how you feel.', 'and it is said');
  await expectStep(a, 1, total, 'How are you feeling today?');
  await pickFeeling(flow(a), joy, joyWord, 4);
  await assertAccessible(a, 'check-in: feelings');
  await next(a);

  // 2. Closeness now, by keyboard alone.
  const nowTitle = `How close do you feel to ${ben.name} right now?`;
  await expectStep(a, 2, total, nowTitle);
  const now = flow(a).getByRole('slider', { name: nowTitle });
  assert.deepEqual(await sliderValue(now), { now: 4, text: '4 of 7: close, with room' });
  assert.equal(await now.getAttribute('aria-valuemin'), '1');
  assert.equal(await now.getAttribute('aria-valuemax'), '7');
  await now.focus();
  await a.keyboard.press('ArrowRight');
  assert.deepEqual(await sliderValue(now), { now: 5, text: '5 of 7: close' });
  await a.keyboard.press('End');
  assert.equal((await sliderValue(now)).now, 7);
  await a.keyboard.press('ArrowRight');
  assert.equal((await sliderValue(now)).now, 7, 'stops at the end');
  await a.keyboard.press('Home');
  assert.deepEqual(await sliderValue(now), { now: 1, text: '1 of 7: far apart' });
  await a.keyboard.press('ArrowLeft');
  assert.equal((await sliderValue(now)).now, 1, 'stops at the start');
  for (let i = 0; i < 4; i++) await a.keyboard.press('ArrowUp');
  assert.deepEqual(await sliderValue(now), { now: 5, text: '5 of 7: close' });
  await flow(a).getByText('5 of 7: close', { exact: true }).waitFor();
  await assertAccessible(a, 'check-in: closeness now');
  await next(a);

  // 3. Closeness wanted, by tap and by drag.
  const wantTitle = 'How close would you like to be?';
  await expectStep(a, 3, total, wantTitle);
  const want = flow(a).getByRole('slider', { name: wantTitle });
  let p = await pointOf(want, 2);
  await a.mouse.click(p.x, p.y);
  assert.equal((await sliderValue(want)).now, 2, 'a tap sets it');
  await a.mouse.move(p.x, p.y);
  await a.mouse.down();
  p = await pointOf(want, 6);
  await a.mouse.move(p.x, p.y, { steps: 8 });
  await a.mouse.up();
  assert.deepEqual(await sliderValue(want), { now: 6, text: '6 of 7: very close' }, 'a drag moves it');
  await assertFocus(a, () => document.activeElement?.getAttribute('role'), 'slider', 'the pointer focuses it');
  await assertAccessible(a, 'check-in: closeness wanted');

  // Back keeps what was chosen.
  await flow(a).getByRole('button', { name: 'Back' }).click();
  await expectStep(a, 2, total, nowTitle);
  assert.equal((await sliderValue(now)).now, 5);
  await next(a);
  await expectStep(a, 3, total, wantTitle);
  assert.equal((await sliderValue(want)).now, 6);
  await next(a);

  // 4. Need.
  await expectStep(a, 4, total, 'What would help you most today?');
  await flow(a).getByRole('radio', { name: /^Closeness/ }).check();
  await assertAccessible(a, 'check-in: need');
  await next(a);

  // 5. Time: a quick pick, and a number of her own.
  await expectStep(a, 5, total, 'Your time so far today');
  const own = flow(a).getByRole('group', { name: 'Time to yourself' });
  const together = flow(a).getByRole('group', { name: `Time together with ${ben.name}` });
  await own.locator('label[for="own-minutes-30"]').click();
  await together.locator('label[for="together-minutes-other"]').click();
  await together.getByRole('spinbutton', { name: 'Minutes' }).fill('1500');
  await next(a);
  await together.getByText('Type a whole number of minutes from 0 to 1440.').waitFor();
  assert.equal(await together.getByRole('spinbutton', { name: 'Minutes' }).getAttribute('aria-invalid'), 'true');
  await together.getByRole('spinbutton', { name: 'Minutes' }).fill('45');
  await assertAccessible(a, 'check-in: time');
  await next(a);

  // 6. Affection (partner bond, and she chose to include it).
  await expectStep(a, 6, total, 'Affection between you');
  await flow(a).getByRole('checkbox', { name: /We were affectionate/ }).check();
  assert.equal(await flow(a).getByRole('checkbox', { name: /We made love/ }).isChecked(), false);
  await assertAccessible(a, 'check-in: affection');
  await next(a);

  // 7. A guess at Ben: calm, and 3 of 7 close.
  await expectStep(a, 7, total, `And how is ${ben.name}, do you think?`);
  await flow(a).locator('label[for="guess-calm"]').click();
  const guess = flow(a).getByRole('slider', { name: `How close do you think ${ben.name} feels right now?` });
  await guess.focus();
  await a.keyboard.press('ArrowLeft');
  assert.equal((await sliderValue(guess)).now, 3);
  await assertAccessible(a, 'check-in: guess');
  await flow(a).getByRole('button', { name: 'Check in', exact: true }).click();

  // The wait: plain about who sees what.
  await h1(a).filter({ hasText: 'Your check-in is in' }).waitFor();
  const waiting = a.locator('.waiting-card');
  assert.match(await waiting.textContent(), new RegExp(`${ben.name}’s answers stay hidden until ${ben.name} checks in too\\.`));
  assert.match(await waiting.textContent(), new RegExp(`Yours are hidden from ${ben.name} in just the same way\\.`));
  assert.match(await a.locator('.answers').textContent(), new RegExp(joyWord.name));
  await assertAccessible(a, 'check-in: waiting');

  // Editing is offered while the day is open; keeping it as it was goes back to the wait.
  await a.getByRole('button', { name: 'Edit my check-in' }).click();
  await h1(a).filter({ hasText: 'Change your check-in' }).waitFor();
  await expectStep(a, 1, total, 'How are you feeling today?');
  assert.equal(await flow(a).getByRole('checkbox', { name: joyWord.name, exact: true }).isChecked(), true);
  await flow(a).getByRole('button', { name: 'Keep it as it was' }).click();
  await h1(a).filter({ hasText: 'Your check-in is in' }).waitFor();
  await markPage(a);

  // Ben's home has changed by itself: Ada has checked in; not a word of what she said.
  await benNudge.getByText(`${ada.name} has checked in — your answers will open both.`).waitFor();
  await liveRegion(b).filter({ hasText: `${ada.name} has checked in today.` }).waitFor();
  assert.equal(await stillSamePage(b), true, 'Ben’s page was not reloaded');
  const benSees = await b.locator('main').textContent();
  assert.doesNotMatch(benSees, new RegExp(joyWord.name, 'i'), 'Ada’s feeling does not show before the reveal');
  await assertAccessible(b, 'home (the other has checked in)');
});

test('Ben checks in; both see the day side by side, live, guesses marked gently', { timeout: TEST_TIMEOUT }, async () => {
  const a = h.people.ada.page;
  const b = h.people.ben.page;
  const calm = family('calm');

  await b.locator('.nudge').getByRole('link', { name: `Check in with ${ada.name}` }).click();
  await b.waitForURL(`**/bonds/${bondId}/checkin`);
  await flow(b).getByText(`${ada.name} has checked in — your answers will open both.`).waitFor();
  await pickFeeling(flow(b), calm, calm.words[0], 3);
  await next(b);
  const now = flow(b).getByRole('slider', { name: `How close do you feel to ${ada.name} right now?` });
  await now.focus();
  await b.keyboard.press('ArrowLeft'); // 3: exactly what Ada guessed
  assert.equal((await sliderValue(now)).now, 3);
  await next(b);
  await next(b); // wanted: as it is, 4
  await flow(b).getByRole('radio', { name: /^I am fine as I am/ }).check();
  await next(b);
  await flow(b).locator('label[for="own-minutes-60"]').click();
  await flow(b).locator('label[for="together-minutes-60"]').click();
  await next(b);
  await question(b).filter({ hasText: 'Affection between you' }).waitFor();
  await next(b); // both ticks are optional
  await flow(b).locator('label[for="guess-sadness"]').click(); // Ada's main feeling was joy
  const guess = flow(b).getByRole('slider', { name: `How close do you think ${ada.name} feels right now?` });
  await guess.focus();
  await b.keyboard.press('ArrowRight'); // 5: what Ada said
  await flow(b).getByRole('button', { name: 'Check in', exact: true }).click();

  // Ben sees both at once.
  await h1(b).filter({ hasText: `You and ${ada.name} today` }).waitFor();
  await b.getByText('Checked in by both — this day is settled').waitFor();
  const benReveal = b.locator('.reveal');
  await benReveal.getByText('A little different from what you guessed').waitFor();
  await benReveal.getByText(`You read ${ada.name} well today`).waitFor();
  assert.equal(await benReveal.getByText(`${ada.name} read you well today`).count(), 2);
  assert.equal(await stillSamePage(b), true, 'Ben’s page was not reloaded');

  // Ada's waiting screen turns into the reveal by itself.
  await h1(a).filter({ hasText: `You and ${ben.name} today` }).waitFor();
  await a.getByText('Checked in by both — this day is settled').waitFor();
  assert.equal(await stillSamePage(a), true, 'Ada’s page was not reloaded');
  const reveal = a.locator('.reveal');
  assert.equal(await reveal.getByText(`You read ${ben.name} well today`).count(), 2, 'both of her guesses were right');
  await reveal.getByText(`A little different from what ${ben.name} guessed`).waitFor();
  await reveal.getByText(`${ben.name} read you well today`).waitFor();

  // Side by side: each topic holds both people, in the same order, neither ranked.
  const rows = reveal.locator('.reveal__row');
  assert.ok((await rows.count()) >= 5);
  for (const row of await rows.all()) {
    assert.deepEqual(await row.locator('.pair__who').allTextContents(), ['You', ben.name]);
  }
  const feelings = reveal.getByRole('region', { name: 'Feelings' });
  assert.match(await feelings.textContent(), new RegExp(family('joy').words[0].name));
  assert.match(await feelings.textContent(), new RegExp(calm.words[0].name));
  const pictures = reveal.getByRole('region', { name: 'Closeness, now and wished for' }).getByRole('img');
  assert.deepEqual(await pictures.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))), [
    'Now: 5 of 7: close',
    'Would like: 6 of 7: very close',
    'Now: 3 of 7: a little apart',
    'Would like: 4 of 7: close, with room',
  ]);
  const need = await reveal.getByRole('region', { name: 'What each of you needs today' }).textContent();
  assert.match(need, /Closeness/);
  assert.match(need, /I am fine as I am/);
  const time = await reveal.getByRole('region', { name: 'Time so far today' }).textContent();
  assert.match(time, /30 minutes/);
  assert.match(time, /45 minutes/);
  // A tick is said; a box left empty is not read as a "no".
  const affection = reveal.getByRole('region', { name: 'Affection' });
  const sides = (await affection.locator('.pair__side').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  assert.deepEqual(sides, ['You Affectionate', `${ben.name} Nothing ticked`]);
  assert.doesNotMatch(await affection.textContent(), /not today|Made love/);

  // Settled: no editing offered to either.
  assert.equal(await a.getByRole('button', { name: 'Edit my check-in' }).count(), 0);
  assert.equal(await b.getByRole('button', { name: 'Edit my check-in' }).count(), 0);
  assert.equal(await a.locator('form.flow').count(), 0);
  await assertAccessible(a, 'check-in: reveal');
  await assertAccessible(b, 'check-in: reveal (Ben)');
  await a.emulateMedia({ colorScheme: 'dark' });
  await assertAccessible(a, 'check-in: reveal (dark)');
  await a.emulateMedia({ colorScheme: 'light' });

  // The server agrees: a change sent from the page now is refused.
  const day = await a.evaluate(() => {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  });
  const path = `/api/v1/bonds/${bondId}/checkins/${day}`;
  h.expectFailure(path, 409);
  const refused = await a.evaluate(async ({ p, word }) => {
    const me = await (await fetch('/api/v1/me')).json();
    const r = await fetch(p, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf },
      body: JSON.stringify({
        feelings: [{ word, intensity: 2 }],
        closeness_now: 1,
        closeness_wanted: 1,
        need: 'space',
        own_minutes: 0,
        together_minutes: 0,
        guess: { family: 'joy', closeness_now: 1 },
      }),
    });
    return { status: r.status, type: (await r.json()).type };
  }, { p: path, word: calm.words[1].id });
  assert.deepEqual(refused, { status: 409, type: '/problems/checkin-locked' });

  // Home says the day is done, and leads back to it.
  await nav(b).getByRole('link', { name: 'Home' }).click();
  await b.locator('.nudge').getByText(`You and ${ada.name} both checked in today.`).waitFor();
  await b.locator('.nudge').getByRole('link', { name: 'See today together' }).waitFor();
});

test('the bond page leads to the check-in too', { timeout: TEST_TIMEOUT }, async () => {
  const a = h.people.ada.page;
  await a.goto(`/bonds/${bondId}`);
  await h1(a).filter({ hasText: `You and ${ben.name}` }).waitFor();
  const section = a.getByRole('region', { name: 'Today’s check-in' });
  await section.getByRole('link', { name: 'See today together' }).click();
  await a.waitForURL(`**/bonds/${bondId}/checkin`);
  await a.getByText('Checked in by both — this day is settled').waitFor();
});

test('no console errors or CSP violations happened', { timeout: TEST_TIMEOUT }, async () => {
  assert.deepEqual(h.unexpectedConsoleErrors(), []);
});

// End-to-end: insights, as both people, on a phone (390 x 844). Ada and Ben are partners (set up
// through the API) with three days both answered (the server takes a check-in for yesterday, today
// and tomorrow, its own calendar), shared hard feelings from Ada, a call for comfort Ben answered, a
// warm word from Ben and entries each keeps or shares. Then:
// - the bond's insights: the latest day as two circles each, the chart of the days (hidden from
//   screen readers) and its table (a caption, headers with scope, the same numbers), a card per
//   pattern with the catalog's words from each one's side (the suggestion meant for the one who
//   opens up, and for the quieter one), a card that waits for more days saying what it needs, no
//   affection card (and no word about it) until both track affection, and the window picker
//   keeping ?days= in the address;
// - "Your own patterns" (in "Just for you") say they are seen by the viewer alone and show only
//   the viewer's own numbers;
// - Home offers one suggestion from each one's side; the bond page and More lead to insights;
// - Ada's wish for time alone, set in Settings, never reaches Ben's screen (nor the answer his
//   screen is built from) until she chooses to show it; Ben's own private wish never reaches hers;
// - at 320 pixels nothing scrolls sideways; axe-core finds nothing serious, light and dark.
// Any console error or CSP violation fails the run.
//
// Run from the repository root after building the server and `npm run build` in web/:
//   node --test tests/e2e/insights.test.mjs

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_TIMEOUT, assertAccessible, assertFitsWidth, callIn, createHarness, h1, liveRegion, nav } from './lib/harness.mjs';

const h = createHarness();
const run = Date.now().toString(36);
const ada = { name: 'Ada Lindqvist', email: `ada.insights.${run}@example.test`, password: 'quiet harbour lantern 42' };
const ben = { name: 'Ben Okafor', email: `ben.insights.${run}@example.test`, password: 'orchard kettle meadow 17' };

let catalog;
let bondId = '';
const page = (who) => h.people[who].page;
const callAs = (who, method, path, data) => callIn(page(who), method, path, data);
const word = (family, i = 0) => catalog.feelings.families.find((f) => f.id === family).words[i].id;
const words = (group, card) => catalog.insights[group][card];
const insightsPath = () => `/bonds/${bondId}/insights`;

/** The server's calendar: a check-in may be dated a day either side of its UTC date. */
const utcDay = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function checkIn(who, day, answers) {
  const saved = await callAs(who, 'PUT', `/api/v1/bonds/${bondId}/checkins/${day}`, {
    feelings: [{ word: word('calm'), intensity: 3 }],
    together_minutes: 60,
    guess: { family: 'calm', closeness_now: 4 },
    ...answers,
  });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
}

async function write(who, family, shared, i = 0) {
  const made = await callAs(who, 'POST', '/api/v1/entries', {
    kind: 'feeling',
    feelings: [{ word: word(family, i), intensity: 3 }],
    body: `Something ${family} on my mind (${i}).`,
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  if (shared) {
    const r = await callAs(who, 'POST', `/api/v1/entries/${made.body.entry.id}/shares`, { bond_id: bondId });
    assert.ok(r.status < 300, JSON.stringify(r.body));
  }
}

/** A card on the insights screen, by its title. */
const card = (p, title) => p.getByRole('region', { name: title, exact: true });
const windowPick = (p, name) => p.getByRole('group', { name: 'Looking back over' }).getByRole('radio', { name });

async function openInsights(who, query = '') {
  const p = page(who);
  await p.goto(`${insightsPath()}${query}`);
  await card(p, words('bond', 'needs').title).waitFor();
  return p;
}

before(async () => {
  await h.start();
  catalog = await (await fetch(`${h.server.url}/api/v1/catalog`)).json();
}, { timeout: 60_000 });
after(h.stop, { timeout: 30_000 });

test('Ada and Ben, partners, with three days answered and a little shared', { timeout: TEST_TIMEOUT }, async () => {
  const partners = await h.partners('ada', ada, 'ben', ben);
  const a = partners.a;
  bondId = partners.bondId;
  // Only Ada tracks affection for now.
  assert.equal((await a.call('PATCH', '/api/v1/me', { track_affection: true })).status, 200);
  await page('ada').goto('/');
  await page('ben').goto('/');

  // Ada felt a little apart and wished to be very close; Ben felt close and wished for a little room.
  for (const offset of [-1, 0, 1]) {
    await checkIn('ada', utcDay(offset), { closeness_now: 3, closeness_wanted: 6, need: 'closeness', own_minutes: 30, affection: true, lovemaking: false });
    await checkIn('ben', utcDay(offset), { closeness_now: 5, closeness_wanted: 4, need: 'space', own_minutes: 120 });
  }
  // Ada lets Ben in: two sad things shared, one kept, and a call for comfort, which Ben answers.
  await write('ada', 'sadness', true, 0);
  await write('ada', 'sadness', true, 1);
  await write('ada', 'sadness', false, 2);
  const asked = await callAs('ada', 'POST', `/api/v1/bonds/${bondId}/comfort-requests`, { note: 'A heavy week.' });
  assert.equal(asked.status, 201);
  const answered = await callAs('ben', 'POST', `/api/v1/bonds/${bondId}/comfort-requests/${asked.body.comfort_request.id}/answer`, {});
  assert.equal(answered.status, 200, JSON.stringify(answered.body));
  // Ben keeps his joys to himself, and says "I love you".
  await write('ben', 'joy', false, 0);
  await write('ben', 'joy', false, 1);
  assert.equal((await callAs('ben', 'POST', `/api/v1/bonds/${bondId}/appreciations`, { kind: 'love' })).status, 201);
});

test('Ada reaches the insights from the bond page, and sees the days drawn and told', { timeout: TEST_TIMEOUT }, async () => {
  const p = page('ada');
  await p.goto(`/bonds/${bondId}`);
  await p.getByRole('link', { name: 'How you two are doing lately' }).click();
  await h1(p).filter({ hasText: `You and ${ben.name}, lately` }).waitFor();
  assert.equal(new URL(p.url()).pathname, insightsPath());

  // Closeness waits for a fourth day, and says so; the days so far are drawn all the same.
  const closeness = card(p, words('bond', 'closeness').title);
  await closeness.getByText(words('bond', 'closeness').states.not_enough.sentence).waitFor();
  await closeness.getByText('3 days checked in by you both so far, of the 4 it takes.').waitFor();
  await closeness.getByText(words('bond', 'closeness').states.not_enough.suggestion).waitFor();
  assert.ok(await closeness.evaluate((el) => el.classList.contains('insight--waiting')));

  // The latest day: each person's two circles, told in words.
  const latest = closeness.getByRole('region', { name: /^Most recently, on / });
  await latest.getByText('You felt a little apart; wished for very close').waitFor();
  await latest.getByText(`${ben.name} felt close; wished for close, with room`).waitFor();
  assert.equal(await latest.locator('svg[aria-hidden="true"] circle').count(), 6);

  // The chart: uPlot's canvas inside a figure screen readers skip, with a key in words.
  const figure = closeness.locator('.chart__figure');
  assert.equal(await figure.getAttribute('aria-hidden'), 'true');
  await figure.locator('canvas').first().waitFor();
  const drawn = await figure.locator('canvas').first().boundingBox();
  assert.ok(drawn.width > 250 && drawn.height > 150, `the chart is drawn (${drawn.width} x ${drawn.height})`);
  assert.deepEqual(await figure.locator('.chart__key li').allTextContents(), [
    'You: felt', 'You: wanted', `${ben.name}: felt`, `${ben.name}: wanted`,
  ]);

  // The same numbers as a table, for anyone who would rather read them.
  const toggle = closeness.getByRole('button', { name: 'Show as a table' });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.click();
  const table = closeness.getByRole('table', { name: /How close each of you felt and wished to be/ });
  await table.waitFor();
  assert.equal(await closeness.getByRole('button', { name: 'Hide the table' }).getAttribute('aria-expanded'), 'true');
  // Each person's name over their two columns, so a screen reader says "You, felt: 3".
  assert.deepEqual(await table.locator('thead th[scope="colgroup"]').allTextContents(), ['You', ben.name]);
  assert.deepEqual(await table.locator('thead th[scope="col"]').allTextContents(), ['Day', 'felt', 'wanted', 'felt', 'wanted']);
  assert.equal(await table.locator('colgroup[span="2"]').count(), 2);
  const rows = table.locator('tbody tr');
  assert.equal(await rows.count(), 3, 'a row for each day both answered');
  for (let i = 0; i < 3; i++) {
    assert.equal(await rows.nth(i).locator('th[scope="row"]').count(), 1);
    assert.deepEqual(await rows.nth(i).locator('td').allTextContents(), ['3', '6', '5', '4']);
  }
  assert.equal(await rows.first().locator('time').getAttribute('datetime'), utcDay(1), 'newest first');
  await assertAccessible(p, 'insights with the table');
  await p.emulateMedia({ colorScheme: 'dark' });
  await assertAccessible(p, 'insights with the table (dark)');
  await p.emulateMedia({ colorScheme: 'light' });

  // The cards, in the catalog's words. Needs: told plainly, one person at a time.
  const needs = card(p, words('bond', 'needs').title);
  await needs.getByText(words('bond', 'needs').states.comfort.sentence).waitFor();
  assert.deepEqual(await needs.locator('dt').allTextContents(), ['You', ben.name]);
  assert.deepEqual(await needs.locator('dd').allTextContents(), ['closeness on 3 days', 'asked for comfort once', 'some space on 3 days']);
  // Ada has been the one letting Ben in: the suggestion meant for her side.
  const vulnerable = card(p, words('bond', 'vulnerability').title);
  await vulnerable.getByText(words('bond', 'vulnerability').states.one_sided.sentence).waitFor();
  await vulnerable.getByText(words('bond', 'vulnerability').states.one_sided.suggestion_open).waitFor();
  assert.equal(await vulnerable.getByText(words('bond', 'vulnerability').states.one_sided.suggestion_quiet).count(), 0);
  // Answers, for the two together.
  const answering = card(p, words('bond', 'responsiveness').title);
  await answering.getByText(words('bond', 'responsiveness').states.answered.sentence).waitFor();
  await answering.getByText(/^The one time one of you reached out, the other answered/).waitFor();
  await card(p, words('bond', 'appreciation').title).getByText('One warm word between you over the last four weeks.').waitFor();
  // Time apart waits for more days too, and says what would help.
  await card(p, words('bond', 'space').title).getByText(words('bond', 'space').states.not_enough.sentence).waitFor();
  // Only Ada tracks affection: no card, and not a word about it anywhere.
  assert.equal(await card(p, words('bond', 'affection').title).count(), 0);
  assert.doesNotMatch(await p.locator('main').innerText(), /affection|making love/i);
});

test('the window picker keeps the window in the address', { timeout: TEST_TIMEOUT }, async () => {
  const p = await openInsights('ada');
  assert.equal(await windowPick(p, 'A month').isChecked(), true, 'four weeks unless asked');
  await p.getByText('A week', { exact: true }).click();
  await p.waitForURL((url) => url.searchParams.get('days') === '7');
  await p.getByText('Patterns over the last week', { exact: false }).waitFor();
  await card(p, words('bond', 'needs').title).waitFor();
  // Arrow keys move along the radios, as in any radio group.
  await windowPick(p, 'A week').focus();
  await p.keyboard.press('ArrowRight');
  await p.waitForURL((url) => url.searchParams.get('days') === '28');
  await p.getByText('A year', { exact: true }).click();
  await p.waitForURL((url) => url.searchParams.get('days') === '365');
  await p.getByText('Patterns over the last year', { exact: false }).waitFor();
  assert.equal(await windowPick(p, 'A year').isChecked(), true);
  // The address alone chooses the window, on a fresh load too.
  await openInsights('ada', '?days=91');
  assert.equal(await windowPick(p, 'Three months').isChecked(), true);
  await p.getByText('Patterns over the last three months', { exact: false }).waitFor();
  const asked = await callAs('ada', 'GET', `/api/v1/bonds/${bondId}/insights?days=91`);
  assert.equal(asked.body.days, 91);
});

test('Ben sees the same two of them from his side', { timeout: TEST_TIMEOUT }, async () => {
  const p = await openInsights('ben');
  await h1(p).filter({ hasText: `You and ${ada.name}, lately` }).waitFor();
  const latest = p.getByRole('region', { name: /^Most recently, on / });
  assert.deepEqual(await latest.locator('figcaption').allTextContents(), [
    'You felt close; wished for close, with room',
    `${ada.name} felt a little apart; wished for very close`,
  ]);
  // The quieter one gets the suggestion meant for him; the sentence is the same for both.
  const vulnerable = card(p, words('bond', 'vulnerability').title);
  await vulnerable.getByText(words('bond', 'vulnerability').states.one_sided.sentence).waitFor();
  await vulnerable.getByText(words('bond', 'vulnerability').states.one_sided.suggestion_quiet).waitFor();
  assert.equal(await vulnerable.getByText(words('bond', 'vulnerability').states.one_sided.suggestion_open).count(), 0);
  assert.deepEqual(await card(p, words('bond', 'needs').title).locator('dt').allTextContents(), ['You', ada.name]);
  await p.getByRole('button', { name: 'Show as a table' }).click();
  assert.deepEqual(await p.getByRole('table').locator('tbody tr').first().locator('td').allTextContents(), ['5', '4', '3', '6']);
  await assertAccessible(p, 'insights (Ben)');
  // At 320 pixels the chart, the table and the cards all fit.
  await p.setViewportSize({ width: 320, height: 700 });
  await p.waitForTimeout(200); // the chart follows its box's new width
  await assertFitsWidth(p, 'insights at 320');
  const canvas = await p.locator('.chart__figure canvas').first().boundingBox();
  assert.ok(canvas.x >= 0 && canvas.x + canvas.width <= 320, 'the chart fits at 320');
  await p.setViewportSize({ width: 390, height: 844 });
});

test('both tracking affection brings its card, for the two together', { timeout: TEST_TIMEOUT }, async () => {
  assert.equal((await callAs('ben', 'PATCH', '/api/v1/me', { track_affection: true })).status, 200);
  const p = await openInsights('ada');
  const affection = card(p, words('bond', 'affection').title);
  await affection.getByText(words('bond', 'affection').states.some.sentence).waitFor();
  await affection.getByText(/affection on 3 days · making love on 0 days · affection without making love on 3 days/).waitFor();
  assert.equal((await callAs('ben', 'PATCH', '/api/v1/me', { track_affection: false })).status, 200);
});

test('“Your own patterns”, in “Just for you”, are the viewer’s alone, and say so', { timeout: TEST_TIMEOUT }, async () => {
  // Ada finds them under More, in "Just for you".
  const a = page('ada');
  await a.goto('/');
  await nav(a).getByRole('link', { name: 'More' }).click();
  await a.getByRole('link', { name: /^Just for you/ }).click();
  await h1(a).filter({ hasText: 'Just for you' }).waitFor();
  await a.getByRole('link', { name: 'See your own patterns' }).click();
  await h1(a).filter({ hasText: 'Your own patterns' }).waitFor();
  await a.getByText('Only you can see this page. Nothing on it is shown to anyone you are bonded with, or sent to them.').waitFor();
  const gap = card(a, words('self', 'sharing_gap').title);
  const adaTable = gap.getByRole('table', { name: /Entries you wrote with each kind of feeling/ });
  await adaTable.waitFor();
  const sadness = catalog.feelings.families.find((f) => f.id === 'sadness').name;
  const joy = catalog.feelings.families.find((f) => f.id === 'joy').name;
  assert.deepEqual(await adaTable.locator('tbody th').allTextContents(), [sadness]);
  assert.deepEqual(await adaTable.locator('tbody td').allTextContents(), ['3', '2']);
  await card(a, words('self', 'own_time').title).getByText(words('self', 'own_time').states.not_enough.sentence).waitFor();
  await card(a, words('self', 'mind_reading').title).getByRole('heading', { name: `Reading ${ben.name}` }).waitFor();
  await a.getByText('A week', { exact: true }).click();
  await a.waitForURL((url) => url.pathname === '/insights/me' && url.searchParams.get('days') === '7');
  await assertAccessible(a, 'your own patterns');
  await a.emulateMedia({ colorScheme: 'dark' });
  await assertAccessible(a, 'your own patterns (dark)');
  await a.emulateMedia({ colorScheme: 'light' });

  // Ben's page holds his own numbers only: his kept joys, nothing of what Ada wrote.
  const b = page('ben');
  await b.goto('/insights/me');
  const benTable = card(b, words('self', 'sharing_gap').title).getByRole('table');
  await benTable.waitFor();
  assert.deepEqual(await benTable.locator('tbody th').allTextContents(), [joy]);
  assert.deepEqual(await benTable.locator('tbody td').allTextContents(), ['2', '0']);
  assert.doesNotMatch(await b.locator('main').innerText(), new RegExp(sadness));
  await card(b, words('self', 'mind_reading').title).getByRole('heading', { name: `Reading ${ada.name}` }).waitFor();
});

test('Home offers one suggestion, from each one’s side', { timeout: TEST_TIMEOUT }, async () => {
  for (const [who, side] of [['ada', 'suggestion_open'], ['ben', 'suggestion_quiet']]) {
    const p = page(who);
    await p.goto('/');
    const offer = p.getByRole('region', { name: 'Something to try' });
    await offer.getByText(words('bond', 'vulnerability').states.one_sided[side]).waitFor();
    await offer.getByText(`With ${who === 'ada' ? ben.name : ada.name} · ${words('bond', 'vulnerability').title}`).waitFor();
    assert.equal(await p.getByRole('region', { name: 'Something to try' }).count(), 1, 'one suggestion');
    await assertAccessible(p, `home with a suggestion (${who})`);
  }
  await page('ada').getByRole('link', { name: `How you and ${ben.name} are doing` }).click();
  await h1(page('ada')).filter({ hasText: `You and ${ben.name}, lately` }).waitFor();
});

test('Ada’s wish for time alone stays hers until she shows it; Ben’s stays his', { timeout: TEST_TIMEOUT }, async () => {
  const a = page('ada');
  const b = page('ben');
  await a.goto('/settings');
  const section = a.getByRole('region', { name: 'Time of your own' });
  await section.getByLabel('Each week I would like').fill('10');
  await section.getByLabel('Counted in').selectOption('hours');
  await section.getByRole('button', { name: 'Save my wish' }).click();
  await liveRegion(a).filter({ hasText: 'Your wish is saved: 10 hours a week.' }).waitFor();
  const show = section.getByRole('checkbox', { name: 'Show my wish in my bonds’ insights' });
  assert.equal(await show.isChecked(), false, 'private unless she shows it');
  await assertAccessible(a, 'settings with the wish');
  // Ben has a wish of his own, kept to himself.
  assert.equal((await callAs('ben', 'PATCH', '/api/v1/me', { own_time_wish_minutes: 300, show_own_time_wish: false })).status, 200);

  const spaceOf = (p) => card(p, words('bond', 'space').title);
  const wishLine = /wish for time alone: /i;
  // Nothing of Ada's wish on Ben's screen, nor in the answer it is built from.
  await openInsights('ben');
  assert.doesNotMatch(await b.locator('main').innerText(), /10 hours/);
  assert.doesNotMatch(await spaceOf(b).innerText(), wishLine);
  const seen = await callAs('ben', 'GET', `/api/v1/bonds/${bondId}/insights`);
  assert.ok(seen.body.space.members.every((m) => m.wish_per_week === undefined), JSON.stringify(seen.body.space));
  // Ada's own bond screen shows no wish either (the bond's answer holds none), but tells her she can.
  await openInsights('ada');
  assert.doesNotMatch(await spaceOf(a).innerText(), wishLine);
  await spaceOf(a).getByText(/Your own wish for time alone, if you have set one, stays with you/).waitFor();

  // She chooses to show it: now Ben sees it, beside her name.
  await a.goto('/settings');
  await show.check();
  await liveRegion(a).filter({ hasText: 'Your wish now shows in your bonds’ insights.' }).waitFor();
  await openInsights('ben');
  const adaRow = spaceOf(b).locator('.insight__people > div').filter({ has: b.getByText(ada.name, { exact: true }) });
  await adaRow.getByText('wish for time alone: 10 hours a week').waitFor();
  // Ben's own wish, still private, is on nobody's screen but his Settings.
  await openInsights('ada');
  await spaceOf(a).getByText('wish for time alone: 10 hours a week').waitFor();
  assert.doesNotMatch(await a.locator('main').innerText(), /\b5 hours/);
  assert.equal(await spaceOf(a).getByText(wishLine).count(), 1, 'only her own shown wish');
  await a.goto('/insights/me');
  await card(a, words('self', 'own_time').title).waitFor();
  assert.doesNotMatch(await a.locator('main').innerText(), /\b5 hours/);

  // Clearing the wish takes it away everywhere.
  await a.goto('/settings');
  await section.getByRole('button', { name: 'Clear my wish' }).click();
  await liveRegion(a).filter({ hasText: 'Your wish for time alone is cleared.' }).waitFor();
  assert.equal(await section.getByLabel('Each week I would like').inputValue(), '');
  await openInsights('ben');
  assert.doesNotMatch(await spaceOf(b).innerText(), wishLine);
});

test('no console errors or CSP violations happened', { timeout: TEST_TIMEOUT }, async () => {
  assert.deepEqual(h.unexpectedConsoleErrors(), []);
});

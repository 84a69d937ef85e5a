// End-to-end, on a phone (390 x 844): the first visit and the everyday ways back to things.
// - Someone signed out meets a welcome at "/" (what Pillars is, that it is private and on one's own
//   server, how two people begin), not "Welcome back"; deep links still ask them to sign in first.
// - Signing up leads to the first steps: Ada makes a code there, Ben joins with it on his own first
//   steps, and both arrive at their first check-in; Ada's page moves on by itself when he joins.
// - On the ordinary invite page, a code used by someone else leaves the list of waiting codes at
//   once, and the code on screen being used takes Ada to the new bond.
// - A notice's Open link, and Home's "Answer" link, land on the thing itself: focused and marked.
// - The history: a month of check-ins, a day both answered marked and opening its reveal, a day of
//   Ada's own marked as hers alone, and nothing of Ben's check-in on a day Ada did not answer.
// - Ending a bond: the one who ends it sees at once, without reloading, exactly what a reload
//   shows (nothing the other shared, only their own warm words and requests); the other sees it end.
// Any console error or CSP violation fails the run.
//
// Run from the repository root after `make build` and `npm run build` in web/:
//   node --test tests/e2e/newcomer.test.mjs

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_TIMEOUT, assertAccessible, callIn, createHarness, fillSignUp, h1, liveRegion, nav, assertFocus } from './lib/harness.mjs';

const h = createHarness();
const run = Date.now().toString(36);
const ada = { name: 'Ada Lindqvist', email: `ada.new.${run}@example.test`, password: 'quiet harbour lantern 42' };
const ben = { name: 'Ben Okafor', email: `ben.new.${run}@example.test`, password: 'orchard kettle meadow 17' };
const cy = { name: 'Cy Marchetti', email: `cy.new.${run}@example.test`, password: 'copper willow station 8' };
const dee = { name: 'Dee Asante', email: `dee.new.${run}@example.test`, password: 'lantern meadow brook 31' };

let bondId = '';
const page = (who) => h.people[who].page;

/** Calls the API from inside `who`'s signed-in page. */
const callAs = (who, method, path, data) => callIn(page(who), method, path, data);

const markPage = (p) => p.evaluate(() => {
  window.__notReloaded = true;
});
const stillSamePage = (p) => p.evaluate(() => window.__notReloaded === true);

/** Waits until the page's live connection is up: its socket is made, and a moment to open. */
async function liveSoon(p, action) {
  const socket = p.waitForEvent('websocket');
  await action();
  await socket;
  await p.waitForTimeout(600);
}

/** The element that has focus, and whether it carries the landing mark. */
const focused = (p) =>
  p.evaluate(() => ({ id: document.activeElement?.id ?? '', landed: document.activeElement?.classList.contains('landed') ?? false }));

/** Waits until the element with `id` has focus and is marked as landed on. */
async function assertLandedOn(p, id, what) {
  const ok = await p
    .waitForFunction((id) => document.activeElement?.id === id && document.activeElement.classList.contains('landed'), id, { timeout: 5000 })
    .then(() => true, () => false);
  const now = await focused(p);
  assert.ok(ok, `${what}: focus should be on #${id} with the mark, but it is on #${now.id} (marked: ${now.landed})`);
  // Scrolling may be smooth: give it a moment to arrive.
  const inView = await p
    .waitForFunction((id) => {
      const r = document.getElementById(id).getBoundingClientRect();
      return r.bottom > 0 && r.top < window.innerHeight;
    }, id, { timeout: 3000 })
    .then(() => true, () => false);
  assert.ok(inView, `${what}: #${id} is scrolled into view`);
}

/** The server's UTC date, moved by `n` days: check-ins are accepted a day either side of it. */
const utcDay = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

before(h.start, { timeout: 60_000 });
after(h.stop, { timeout: 30_000 });

test('a signed-out visitor meets a welcome at “/”, not “Welcome back”', { timeout: TEST_TIMEOUT }, async () => {
  const a = await h.openPerson('ada');
  await a.goto('/');
  const heading = h1(a);
  await heading.filter({ hasText: 'Close to each other, and still yourselves' }).waitFor();
  assert.equal(new URL(a.url()).pathname, '/', 'the welcome is at “/” itself');
  const text = await a.locator('main').innerText();
  assert.doesNotMatch(text, /Welcome back/);
  // What Pillars is, that it is private and on one's own server, and how two people begin.
  assert.match(text, /private journal/);
  assert.match(text, /open only once you have both answered/);
  assert.match(text, /room to yourself/);
  assert.match(text, /runs on a server that you, or someone you trust, look after/);
  await a.getByRole('heading', { name: 'How the two of you begin' }).waitFor();
  assert.match(text, /makes an invite code/);
  assert.equal(await nav(a).count(), 0, 'no app navigation while signed out');
  assert.ok((await a.getByRole('link', { name: 'Create an account' }).count()) >= 1);
  assert.ok((await a.getByRole('link', { name: 'Sign in' }).count()) >= 1);
  await assertAccessible(a, 'welcome');

  // A deep link still asks to sign in first, and keeps where it led.
  await a.goto('/journal');
  await a.waitForURL((url) => url.pathname === '/signin' && url.searchParams.get('next') === '/journal');
  await h1(a).filter({ hasText: 'Welcome back' }).waitFor();

  // From the welcome, Sign in and Create an account lead where they say.
  await a.goto('/');
  await a.getByRole('link', { name: 'Sign in' }).first().click();
  await a.waitForURL('**/signin');
  await a.goBack();
  await heading.filter({ hasText: 'Close to each other' }).waitFor();
  await a.getByRole('link', { name: 'Create an account' }).first().click();
  await a.waitForURL('**/signup');
});

test('sign-up leads to the first steps; Ada invites, Ben joins, and both reach their first check-in', { timeout: TEST_TIMEOUT }, async () => {
  const a = page('ada');
  await liveSoon(a, async () => {
    await fillSignUp(a, ada);
    await a.waitForURL((url) => url.pathname === '/start');
  });
  await h1(a).filter({ hasText: `Welcome, ${ada.name}` }).waitFor();
  await assertAccessible(a, 'first steps');
  await a.getByRole('link', { name: 'Invite someone' }).click();
  await a.waitForURL('**/start/invite');
  await a.getByRole('radio', { name: /^Partner/ }).check();
  await a.getByRole('button', { name: 'Make a code' }).click();
  const code = (await a.locator('#invite-code').textContent()).trim();
  await a.getByText('when they join, it takes you to your first check-in together').waitFor();
  await markPage(a);

  // Ben comes from the welcome, makes his account, and enters the code on his first steps.
  const b = await h.openPerson('ben');
  await b.goto('/');
  await b.getByRole('link', { name: 'Create an account' }).first().click();
  await fillSignUp(b, ben);
  await b.waitForURL((url) => url.pathname === '/start');
  await b.getByRole('link', { name: 'I have a code' }).click();
  await b.waitForURL('**/start/join');
  await b.getByRole('textbox', { name: 'Code', exact: true }).fill(code);
  await b.getByRole('button', { name: 'Join', exact: true }).click();
  await b.waitForURL(/\/bonds\/[^/]+\/checkin$/);
  bondId = new URL(b.url()).pathname.split('/')[2];
  await liveRegion(b).filter({ hasText: `You and ${ada.name} are now joined as partners. Here is your first check-in together.` }).waitFor();
  await h1(b).filter({ hasText: `Check in with ${ada.name}` }).waitFor();

  // Ada's page moved on by itself, to the same first check-in, and said who joined.
  await a.waitForURL((url) => url.pathname === `/bonds/${bondId}/checkin`);
  assert.equal(await stillSamePage(a), true, 'without a reload');
  await h1(a).filter({ hasText: `Check in with ${ben.name}` }).waitFor();
  const toast = a.locator('.toast').filter({ hasText: `${ben.name} accepted your invitation.` });
  await toast.waitFor();
  assert.equal(await toast.getByRole('link', { name: 'Open' }).getAttribute('href'), `/bonds/${bondId}`);
});

test('the first steps can wait: Later goes home, and home without a bond points back to them', { timeout: TEST_TIMEOUT }, async () => {
  const c = await h.openPerson('cy');
  await c.goto('/signup');
  await fillSignUp(c, cy);
  await c.waitForURL((url) => url.pathname === '/start');
  await c.getByRole('link', { name: 'Later' }).click();
  await c.waitForURL((url) => url.pathname === '/');
  await h1(c).filter({ hasText: `Hello, ${cy.name}` }).waitFor();
  await c.getByText('No bonds yet').waitFor();
  await c.getByRole('link', { name: 'Take the first steps together' }).click();
  await c.waitForURL('**/start');
  await h1(c).filter({ hasText: `Welcome, ${cy.name}` }).waitFor();
});

test('on the invite page, a used code leaves the waiting list at once, and the code on screen leads to the new bond', { timeout: TEST_TIMEOUT }, async () => {
  const a = page('ada');
  await liveSoon(a, () => a.goto('/invite'));
  await a.getByRole('radio', { name: /^Close friend/ }).check();
  await a.getByRole('button', { name: 'Make a code' }).click();
  const first = (await a.locator('#invite-code').textContent()).trim();
  await a.getByRole('button', { name: 'Make another code' }).click();
  await a.getByRole('radio', { name: /^Family/ }).check();
  await a.getByRole('button', { name: 'Make a code' }).click();
  await a.locator('#invite-code').filter({ hasNotText: first }).waitFor();
  const second = (await a.locator('#invite-code').textContent()).trim();
  const waiting = a.getByRole('region', { name: 'Codes still waiting' });
  await waiting.getByText(first).waitFor();
  await markPage(a);

  // Cy uses the first code: it leaves the list, and Ada stays with the code on her screen.
  const cyApi = await h.people.cy.context.request;
  const origin = h.server.url;
  const cyMe = await (await cyApi.get('/api/v1/me')).json();
  const accepted = await cyApi.post(`/api/v1/invites/${first}/accept`, { headers: { Origin: origin, 'X-CSRF-Token': cyMe.csrf } });
  assert.equal(accepted.status(), 201, await accepted.text());
  await waiting.waitFor({ state: 'detached' });
  assert.equal(new URL(a.url()).pathname, '/invite', 'a code not on screen does not take her away');
  assert.equal((await a.locator('#invite-code').textContent()).trim(), second);
  await a.locator('.toast').filter({ hasText: `${cy.name} accepted your invitation.` }).waitFor();

  // Dee uses the code on screen: Ada's page goes to the new bond, without a reload.
  await h.openPerson('dee');
  const deeApi = await h.register('dee', dee);
  const deeJoins = await deeApi.call('POST', `/api/v1/invites/${second}/accept`);
  assert.equal(deeJoins.status, 201, JSON.stringify(deeJoins.body));
  const deeBond = deeJoins.body.bond.id;
  await a.waitForURL((url) => url.pathname === `/bonds/${deeBond}`);
  await h1(a).filter({ hasText: `You and ${dee.name}` }).waitFor();
  assert.equal(await stillSamePage(a), true, 'without a reload');
  await a.locator('.toast').filter({ hasText: `${dee.name} accepted your invitation.` }).waitFor();
  await assertAccessible(a, 'a new bond, after the code was used');
  // The list of waiting codes is empty now.
  await nav(a).getByRole('link', { name: 'More' }).click();
  await a.getByRole('link', { name: 'Invite someone' }).click();
  await a.getByRole('button', { name: 'Make a code' }).waitFor();
  assert.equal(await a.getByRole('region', { name: 'Codes still waiting' }).count(), 0);
});

test('a notice’s Open link and Home’s Answer link land on the thing, focused and marked', { timeout: TEST_TIMEOUT }, async () => {
  const a = page('ada');
  await liveSoon(a, () => a.goto('/journal'));
  await h1(a).filter({ hasText: 'Your journal' }).waitFor();

  // Ben shares an entry: Ada's notice opens the bond page at it.
  const entry = await callAs('ben', 'POST', '/api/v1/entries', {
    kind: 'hope',
    feelings: [{ word: 'hopeful', intensity: 3 }],
    body: `A walk by the river this weekend, just us. (${run})`,
  });
  assert.equal(entry.status, 201, JSON.stringify(entry.body));
  const benEntry = entry.body.entry.id;
  assert.equal((await callAs('ben', 'POST', `/api/v1/entries/${benEntry}/shares`, { bond_id: bondId })).status, 200);
  const shared = a.locator('.toast').filter({ hasText: `${ben.name} shared something with you.` });
  await shared.waitFor();
  await shared.getByRole('link', { name: 'Open' }).click();
  await a.waitForURL((url) => url.pathname === `/bonds/${bondId}` && url.hash === `#entry-${benEntry}`);
  await assertLandedOn(a, `entry-${benEntry}`, 'a shared entry');
  assert.match(await a.locator(`#entry-${benEntry}`).innerText(), /A walk by the river/);
  await assertAccessible(a, 'bond page, landed on an entry');

  // Ben sends warm words: the notice opens them, on the same page.
  const warm = await callAs('ben', 'POST', `/api/v1/bonds/${bondId}/appreciations`, { kind: 'admire', note: `Your patience. (${run})` });
  assert.equal(warm.status, 201);
  const warmth = a.locator('.toast').filter({ hasText: `${ben.name} sent you some warmth.` });
  await warmth.waitFor();
  await warmth.getByRole('link', { name: 'Open' }).click();
  await assertLandedOn(a, `appreciation-${warm.body.appreciation.id}`, 'warm words');

  // Ada shares one of hers; Ben responds; the notice opens her entry at his response.
  const mine = await callAs('ada', 'POST', '/api/v1/entries', {
    kind: 'achievement',
    feelings: [{ word: 'proud', intensity: 4 }],
    body: `I finished the long project. (${run})`,
  });
  assert.equal(mine.status, 201);
  const adaEntry = mine.body.entry.id;
  assert.equal((await callAs('ada', 'POST', `/api/v1/entries/${adaEntry}/shares`, { bond_id: bondId })).status, 200);
  const response = await callAs('ben', 'POST', `/api/v1/entries/${adaEntry}/responses`, { kind: 'celebrate', body: 'So glad for you!' });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  const responded = a.locator('.toast').filter({ hasText: `${ben.name} responded to something you shared.` });
  await responded.waitFor();
  await responded.getByRole('link', { name: 'Open' }).click();
  await a.waitForURL((url) => url.pathname === `/journal/${adaEntry}`);
  await assertLandedOn(a, `response-${response.body.response.id}`, 'a response');
  assert.match(await a.locator(`#response-${response.body.response.id}`).innerText(), /So glad for you!/);

  // Ben asks for comfort: its line in Home's "What's new" opens the bond page at his request.
  const ask = await callAs('ben', 'POST', `/api/v1/bonds/${bondId}/comfort-requests`, { note: `A long day. (${run})` });
  assert.equal(ask.status, 201);
  await nav(a).getByRole('link', { name: /^Home/ }).click();
  const answer = a
    .getByRole('list', { name: `What is new with ${ben.name}` })
    .getByRole('link', { name: `${ben.name} could use some comfort, new` });
  await answer.waitFor();
  assert.equal(await answer.getAttribute('href'), `/bonds/${bondId}#request-${ask.body.comfort_request.id}`);
  await answer.click();
  await assertLandedOn(a, `request-${ask.body.comfort_request.id}`, 'a call for comfort');
  assert.match(await a.locator(`#request-${ask.body.comfort_request.id}`).innerText(), /A long day/);
  // The keyboard goes on from there: the next stop is inside the request.
  await a.keyboard.press('Tab');
  assert.equal(
    await a.evaluate((id) => document.getElementById(id).contains(document.activeElement), `request-${ask.body.comfort_request.id}`),
    true,
  );

  // The recent notices keep their links too.
  await a.getByRole('button', { name: 'Recent notices' }).click();
  const recent = a.locator('#recent-notices');
  assert.equal(
    await recent.getByRole('link', { name: `${ben.name} shared something with you.` }).getAttribute('href'),
    `/bonds/${bondId}#entry-${benEntry}`,
  );
  await a.keyboard.press('Escape');
});

test('the history marks a day you both answered and a day of your own, and shows nothing of the other’s', { timeout: TEST_TIMEOUT }, async () => {
  const a = page('ada');
  const put = async (who, day, words) => {
    const r = await callAs(who, 'PUT', `/api/v1/bonds/${bondId}/checkins/${day}`, {
      feelings: words.map((word) => ({ word, intensity: 3 })),
      closeness_now: 4,
      closeness_wanted: 5,
      need: 'fine',
      own_minutes: 20,
      together_minutes: 40,
      guess: { family: 'calm', closeness_now: 4 },
    });
    assert.equal(r.status, 200, `${who} on ${day}: ${JSON.stringify(r.body)}`);
  };
  const [yesterday, today, tomorrow] = [utcDay(-1), utcDay(0), utcDay(1)];
  await put('ada', yesterday, ['cheerful', 'playful']); // only Ada
  await put('ada', today, ['relaxed']); // both: revealed
  await put('ben', today, ['wistful', 'eager']);
  await put('ben', tomorrow, ['homesick', 'resentful']); // only Ben: never Ada's to see
  const bensHidden = /homesick|resentful/i;

  // From the bond page.
  await a.goto(`/bonds/${bondId}`);
  await a.getByRole('link', { name: 'Past check-ins' }).click();
  await a.waitForURL((url) => url.pathname === `/bonds/${bondId}/history`);
  await h1(a).filter({ hasText: `Your check-ins with ${ben.name}` }).waitFor();
  const calendar = a.getByRole('table', { name: /\d{4}$/ });
  await calendar.waitFor();
  assert.equal(await calendar.getByRole('columnheader').count(), 7);
  assert.deepEqual(
    (await calendar.locator('th .visually-hidden').allTextContents()).slice(0, 2),
    ['Monday', 'Tuesday'],
    'weeks begin on Monday, each day named in full',
  );

  const dayLink = (day, what) => a.getByRole('link', { name: new RegExp(`\\b${Number(day.slice(8))} \\w+: ${what}$`) });
  const loaded = () => a.waitForFunction(() => document.querySelector('.calendar')?.getAttribute('aria-busy') === 'false');
  const toMonthOf = async (day) => {
    await a.goto(`/bonds/${bondId}/history?month=${day.slice(0, 7)}`);
    await loaded();
  };
  await loaded();
  // This month first; the month before is a link away when yesterday was in it.
  if (yesterday.slice(0, 7) !== today.slice(0, 7)) {
    const months = a.getByRole('navigation', { name: 'Months' });
    await months.getByRole('link').first().click();
    await loaded();
    await dayLink(yesterday, 'only your check-in').waitFor();
    await months.getByRole('link').last().click();
    await loaded();
  }

  await toMonthOf(today);
  const together = dayLink(today, 'you both checked in');
  await together.waitFor();
  assert.match(await together.getAttribute('class'), /calendar__day--together/);
  assert.equal(await dayLink(tomorrow, '.*').count(), 0, 'a day only Ben answered is not shown');
  assert.doesNotMatch(await a.locator('main').innerText(), bensHidden);
  await assertAccessible(a, 'history');

  await toMonthOf(yesterday);
  const mineAlone = dayLink(yesterday, 'only your check-in');
  await mineAlone.waitFor();
  assert.match(await mineAlone.getAttribute('class'), /calendar__day--only_you/);
  assert.doesNotMatch(await a.locator('main').innerText(), bensHidden);

  // Her own day opens with her answers alone.
  await mineAlone.focus();
  await a.keyboard.press('Enter');
  await a.waitForURL((url) => url.pathname === `/bonds/${bondId}/history/${yesterday}`);
  await a.getByText('Only your own answers are here').waitFor();
  const ownDay = await a.locator('main').innerText();
  assert.match(ownDay, /cheerful/);
  assert.doesNotMatch(ownDay, /wistful|eager/i);
  assert.doesNotMatch(ownDay, bensHidden);
  assert.equal(await a.locator('.reveal').count(), 0);

  // Ben's day alone shows nothing of his.
  await a.goto(`/bonds/${bondId}/history/${tomorrow}`);
  await a.getByText(`You did not check in with ${ben.name} on this day.`).waitFor();
  assert.doesNotMatch(await a.locator('main').innerText(), bensHidden);

  // The day they both answered opens its reveal.
  await a.goto(`/bonds/${bondId}/history`);
  await toMonthOf(today);
  await dayLink(today, 'you both checked in').click();
  await a.waitForURL((url) => url.pathname === `/bonds/${bondId}/history/${today}`);
  await a.locator('.reveal').waitFor();
  const revealed = await a.locator('.reveal').innerText();
  assert.match(revealed, /relaxed/);
  assert.match(revealed, /wistful/);
  assert.doesNotMatch(revealed, bensHidden);
  await assertAccessible(a, 'a past reveal');

  // The check-in page leads here too.
  await a.goto(`/bonds/${bondId}/checkin`);
  await a.getByRole('link', { name: 'Past check-ins' }).click();
  await a.waitForURL((url) => url.pathname === `/bonds/${bondId}/history`);
});

test('ending a bond clears what it no longer holds at once for the one who ends it; the other sees it end', { timeout: TEST_TIMEOUT }, async () => {
  const b = page('ben');
  // Ada opens a comfort request of her own, so something of hers stays.
  assert.equal((await callAs('ada', 'POST', `/api/v1/bonds/${bondId}/comfort-requests`, { note: `Mine to keep. (${run})` })).status, 201);
  await liveSoon(b, () => b.goto(`/bonds/${bondId}`));
  await markPage(b);
  // Ada ends it from a tab whose live connection never reaches the server, so what changes on her
  // screen is what the ending itself changes, not what the server's echo of it would.
  const a = await h.people.ada.context.newPage();
  a.on('console', (message) => {
    if (message.type() === 'error') h.consoleErrors.push({ who: 'ada (second tab)', text: message.text(), url: message.location().url });
  });
  a.on('pageerror', (error) => h.consoleErrors.push({ who: 'ada (second tab)', text: `uncaught: ${error.message}`, url: '' }));
  let heard = 0;
  await a.routeWebSocket(/\/api\/v1\/events$/, (ws) => {
    ws.onMessage(() => undefined);
    heard += 1;
  });
  await a.goto(`/bonds/${bondId}`);
  const main = a.locator('main');
  await a.getByRole('list', { name: 'Shared entries' }).getByText('A walk by the river').waitFor();
  await a.getByText('Your patience.').waitFor();
  await a.getByText('A long day.').waitFor();
  await markPage(a);

  await a.getByRole('button', { name: 'End this bond…' }).click();
  await a.getByRole('button', { name: 'Yes, end this bond' }).click();
  await a.locator('dl.details').filter({ hasText: /StatusEnded/ }).waitFor();
  await a.getByText('Nothing is shared here any more.', { exact: true }).waitFor();
  assert.equal(await stillSamePage(a), true, 'without a reload');
  const sections = async () => {
    await a.getByText('Nothing is shared here any more.', { exact: true }).waitFor();
    await a.getByText('Mine to keep.').waitFor();
    return main.evaluate((m) =>
      ['shared-heading', 'appreciation-heading', 'comfort-heading'].map((id) => document.getElementById(id)?.closest('section')?.innerText ?? ''),
    );
  };
  const atOnce = await sections();
  const text = await main.innerText();
  for (const gone of ['A walk by the river', 'I finished the long project', 'Your patience.', 'A long day.']) {
    assert.ok(!text.includes(gone), `“${gone}” is gone at once`);
  }
  assert.equal(await a.getByRole('button', { name: 'I love you' }).count(), 0, 'nothing new can be said');
  await assertFocus(a, () => document.activeElement?.tagName, 'H1', 'focus rests on the heading');
  // Exactly what a fresh load shows.
  await a.reload();
  await a.locator('dl.details').filter({ hasText: /StatusEnded/ }).waitFor();
  assert.deepEqual(await sections(), atOnce);

  // Ben's page sees it end, live.
  await b.locator('dl.details').filter({ hasText: /StatusEnded/ }).waitFor();
  await b.getByText('Nothing is shared here any more.', { exact: true }).waitFor();
  assert.equal(await stillSamePage(b), true);
  await liveRegion(b).filter({ hasText: `Your bond with ${ada.name} has ended.` }).waitFor();
  assert.doesNotMatch(await b.locator('main').innerText(), /I finished the long project|Mine to keep/);

  // In the history, the day they both answered now holds only Ada's own answers.
  await a.goto(`/bonds/${bondId}/history/${utcDay(0)}`);
  await a.getByText('Only your own answers are here').waitFor();
  assert.doesNotMatch(await main.innerText(), /wistful|eager|homesick|resentful/i);
  assert.ok(heard > 0, 'the tab’s live connection was held back');
  await a.close();
});

test('ending a bond is said once in the tab that ended it', { timeout: TEST_TIMEOUT }, async () => {
  // Ada ends her bond with Dee from a page that is listening, and hears of it once.
  const a = page('ada');
  const bonds = await callAs('ada', 'GET', '/api/v1/bonds');
  const dee = bonds.body.bonds.find((x) => x.status === 'active' && x.other.display_name === 'Dee Asante');
  assert.ok(dee, 'Ada and Dee share a bond');
  await liveSoon(a, () => a.goto(`/bonds/${dee.id}`));
  await a.getByRole('button', { name: 'End this bond…' }).click();
  await a.getByRole('button', { name: 'Yes, end this bond' }).click();
  await a.locator('dl.details').filter({ hasText: /StatusEnded/ }).waitFor();
  await a.waitForTimeout(1500);
  assert.equal(await a.locator('.toast').filter({ hasText: 'Your bond with Dee Asante has ended.' }).count(), 1);
});

test('no console errors or CSP violations happened', { timeout: TEST_TIMEOUT }, async () => {
  assert.deepEqual(h.unexpectedConsoleErrors(), []);
});

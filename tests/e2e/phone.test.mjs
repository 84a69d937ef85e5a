// End-to-end: Pillars on a phone (390 x 844), everyday use. Ada and Ben sign up on the screens,
// Ada makes a partner code and Ben joins with it. Then:
// - the navigation is a tab bar at the bottom, the header stays short, and Check in leads to the
//   one bond's check-in;
// - choosing the last word of the feelings list opens its strength right beside it, in view, and
//   says so to screen readers;
// - notices keep clear of the heading and of every button, stay long enough to read (longer while
//   focus is on them), can be dismissed and opened again;
// - a screen has one "I love you" button, and a choice made in advance does not look pressed;
// - every screen in `screens` (below) fits the width at 390 and at 320 pixels, names never run
//   into the next word, and axe-core finds nothing serious in light or in dark;
// - the reveal keeps each feeling inside its card, with large closeness pictures;
// - on a desktop the journal's words and feelings stand side by side;
// - a device signed out by a password change elsewhere says why.
// Any console error or CSP violation fails the run.
//
// To walk a new screen, add an entry to `screens`: a name, whose browser it is seen in, and a
// function that takes that page there and waits until the screen is ready.
//
// Run from the repository root after `make build` and `npm run build` in web/:
//   node --test tests/e2e/phone.test.mjs

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { STEP_TIMEOUT, TEST_TIMEOUT, assertAccessible, assertFitsWidth, callIn, createHarness, fillSignUp, h1, liveRegion, localDay, nav, assertFocus } from './lib/harness.mjs';

const h = createHarness();
const run = Date.now().toString(36);
const ada = { name: 'Ada Lindqvist', email: `ada.phone.${run}@example.test`, password: 'quiet harbour lantern 42' };
const ben = { name: 'Ben Okafor', email: `ben.phone.${run}@example.test`, password: 'orchard kettle meadow 17' };
const cy = { name: 'Cy Marchetti', email: `cy.phone.${run}@example.test`, password: 'copper willow station 8' };
const PHONE = { width: 390, height: 844 };
const NARROW = { width: 320, height: 700 };

let catalog;
let bondId = '';
let entryId = '';
const page = (who) => h.people[who].page;
const checkinPath = () => `/bonds/${bondId}/checkin`;

/** Calls the API from inside `who`'s signed-in page. */
const callAs = (who, method, path, data) => callIn(page(who), method, path, data);

/** Today on the person's own calendar, as the screens count it. */
const today = (who) => localDay(page(who));

/** Checks `who` in for today through the API, unless they have already. Long words on purpose. */
async function checkedIn(who, words) {
  const path = `/api/v1/bonds/${bondId}/checkins/${await today(who)}`;
  const day = await callAs(who, 'GET', path);
  if (day.body.mine) return;
  const saved = await callAs(who, 'PUT', path, {
    feelings: words.map((word, i) => ({ word, intensity: 2 + i })),
    closeness_now: 3,
    closeness_wanted: 6,
    need: 'closeness',
    own_minutes: 30,
    together_minutes: 45,
    affection: who === 'ada' ? true : null,
    lovemaking: who === 'ada' ? false : null,
    guess: { family: 'calm', closeness_now: 4 },
  });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
}

/** `who` has answered the two needs' statements at least `count` times (through the API). */
async function needsTaken(who, count) {
  const mine = await callAs(who, 'GET', '/api/v1/me/needs');
  for (let i = mine.body.results.length; i < count; i++) {
    const answers = Object.fromEntries(catalog.needs.items.map((item, j) => [item.id, ((j + i) % 7) + 1]));
    assert.equal((await callAs(who, 'POST', '/api/v1/me/needs', { answers })).status, 201);
  }
}

/** The journey holds a moment from each (added through the API once), long words on purpose. */
let moments = false;
async function momentsAdded() {
  if (moments) return;
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  for (const [who, kind, title, note] of [
    ['ben', 'high', 'Our first long walk by the river, talking until the light went', 'Neither of us wanted to turn back.'],
    ['ada', 'low', 'A week of misunderstandings', null],
  ]) {
    const r = await callAs(who, 'POST', `/api/v1/bonds/${bondId}/moments`, { day: yesterday, kind, title, note });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  moments = true;
}

/** Ada has answered the question offered today and one more, long words on purpose (through the API). */
async function reflectionsAnswered() {
  const now = await callAs('ada', 'GET', `/api/v1/reflections?day=${await today('ada')}`);
  if (now.body.answers.length >= 2) return;
  const other = catalog.reflections.prompts.find((q) => q.id !== now.body.offered.id);
  for (const [id, body] of [
    [other.id, 'Wholeheartedly and unselfconsciously: a Saturday swim before anyone else is awake.'],
    [now.body.offered.id, 'Learning to let someone in when everything feels overwhelmingly heavy, without apologising for it.'],
  ]) {
    const r = await callAs('ada', 'PUT', `/api/v1/reflections/${id}/answer`, { body });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
}

/** `who` has an open wish for time alone in the bond (asked through the API once). */
const asked = new Set();
async function spaceAsked(who, when, note) {
  if (asked.has(who)) return;
  const r = await callAs(who, 'POST', `/api/v1/bonds/${bondId}/space-requests`, { when, note });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  asked.add(who);
}

/** Ada has noted a few pieces of time of her own (through the API once), long words on purpose. */
let pieces = false;
async function piecesNoted() {
  if (pieces) return;
  const day = await today('ada');
  for (const [minutes, activity, note] of [
    [45, 'walk', 'Along the canal in the last light, no phone, just walking until the streetlamps came on.'],
    [95, 'work', null],
    [30, 'rest', 'Nothing at all, and it was lovely.'],
  ]) {
    const r = await callAs('ada', 'POST', '/api/v1/me/own-time', { day, minutes, activity, ...(note ? { note } : {}) });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  pieces = true;
}

// The check-in flow, a step at a time.
const flow = (p) => p.locator('form.flow');
const question = (p) => flow(p).getByRole('heading', { level: 2 });
const stepTitles = () => [
  'How are you feeling today?',
  `How close do you feel to ${ben.name} right now?`,
  'How close would you like to be?',
  'What would help you most today?',
  'Your time so far today',
  'Affection between you',
  `And how is ${ben.name}, do you think?`,
];

/** Opens today's check-in afresh and answers its way to step `n` (1 to 7). */
async function atStep(p, n) {
  const titles = stepTitles();
  await p.goto(checkinPath());
  await question(p).filter({ hasText: titles[0] }).waitFor();
  for (let i = 1; i < n; i++) {
    if (i === 1) {
      await flow(p).locator('summary').filter({ hasText: catalog.feelings.families[0].name }).click();
      await flow(p).locator(`label[for="checkin-feelings-w-${catalog.feelings.families[0].words[0].id}"]`).click();
    }
    if (i === 4) await flow(p).getByRole('radio', { name: /^Closeness/ }).check();
    if (i === 5) {
      await flow(p).locator('label[for="own-minutes-30"]').click();
      await flow(p).locator('label[for="together-minutes-60"]').click();
    }
    await flow(p).getByRole('button', { name: 'Next', exact: true }).click();
    await question(p).filter({ hasText: titles[i] }).waitFor();
  }
}

/** Every screen, and how to reach it. Each is checked at two widths, in light and in dark. */
const screens = [
  { name: 'sign in', who: 'visitor', reach: async (p) => {
    await p.goto('/signin');
    await h1(p).filter({ hasText: 'Welcome back' }).waitFor();
  } },
  { name: 'sign up', who: 'visitor', reach: async (p) => {
    await p.goto('/signup');
    await h1(p).filter({ hasText: 'Make your account' }).waitFor();
  } },
  { name: 'forgot password', who: 'visitor', reach: async (p) => {
    await p.goto('/forgot-password');
    await p.getByRole('button', { name: 'Send me a link' }).waitFor();
  } },
  { name: 'reset password', who: 'visitor', reach: async (p) => {
    await p.goto('/reset-password#made-up-key-for-the-layout-only');
    await p.getByRole('button', { name: 'Save the new password' }).waitFor();
  } },
  { name: 'home', who: 'ada', reach: async (p) => {
    await p.goto('/');
    await p.getByRole('list', { name: 'Active bonds' }).waitFor();
  } },
  // What is new: Ben's call for time alone (open, first), his warm word and his joining, unread.
  { name: 'home: what is new', who: 'ada', reach: async (p) => {
    await spaceAsked('ben', 'now', 'A quiet evening with a book, then I am all yours.');
    await p.goto('/');
    await p.getByRole('list', { name: `What is new with ${ben.name}` }).getByRole('link', { name: /would like some time to themselves now, new$/ }).waitFor();
    await p.getByRole('button', { name: 'Mark all as seen' }).waitFor();
  } },
  { name: 'journal', who: 'ada', reach: async (p) => {
    await p.goto('/journal');
    await p.getByRole('list', { name: 'Your entries' }).waitFor();
  } },
  { name: 'an entry', who: 'ada', reach: async (p) => {
    await p.goto(`/journal/${entryId}`);
    await p.locator('#who-sees').waitFor();
  } },
  { name: 'invite', who: 'ada', reach: async (p) => {
    await p.goto('/invite');
    await p.getByRole('button', { name: 'Make a code' }).waitFor();
  } },
  { name: 'join', who: 'ada', reach: async (p) => {
    await p.goto('/join');
    await h1(p).filter({ hasText: 'Join with a code' }).waitFor();
  } },
  { name: 'bond page', who: 'ada', reach: async (p) => {
    await p.goto(`/bonds/${bondId}`);
    await p.getByRole('region', { name: 'Warm words' }).waitFor();
  } },
  // Time alone, from each side: Ada's own wish waiting, and Ben's with the gentle replies.
  ...['ada', 'ben'].map((who) => ({ name: `bond page: time to yourselves (${who})`, who, reach: async (p) => {
    await spaceAsked('ada', 'tomorrow', 'A long walk on my own in the morning, back for lunch together.');
    await spaceAsked('ben', 'now', 'A quiet evening with a book, then I am all yours.');
    await p.goto(`/bonds/${bondId}`);
    const list = p.getByRole('list', { name: 'Wishes for time alone' });
    await list.getByRole('listitem').nth(1).waitFor();
    await list.getByRole('button', { name: 'Enjoy it' }).waitFor();
    await p.getByRole('group', { name: `Quick words for ${who === 'ada' ? ben.name : ada.name}` }).getByRole('button', { name: 'I’d like some time to myself' }).click();
    await p.getByRole('group', { name: 'When?' }).waitFor();
  } })),
  { name: 'check-in chooser', who: 'ada', reach: async (p) => {
    await p.goto('/checkin');
    await p.getByRole('link', { name: `Check in with ${ben.name}` }).waitFor();
  } },
  // The flow's steps come before Ada has checked in; the wait and the reveal after.
  ...[1, 2, 3, 4, 5, 6, 7].map((n) => ({ name: `check-in step ${n}`, who: 'ada', reach: (p) => atStep(p, n) })),
  { name: 'check-in: waiting', who: 'ada', reach: async (p) => {
    await checkedIn('ada', ['taken_for_granted', 'heavy_hearted', 'disconnected']);
    await p.goto(checkinPath());
    await h1(p).filter({ hasText: 'Your check-in is in' }).waitFor();
  } },
  { name: 'check-in: reveal', who: 'ada', reach: async (p) => {
    await checkedIn('ada', ['taken_for_granted', 'heavy_hearted', 'disconnected']);
    await checkedIn('ben', ['unappreciated', 'misunderstood', 'overwhelmed']);
    await p.goto(checkinPath());
    await p.locator('.reveal').waitFor();
    // Both would like to be closer than they feel: the reveal says a gentle word about it.
    await p.locator('.reveal .reflection').filter({ hasText: `You and ${ben.name} would both like to be closer` }).waitFor();
  } },
  { name: 'settings', who: 'ada', reach: async (p) => {
    await p.goto('/settings');
    await p.getByRole('heading', { name: 'Change your password' }).waitFor();
  } },
  { name: 'your data', who: 'ada', reach: async (p) => {
    await p.goto('/settings/data');
    await p.getByRole('button', { name: 'Delete my account…' }).click();
    await p.getByLabel('Your password').waitFor();
  } },
  { name: 'devices', who: 'ada', reach: async (p) => {
    await p.goto('/sessions');
    await p.getByRole('list', { name: 'Signed-in devices' }).waitFor();
  } },
  { name: 'more', who: 'ada', reach: async (p) => {
    await p.goto('/more');
    await p.getByRole('button', { name: 'Sign out' }).waitFor();
  } },
  { name: 'not found', who: 'ada', reach: async (p) => {
    await p.goto('/no/such/place');
    await h1(p).filter({ hasText: 'Nothing here' }).waitFor();
  } },
  { name: 'welcome', who: 'visitor', reach: async (p) => {
    await p.goto('/');
    await p.getByRole('heading', { name: 'How the two of you begin' }).waitFor();
  } },
  { name: 'first steps', who: 'ada', reach: async (p) => {
    await p.goto('/start');
    await p.getByRole('link', { name: 'I have a code' }).waitFor();
  } },
  { name: 'first steps: invite', who: 'ada', reach: async (p) => {
    await p.goto('/start/invite');
    await p.getByRole('button', { name: 'Make a code' }).waitFor();
  } },
  { name: 'history: a month', who: 'ada', reach: async (p) => {
    await checkedIn('ada', ['taken_for_granted', 'heavy_hearted', 'disconnected']);
    await checkedIn('ben', ['unappreciated', 'misunderstood', 'overwhelmed']);
    await p.goto(`/bonds/${bondId}/history`);
    await p.locator('.calendar[aria-busy="false"] .calendar__day--together').waitFor();
  } },
  { name: 'history: a past reveal', who: 'ada', reach: async (p) => {
    await checkedIn('ada', ['taken_for_granted', 'heavy_hearted', 'disconnected']);
    await checkedIn('ben', ['unappreciated', 'misunderstood', 'overwhelmed']);
    await p.goto(`/bonds/${bondId}/history/${await today('ada')}`);
    await p.locator('.reveal').waitFor();
  } },
  { name: 'history: a day of one’s own', who: 'ada', reach: async (p) => {
    // The day before the server's: a check-in may be dated a day either side of it.
    const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const path = `/api/v1/bonds/${bondId}/checkins/${day}`;
    if (!(await callAs('ada', 'GET', path)).body.mine) {
      const saved = await callAs('ada', 'PUT', path, {
        feelings: [{ word: 'homesick', intensity: 3 }],
        closeness_now: 4,
        closeness_wanted: 5,
        need: 'space',
        own_minutes: 60,
        together_minutes: 15,
        guess: { family: 'calm', closeness_now: 4 },
      });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
    }
    await p.goto(`/bonds/${bondId}/history/${day}`);
    await p.getByText('Only your own answers are here').waitFor();
  } },
  // Insights: the bond's (one day both answered so far: the latest day, the cards waiting for
  // more), a shorter window from Ben's side, and "Just for you".
  { name: 'insights', who: 'ada', reach: async (p) => {
    await checkedIn('ada', ['taken_for_granted', 'heavy_hearted', 'disconnected']);
    await checkedIn('ben', ['unappreciated', 'misunderstood', 'overwhelmed']);
    await p.goto(`/bonds/${bondId}/insights`);
    await p.getByRole('region', { name: /^Most recently, on / }).waitFor();
    await p.getByRole('region', { name: catalog.insights.bond.needs.title }).waitFor();
  } },
  { name: 'insights: a week, from Ben’s side', who: 'ben', reach: async (p) => {
    await p.goto(`/bonds/${bondId}/insights?days=7`);
    await p.getByRole('radio', { name: 'A week' }).and(p.locator(':checked')).waitFor();
    await p.getByRole('region', { name: catalog.insights.bond.needs.title }).waitFor();
  } },
  { name: 'your own patterns', who: 'ada', reach: async (p) => {
    await p.goto('/insights/me');
    await p.getByRole('region', { name: catalog.insights.self.mind_reading.title }).waitFor();
  } },
  // "Just for you" and the two needs: the questionnaire (a first time, then its last statement),
  // Ada's results (two, so the chart and its table), and the bond's view with both shown.
  { name: 'just for you', who: 'ada', reach: async (p) => {
    await p.goto('/me');
    await p.getByRole('region', { name: 'Your own patterns' }).waitFor();
  } },
  { name: 'two needs: the first statement', who: 'ben', reach: async (p) => {
    await p.goto('/me/needs/take');
    await p.getByRole('group', { name: catalog.needs.items[0].text }).waitFor();
  } },
  { name: 'two needs: a result over time', who: 'ada', reach: async (p) => {
    await needsTaken('ada', 2);
    await p.goto('/me/needs');
    await p.getByRole('table', { name: /Each time you answered/ }).waitFor();
    await p.locator('.needs-chart canvas').first().waitFor();
  } },
  { name: 'two needs: retaking, the last statement', who: 'ada', reach: async (p) => {
    await needsTaken('ada', 1);
    await p.goto('/me/needs/take');
    for (let i = 1; i < catalog.needs.items.length; i++) await p.getByRole('button', { name: 'Next' }).click();
    await p.getByRole('button', { name: 'See my two needs' }).waitFor();
  } },
  { name: 'two needs: side by side', who: 'ben', reach: async (p) => {
    await needsTaken('ada', 1);
    await needsTaken('ben', 1);
    for (const who of ['ada', 'ben']) assert.equal((await callAs(who, 'PUT', `/api/v1/bonds/${bondId}/needs`, { shown: true })).status, 200);
    await p.goto(`/bonds/${bondId}/needs`);
    await p.getByRole('region', { name: 'How your needs meet' }).waitFor();
  } },
  // Reflections: Ben's question waiting for an answer; Ada's answered, with an earlier one below.
  { name: 'reflections: a question', who: 'ben', reach: async (p) => {
    await p.goto('/me/reflections');
    await p.getByLabel('Your answer, for you alone').waitFor();
  } },
  { name: 'reflections: answered, and earlier ones', who: 'ada', reach: async (p) => {
    await reflectionsAnswered();
    await p.goto('/me/reflections');
    await p.locator('#reflection-kept').waitFor();
    await p.getByRole('list', { name: 'Your earlier reflections' }).getByRole('listitem').nth(1).waitFor();
  } },
  // Time of one's own: Ada's log with a few pieces, and one of them being changed.
  { name: 'time of your own', who: 'ada', reach: async (p) => {
    await piecesNoted();
    await p.goto('/me/own-time');
    await p.getByRole('list', { name: 'Your time, day by day' }).locator('.piece').nth(2).waitFor();
  } },
  { name: 'time of your own: changing a piece', who: 'ada', reach: async (p) => {
    await piecesNoted();
    await p.goto('/me/own-time');
    await p.locator('.piece').first().getByRole('button', { name: /^Edit / }).click();
    await p.getByRole('form', { name: /^Change / }).getByRole('button', { name: 'Save changes' }).waitFor();
  } },
  // The journey: a high from Ben and a low of Ada's own, then the form to add one.
  { name: 'journey', who: 'ada', reach: async (p) => {
    await momentsAdded();
    await p.goto(`/bonds/${bondId}/journey`);
    await p.getByRole('heading', { name: 'Our first long walk by the river, talking until the light went' }).waitFor();
  } },
  { name: 'journey: adding a moment', who: 'ben', reach: async (p) => {
    await momentsAdded();
    await p.goto(`/bonds/${bondId}/journey`);
    await p.getByRole('button', { name: 'Add a moment' }).click();
    await p.getByRole('form', { name: 'Add to your journey' }).waitFor();
  } },
  // Last, since it makes Ada a second bond: Cy uses the code on her screen, and it moves on.
  { name: 'invite: after the code was used', who: 'ada', reach: async (p) => {
    await p.goto('/invite');
    await p.getByRole('button', { name: 'Make a code' }).click();
    const code = (await p.locator('#invite-code').textContent()).trim();
    await p.waitForTimeout(600); // the live connection is open (a local handshake takes far less)
    if (!h.people.cy) await h.openPerson('cy');
    const cyApi = await h.register('cy', cy);
    assert.equal((await cyApi.call('POST', `/api/v1/invites/${code}/accept`)).status, 201);
    await p.waitForURL(/\/bonds\/[^/]+$/);
    await h1(p).filter({ hasText: `You and ${cy.name}` }).waitFor();
    await p.locator('.toast').filter({ hasText: `${cy.name} accepted your invitation.` }).waitFor();
  } },
];

/** No name runs into the word after it ("Ben OkaforPartner"), on the screen or in a link or button. */
async function assertNamesApart(p, screen) {
  const texts = await p.evaluate(() => {
    const main = document.querySelector('main');
    return [main.innerText, ...[...main.querySelectorAll('a, button, h2, h3')].map((e) => e.textContent)];
  });
  for (const text of texts) assert.doesNotMatch(text, /(Lindqvist|Okafor)[A-Za-z]/, `${screen}: a name runs on in “${text.slice(0, 80)}”`);
}

const boxOf = (el) => {
  const r = el.getBoundingClientRect();
  return { x: r.x, y: r.y, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
};
const overlaps = (a, b) => a.x < b.right - 0.5 && b.x < a.right - 0.5 && a.y < b.bottom - 0.5 && b.y < a.bottom - 0.5;

/**
 * No notice card lies over the heading, the header, or any button or link-button on the screen
 * (nor over anything matching `also`).
 */
async function assertNoticesClear(p, where, also = '') {
  const { toasts, targets } = await p.evaluate((also) => {
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
    };
    const shown = (r) => r.width > 0 && r.height > 0 && r.bottom > 0 && r.y < window.innerHeight;
    const toasts = [...document.querySelectorAll('.toast')].map(box);
    const targets = [...document.querySelectorAll(`main h1, .site-header, button, a.button, nav a${also ? `, ${also}` : ''}`)]
      .filter((el) => !el.closest('.toasts'))
      .map((el) => ({ what: `${el.tagName.toLowerCase()} “${el.textContent.trim().slice(0, 40)}”`, box: box(el) }))
      .filter((t) => shown(t.box));
    return { toasts, targets };
  }, also);
  assert.ok(toasts.length > 0, `${where}: a notice is shown`);
  for (const toast of toasts) {
    const covered = targets.filter((t) => overlaps(toast, t.box)).map((t) => t.what);
    assert.deepEqual(covered, [], `${where}: a notice covers these`);
  }
}

before(async () => {
  await h.start();
  catalog = await (await fetch(`${h.server.url}/api/v1/catalog`)).json();
}, { timeout: 60_000 });
after(h.stop, { timeout: 30_000 });

test('Ada and Ben sign up, and bond with a code', { timeout: TEST_TIMEOUT }, async () => {
  for (const [who, person] of [['ada', ada], ['ben', ben]]) {
    const p = await h.openPerson(who);
    await p.goto('/signup');
    await fillSignUp(p, person);
    await p.waitForURL((url) => url.pathname === '/start');
    await h1(p).filter({ hasText: `Welcome, ${person.name}` }).waitFor();
  }
  await h.openPerson('visitor');

  // Ada finds Invite under More, and makes a partner code.
  const a = page('ada');
  await nav(a).getByRole('link', { name: 'More' }).click();
  await a.getByRole('link', { name: 'Invite someone' }).click();
  await a.waitForURL('**/invite');
  await a.getByRole('radio', { name: /^Partner/ }).check();
  await a.getByRole('button', { name: 'Make a code' }).click();
  const code = (await a.locator('#invite-code').textContent()).trim();

  // Ben finds Join under More, and enters it.
  const b = page('ben');
  await nav(b).getByRole('link', { name: 'More' }).click();
  await b.getByRole('link', { name: 'Join with a code' }).click();
  await b.getByRole('textbox', { name: 'Code', exact: true }).fill(code);
  await b.getByRole('button', { name: 'Join', exact: true }).click();
  await b.waitForURL(/\/bonds\/[^/]+$/);
  bondId = new URL(b.url()).pathname.split('/')[2];
  await liveRegion(b).filter({ hasText: `You and ${ada.name} are now joined as partners.` }).waitFor();

  // What the walk needs: an entry of Ada's, and affection in her check-ins.
  const entry = await callAs('ada', 'POST', '/api/v1/entries', {
    kind: 'hurt',
    feelings: [{ word: 'taken_for_granted', intensity: 4 }],
    body: `When my plans were brushed aside at dinner I went quiet. (${run})`,
  });
  assert.equal(entry.status, 201, JSON.stringify(entry.body));
  entryId = entry.body.entry.id;
  assert.equal((await callAs('ada', 'PATCH', '/api/v1/me', { track_affection: true })).status, 200);
});

test('on a phone: four tabs at the bottom, a short header, and Check in leads to the one bond', { timeout: TEST_TIMEOUT }, async () => {
  const a = page('ada');
  await a.goto('/');
  await h1(a).filter({ hasText: `Hello, ${ada.name}` }).waitFor();
  const tabs = nav(a);
  assert.equal(await tabs.count(), 1, 'one main navigation is shown');
  assert.deepEqual(await tabs.locator('.tabbar__label').allTextContents(), ['Home', 'Journal', 'Check in', 'More']);
  const bar = await tabs.boundingBox();
  assert.ok(Math.abs(bar.y + bar.height - PHONE.height) < 1, `the tab bar sits at the bottom (${bar.y + bar.height})`);
  for (const link of await tabs.getByRole('link').all()) {
    const box = await link.boundingBox();
    assert.ok(box.height >= 44 && box.width >= 44, `${await link.textContent()}: a ${box.width} x ${box.height} target`);
    assert.equal(await link.locator('svg').count(), 1, 'each tab has its icon');
  }
  assert.equal(await tabs.getByRole('link', { name: 'Home' }).getAttribute('aria-current'), 'page');
  const header = await a.locator('header.site-header').boundingBox();
  assert.ok(header.height < 80, `the header is ${header.height} px tall`);
  assert.equal(await a.getByRole('link', { name: 'Settings' }).count(), 0, 'the top bar is not shown on a phone');

  // Nothing hides under the tab bar: the end of the page scrolls clear of it. (At once: the page
  // scrolls smoothly, and under load a smooth scroll may not have ended when the footer is measured.)
  await a.evaluate(() => window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'instant' }));
  const footer = await a.locator('.site-footer p').boundingBox();
  assert.ok(footer.y + footer.height <= bar.y, 'the footer ends above the tab bar');

  // One active bond: Check in goes straight to it.
  await tabs.getByRole('link', { name: 'Check in' }).click();
  await a.waitForURL(`**${checkinPath()}`);
  await question(a).filter({ hasText: 'How are you feeling today?' }).waitFor();
  assert.equal(await tabs.getByRole('link', { name: 'Check in' }).getAttribute('aria-current'), 'page');
  assert.equal(await tabs.getByRole('link', { name: 'Home' }).getAttribute('aria-current'), null);

  // More holds the rest; Devices is found in Settings.
  await tabs.getByRole('link', { name: 'More' }).click();
  await h1(a).filter({ hasText: 'More' }).waitFor();
  for (const name of [/^Just for you/, 'Invite someone', 'Join with a code', 'Settings']) await a.getByRole('link', { name }).waitFor();
  await a.getByRole('button', { name: 'Sign out' }).waitFor();
  assert.equal(await a.getByRole('link', { name: 'Devices', exact: true }).count(), 0, 'Devices is not a place of its own here');
  await a.getByRole('link', { name: 'Settings' }).click();
  await a.getByRole('region', { name: 'Devices' }).getByRole('link', { name: 'your devices' }).click();
  await a.waitForURL('**/sessions');
  assert.equal(await tabs.getByRole('link', { name: 'More' }).getAttribute('aria-current'), 'page');
});

test('the strength of the last word in the list opens beside it, in view, and is announced', { timeout: TEST_TIMEOUT }, async () => {
  const a = page('ada');
  await atStep(a, 1);
  const family = catalog.feelings.families.at(-1);
  const word = family.words.at(-1);
  await flow(a).locator('summary').filter({ hasText: family.name }).click();
  await flow(a).locator(`label[for="checkin-feelings-w-${word.id}"]`).click();
  const strength = flow(a).getByRole('group', { name: `How strong is “${word.name}”?` });
  await strength.waitFor();

  // In view: below the top of the window, above the sticky Back and Next and the tab bar.
  await a.waitForFunction(
    () => {
      const group = document.querySelector('.strength');
      const limit = Math.min(
        window.innerHeight,
        document.querySelector('.flow__actions').getBoundingClientRect().y,
        document.querySelector('nav.tabbar').getBoundingClientRect().y,
      );
      const r = group.getBoundingClientRect();
      return r.y >= 0 && r.bottom <= limit;
    },
    null,
    { timeout: 5000 },
  );
  assert.equal(await strength.getByRole('radio', { name: /^3\b/ }).isChecked(), true, 'it starts in the middle');

  // Said aloud, and next in the keyboard's order after the word.
  await a.locator('p[aria-live="polite"]').filter({ hasText: `Strength for ${word.name}: clearly (3 of 5)` }).waitFor();
  await flow(a).getByRole('checkbox', { name: word.name, exact: true }).focus();
  await a.keyboard.press('Tab');
  await assertFocus(a, () => document.activeElement?.closest('fieldset')?.querySelector('legend')?.textContent, `How strong is “${word.name}”?`);
  await a.keyboard.press('ArrowRight');
  await a.keyboard.press('ArrowRight');
  assert.equal(await strength.getByRole('radio', { name: /^5\b/ }).isChecked(), true);
  await flow(a).getByRole('list', { name: 'Chosen' }).getByText('overwhelmingly (5 of 5)').waitFor();
  await flow(a).getByRole('button', { name: `Remove “${word.name}”` }).click();
  await strength.waitFor({ state: 'detached' });
  await a.locator('p[aria-live="polite"]').filter({ hasText: `Removed ${word.name}.` }).waitFor();
});

test('notices keep clear of headings and buttons, stay to be read, and can be opened again', { timeout: TEST_TIMEOUT }, async () => {
  const a = page('ada');
  // In the check-in, Back and Next stick to the bottom: a notice rises above them.
  await atStep(a, 1);
  // Ben sends a word of thanks; Ada hears of it once her live connection is up (asked again until then).
  const warmth = a.locator('.toast').filter({ hasText: `${ben.name} sent you some warmth.` });
  for (let tries = 0; tries < 5 && !(await warmth.isVisible()); tries++) {
    assert.equal((await callAs('ben', 'POST', `/api/v1/bonds/${bondId}/appreciations`, { kind: 'thanks' })).status, 201);
    await warmth.first().waitFor({ timeout: 2000 }).catch(() => {});
  }
  await warmth.first().waitFor();
  await assertNoticesClear(a, 'check-in');

  // On the invite screen, after making and copying a code. (Through the app's own links: the list
  // of recent notices lives as long as the page.)
  await nav(a).getByRole('link', { name: 'More' }).click();
  await a.getByRole('link', { name: 'Invite someone' }).click();
  await a.getByRole('button', { name: 'Make a code' }).click();
  await a.getByRole('button', { name: 'Copy code' }).click();
  const copied = a.locator('.toast').filter({ hasText: 'Code copied.' });
  await copied.waitFor();
  const shownAt = Date.now();
  await assertNoticesClear(a, 'invite');

  // Long enough to read: still there after six and a half seconds...
  await a.waitForTimeout(Math.max(0, 6500 - (Date.now() - shownAt)));
  assert.equal(await copied.isVisible(), true, 'still shown after 6.5 s');
  // ...and while focus rests on it, past its eight seconds.
  const dismiss = copied.getByRole('button', { name: 'Dismiss: Code copied.' });
  await dismiss.focus();
  await a.waitForTimeout(Math.max(0, 9500 - (Date.now() - shownAt)));
  assert.equal(await copied.isVisible(), true, 'still shown while it has focus');
  await a.keyboard.press('Enter');
  await copied.waitFor({ state: 'detached' });
  await assertFocus(a, () => document.activeElement?.tagName, 'H1', 'focus goes back to the heading');

  // What was said can be opened again from the header.
  const opener = a.getByRole('button', { name: 'Recent notices' });
  await opener.click();
  assert.equal(await opener.getAttribute('aria-expanded'), 'true');
  const list = a.locator('#recent-notices').getByRole('list', { name: 'Recent notices' });
  await list.getByText('Code copied.').waitFor();
  await list.getByText(`${ben.name} sent you some warmth.`).waitFor();
  assert.equal(await a.getByRole('heading', { name: 'Recent notices' }).count(), 1);
  await a.keyboard.press('Escape');
  await list.waitFor({ state: 'detached' });
  await assertFocus(a, () => document.activeElement?.getAttribute('aria-controls'), 'recent-notices');
});

test('one “I love you” button per screen; a choice made in advance does not look pressed', { timeout: TEST_TIMEOUT }, async () => {
  const a = page('ada');
  for (const path of ['/', `/bonds/${bondId}`]) {
    await a.goto(path);
    await a.getByRole('group', { name: `Quick words for ${ben.name}` }).waitFor();
    assert.equal(await a.getByRole('button', { name: 'I love you' }).count(), 1, `${path}: one “I love you” button`);
    assert.equal(await a.getByRole('radio', { name: 'I love you' }).count(), 0, `${path}: and no “I love you” choice beside it`);
  }
  // "Thank you" is chosen before anyone touches it: a tint and a tick, not the main button's fill.
  const warm = a.getByRole('region', { name: 'Warm words' });
  const chosen = warm.getByRole('radio', { name: 'Thank you' });
  assert.equal(await chosen.isChecked(), true);
  const look = await warm.evaluate((section) => {
    const label = section.querySelector('.pill__input:checked + .pill__label');
    const send = section.querySelector('button[type="submit"]');
    return {
      chosen: getComputedStyle(label).backgroundColor,
      main: getComputedStyle(send).backgroundColor,
      tick: getComputedStyle(label, '::before').content,
    };
  });
  assert.notEqual(look.chosen, look.main, 'the chosen pill is not filled like the main button');
  assert.notEqual(look.tick, 'none', 'the chosen pill carries a tick');
});

test('every screen fits at 390 and 320 pixels and passes axe in light and dark', { timeout: 280_000 }, async () => {
  for (const screen of screens) {
    const p = page(screen.who);
    await p.setViewportSize(PHONE);
    await screen.reach(p);
    await assertFitsWidth(p, `${screen.name} at 390`);
    await assertNamesApart(p, screen.name);
    await p.setViewportSize(NARROW);
    await assertFitsWidth(p, `${screen.name} at 320`);
    await p.setViewportSize(PHONE);
    await assertAccessible(p, screen.name);
    await p.emulateMedia({ colorScheme: 'dark' });
    await assertAccessible(p, `${screen.name} (dark)`);
    await p.emulateMedia({ colorScheme: 'light' });
  }
});

test('the reveal keeps each feeling inside its card, with large closeness pictures', { timeout: TEST_TIMEOUT }, async () => {
  const a = page('ada');
  await screens.find((s) => s.name === 'check-in: reveal').reach(a);
  for (const size of [PHONE, NARROW]) {
    await a.setViewportSize(size);
    const sides = await a.locator('.pair__side').evaluateAll((els) =>
      els.map((side) => {
        const s = side.getBoundingClientRect();
        const chips = [...side.querySelectorAll('.feeling-chip')].map((c) => c.getBoundingClientRect());
        return { side: { x: s.x, right: s.right }, chips: chips.map((c) => ({ x: c.x, right: c.right })) };
      }),
    );
    const chips = sides.flatMap((s) => s.chips.map((c) => ({ ...c, side: s.side })));
    assert.equal(chips.length, 6, 'three feelings on each side');
    for (const c of chips) {
      assert.ok(c.x >= c.side.x - 0.5 && c.right <= c.side.right + 0.5, `at ${size.width}: a feeling (${c.x}–${c.right}) leaves its card (${c.side.x}–${c.side.right})`);
    }
    assert.ok(sides.every((s) => s.side.right <= size.width), `at ${size.width}: the cards fit the screen`);
  }
  // On a desktop the two stand side by side.
  await a.setViewportSize({ width: 1280, height: 800 });
  const [mine, theirs] = await a.getByRole('region', { name: 'Feelings' }).locator('.pair__side').all();
  const [m, t] = [await mine.boundingBox(), await theirs.boundingBox()];
  assert.ok(t.x >= m.x + m.width && Math.abs(t.y - m.y) < 1, 'side by side at 1280');
  await a.setViewportSize(PHONE);
  const pictures = a.getByRole('region', { name: 'Closeness, now and wished for' }).getByRole('img');
  assert.equal(await pictures.count(), 4);
  for (const picture of await pictures.all()) {
    const box = await picture.boundingBox();
    assert.ok(box.width >= 150, `a closeness picture is ${box.width} px wide`);
  }
});

test('on a desktop the journal’s words and feelings stand side by side, and notices keep to the corner', { timeout: TEST_TIMEOUT }, async () => {
  const a = page('ada');
  await a.setViewportSize({ width: 1280, height: 800 });
  await a.goto('/journal');
  const form = a.getByRole('form', { name: 'Keep this entry' });
  await form.waitFor();
  assert.equal(await nav(a).getByRole('link').count(), 6, 'the top bar, not the tabs');
  assert.equal(await a.locator('nav.tabbar').isVisible(), false);
  const words = await form.getByLabel('In your own words').boundingBox();
  const feelings = await form.getByRole('group', { name: 'How does it feel?' }).boundingBox();
  assert.ok(feelings.x >= words.x + words.width, 'the feelings stand to the right of the words');
  assert.ok(feelings.y < words.y + words.height && words.y < feelings.y + feelings.height, 'at the same height');
  assert.ok((await form.boundingBox()).width > 900, 'the form uses the width of the screen');

  // A notice sits in the bottom-right corner, clear of a one-column screen's content.
  await nav(a).getByRole('link', { name: 'Invite' }).click();
  await a.getByRole('button', { name: 'Make a code' }).click();
  await a.getByRole('button', { name: 'Copy code' }).click();
  await a.locator('.toast').filter({ hasText: 'Code copied.' }).waitFor();
  await assertNoticesClear(a, 'invite at 1280', 'main > *');
  await nav(a).getByRole('link', { name: 'Journal' }).click();
  await form.waitFor();

  await a.setViewportSize(PHONE);
  const wordsPhone = await form.getByLabel('In your own words').boundingBox();
  const feelingsPhone = await form.getByRole('group', { name: 'How does it feel?' }).boundingBox();
  assert.ok(wordsPhone.y + wordsPhone.height <= feelingsPhone.y, 'on a phone the words come before the feelings');
});

test('a device signed out by a password change elsewhere says why', { timeout: TEST_TIMEOUT }, async () => {
  // Ada is signed in on a second device too.
  const other = await h.openPerson('ada-elsewhere');
  const socket = other.waitForEvent('websocket');
  const login = await h.people['ada-elsewhere'].context.request.post('/api/v1/auth/login', {
    data: { email: ada.email, password: ada.password },
    headers: { Origin: h.server.url },
  });
  assert.equal(login.status(), 200);
  await other.goto('/journal');
  await h1(other).filter({ hasText: 'Your journal' }).waitFor();
  await socket;
  await other.waitForTimeout(500); // the live connection is open (a local handshake takes far less)

  // She changes her password on the first.
  const a = page('ada');
  const newPassword = 'lantern quiet harbour 24';
  await a.goto('/settings');
  await a.getByLabel('Current password').fill(ada.password);
  await a.getByLabel('New password').fill(newPassword);
  await a.getByRole('button', { name: 'Change password' }).click();
  await liveRegion(a).filter({ hasText: 'Your password is changed.' }).waitFor();

  // The second device finds out by itself, and says why it is asking her to sign in.
  await h1(other).filter({ hasText: 'Welcome back' }).waitFor({ timeout: STEP_TIMEOUT * 2 });
  const note = other.getByText('You were signed out, perhaps because the password was changed on another device. Please sign in again.');
  await note.waitFor();
  await assertAccessible(other, 'sign in (signed out elsewhere)');
  await other.getByLabel('Email').fill(ada.email);
  await other.getByLabel('Password', { exact: true }).fill(newPassword);
  await other.getByRole('button', { name: 'Sign in' }).click();
  await h1(other).filter({ hasText: 'Your journal' }).waitFor();
  assert.equal(await note.count(), 0);
});

test('no console errors or CSP violations happened', { timeout: TEST_TIMEOUT }, async () => {
  assert.deepEqual(h.unexpectedConsoleErrors(), []);
});

// End-to-end: everyday use on a phone (390 x 844). Ada and Ben sign up on the screens and bond with
// a partner code. Then:
// - Home says what is new: Ben's doings become Ada's notices, grouped per bond, open requests first,
//   marked "new" on screen and to screen readers, counted on Home's tab ("Home, 2 new"), refreshed
//   live; opening an item marks it seen, "Mark all as seen" clears the rest; nobody's own actions
//   become notices of their own, and Ben's side stays empty until Ada does something;
// - asking for time to oneself: Ada asks from the bond page (when, a note), Ben sees it live with
//   three gentle replies, answers, and Ada sees the reply, on the bond page and in what is new;
// - a shared entry offers only the responses that fit it: no "So glad for you" beside a hurt;
// - the reveal says one gentle word on how the answers meet, from each side, with the other's name;
// - affection ticks: with only Ada tracking, neither reveal shows a tick or any hint of them; once
//   Ben turns it on too, both see both.
// Any console error or CSP violation fails the run.
//
// Run from the repository root after building the server and `npm run build` in web/:
//   node --test tests/e2e/everyday.test.mjs

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_TIMEOUT, assertAccessible, callIn, createHarness, fillSignUp, h1, liveRegion, nav, assertFocus } from './lib/harness.mjs';

const h = createHarness();
const run = Date.now().toString(36);
const ada = { name: 'Ada Lindqvist', email: `ada.everyday.${run}@example.test`, password: 'quiet harbour lantern 42' };
const ben = { name: 'Ben Okafor', email: `ben.everyday.${run}@example.test`, password: 'orchard kettle meadow 17' };

let catalog;
let bondId = '';
let hurtEntryId = '';
const page = (who) => h.people[who].page;

/** Calls the API from inside `who`'s signed-in page. */
const callAs = (who, method, path, data) => callIn(page(who), method, path, data);

const noticesOf = async (who) => {
  const r = await callAs(who, 'GET', '/api/v1/notices');
  assert.equal(r.status, 200);
  return r.body;
};

/** Writes an entry for `who` and shares it into the bond; resolves to its id. */
async function shareEntry(who, kind, word, body) {
  const made = await callAs(who, 'POST', '/api/v1/entries', { kind, feelings: [{ word, intensity: 3 }], body });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const id = made.body.entry.id;
  const shared = await callAs(who, 'POST', `/api/v1/entries/${id}/shares`, { bond_id: bondId });
  assert.ok(shared.status < 300, JSON.stringify(shared.body));
  return id;
}

/** A day on the person's own calendar, `back` days ago, as the check-in screens count it. */
const localDay = (who, back = 0) =>
  page(who).evaluate((back) => {
    const d = new Date(Date.now() - back * 86_400_000);
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }, back);

async function checkIn(who, day, answers) {
  const saved = await callAs(who, 'PUT', `/api/v1/bonds/${bondId}/checkins/${day}`, {
    feelings: [{ word: 'calm', intensity: 3 }],
    own_minutes: 30,
    together_minutes: 60,
    guess: { family: 'calm', closeness_now: 4 },
    ...answers,
  });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
}

const homeTab = (p) => nav(p).getByRole('link', { name: /^Home/ });
const newsOf = (p, name) => p.getByRole('list', { name: `What is new with ${name}` });

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
    await nav(p).waitFor();
  }
  const a = page('ada');
  await a.goto('/invite');
  await a.getByRole('radio', { name: /^Partner/ }).check();
  await a.getByRole('button', { name: 'Make a code' }).click();
  const code = (await a.locator('#invite-code').textContent()).trim();
  // Ada goes about her day: she hears of Ben joining on Home, not on the invite page (which moves
  // on to the bond, and so counts the news as seen).
  await a.goto('/');
  await h1(a).filter({ hasText: `Hello, ${ada.name}` }).waitFor();

  const b = page('ben');
  await b.goto('/join');
  await b.getByRole('textbox', { name: 'Code', exact: true }).fill(code);
  await b.getByRole('button', { name: 'Join', exact: true }).click();
  for (let tries = 0; !bondId && tries < 50; tries++) {
    const bonds = (await callAs('ben', 'GET', '/api/v1/bonds')).body.bonds;
    if (bonds.length) bondId = bonds[0].id;
    else await b.waitForTimeout(100);
  }
  assert.ok(bondId, 'the bond is made');
});

test('Home says what is new, per bond, with the count on Home’s tab; seen when opened or all at once', { timeout: TEST_TIMEOUT * 2 }, async () => {
  const a = page('ada');
  const b = page('ben');

  // Ben joining told Ada; Ben's own joining told Ben nothing.
  await a.goto('/');
  await h1(a).filter({ hasText: `Hello, ${ada.name}` }).waitFor();
  const adaNews = newsOf(a, ben.name);
  await adaNews.getByRole('link', { name: `${ben.name} accepted your invitation, so you are connected now, new` }).waitFor();
  await homeTab(a).and(a.getByRole('link', { name: 'Home, 1 new', exact: true })).waitFor();
  assert.equal(await a.locator('.tabbar .count').textContent(), '1', 'the count is drawn on the tab');
  await assertAccessible(a, 'home (what is new)');

  await b.goto('/');
  await h1(b).filter({ hasText: `Hello, ${ben.name}` }).waitFor();
  const benNews = b.getByRole('region', { name: 'What’s new' });
  await benNews.getByText('Nothing new.', { exact: false }).waitFor();
  assert.equal(await homeTab(b).getAttribute('aria-label'), null, 'Ben’s Home tab is plainly “Home”');
  assert.equal(await b.getByRole('button', { name: 'Mark all as seen' }).count(), 0);
  assert.deepEqual((await noticesOf('ben')).notices, [], 'joining made no notice for the one who joined');

  // Everything marked as seen at once: the markers go, and the count with them.
  await a.getByRole('button', { name: 'Mark all as seen' }).click();
  await adaNews.getByRole('link', { name: `${ben.name} accepted your invitation, so you are connected now`, exact: true }).waitFor();
  await liveRegion(a).filter({ hasText: 'Everything here is marked as seen.' }).waitFor();
  await assertFocus(a, () => document.activeElement?.id, 'news-heading', 'focus stays in the section');
  assert.equal(await homeTab(a).getAttribute('aria-label'), null);
  assert.equal(await a.locator('.tabbar .count').count(), 0);
  assert.equal((await noticesOf('ada')).unread, 0, 'seen on the server too');
  await a.getByRole('region', { name: 'What’s new' }).getByText('Nothing new since you last looked.').waitFor();

  // Ben shares a hurt, then asks for comfort: both reach Ada's home live, the open call first.
  const hurt = catalog.feelings.families.find((f) => f.id === 'hurt');
  hurtEntryId = await shareEntry('ben', 'hurt', hurt.words[0].id, `I felt brushed aside at dinner. (${run})`);
  await adaNews.getByRole('link', { name: `${ben.name} shared something with you, new` }).waitFor();
  const asked = await callAs('ben', 'POST', `/api/v1/bonds/${bondId}/comfort-requests`, { note: 'A long day.' });
  assert.equal(asked.status, 201);
  const comfortLink = adaNews.getByRole('link', { name: `${ben.name} could use some comfort, new` });
  await comfortLink.waitFor();
  await homeTab(a).and(a.getByRole('link', { name: 'Home, 2 new', exact: true })).waitFor();
  const first = adaNews.getByRole('listitem').first();
  assert.match(await first.textContent(), /could use some comfort/, 'the open call comes first');
  assert.match(await first.getByRole('link').getAttribute('href'), new RegExp(`^/bonds/${bondId}#request-${asked.body.comfort_request.id}$`));
  assert.match(await first.locator('time').textContent(), /just now|minute/);
  assert.equal(await first.getByText('new', { exact: true }).isVisible(), true, 'unread is marked on screen too');

  // Ben's own doings are nothing new to Ben.
  const benSide = await noticesOf('ben');
  assert.deepEqual([benSide.notices.length, benSide.unread], [0, 0], 'Ben’s own share and call made no notice of his');

  // Opening the shared entry marks that one seen, and only that one.
  await adaNews.getByRole('link', { name: `${ben.name} shared something with you, new` }).click();
  await a.waitForURL((url) => url.pathname === `/bonds/${bondId}` && url.hash === `#entry-${hurtEntryId}`);
  await homeTab(a).and(a.getByRole('link', { name: 'Home, 1 new', exact: true })).waitFor();
  await homeTab(a).click();
  await adaNews.getByRole('link', { name: `${ben.name} shared something with you`, exact: true }).waitFor();
  await comfortLink.waitFor();
  const mine = await noticesOf('ada');
  assert.deepEqual(
    mine.notices.filter((n) => !n.seen).map((n) => n.kind),
    ['comfort_requested'],
    'only the call is unread now',
  );

  // Ada answers the call on the bond page. Her answer is Ben's news, not hers: the call stays
  // listed for her, answered, with nothing new added.
  await comfortLink.click();
  await a.waitForURL((url) => url.pathname === `/bonds/${bondId}`);
  const call = a.getByRole('list', { name: 'Calls for comfort' }).getByRole('listitem').filter({ hasText: 'A long day.' });
  await call.getByRole('button', { name: 'I am here for you' }).click();
  await call.getByText('Answered', { exact: true }).waitFor();
  await homeTab(a).click();
  await adaNews.getByRole('link', { name: `${ben.name} asked for comfort, and you answered`, exact: true }).waitFor();
  assert.equal(await homeTab(a).getAttribute('aria-label'), null, 'nothing unread for Ada');
  const after = await noticesOf('ada');
  assert.equal(after.notices.length, mine.notices.length, 'Ada’s answer made no notice of her own');

  await b.goto('/');
  await newsOf(b, ada.name).getByRole('link', { name: `${ada.name} answered when you asked for comfort, new` }).waitFor();
  await homeTab(b).and(b.getByRole('link', { name: 'Home, 1 new', exact: true })).waitFor();
});

test('a kind way to ask for time to yourself, answered gently, the reply seen live', { timeout: TEST_TIMEOUT * 2 }, async () => {
  const a = page('ada');
  const b = page('ben');
  await b.goto(`/bonds/${bondId}`);
  await b.getByRole('region', { name: 'Warm words' }).waitFor();

  await a.goto(`/bonds/${bondId}`);
  const quick = a.getByRole('group', { name: `Quick words for ${ben.name}` });
  const opener = quick.getByRole('button', { name: 'I’d like some time to myself' });
  await opener.click();
  assert.equal(await opener.getAttribute('aria-expanded'), 'true');
  const form = a.getByRole('form', { name: `Ask ${ben.name} for some time to yourself` });
  const when = form.getByRole('group', { name: 'When?' });
  assert.deepEqual(await when.getByRole('radio').evaluateAll((els) => els.map((e) => e.labels[0].textContent.trim())), ['Now', 'Tonight', 'Tomorrow']);
  assert.equal(await when.getByRole('radio', { name: 'Tonight' }).isChecked(), true, 'tonight unless said otherwise');
  await assertFocus(a, () => document.activeElement?.getAttribute('type'), 'radio', 'focus goes to the first question');
  assert.match(await form.textContent(), /not a step away/);
  await assertAccessible(a, 'bond page (asking for time alone)');
  await when.getByText('Tomorrow', { exact: true }).click();
  await form.getByLabel(`Anything you would like ${ben.name} to know? (optional)`).fill('A long walk on my own.');
  await form.getByRole('button', { name: `Let ${ben.name} know` }).click();
  await liveRegion(a).filter({ hasText: `Sent. ${ben.name} knows you’d like some time to yourself.` }).waitFor();
  await form.waitFor({ state: 'detached' });
  await assertFocus(a, () => document.activeElement?.textContent, 'I’d like some time to myself', 'focus back on the button');

  const requests = (await callAs('ada', 'GET', `/api/v1/bonds/${bondId}/space-requests`)).body.space_requests;
  assert.equal(requests.length, 1);
  const id = requests[0].id;
  assert.equal(requests[0].when, 'tomorrow');
  const asker = a.locator(`#request-${id}`);
  await asker.getByText('You’d like some time to yourself tomorrow').waitFor();
  await asker.getByText(`Sent to ${ben.name}. The reply will show here.`).waitFor();
  assert.equal(await asker.getByRole('button').count(), 0, 'no way to answer one’s own');

  // Ben sees it live, with the gentle replies and nothing like a refusal.
  const other = b.locator(`#request-${id}`);
  await other.getByText(`${ada.name} would like some time to themselves tomorrow`).waitFor();
  await other.getByText('A long walk on my own.').waitFor();
  const replies = other.getByRole('group', { name: `Answer ${ada.name}` }).getByRole('button');
  assert.deepEqual(await replies.allTextContents(), ['Enjoy it', 'Of course', 'I’ll be here after']);
  assert.doesNotMatch(await other.textContent(), /\b(no|not now|reject|refuse|decline)\b/i);
  await assertAccessible(b, 'bond page (a wish for time alone)');
  await other.getByLabel('A few words with it (optional)').fill('Take all the time you like.');
  await other.getByRole('button', { name: 'Enjoy it' }).click();
  await other.getByText('You said “Enjoy it”').waitFor();
  await liveRegion(b).filter({ hasText: `Sent. ${ada.name} can enjoy the time with an easy heart.` }).waitFor();

  // Ada sees the reply where she asked, live, and in what is new.
  await asker.getByText(`${ben.name} said “Enjoy it”`).waitFor();
  await asker.getByText('Take all the time you like.').waitFor();
  await homeTab(a).click();
  await newsOf(a, ben.name).getByRole('link', { name: `${ben.name} answered your wish for time to yourself: enjoy it, new` }).waitFor();

  // Ben's news says what he answered, and leads to it.
  await homeTab(b).click();
  const told = newsOf(b, ada.name).getByRole('link', { name: new RegExp(`^${ada.name} asked for some time to themselves tomorrow, and you answered`) });
  await told.waitFor();
  assert.equal(await told.getAttribute('href'), `/bonds/${bondId}#request-${id}`);
});

test('a shared entry offers only the responses that fit it', { timeout: TEST_TIMEOUT }, async () => {
  const a = page('ada');
  const joy = catalog.feelings.families.find((f) => f.id === 'joy');
  const joyfulId = await shareEntry('ben', 'achievement', joy.words[0].id, `I finished the long swim. (${run})`);
  const name = (id) => catalog.response_kinds.find((k) => k.id === id).name;

  await a.goto(`/bonds/${bondId}`);
  const entries = a.getByRole('list', { name: 'Shared entries' });
  const respondTo = (text) =>
    entries.getByRole('listitem').filter({ hasText: text }).getByRole('group', { name: `Respond to ${ben.name}` }).getByRole('button');
  await respondTo('brushed aside').first().waitFor();
  const onHurt = await respondTo('brushed aside').allTextContents();
  assert.ok(!onHurt.includes(name('celebrate')), `no “${name('celebrate')}” beside a hurt: ${onHurt}`);
  assert.ok(onHurt.includes(name('comfort')) && onHurt.includes(name('hear')), `comfort and hearing are offered: ${onHurt}`);
  const onJoy = await respondTo('the long swim').allTextContents();
  assert.ok(onJoy.includes(name('celebrate')), `celebrating a good thing is offered: ${onJoy}`);

  const offered = (await callAs('ada', 'GET', `/api/v1/bonds/${bondId}/entries`)).body.entries;
  for (const [id, shown] of [[hurtEntryId, onHurt], [joyfulId, onJoy]]) {
    const kinds = offered.find((e) => e.id === id).responses_offered;
    assert.deepEqual(shown, catalog.response_kinds.filter((k) => kinds.includes(k.id)).map((k) => k.name), 'exactly what the server offers');
  }
});

test('the reveal says a gentle word; affection ticks show only where both share them, with no hint otherwise', { timeout: TEST_TIMEOUT * 2 }, async () => {
  const a = page('ada');
  const b = page('ben');

  // Ada turns affection on; the setting says plainly who sees what.
  await a.goto('/settings');
  const hint = a.locator('#track-affection-hint');
  assert.match(await hint.textContent(), /shown to you both only when you have both turned this on/);
  assert.match(await hint.textContent(), /nobody is told who has not turned it on/);
  await a.getByRole('checkbox', { name: 'Include affection in my daily check-ins' }).check();
  await liveRegion(a).filter({ hasText: 'Affection is now part of your check-ins as partners.' }).waitFor();

  // Ada would like some room, Ben some closeness. Ada ticks affection; Ben does not track it.
  const today = await localDay('ada');
  await checkIn('ada', today, { closeness_now: 5, closeness_wanted: 3, need: 'space', affection: true, lovemaking: false });
  await checkIn('ben', today, { closeness_now: 3, closeness_wanted: 6, need: 'closeness' });

  const reveal = (p) => p.locator('.reveal');
  await a.goto(`/bonds/${bondId}/checkin`);
  await reveal(a).waitFor();
  assert.equal(
    await reveal(a).locator('.reflection').textContent(),
    `You would like some room today, and ${ben.name} some closeness. Time of your own is not a step away; saying when you will be back can help ${ben.name} rest easy.`,
  );
  await b.goto(`/bonds/${bondId}/checkin`);
  await reveal(b).waitFor();
  assert.match(
    await reveal(b).locator('.reflection').textContent(),
    new RegExp(`^${ada.name} would like some room today, and you some closeness\\. Needing space is not a rejection`),
  );

  // Neither side shows a tick, an empty line, or anything that says who has it off.
  for (const p of [a, b]) {
    assert.equal(await p.getByRole('region', { name: 'Affection' }).count(), 0);
    assert.doesNotMatch(await p.locator('main').innerText(), /affection|made love|nothing ticked|not today|not part of/i);
  }
  await assertAccessible(a, 'reveal (a gentle word)');

  // Ben turns it on too: the same day now shows both sides' ticks to both.
  await b.goto('/settings');
  await b.getByRole('checkbox', { name: 'Include affection in my daily check-ins' }).check();
  await liveRegion(b).filter({ hasText: 'Affection is now part of your check-ins as partners.' }).waitFor();
  const sides = async (p) => {
    await p.goto(`/bonds/${bondId}/checkin`);
    const row = p.getByRole('region', { name: 'Affection' });
    await row.waitFor();
    return (await row.locator('.pair__side').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  };
  assert.deepEqual(await sides(a), ['You Affectionate', `${ben.name} Nothing ticked`]);
  assert.deepEqual(await sides(b), ['You Nothing ticked', `${ada.name} Affectionate`]);

  // And on a day both tick, both see both (the day before, seen with the browsers' clocks set back).
  const yesterday = await localDay('ada', 1);
  await checkIn('ada', yesterday, { closeness_now: 4, closeness_wanted: 5, need: 'closeness', affection: true, lovemaking: true });
  await checkIn('ben', yesterday, { closeness_now: 4, closeness_wanted: 5, need: 'closeness', affection: true, lovemaking: true });
  for (const p of [a, b]) await p.clock.setFixedTime(new Date(Date.now() - 86_400_000));
  assert.deepEqual(await sides(a), ['You Affectionate Made love', `${ben.name} Affectionate Made love`]);
  assert.deepEqual(await sides(b), ['You Affectionate Made love', `${ada.name} Affectionate Made love`]);
  assert.match(await reveal(a).locator('.reflection').textContent(), new RegExp(`^You and ${ben.name} would both like to be closer`));
});

test('no console errors or CSP violations happened', { timeout: TEST_TIMEOUT }, async () => {
  assert.deepEqual(h.unexpectedConsoleErrors(), []);
});

// End-to-end: a real server binary, the built web app, and Debian's chromium.
// Two people sign up in two separate browser contexts; one makes a partner invite, the other
// joins with its code, and both see the bond. Along the way axe-core checks the sign-in, home
// and invite screens, and every console error (CSP violations included) fails the run.
//
// Run from the repository root after `make build` and `npm run build` in web/:
//   node --test tests/e2e/
// PILLARS_BIN overrides the server binary (default build/pillars, relative to the repo root).
// The launcher, the axe check and the console watch live in lib/harness.mjs.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_TIMEOUT, assertAccessible, createHarness, fillSignUp, h1, nav } from './lib/harness.mjs';

const h = createHarness();
const people = h.people;
const expectFailure = h.expectFailure;
const openPerson = h.openPerson;

const run = Date.now().toString(36);
const ada = { name: 'Ada Lindqvist', email: `ada.${run}@example.test`, password: 'quiet harbour lantern 42' };
const ben = { name: 'Ben Okafor', email: `ben.${run}@example.test`, password: 'orchard kettle meadow 17' };
let inviteCode = '';

before(h.start, { timeout: 60_000 });
after(h.stop, { timeout: 30_000 });

test('the app is served with a strict content security policy', { timeout: TEST_TIMEOUT }, async () => {
  const response = await fetch(`${h.server.url}/signin`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /text\/html/);
  const csp = response.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'self'/, 'CSP header with default-src self');
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  const html = await response.text();
  assert.match(html, /<div id="app">/);
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script in index.html');
  assert.doesNotMatch(html, /<style|\sstyle="/, 'no inline style in index.html');

  const icon = await fetch(`${h.server.url}/favicon.svg`);
  assert.equal(icon.status, 200);
  assert.match(icon.headers.get('content-type') ?? '', /image\/svg\+xml/);
  await icon.arrayBuffer();
});

test('a signed-out visitor finds an accessible sign-in screen from the welcome', { timeout: TEST_TIMEOUT }, async () => {
  const page = await openPerson('ada');
  await page.goto('/');
  await h1(page).filter({ hasText: 'Close to each other, and still yourselves' }).waitFor();
  await page.getByRole('link', { name: 'Sign in' }).first().click();
  await page.waitForURL('**/signin');
  await assert.doesNotReject(h1(page).filter({ hasText: 'Welcome back' }).waitFor());
  assert.equal(await page.title(), 'Sign in · Pillars');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await nav(page).count(), 0, 'no app navigation while signed out');
  await assertAccessible(page, 'sign-in');

  // A wrong password is answered next to the form, not with a crash.
  expectFailure('/api/v1/auth/login', 401);
  await page.getByLabel('Email').fill(`nobody.${run}@example.test`);
  await page.getByLabel('Password', { exact: true }).fill('not the right one at all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.ok((await alert.textContent()).trim().length > 0, 'the problem detail is shown');
  await page.waitForURL('**/signin');
});

test('two people sign up, one invites, the other joins, and both see the bond', { timeout: TEST_TIMEOUT }, async () => {
  // Ada makes her account from the sign-in screen.
  const a = people.ada.page;
  await a.getByRole('link', { name: 'Create an account' }).click();
  await a.waitForURL('**/signup');
  await fillSignUp(a, ada);
  // A new account begins with the first steps; they can wait, and Home says how to begin.
  await a.waitForURL((url) => url.pathname === '/start');
  await h1(a).filter({ hasText: `Welcome, ${ada.name}` }).waitFor();
  await a.getByRole('link', { name: 'Later' }).click();
  await a.waitForURL((url) => url.pathname === '/');
  await h1(a).filter({ hasText: `Hello, ${ada.name}` }).waitFor();
  await a.getByText('No bonds yet').waitFor();
  await assertAccessible(a, 'home');
  await a.emulateMedia({ colorScheme: 'dark' });
  await assertAccessible(a, 'home (dark)');
  await a.emulateMedia({ colorScheme: 'light' });

  // She makes a partner code; on a phone, Invite is under More.
  await nav(a).getByRole('link', { name: 'More' }).click();
  await a.getByRole('link', { name: 'Invite someone' }).click();
  await a.waitForURL('**/invite');
  await h1(a).filter({ hasText: 'Invite someone' }).waitFor();
  await assertAccessible(a, 'invite (choose a kind)');
  await a.getByRole('radio', { name: /^Partner/ }).check();
  await a.getByRole('button', { name: 'Make a code' }).click();
  const code = a.locator('#invite-code');
  await code.waitFor();
  inviteCode = (await code.textContent()).trim();
  assert.match(inviteCode, /^[A-Z0-9]{4}-[A-Z0-9]{4}$/, 'code looks like K7QM-3HXD');
  await a.getByRole('heading', { name: 'Your partner code' }).waitFor();
  const expires = Date.parse(await a.locator('.code-card time').getAttribute('datetime'));
  const hoursLeft = (expires - Date.now()) / 3_600_000;
  assert.ok(hoursLeft > 23 && hoursLeft <= 24.1, `code expires in about a day (${hoursLeft.toFixed(2)} h)`);
  await assertAccessible(a, 'invite (code shown)');

  // The copy button puts the code on the clipboard and says so politely.
  await a.getByRole('button', { name: 'Copy code' }).click();
  await a.locator('[role="status"][aria-live="polite"]').filter({ hasText: 'Code copied.' }).waitFor();
  assert.equal(await a.evaluate(() => navigator.clipboard.readText()), inviteCode);

  // Ben opens the join link while signed out, makes an account, and lands back on the join screen.
  const b = await openPerson('ben');
  await b.goto(`/join/${inviteCode}`);
  await b.waitForURL((url) => url.pathname === '/signin' && url.searchParams.get('next') === `/join/${inviteCode}`);
  await b.getByRole('link', { name: 'Create an account' }).click();
  await b.waitForURL((url) => url.pathname === '/signup');
  await fillSignUp(b, ben);
  await b.waitForURL((url) => url.pathname === `/join/${inviteCode}`);
  await h1(b).filter({ hasText: 'Join with a code' }).waitFor();
  assert.equal(await b.getByRole('textbox', { name: 'Code', exact: true }).inputValue(), inviteCode, 'the code from the link is filled in');
  await b.getByRole('button', { name: 'Join', exact: true }).click();
  await b.waitForURL(/\/bonds\/[^/]+$/);
  await h1(b).filter({ hasText: `You and ${ada.name}` }).waitFor();
  const details = b.locator('dl.details');
  assert.match(await details.textContent(), /KindPartner/);
  assert.match(await details.textContent(), /StatusActive/);

  // Ben's home lists Ada as his partner.
  await nav(b).getByRole('link', { name: 'Home' }).click();
  await b.waitForURL((url) => url.pathname === '/');
  const bensBonds = b.getByRole('list', { name: 'Active bonds' });
  await bensBonds.waitFor();
  assert.equal(await bensBonds.getByRole('listitem').count(), 1);
  assert.match(await bensBonds.textContent(), new RegExp(`${ada.name}\\s*Partner`));

  // Ada's home lists Ben.
  await nav(a).getByRole('link', { name: 'Home' }).click();
  await a.waitForURL((url) => url.pathname === '/');
  const adasBonds = a.getByRole('list', { name: 'Active bonds' });
  await adasBonds.waitFor();
  assert.equal(await adasBonds.getByRole('listitem').count(), 1);
  assert.match(await adasBonds.textContent(), new RegExp(`${ben.name}\\s*Partner`));
  await assertAccessible(a, 'home (with a bond)');

  // The same code cannot be used twice: Ben is told so next to the field (the server answers a
  // used code as it answers an unknown one).
  expectFailure(`/api/v1/invites/${inviteCode}/accept`, 404);
  await b.goto(`/join/${inviteCode}`);
  await b.getByRole('button', { name: 'Join', exact: true }).click();
  const field = b.getByRole('textbox', { name: 'Code', exact: true });
  await b.locator('#join-code[aria-invalid="true"]').waitFor();
  const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
  assert.ok(describedBy.split(' ').includes('join-code-error'), 'the error is tied to the field');
  assert.ok((await b.locator('#join-code-error').textContent()).trim().length > 0);
});

test('ending a bond asks first, and both then see it as ended', { timeout: TEST_TIMEOUT }, async () => {
  const a = people.ada.page;
  await a.getByRole('list', { name: 'Active bonds' }).getByRole('link', { name: new RegExp(`^${ben.name}`) }).click();
  await a.waitForURL(/\/bonds\/[^/]+$/);
  await h1(a).filter({ hasText: `You and ${ben.name}` }).waitFor();

  // The first press only explains; keeping it changes nothing.
  await a.getByRole('button', { name: 'End this bond…' }).click();
  const confirm = a.getByRole('group', { name: `End your bond with ${ben.name}?` });
  await confirm.waitFor();
  assert.match(await confirm.textContent(), /keep everything you wrote/);
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  await confirm.waitFor({ state: 'detached' });
  assert.match(await a.locator('dl.details').textContent(), /StatusActive/);

  await a.getByRole('button', { name: 'End this bond…' }).click();
  await confirm.getByRole('button', { name: 'Yes, end this bond' }).click();
  await a.locator('dl.details').filter({ hasText: /StatusEnded/ }).waitFor();
  await a.locator('[role="status"][aria-live="polite"]').filter({ hasText: 'has ended' }).waitFor();

  const b = people.ben.page;
  await b.goto('/');
  const ended = b.getByRole('list', { name: 'Ended bonds' });
  await ended.waitFor();
  assert.match(await ended.textContent(), new RegExp(ada.name));
  assert.equal(await b.getByRole('list', { name: 'Active bonds' }).count(), 0);
});

test('signing out returns to the sign-in screen and keeps the app closed', { timeout: TEST_TIMEOUT }, async () => {
  const a = people.ada.page;
  await nav(a).getByRole('link', { name: 'More' }).click();
  await a.getByRole('button', { name: 'Sign out' }).click();
  await a.waitForURL('**/signin');
  await h1(a).filter({ hasText: 'Welcome back' }).waitFor();
  await a.goto('/sessions');
  await a.waitForURL((url) => url.pathname === '/signin' && url.searchParams.get('next') === '/sessions');
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

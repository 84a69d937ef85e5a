// End-to-end: the app's screens come in files of their own (web/src/lazy.tsx). On a phone (390 x 844):
// - a first visit to Home loads the shell's one script and one stylesheet, nothing else;
// - opening another screen fetches its file then: a script from /assets/, cached for a year, that
//   runs under the CSP; the new screen's heading has focus once it arrives, even when it is slow;
// - opened again, the screen needs nothing more;
// - a file that cannot be fetched says the server cannot be reached, with the heading focused,
//   and "Try again" brings the screen;
// - an address opened directly (a reload on the journal) works.
// Any console error or CSP violation fails the run.
//
// Run from the repository root after `make build`:
//   node --test tests/e2e/screens.test.mjs

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { TEST_TIMEOUT, createHarness, h1, nav, webDir } from './lib/harness.mjs';

const h = createHarness();
const run = Date.now().toString(36);
const ada = { name: 'Ada Lindqvist', email: `ada.screens.${run}@example.test`, password: 'quiet harbour lantern 42' };
const files = readdirSync(path.join(webDir, 'assets'));
/** The built file of a screen, e.g. "inner-journal" → "/assets/inner-journal-AbCd1234.js". */
const fileOf = (name) => {
  const file = files.find((f) => new RegExp(`^${name}-[\\w-]{8}\\.js$`).test(f));
  assert.ok(file, `no built file for ${name} in ${files.join(' ')}`);
  return `/assets/${file}`;
};
const focusedHeading = (p) => p.evaluate(() => (document.activeElement?.tagName === 'H1' ? document.activeElement.textContent : null));

let p;
/** The paths under /assets/ the page asked for, in order. */
const asked = [];

before(async () => {
  await h.start();
  p = await h.openPerson('ada');
  await h.register('ada', ada);
  p.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/assets/')) asked.push(pathname);
  });
}, { timeout: 60_000 });
after(h.stop, { timeout: 30_000 });

test('a first visit to Home loads the shell alone', { timeout: TEST_TIMEOUT }, async () => {
  await p.goto('/');
  await h1(p).waitFor();
  await p.waitForLoadState('networkidle');
  assert.equal(asked.length, 2, asked.join(' '));
  assert.ok(asked.some((a) => /^\/assets\/index-[\w-]{8}\.js$/.test(a)), asked.join(' '));
  assert.ok(asked.some((a) => /^\/assets\/style-[\w-]{8}\.css$/.test(a)), asked.join(' '));
});

test('opening the journal fetches its file, served for long, and its heading takes focus', { timeout: TEST_TIMEOUT }, async () => {
  const journal = fileOf('inner-journal');
  const response = p.waitForResponse((r) => new URL(r.url()).pathname === journal);
  await nav(p).getByRole('link', { name: 'Journal' }).click();
  const served = await response;
  assert.equal(served.status(), 200);
  const headers = served.headers();
  assert.match(headers['content-type'], /^text\/javascript\b/);
  assert.match(headers['cache-control'], /max-age=31536000/);
  assert.match(headers['content-security-policy'] ?? '', /default-src 'self'/);
  await h1(p).filter({ hasText: 'Journal' }).waitFor();
  await p.waitForFunction(() => document.activeElement?.tagName === 'H1');
  assert.match(await focusedHeading(p), /journal/);

  // Back home and to the journal again: nothing more to fetch.
  await nav(p).getByRole('link', { name: 'Home' }).click();
  await h1(p).filter({ hasNotText: 'Journal' }).waitFor();
  const before = asked.length;
  await nav(p).getByRole('link', { name: 'Journal' }).click();
  await h1(p).filter({ hasText: 'Journal' }).waitFor();
  await p.waitForFunction(() => document.activeElement?.tagName === 'H1');
  assert.match(await focusedHeading(p), /journal/);
  assert.equal(asked.length, before, asked.slice(before).join(' '));
});

test('a slow screen says it is opening, and its heading takes focus when it arrives', { timeout: TEST_TIMEOUT }, async () => {
  const more = fileOf('account-more');
  await p.route(`**${more}`, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await route.continue();
  });
  await nav(p).getByRole('link', { name: 'More' }).click();
  await p.getByRole('status').filter({ hasText: 'Opening…' }).waitFor();
  assert.equal(await focusedHeading(p), null, 'no heading yet');
  await h1(p).filter({ hasText: 'More' }).waitFor();
  await p.waitForFunction(() => document.activeElement?.tagName === 'H1');
  assert.match(await focusedHeading(p), /More/);
  await p.unroute(`**${more}`);
});

test('a screen whose file cannot be fetched offers to try again, and then opens', { timeout: TEST_TIMEOUT }, async () => {
  const settings = fileOf('account-settings');
  h.expectFailure(settings, 503);
  let refused = 0;
  await p.route(`**${settings}`, async (route) => {
    if (refused++ === 0) await route.fulfill({ status: 503, body: 'busy' });
    else await route.continue();
  });
  await p.getByRole('link', { name: /^Settings/ }).click();
  await h1(p).filter({ hasText: 'We cannot reach Pillars just now' }).waitFor();
  await p.waitForFunction(() => document.activeElement?.tagName === 'H1');
  assert.equal(await p.title(), 'Cannot reach Pillars · Pillars');
  await p.getByRole('button', { name: 'Try again' }).click();
  await h1(p).filter({ hasText: 'Settings' }).waitFor();
  assert.equal(await p.title(), 'Settings · Pillars');
  await p.waitForFunction(() => document.activeElement?.tagName === 'H1');
  assert.equal(refused, 2);
  await p.unroute(`**${settings}`);
});

test('an address opened directly works', { timeout: TEST_TIMEOUT }, async () => {
  await p.goto('/journal');
  await h1(p).filter({ hasText: 'Journal' }).waitFor();
  // The title is set just after the screen is drawn (an effect): with the screen's code from the
  // service worker's cache the heading can be read first, so the title is waited for.
  await p.waitForFunction(() => document.title === 'Your journal · Pillars', null, { timeout: 5_000 }).catch(() => {});
  assert.equal(await p.title(), 'Your journal · Pillars');
});

test('no console errors or CSP violations happened', { timeout: TEST_TIMEOUT }, async () => {
  assert.deepEqual(h.unexpectedConsoleErrors(), []);
});

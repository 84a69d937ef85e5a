// End-to-end: one's own data, and a forgotten password, on a phone (390 x 844). Ada and Ben are
// partners (set up through the API), each with writing of their own, some of it shared. Then:
// - Ada opens "Your data" from More and downloads everything: while the archive comes, a progress
//   bar (indeterminate, the size being unknown) and the kilobytes received so far, said politely;
//   the browser saves a zip named by the server, which holds pillars-export.json (her words in it)
//   and journal.md;
// - a fresh account brings the zip in and is told in words what came along and what stayed in the
//   file (the bond's things); her entries arrive private; a second try is refused because the
//   account is no longer empty; another fresh account brings in the pillars-export.json alone;
//   a file that is not a Pillars download, and one of the wrong kind, are refused in words;
// - Ada deletes her account: the question says what happens (naming Ben), a wrong password is
//   said at the field, the right one leads to a calm last screen, signed out;
// - Ben then finds the bond ended, and his own writing still there, hers gone;
// - "Forgot your password?" gives the same answer for a known and an unknown address: where the
//   server sends no email, to ask the person who runs it; on a second server that sends email (to
//   a small mailbox of the test's own), that a link is on its way, and the emailed link works;
// - a reset link made with `pillars user reset-password` takes a new password (the key leaves the
//   address bar at once), signs every device out, and the new password signs in; the used link,
//   and an unknown one, are explained with a way to ask for a new one;
// - axe-core finds nothing serious on any of these screens, light and dark; nothing scrolls
//   sideways at 320 pixels.
// Any console error or CSP violation fails the run.
//
// Run from the repository root after `make build` and `npm run build` in web/:
//   node --test tests/e2e/data.test.mjs

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import { TEST_TIMEOUT, assertAccessible, assertFitsWidth, assertFocus, bin, callIn, createHarness, h1, nav } from './lib/harness.mjs';
import { startMailbox } from './lib/mailbox.mjs';

const h = createHarness();
const run = Date.now().toString(36);
const ada = { name: 'Ada Lindqvist', email: `ada.data.${run}@example.test`, password: 'quiet harbour lantern 42' };
const ben = { name: 'Ben Okafor', email: `ben.data.${run}@example.test`, password: 'orchard kettle meadow 17' };
const fresh = { name: 'Ada Again', email: `ada.fresh.${run}@example.test`, password: 'copper willow station 8' };
const fresher = { name: 'Ada Once More', email: `ada.json.${run}@example.test`, password: 'linen ferry morning 31' };

const adaWords = `The first frost on the allotment, and the tea afterwards. (${run})`;
const adaShared = `I would like a slow Sunday with you, phones away. (${run})`;
const benWords = `Fixed the bicycle by myself and felt ten feet tall. (${run})`;
const WRITTEN = 24; // Ada's private entries, so the archive takes a moment to come

let bondId = '';
let zipPath = '';
let exportJson = '';
const page = (who) => h.people[who].page;
const callAs = (who, method, p, data) => callIn(page(who), method, p, data);
const exec = promisify(execFile);

/** The files of a zip, by name: read through its central directory, inflated where deflated. */
function unzip(buffer) {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'the zip has an end of central directory');
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const files = {};
  for (let i = 0; i < count; i++) {
    assert.equal(buffer.readUInt32LE(at), 0x02014b50, 'a central directory entry');
    const method = buffer.readUInt16LE(at + 10);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extra = buffer.readUInt16LE(at + 30);
    const comment = buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataAt = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(dataAt, dataAt + size);
    files[name] = (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    at += 46 + nameLength + extra + comment;
  }
  return files;
}

/** A few hundred words that do not repeat much, so the zip does not shrink them to nothing. */
function longWords(seed) {
  const words = ['river', 'window', 'bread', 'quiet', 'morning', 'letter', 'garden', 'cousin', 'lantern', 'harbour', 'pebble', 'thunder', 'violin', 'meadow', 'kettle', 'orchard', 'ferry', 'linen', 'copper', 'willow'];
  let x = seed * 7919 + 17;
  const out = [];
  for (let i = 0; i < 700; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out.push(`${words[x % words.length]}${x % 97}`);
  }
  return out.join(' ');
}

/** Opens "Your data" from More, as a person on a phone would. */
async function openYourData(p) {
  await nav(p).getByRole('link', { name: 'More' }).click();
  await h1(p).filter({ hasText: 'More' }).waitFor();
  await p.getByRole('link', { name: /^Your data/ }).click();
  await h1(p).filter({ hasText: 'Your data' }).waitFor();
  await assertFocus(p, () => document.activeElement?.tagName, 'H1', 'the new screen’s heading takes focus');
}

/** Both colour schemes, axe each time. */
async function accessibleBoth(p, screen) {
  await assertAccessible(p, screen);
  await p.emulateMedia({ colorScheme: 'dark' });
  await assertAccessible(p, `${screen}, dark`);
  await p.emulateMedia({ colorScheme: 'light' });
}

before(async () => {
  await h.start();
}, { timeout: 60_000 });
after(h.stop, { timeout: 30_000 });

test('Ada and Ben, partners, each with writing of their own', { timeout: TEST_TIMEOUT }, async () => {
  let a;
  let b;
  ({ a, b, bondId } = await h.partners('ada', ada, 'ben', ben));
  const write = async (client, body, kind = 'feeling', word = 'calm') => {
    const made = await client.call('POST', '/api/v1/entries', { kind, feelings: [{ word, intensity: 3 }], body });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    return made.body.entry.id;
  };
  await write(a, adaWords);
  for (let i = 1; i < WRITTEN; i++) await write(a, `${longWords(i)} (${run})`);
  const shared = await write(a, adaShared, 'hope', 'hopeful');
  assert.equal((await a.call('POST', `/api/v1/entries/${shared}/shares`, { bond_id: bondId })).status, 200);
  const his = await write(b, benWords, 'achievement', 'proud');
  assert.equal((await b.call('POST', `/api/v1/entries/${his}/shares`, { bond_id: bondId })).status, 200);
  await page('ada').goto('/');
  await page('ben').goto('/');
});

test('Ada downloads everything: a progress while it comes, then a zip named by the server', { timeout: TEST_TIMEOUT }, async () => {
  const p = page('ada');
  await openYourData(p);
  await p.getByText('journal.md', { exact: true }).waitFor();
  await accessibleBoth(p, 'your data');

  // A slow line, so the archive comes in pieces the screen can count.
  const cdp = await p.context().newCDPSession(p);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: 24 * 1024, uploadThroughput: -1 });
  const saved = p.waitForEvent('download', { timeout: 60_000 });
  await p.getByRole('button', { name: 'Download everything' }).click();

  const bar = p.getByRole('progressbar', { name: /^Preparing your archive…/ });
  await bar.waitFor();
  assert.equal(await bar.getAttribute('value'), null, 'indeterminate while the size is unknown');
  const words = p.locator('#download-progress-words');
  assert.equal(await words.getAttribute('role'), 'status', 'the kilobytes are said politely');
  await words.filter({ hasText: /^Preparing your archive… \d+ KB$/ }).waitFor({ timeout: 30_000 });
  await p.getByRole('button', { name: 'Downloading…' }).waitFor();
  await assertAccessible(p, 'your data, downloading');

  const download = await saved;
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await cdp.detach();
  const name = download.suggestedFilename();
  assert.match(name, /^pillars-export-\d{4}-\d{2}-\d{2}\.zip$/);
  zipPath = path.join(h.server.dataDir, name);
  await download.saveAs(zipPath);
  const zip = await readFile(zipPath);
  assert.deepEqual([...zip.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04], 'the file is a zip');
  const files = unzip(zip);
  assert.ok('pillars-export.json' in files && 'journal.md' in files, `the zip holds ${Object.keys(files).join(', ')}`);
  exportJson = files['pillars-export.json'];
  const json = JSON.parse(exportJson);
  assert.ok(typeof json === 'object' && json !== null);
  for (const text of [adaWords, adaShared]) {
    assert.ok(exportJson.includes(JSON.stringify(text).slice(1, -1)), `the JSON holds “${text}”`);
    assert.ok(files['journal.md'].includes(text), `journal.md holds “${text}”`);
  }
  assert.ok(exportJson.includes(JSON.stringify(benWords).slice(1, -1)), 'what Ben shared with her is in it too');

  await words.filter({ hasText: `Saved as ${name}` }).waitFor();
  assert.equal(await p.getByRole('progressbar').count(), 0, 'the progress goes when it is done');
});

test('a fresh account brings the zip in: what came along, and what stayed in the file', { timeout: TEST_TIMEOUT }, async () => {
  const p = await h.openPerson('fresh');
  await h.register('fresh', fresh);
  await p.goto('/');
  await openYourData(p);

  // Not a Pillars file by its kind: refused before anything is sent.
  const wrongKind = path.join(h.server.dataDir, `notes-${run}.txt`);
  await writeFile(wrongKind, 'just some notes');
  const input = p.getByLabel('Your download from another Pillars');
  await input.setInputFiles(wrongKind);
  await p.getByRole('button', { name: 'Bring it in' }).click();
  await p.locator('#bring-file-error').filter({ hasText: 'Choose a .zip file, or a .json file taken out of one.' }).waitFor();
  await assertFocus(p, () => document.activeElement?.id, 'bring-file', 'focus goes to the file to choose again');

  const sent = p.waitForResponse((r) => r.url().endsWith('/api/v1/me/import'));
  await input.setInputFiles(zipPath);
  await p.getByRole('button', { name: 'Bring it in' }).click();
  const response = await sent;
  assert.equal(response.status(), 200);
  assert.equal(response.request().headers()['content-type'], 'application/zip');
  const result = await response.json();
  assert.ok(result.imported.entries >= WRITTEN + 1, `all her entries came: ${JSON.stringify(result)}`);
  assert.equal(result.not_imported.bonds, 1, 'the bond stays in the file');

  const said = p.locator('.data-result');
  await said.getByText(`Your writing is here. ${result.imported.entries} entries`).waitFor();
  await said.getByText(/^1 bond.* stayed in the file\. They belong to a bond, and that bond is not on this Pillars\./).waitFor();
  await assertFocus(p, () => document.activeElement?.classList.contains('data-result'), true, 'focus moves to what came');
  await accessibleBoth(p, 'your data, brought in');

  // Her words are here, for her alone.
  await said.getByRole('link', { name: 'Open your journal' }).click();
  await h1(p).filter({ hasText: 'Your journal' }).waitFor();
  const entries = await callAs('fresh', 'GET', '/api/v1/entries?limit=100');
  assert.equal(entries.status, 200);
  assert.equal(entries.body.entries.length, result.imported.entries);
  assert.ok(entries.body.entries.every((e) => e.shared_with.length === 0), 'every entry arrives private');
  const once = entries.body.entries.find((e) => e.body === adaShared);
  assert.ok(once, 'the entry she had shared came, as her own');
  assert.ok(entries.body.entries.some((e) => e.body === adaWords));
  assert.ok(!entries.body.entries.some((e) => e.body === benWords), 'what Ben wrote stays in the file');
  await p.goto(`/journal/${once.id}`);
  await p.getByText(adaShared).waitFor();

  // A second time: the account has writing now.
  h.expectFailure('/api/v1/me/import', 409);
  await openYourData(p);
  await p.getByLabel('Your download from another Pillars').setInputFiles(zipPath);
  await p.getByRole('button', { name: 'Bring it in' }).click();
  const refused = p.locator('.form-error').filter({ hasText: 'this account already has writing in it' });
  await refused.waitFor();
  await assertFocus(p, () => document.activeElement?.classList.contains('form-error'), true, 'the refusal takes focus');
  await assertAccessible(p, 'your data, account not empty');
});

test('another fresh account brings in the JSON alone; a file that is not a download is refused', { timeout: TEST_TIMEOUT }, async () => {
  const p = await h.openPerson('fresher');
  await h.register('fresher', fresher);
  await p.goto('/settings/data');
  await h1(p).filter({ hasText: 'Your data' }).waitFor();

  h.expectFailure('/api/v1/me/import', 400);
  h.expectFailure('/api/v1/me/import', 422);
  const notOurs = path.join(h.server.dataDir, `not-pillars-${run}.json`);
  await writeFile(notOurs, JSON.stringify({ hello: 'world' }));
  const input = p.getByLabel('Your download from another Pillars');
  await input.setInputFiles(notOurs);
  await p.getByRole('button', { name: 'Bring it in' }).click();
  const notADownload = p.locator('.form-error').filter({ hasText: 'This file does not look like a download from Pillars' });
  await notADownload.waitFor();
  assert.equal(
    await notADownload.innerText(),
    'This file does not look like a download from Pillars, so nothing was brought in. Choose the zip another Pillars gave you, or the pillars-export.json inside it.',
    'said once, in plain words',
  );
  await assertFocus(p, () => document.activeElement?.classList.contains('form-error'), true, 'the refusal takes focus');

  const jsonPath = path.join(h.server.dataDir, 'pillars-export.json');
  await writeFile(jsonPath, exportJson);
  const sent = p.waitForResponse((r) => r.url().endsWith('/api/v1/me/import'));
  await input.setInputFiles(jsonPath);
  await p.getByRole('button', { name: 'Bring it in' }).click();
  const response = await sent;
  assert.equal(response.status(), 200);
  assert.equal(response.request().headers()['content-type'], 'application/json');
  const result = await response.json();
  await p.locator('.data-result').getByText(`${result.imported.entries} entries`, { exact: false }).waitFor();
  assert.ok(result.imported.entries >= WRITTEN + 1);
  await h.people.fresher.context.close();
  delete h.people.fresher;
});

test('Ada deletes her account: what happens is said first, a wrong password at the field', { timeout: TEST_TIMEOUT }, async () => {
  const p = page('ada');
  await openYourData(p);
  await p.getByRole('button', { name: 'Delete my account…' }).click();
  const question = p.getByRole('heading', { name: 'Delete your account for good?' });
  await question.waitFor();
  await assertFocus(p, () => document.activeElement?.id, 'delete-confirm-heading', 'the question takes focus');
  const card = p.getByRole('group', { name: 'Delete your account for good?' });
  await card.getByText('Everything you wrote here is deleted').waitFor();
  await card.getByText(`Your bond with ${ben.name} ends. They are told it ended, and keep only their own writing.`).waitFor();
  await accessibleBoth(p, 'delete account, the question');

  // "Keep my account" closes it, and focus goes back to the button that opened it.
  await card.getByRole('button', { name: 'Keep my account' }).click();
  await assertFocus(p, () => document.activeElement?.textContent, 'Delete my account…', 'back to the opener');
  await p.getByRole('button', { name: 'Delete my account…' }).click();

  h.expectFailure('/api/v1/me', 403);
  await p.getByLabel('Your password').fill('not my password at all');
  await p.getByRole('button', { name: 'Delete my account', exact: true }).click();
  await p.locator('#delete-password-error').filter({ hasText: 'That is not your password. Please try again.' }).waitFor();
  await assertFocus(p, () => document.activeElement?.id, 'delete-password', 'focus goes to the password');
  assert.equal(await p.getByLabel('Your password').getAttribute('aria-invalid'), 'true');
  assert.equal((await callAs('ada', 'GET', '/api/v1/me')).status, 200, 'still here');
  await assertAccessible(p, 'delete account, wrong password');

  await p.getByLabel('Your password').fill(ada.password);
  await p.getByRole('button', { name: 'Delete my account', exact: true }).click();
  await h1(p).filter({ hasText: 'Your account is deleted' }).waitFor();
  await p.waitForURL((url) => url.pathname === '/account-deleted');
  await assertFocus(p, () => document.activeElement?.tagName, 'H1', 'the last screen’s heading takes focus');
  await p.getByText('Everything you wrote here is gone.').waitFor();
  assert.equal((await callAs('ada', 'GET', '/api/v1/me')).status, 401, 'signed out');
  await accessibleBoth(p, 'account deleted');
  await p.setViewportSize({ width: 320, height: 700 });
  await assertFitsWidth(p, 'account deleted at 320');
  await p.setViewportSize({ width: 390, height: 844 });
  await p.getByRole('link', { name: 'Go to the start page' }).click();
  await p.waitForURL((url) => url.pathname === '/');

  // Her old password no longer signs anyone in.
  h.expectFailure('/api/v1/auth/login', 401);
  const login = await p.request.post('/api/v1/auth/login', { data: { email: ada.email, password: ada.password }, headers: { Origin: h.server.url } });
  assert.equal(login.status(), 401);
});

test('Ben finds the bond ended, his own writing still his, hers gone', { timeout: TEST_TIMEOUT }, async () => {
  const p = page('ben');
  await p.goto('/');
  await h1(p).waitFor();
  const bonds = await callAs('ben', 'GET', '/api/v1/bonds');
  const bond = bonds.body.bonds.find((x) => x.id === bondId);
  assert.equal(bond?.status, 'ended', 'the bond ended');
  const notices = await callAs('ben', 'GET', '/api/v1/notices');
  assert.ok(notices.body.notices.some((n) => n.kind === 'bond_ended' && n.bond_id === bondId), 'Ben is told');
  await p.getByText(/has ended/).first().waitFor();

  await p.goto(`/bonds/${bondId}`);
  await p.getByText('This bond has ended.').waitFor();
  assert.equal(await p.getByText(adaShared).count(), 0, 'what she shared is gone');
  await p.goto('/journal');
  await h1(p).filter({ hasText: 'Your journal' }).waitFor();
  await p.getByText(benWords).waitFor();
});

/**
 * Asks for a reset link for each address on `p` (at /forgot-password) and answers what the screen
 * said each time, with the address itself put as ADDRESS.
 */
async function askForLinks(p, emails) {
  const answers = [];
  for (const email of emails) {
    const sent = p.waitForResponse((r) => r.url().endsWith('/api/v1/auth/forgot-password'));
    await p.getByLabel('Email').fill(email);
    await p.getByRole('button', { name: 'Send me a link' }).click();
    const response = await sent;
    const answer = p.locator('.reset-answer');
    await answer.waitFor();
    await assertFocus(p, () => document.activeElement?.classList.contains('reset-answer'), true, 'the answer takes focus');
    answers.push({ status: response.status(), text: (await answer.innerText()).replaceAll(email, 'ADDRESS') });
    await accessibleBoth(p, 'forgot password, answered');
    await answer.getByRole('button', { name: 'Ask again' }).click();
    await assertFocus(p, () => document.activeElement?.id, 'forgot-email', 'asking again starts at the address');
  }
  return answers;
}

test('a forgotten password, where this Pillars sends no email: ask the person who runs it', { timeout: TEST_TIMEOUT }, async () => {
  const p = await h.openPerson('guest');
  await p.goto('/signin');
  await h1(p).filter({ hasText: 'Welcome back' }).waitFor();
  await p.getByRole('link', { name: 'Forgot your password?' }).click();
  await h1(p).filter({ hasText: 'Forgot your password?' }).waitFor();
  await assertFocus(p, () => document.activeElement?.tagName, 'H1', 'the heading takes focus');
  await accessibleBoth(p, 'forgot password');

  h.expectFailure('/api/v1/auth/forgot-password', 409);
  const answers = await askForLinks(p, [ben.email, `nobody.${run}@example.test`]);
  assert.deepEqual(answers[0], answers[1], 'nothing tells whether an account uses the address');
  assert.equal(answers[0].status, 409);
  assert.match(answers[0].text, /This Pillars does not send email/);
  assert.match(answers[0].text, /Ask the person who runs this Pillars for a reset link\. They can make one for your address with pillars user reset-password --email ADDRESS/);
});

test('where this Pillars sends email: the same answer for anyone, and the emailed link works', { timeout: TEST_TIMEOUT }, async () => {
  const box = await startMailbox();
  const mailing = createHarness({ serverArgs: ['--smtp-url', `smtp://127.0.0.1:${box.port}`, '--smtp-from', 'pillars@example.test'] });
  try {
    await mailing.start();
    const cy = { name: 'Cy Marchetti', email: `cy.data.${run}@example.test`, password: 'harbour copper thistle 3' };
    await mailing.openPerson('cy');
    await mailing.register('cy', cy);
    const p = await mailing.openPerson('visitor');
    await p.goto('/forgot-password');
    await h1(p).filter({ hasText: 'Forgot your password?' }).waitFor();

    const answers = await askForLinks(p, [cy.email, `nobody.${run}@example.test`]);
    assert.deepEqual(answers[0], answers[1], 'nothing tells whether an account uses the address');
    assert.equal(answers[0].status, 202);
    assert.match(answers[0].text, /^If an account uses this address, a link is on its way\. It works once, within an hour\./);

    const mail = await box.next();
    assert.deepEqual(mail.to, [`<${cy.email}>`], 'only the address with an account gets an email');
    const link = /https?:\/\/\S+\/reset-password#[A-Za-z0-9_-]+/.exec(mail.body);
    assert.ok(link, `the email holds a link: ${mail.body}`);
    await p.goto(link[0]);
    await h1(p).filter({ hasText: 'Choose a new password' }).waitFor();
    await p.waitForFunction(() => window.location.hash === '');
    await p.getByLabel('New password', { exact: true }).fill('thistle lantern seaside 64');
    await p.getByRole('button', { name: 'Save the new password' }).click();
    await p.getByText('Your password is changed, and every device was signed out. Sign in with the new one.').waitFor();
    mailing.expectFailure('/api/v1/me', 401);
    assert.equal((await mailing.people.cy.context.request.get('/api/v1/me')).status(), 401, 'Cy’s other browser is signed out');
    assert.equal(box.messages.length, 1, 'no email for the address without an account');
    assert.deepEqual(mailing.unexpectedConsoleErrors(), []);
  } finally {
    await mailing.stop();
    await box.close();
  }
});

test('a reset link: a new password, every device signed out; a used or unknown link explained', { timeout: TEST_TIMEOUT }, async () => {
  const made = await exec(bin, ['user', 'reset-password', '--email', ben.email, '--data', h.server.dataDir]);
  const link = /(https?:\/\/\S+)?\/reset-password#([A-Za-z0-9_-]+)/.exec(made.stdout);
  assert.ok(link, `the command prints a link: ${made.stdout}`);
  const key = link[2];

  const p = page('guest');
  await p.goto(`/reset-password#${key}`);
  await h1(p).filter({ hasText: 'Choose a new password' }).waitFor();
  await p.waitForFunction(() => window.location.hash === '');
  assert.equal(new URL(p.url()).pathname, '/reset-password', 'the key leaves the address bar');
  assert.equal(await p.evaluate(() => window.location.href.includes('#')), false);
  await accessibleBoth(p, 'reset password');

  // A weak password is said at the field.
  h.expectFailure('/api/v1/auth/reset-password', 422);
  const field = p.getByLabel('New password', { exact: true });
  await field.fill('short one!');
  await p.getByLabel('Show password').check();
  assert.equal(await field.getAttribute('type'), 'text', 'shown as typed');
  await p.getByLabel('Show password').uncheck();
  assert.equal(await field.getAttribute('type'), 'password');
  await field.fill('aaaaaaaaaaaa');
  await p.getByRole('button', { name: 'Save the new password' }).click();
  await p.locator('#reset-password-error').filter({ hasText: 'repeated character' }).waitFor();
  await assertFocus(p, () => document.activeElement?.id, 'reset-password', 'focus goes to the password');
  await assertAccessible(p, 'reset password, a weak one');

  const fresh = 'tidal marmalade compass 58';
  await field.fill(fresh);
  await p.getByRole('button', { name: 'Save the new password' }).click();
  await h1(p).filter({ hasText: 'Welcome back' }).waitFor();
  await p.waitForURL((url) => url.pathname === '/signin');
  await p.getByText('Your password is changed, and every device was signed out. Sign in with the new one.').waitFor();
  await accessibleBoth(p, 'sign in after a reset');

  // Ben's own browser was signed out too.
  assert.equal((await callAs('ben', 'GET', '/api/v1/me')).status, 401, 'every device is signed out');

  // The same link again, and a made-up one: explained, with a way to ask for a new one.
  h.expectFailure('/api/v1/auth/reset-password', 400);
  for (const used of [key, `${'x'.repeat(20)}${run}`]) {
    await p.goto(`/reset-password#${used}`);
    await h1(p).filter({ hasText: 'Choose a new password' }).waitFor();
    await p.getByLabel('New password', { exact: true }).fill('another calm sentence 9');
    await p.getByRole('button', { name: 'Save the new password' }).click();
    const explained = p.getByRole('alert').filter({ hasText: 'This link does not work any more. A link works once, within an hour of being made.' });
    await explained.waitFor();
    await assertFocus(p, () => document.activeElement?.classList.contains('reset-invalid'), true, 'the explanation takes focus');
    await accessibleBoth(p, 'reset password, link not usable');
  }
  await p.getByRole('link', { name: 'Ask for a new link' }).click();
  await h1(p).filter({ hasText: 'Forgot your password?' }).waitFor();

  // An address without a key says so, without a form to fill in for nothing.
  await p.goto('/reset-password');
  await p.getByText('This address holds no reset link.').waitFor();
  assert.equal(await p.getByLabel('New password', { exact: true }).count(), 0);

  // The new password signs in; the old one does not.
  await p.goto('/signin');
  h.expectFailure('/api/v1/auth/login', 401);
  await p.getByLabel('Email').fill(ben.email);
  await p.getByLabel('Password', { exact: true }).fill(ben.password);
  await p.getByRole('button', { name: 'Sign in' }).click();
  await p.locator('.form-error').waitFor();
  await p.getByLabel('Password', { exact: true }).fill(fresh);
  await p.getByRole('button', { name: 'Sign in' }).click();
  await p.waitForURL((url) => url.pathname === '/');
  await p.getByText(`Welcome back, ${ben.name}.`).first().waitFor();
});

test('no console errors or CSP violations', () => {
  assert.deepEqual(h.unexpectedConsoleErrors(), []);
});

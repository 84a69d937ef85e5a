// End-to-end: the installable app, on a phone (390 x 844). The server serves a copy of web/dist,
// so the test can put a new release in place while a page is open.
// - The manifest names the app, and every icon it lists is a PNG of the size it says;
// - the service worker registers, and controls the page after a reload;
// - Cache Storage holds only the shell and the release's files: no /api/ address and nothing Ada
//   wrote, even after she used screens that ask the API;
// - offline, a reload still opens the app, which says calmly that it is offline; when the
//   connection returns it carries on by itself;
// - a new release (a changed file, so a new sw.js) installs beside the old one and waits: the
//   page offers "A new version of Pillars is ready" and does not reload by itself; "Reload" lets
//   the new worker take over, and the old release's cache is gone;
// - without a worker, a screen whose file vanished in a redeploy reloads once into the new release;
// - a push shows one notification with the title and words it carries, and plain ones when it
//   carries nothing; pushes without a tag collapse into one; nothing of a push is cached.
// axe-core finds nothing serious on the offline screen and the update offer, light and dark. Any
// console error or CSP violation fails the run.
//
// Run from the repository root after `make build` and `npm run build` in web/:
//   node --test tests/e2e/pwa.test.mjs

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TEST_TIMEOUT, assertAccessible, createHarness, h1, webDir } from './lib/harness.mjs';

const copy = await mkdtemp(path.join(os.tmpdir(), 'pillars-pwa-'));
await cp(webDir, copy, { recursive: true });
const h = createHarness({ web: copy });
const run = Date.now().toString(36);
const ada = { name: 'Ada Lindqvist', email: `ada.pwa.${run}@example.test`, password: 'quiet harbour lantern 42' };
const secret = `A walk by the canal, just the two of us (${run})`;
let p;
let adaApi;

/** The width and height a PNG says it has (its IHDR chunk). */
function pngSize(bytes) {
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

/** The release named at the top of sw.js in the served folder. */
async function releaseOf() {
  const sw = await readFile(path.join(copy, 'sw.js'), 'utf8');
  return /release ([0-9a-f]{16})/.exec(sw)[1];
}

/** Every cache of the origin, with the paths it holds and each body's text. */
function cachedIn(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      out[name] = [];
      for (const request of await cache.keys()) {
        const body = await (await cache.match(request)).text();
        out[name].push({ url: request.url, body });
      }
    }
    return out;
  });
}

/** Waits until the page is controlled by an activated worker of `release`. */
async function controlledBy(page, release) {
  await page.waitForFunction(
    async (want) => {
      const worker = navigator.serviceWorker.controller;
      if (!worker || worker.state !== 'activated') return false;
      return (await (await fetch('/sw.js', { cache: 'no-store' })).text()).includes(want);
    },
    release,
    { polling: 200 },
  );
}

before(async () => {
  await h.start();
  p = await h.openPerson('ada');
  adaApi = await h.register('ada', ada);
}, { timeout: 60_000 });
after(async () => {
  await h.stop();
  await rm(copy, { recursive: true, force: true });
}, { timeout: 30_000 });

test('the manifest names the app, and each icon is the size it says', { timeout: TEST_TIMEOUT }, async () => {
  await p.goto('/');
  await h1(p).waitFor();
  const href = await p.locator('link[rel="manifest"]').getAttribute('href');
  const res = await p.request.get(href);
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['content-type'], 'application/manifest+json');
  const manifest = await res.json();
  assert.equal(manifest.name, 'Pillars');
  assert.ok(manifest.short_name && manifest.short_name.length <= 12, manifest.short_name);
  assert.ok(manifest.description.length > 20, manifest.description);
  assert.equal(manifest.start_url, '/');
  assert.equal(manifest.scope, '/');
  assert.equal(manifest.display, 'standalone');
  const light = await p.locator('meta[name="theme-color"][media="(prefers-color-scheme: light)"]').getAttribute('content');
  const dark = await p.locator('meta[name="theme-color"][media="(prefers-color-scheme: dark)"]').getAttribute('content');
  assert.equal(manifest.background_color, light, 'the splash screen is the light page colour');
  assert.equal(manifest.theme_color, light);
  assert.notEqual(dark, light);
  const pngs = manifest.icons.filter((i) => i.type === 'image/png');
  const sizes = (purpose) => pngs.filter((i) => i.purpose.split(' ').includes(purpose)).map((i) => i.sizes).sort();
  assert.deepEqual(sizes('any'), ['192x192', '512x512']);
  assert.deepEqual(sizes('maskable'), ['512x512']);
  assert.ok(manifest.icons.some((i) => i.type === 'image/svg+xml'), 'the SVG mark too');
  const apple = await p.locator('link[rel="apple-touch-icon"]').getAttribute('href');
  for (const icon of [...pngs, { src: apple, sizes: '180x180' }]) {
    const r = await p.request.get(icon.src);
    assert.equal(r.status(), 200, icon.src);
    assert.equal(r.headers()['content-type'], 'image/png', icon.src);
    assert.equal(pngSize(await r.body()), icon.sizes, icon.src);
  }
  const svg = manifest.icons.find((i) => i.type === 'image/svg+xml');
  assert.equal((await p.request.get(svg.src)).status(), 200);
});

test('the worker registers, and controls the page after a reload', { timeout: TEST_TIMEOUT }, async () => {
  await p.evaluate(() => navigator.serviceWorker.ready);
  await p.reload();
  await h1(p).waitFor();
  await controlledBy(p, await releaseOf());
  const script = await p.evaluate(() => navigator.serviceWorker.controller.scriptURL);
  assert.equal(new URL(script).pathname, '/sw.js');
});

test('Cache Storage holds only the shell and the release files, never the API or what Ada wrote', { timeout: TEST_TIMEOUT }, async () => {
  // Ada writes an entry, and opens screens that ask the API for it.
  const made = await adaApi.call('POST', '/api/v1/entries', { kind: 'feeling', feelings: [{ word: 'calm', intensity: 3 }], body: secret });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  await p.goto('/journal');
  await p.getByText(secret).first().waitFor();
  await p.goto('/more');
  await h1(p).filter({ hasText: 'More' }).waitFor();

  const release = await releaseOf();
  const sw = await readFile(path.join(copy, 'sw.js'), 'utf8');
  const caches = await cachedIn(p);
  assert.deepEqual(Object.keys(caches), [`pillars-shell-${release}`]);
  const paths = caches[`pillars-shell-${release}`].map((c) => new URL(c.url).pathname);
  const files = (await readdir(copy, { recursive: true, withFileTypes: true }))
    .filter((d) => d.isFile() && d.name !== 'sw.js')
    .map((d) => `/${path.relative(copy, path.join(d.parentPath ?? d.path, d.name)).split(path.sep).join('/')}`);
  assert.deepEqual([...paths].sort(), [...files].sort(), 'exactly the release files');
  for (const f of paths) assert.ok(sw.includes(`"${f}"`), `${f} is listed in sw.js`);
  assert.ok(paths.includes('/index.html'));
  assert.ok(!paths.some((f) => f.startsWith('/api/')), paths.join(' '));
  for (const c of caches[`pillars-shell-${release}`]) assert.ok(!c.body.includes(secret), `${c.url} holds what Ada wrote`);
});

test('offline, the app still opens and says so calmly, then carries on by itself', { timeout: TEST_TIMEOUT }, async () => {
  const { context } = h.people.ada;
  await p.goto('/');
  await h1(p).waitFor();
  await context.setOffline(true);
  await p.reload();
  await h1(p).filter({ hasText: 'You are offline' }).waitFor();
  assert.equal(await p.title(), 'Offline · Pillars');
  await p.getByText('Nothing is lost').waitFor();
  await p.getByRole('button', { name: 'Try again now' }).waitFor();
  await assertAccessible(p, 'offline');
  await p.emulateMedia({ colorScheme: 'dark' });
  await assertAccessible(p, 'offline, dark');
  await p.emulateMedia({ colorScheme: 'light' });
  // "Try again now" while still offline: the same calm screen, not an error.
  await p.getByRole('button', { name: 'Try again now' }).click();
  await h1(p).filter({ hasText: 'You are offline' }).waitFor();

  await context.setOffline(false);
  await h1(p).filter({ hasNotText: 'You are offline' }).waitFor();
  await p.getByRole('navigation', { name: 'Main' }).waitFor();
  await p.getByRole('status').filter({ hasText: 'You are back online.' }).waitFor();

  // A screen opened while offline says so in place of its content, and loads once back online.
  await p.goto('/journal');
  await p.getByText(secret).first().waitFor();
  await context.setOffline(true);
  await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journal' }).click();
  await p.getByText('You are offline. Nothing is lost').first().waitFor();
  await context.setOffline(false);
  await p.getByText(secret).first().waitFor();
});

test('a new release installs, waits to be chosen, then replaces the old worker and its cache', { timeout: TEST_TIMEOUT }, async () => {
  await p.goto('/');
  await h1(p).waitFor();
  const old = await releaseOf();
  await controlledBy(p, old);
  await p.evaluate(() => {
    window.sameVisit = true;
  });

  // The new release: a stylesheet changed, so sw.js names another release.
  const css = (await readdir(path.join(copy, 'assets'))).find((f) => f.endsWith('.css'));
  const mark = `/* release ${run} */`;
  await writeFile(path.join(copy, 'assets', css), `${await readFile(path.join(copy, 'assets', css), 'utf8')}\n${mark}\n`);
  const next = `${old.slice(0, 8)}${run.padStart(8, '0').slice(-8)}`.replace(/[^0-9a-f]/g, 'e');
  assert.notEqual(next, old);
  const sw = await readFile(path.join(copy, 'sw.js'), 'utf8');
  await writeFile(path.join(copy, 'sw.js'), sw.replaceAll(old, next));

  await p.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  const offer = p.getByRole('region', { name: 'A new version of Pillars is ready.' });
  await offer.waitFor();
  await assertAccessible(p, 'update offer');
  await p.emulateMedia({ colorScheme: 'dark' });
  await assertAccessible(p, 'update offer, dark');
  await p.emulateMedia({ colorScheme: 'light' });
  // It waits: the old cache is still there, and the page has not reloaded.
  assert.deepEqual(Object.keys(await cachedIn(p)).sort(), [`pillars-shell-${next}`, `pillars-shell-${old}`].sort());
  assert.equal(await p.evaluate(() => window.sameVisit), true);
  assert.match(await p.evaluate(() => navigator.serviceWorker.controller.scriptURL), /\/sw\.js$/);

  await Promise.all([p.waitForEvent('load'), offer.getByRole('button', { name: 'Reload' }).click()]);
  await h1(p).waitFor();
  await controlledBy(p, next);
  assert.equal(await p.evaluate(() => window.sameVisit), undefined, 'a new page');
  const caches = await cachedIn(p);
  assert.deepEqual(Object.keys(caches), [`pillars-shell-${next}`], 'the old release cache is gone');
  const style = caches[`pillars-shell-${next}`].find((c) => c.url.endsWith(`/assets/${css}`));
  assert.ok(style.body.includes(mark), 'the new release files are the ones kept');
  assert.equal(await offer.count(), 0);
});

test('without a worker, a screen whose file vanished in a redeploy reloads once into the new release', { timeout: TEST_TIMEOUT }, async () => {
  const bare = await h.openPerson('bare', { serviceWorkers: 'block' });
  await h.register('bare', { name: 'Bea', email: `bea.pwa.${run}@example.test`, password: 'linen ferry morning 31' });
  await bare.goto('/');
  await h1(bare).waitFor();
  await bare.evaluate(() => {
    window.sameVisit = true;
  });

  // The redeploy: the More screen's file and the entry file get new names everywhere, and the old
  // files are gone from the server.
  const assets = path.join(copy, 'assets');
  const names = await readdir(assets);
  const more = names.find((f) => f.startsWith('account-more-'));
  const html = await readFile(path.join(copy, 'index.html'), 'utf8');
  const entry = /src="\/assets\/(index-[\w-]+\.js)"/.exec(html)[1];
  const renamed = { [more]: more.replace('account-more-', 'account-more-new-'), [entry]: entry.replace('index-', 'index-new-') };
  const rename = (text) => text.replaceAll(more, renamed[more]).replaceAll(entry, renamed[entry]);
  for (const f of names.filter((n) => n.endsWith('.js'))) {
    const text = rename(await readFile(path.join(assets, f), 'utf8'));
    await writeFile(path.join(assets, renamed[f] ?? f), text);
    if (renamed[f]) await rm(path.join(assets, f));
  }
  await writeFile(path.join(copy, 'index.html'), rename(html));
  const movedEntry = renamed[entry];
  h.expectFailure(`/assets/${more}`, 404);

  await bare.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'More' }).click();
  await h1(bare).filter({ hasText: 'More' }).waitFor();
  assert.equal(await bare.evaluate(() => window.sameVisit), undefined, 'the page reloaded');
  assert.equal(new URL(bare.url()).pathname, '/more');
  assert.equal(await bare.evaluate(() => document.querySelector('script[type="module"]').getAttribute('src')), `/assets/${movedEntry}`);
  await h.people.bare.context.close();
  delete h.people.bare;
});

test('a push shows one calm notification, and the plain one when it carries nothing', { timeout: TEST_TIMEOUT }, async () => {
  const { context } = h.people.ada;
  await context.grantPermissions(['notifications'], { origin: h.server.url });
  await p.goto('/');
  await h1(p).waitFor();
  const before = await cachedIn(p);
  const cdp = await context.newCDPSession(p);
  const registered = new Promise((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const ours = registrations.find((r) => !r.isDeleted && r.scopeURL === `${h.server.url}/`);
      if (ours) resolve(ours.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  const registrationId = await registered;
  const push = (data) => cdp.send('ServiceWorker.deliverPushMessage', { origin: h.server.url, registrationId, data });
  const shown = (tag) =>
    p.evaluate(async (t) => {
      const r = await navigator.serviceWorker.ready;
      return (await r.getNotifications(t ? { tag: t } : {})).map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data }));
    }, tag);
  const waitShown = async (count) => {
    const until = Date.now() + 10_000;
    let now = await shown();
    while (now.length !== count && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      now = await shown();
    }
    return now;
  };

  await push(JSON.stringify({ title: 'Ben checked in', body: 'See how the day went', tag: 'checkin', url: '/checkin' }));
  assert.deepEqual(await waitShown(1), [{ title: 'Ben checked in', body: 'See how the day went', tag: 'checkin', data: { url: '/checkin' } }]);

  await push('');
  await push('');
  let now = await waitShown(2);
  assert.equal(now.length, 2, JSON.stringify(now));
  assert.deepEqual(await shown('pillars'), [{ title: 'Pillars', body: 'Something new in Pillars', tag: 'pillars', data: { url: '/' } }]);

  await push('not json at all');
  now = await waitShown(2);
  assert.equal((await shown('pillars')).length, 1, 'pushes without a tag collapse into one');
  assert.deepEqual(await cachedIn(p), before, 'nothing of a push is cached');
  await cdp.detach();
});

test('no console errors or CSP violations', () => {
  // Being offline on purpose makes the browser log each request it could not send; only those.
  const offline = (e) => e.text === 'Failed to load resource: net::ERR_INTERNET_DISCONNECTED' && new URL(e.url).pathname.startsWith('/api/');
  assert.deepEqual(h.unexpectedConsoleErrors().filter((e) => !offline(e)), []);
});

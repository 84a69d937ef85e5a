// End-to-end: the main screens as Ada sees them in the demo (`serve --demo`, in a data folder of
// its own), on a phone (390 x 844) and a desktop (1280 x 800), light and dark. Each screen shows its
// heading and what makes it that screen filled from the demo's history, and no error. The pictures
// go to PILLARS_SCREENSHOTS_DIR when it is set (`make screenshots` sets docs/screenshots, for the
// README), else to a temporary folder deleted at the end.
//
// Run from the repository root after `make build`:
//   node --test tests/e2e/screenshots.test.mjs

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TEST_TIMEOUT, createHarness, h1, root } from './lib/harness.mjs';

const h = createHarness({ serverArgs: ['--demo'] });
const given = process.env.PILLARS_SCREENSHOTS_DIR;
let dir;
let p;
let bondId;

const SIZES = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
};
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

// The screens: where each is, its heading, and something only a screen filled from the demo shows.
// Each is checked; those marked `picture` are kept (a small set, for the README).
const screens = () => [
  { name: 'home', picture: true, path: '/', heading: /^Hello, Ada$/, filled: (page) => page.getByText('You and Ben have both checked in', { exact: false }).first() },
  {
    name: 'checkin-reveal',
    picture: true,
    path: `/bonds/${bondId}/history/${yesterday()}`,
    heading: /^You and Ben on /,
    filled: (page) => page.getByText('You both checked in: the day opened to you both'),
  },
  { name: 'journal', path: '/journal', heading: /^Your journal$/, filled: (page) => page.getByText('I got the job.', { exact: false }) },
  { name: 'bond', picture: true, path: `/bonds/${bondId}`, heading: /^You and Ben$/, filled: (page) => page.getByText('A quiet weekend of my own', { exact: false }).first() },
  { name: 'insights', picture: true, path: `/bonds/${bondId}/insights`, heading: /^You and Ben, lately$/, filled: (page) => page.locator('svg').first() },
  {
    name: 'conversation',
    picture: true,
    path: `/bonds/${bondId}/prompts/own_space-2-asking_for_space`,
    heading: /time to yourself/,
    filled: (page) => page.getByText('say enjoy it, and mean it', { exact: false }),
  },
  {
    name: 'wishes',
    picture: true,
    path: `/bonds/${bondId}/menus`,
    heading: /^Wishes$/,
    filled: (page) => page.getByText('A long hug, without hurrying to let go').first(),
    // The picture shows what they both want, further down.
    scrollTo: (page) => page.getByRole('heading', { name: 'What you both want' }),
  },
  { name: 'own-time', path: '/me/own-time', heading: /^Time of your own$/, filled: (page) => page.getByText('Painting by the window', { exact: false }).first() },
];

before(async () => {
  dir = given ? path.resolve(root, given) : await mkdtemp(path.join(os.tmpdir(), 'pillars-screenshots-'));
  mkdirSync(dir, { recursive: true });
  await h.start();
  p = await h.openPerson('ada');
  await p.goto('/signin');
  await p.getByLabel('Email').fill('ada@example.com');
  await p.getByLabel('Password', { exact: true }).fill('pillars-demo-2026');
  await p.getByRole('button', { name: 'Sign in' }).click();
  await h1(p).filter({ hasText: 'Hello, Ada' }).waitFor();
  const bonds = await p.evaluate(async () => (await fetch('/api/v1/bonds')).json());
  bondId = bonds.bonds[0].id;
}, { timeout: 60_000 });
after(async () => {
  await h.stop();
  if (!given && dir) await rm(dir, { recursive: true, force: true });
}, { timeout: 30_000 });

for (const [size, viewport] of Object.entries(SIZES)) {
  for (const scheme of ['light', 'dark']) {
    test(`the main screens on a ${size}, ${scheme}`, { timeout: TEST_TIMEOUT * 2 }, async () => {
      await p.setViewportSize(viewport);
      await p.emulateMedia({ colorScheme: scheme });
      for (const screen of screens()) {
        await p.goto(screen.path);
        const heading = h1(p);
        await heading.waitFor();
        await screen.filled(p).waitFor();
        await p.waitForLoadState('networkidle');
        await p.waitForFunction(() => !document.querySelector('.loading'));
        assert.match((await heading.textContent()).trim(), screen.heading, `${screen.name}: its heading`);
        assert.equal(await p.locator('.notice--error, [role="alert"]').count(), 0, `${screen.name}: no error shows`);
        const dark = await p.evaluate(() => window.matchMedia('(prefers-color-scheme: dark)').matches);
        assert.equal(dark, scheme === 'dark');
        // Colours are only final once transitions have finished.
        await p.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
        if (screen.scrollTo) {
          await screen.scrollTo(p).evaluate((e) => {
            // At once: the page scrolls smoothly otherwise, and the picture would catch it halfway.
            e.scrollIntoView({ block: 'start', behavior: 'instant' });
            window.scrollBy({ top: -24, behavior: 'instant' }); // a little room above
          });
        }
        if (screen.picture) await p.screenshot({ path: path.join(dir, `${screen.name}-${size}-${scheme}.png`) });
      }
      assert.deepEqual(h.unexpectedConsoleErrors(), []);
    });
  }
}

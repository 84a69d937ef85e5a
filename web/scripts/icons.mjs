// Draws the app's icons from the mark in public/favicon.svg, with the chromium Debian ships
// (through playwright-core, which the browser tests already install in tests/e2e):
//
//   node scripts/icons.mjs
//
// The PNGs are committed, so building the app needs none of this; run it again when the mark
// changes. What it writes, under public/icons/:
// - icon-192.png, icon-512.png: the mark as it is, rounded corners and all;
// - maskable-512.png: the mark smaller, on a square of its own background, so a launcher may cut
//   any shape from it (everything that matters sits inside the middle 80 %);
// - apple-touch-icon.png (180): a full square, the phone rounds it itself;
// - badge-96.png: the mark's shape alone in white on nothing, for the status bar.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(web, '..', 'tests', 'e2e', 'package.json'));
const { chromium } = require('playwright-core');

const svg = readFileSync(path.join(web, 'public', 'favicon.svg'), 'utf8');
const tile = /<rect width="64" height="64"[^>]*fill="(#[0-9a-f]+)"\/>/.exec(svg);
if (!tile) throw new Error('favicon.svg: its background square was not found');
const background = tile[1];
// The mark without its background square and title: the roof, the beam, the pillars, the floor.
const mark = svg
  .replace(/<\?xml[^>]*>/, '')
  .replace(/<svg[^>]*>|<\/svg>/g, '')
  .replace(/<title>.*?<\/title>/, '')
  .replace(tile[0], '')
  .trim();
// The mark spans 8..56 across and 8..57 down; its middle is (32, 32.5).
const centred = (scale) => `<g transform="translate(32 32) scale(${scale}) translate(-32 -32.5)">${mark}</g>`;
const drawing = (inner) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="100%" height="100%">${inner}</svg>`;

const icons = [
  { file: 'icon-192.png', size: 192, svg: drawing(svg.replace(/<svg[^>]*>|<\/svg>/g, '')) },
  { file: 'icon-512.png', size: 512, svg: drawing(svg.replace(/<svg[^>]*>|<\/svg>/g, '')) },
  { file: 'maskable-512.png', size: 512, svg: drawing(`<rect width="64" height="64" fill="${background}"/>${centred(0.66)}`) },
  { file: 'apple-touch-icon.png', size: 180, svg: drawing(`<rect width="64" height="64" fill="${background}"/>${centred(0.8)}`) },
  {
    file: 'badge-96.png',
    size: 96,
    svg: drawing(centred(1.15).replace(/fill="#[0-9a-f]+"/g, 'fill="#ffffff"')),
  },
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
try {
  for (const icon of icons) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size }, deviceScaleFactor: 1 });
    await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${icon.svg}`);
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: icon.size, height: icon.size } });
    writeFileSync(path.join(web, 'public', 'icons', icon.file), png);
    await page.close();
    console.log(`public/icons/${icon.file}: ${icon.size} x ${icon.size}, ${png.length} bytes`);
  }
} finally {
  await browser.close();
}

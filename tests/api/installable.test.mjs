// The files that make the web app installable: the service worker at /sw.js and the manifest. The
// worker must never be kept by the browser's HTTP cache (a new release would go unnoticed), must be
// JavaScript, and must be allowed by the Content-Security-Policy; the manifest has its own type.
// Both ways of serving the app are checked: the files built into the binary, and a folder given
// with --web-dir, which must answer alike.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { startServer } from './lib/server.mjs';

const TIMEOUT = { timeout: 30_000 };
const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

function directives(res) {
  const csp = res.headers.get('content-security-policy') ?? '';
  return new Map(csp.split(';').map((p) => p.trim().split(/\s+/)).filter(([n]) => n).map(([n, ...v]) => [n, v]));
}

for (const [how, args] of [
  ['built into the binary', []],
  ['from --web-dir', ['--web-dir', webDir]],
]) {
  describe(`the installable app, ${how}`, TIMEOUT, () => {
    let server;
    before(async () => {
      assert.ok(existsSync(path.join(webDir, 'sw.js')), 'web/dist/sw.js is missing: run npm run build in web/');
      server = await startServer({ args });
    });
    after(() => server?.stop());

    test('/sw.js is JavaScript, always asked for again, and allowed to run as a worker', async () => {
      const res = await fetch(`${server.origin}/sw.js`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type'), /^text\/javascript\b/);
      assert.equal(res.headers.get('cache-control'), 'no-cache');
      const etag = res.headers.get('etag');
      assert.ok(etag, 'an ETag, so a check for a new release costs little');
      const body = await res.text();
      assert.match(body, /^\/\/ Pillars service worker, release [0-9a-f]{16}\n/);
      const list = /\[((?:"\/[^"]*",?)+)\]/.exec(body);
      assert.ok(list, 'the list of files it keeps');
      const files = JSON.parse(`[${list[1]}]`);
      assert.ok(files.includes('/index.html'), 'the shell is among them');
      assert.ok(files.includes('/manifest.webmanifest') && files.includes('/icons/icon-192.png'));
      assert.ok(files.some((f) => /^\/assets\/index-[\w-]{8}\.js$/.test(f)), 'and the code');
      assert.deepEqual(files.filter((f) => f.startsWith('/api/') || f === '/sw.js'), [], 'no API address, not itself');
      const csp = directives(res);
      assert.deepEqual(csp.get('worker-src'), ["'self'"]);
      assert.deepEqual(csp.get('manifest-src'), ["'self'"]);
      assert.deepEqual(csp.get('script-src'), ["'self'"], 'still no inline script');
      const again = await fetch(`${server.origin}/sw.js`, { headers: { 'If-None-Match': etag } });
      assert.equal(again.status, 304);
    });

    test('the manifest has its own type and names the app', async () => {
      const res = await fetch(`${server.origin}/manifest.webmanifest`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/manifest+json');
      assert.equal(res.headers.get('cache-control'), 'no-cache');
      const manifest = await res.json();
      assert.equal(manifest.name, 'Pillars');
      assert.equal(manifest.start_url, '/');
      assert.equal(manifest.display, 'standalone');
    });

    test('the icons are PNG images, and a missing one is a 404, not the app', async () => {
      for (const icon of ['icon-192.png', 'icon-512.png', 'maskable-512.png', 'apple-touch-icon.png', 'badge-96.png']) {
        const res = await fetch(`${server.origin}/icons/${icon}`);
        assert.equal(res.status, 200, icon);
        assert.equal(res.headers.get('content-type'), 'image/png', icon);
        const bytes = Buffer.from(await res.arrayBuffer());
        assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', icon);
      }
      assert.equal((await fetch(`${server.origin}/icons/icon-9000.png`)).status, 404);
    });

    test('the shell links the manifest and the icons', async () => {
      const html = await (await fetch(`${server.origin}/`)).text();
      assert.match(html, /<link rel="manifest" href="\/manifest\.webmanifest"/);
      assert.match(html, /<link rel="apple-touch-icon" href="\/icons\/apple-touch-icon\.png"/);
      assert.match(html, /<meta name="theme-color" content="#[0-9a-f]{6}" media="\(prefers-color-scheme: light\)"/);
      assert.match(html, /<meta name="theme-color" content="#[0-9a-f]{6}" media="\(prefers-color-scheme: dark\)"/);
    });
  });
}

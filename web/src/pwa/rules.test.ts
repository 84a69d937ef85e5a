import assert from 'node:assert/strict';
import { test } from 'node:test';
import { entryOf } from './release';
import { cacheName, isOurCache, isStatic, notificationOf, targetOf } from './rules';

const origin = 'https://pillars.example.org';
const files = new Set(['/index.html', '/assets/index-Ab12Cd34.js', '/icons/icon-192.png']);
const at = (path: string) => new URL(path, origin);

test('only the files of the release, on this origin, are static', () => {
  assert.equal(isStatic(at('/assets/index-Ab12Cd34.js'), origin, files), true);
  assert.equal(isStatic(at('/index.html'), origin, files), true);
  assert.equal(isStatic(at('/icons/icon-192.png'), origin, files), true);
  assert.equal(isStatic(at('/assets/other-Zz99Yy88.js'), origin, files), false, 'not in this release');
  assert.equal(isStatic(at('/assets/index-Ab12Cd34.js?x=1'), origin, files), false, 'with a query');
  assert.equal(isStatic(new URL('https://elsewhere.example/index.html'), origin, files), false);
  assert.equal(isStatic(at('/api/v1/me'), origin, new Set(['/api/v1/me'])), false, 'the API, even if listed');
});

test('each release has a cache of its own, and knows its own caches', () => {
  assert.notEqual(cacheName('a1'), cacheName('b2'));
  assert.equal(isOurCache(cacheName('a1')), true);
  assert.equal(isOurCache('someone-else'), false);
});

test('a push shows what it says, and calm defaults for what it leaves out', () => {
  assert.deepEqual(notificationOf({ title: 'Ben checked in', body: 'See how the day went', tag: 'checkin', url: '/checkin' }), {
    title: 'Ben checked in',
    body: 'See how the day went',
    tag: 'checkin',
    url: '/checkin',
  });
  const plain = { title: 'Pillars', body: 'Something new in Pillars', tag: 'pillars', url: '/' };
  assert.deepEqual(notificationOf(null), plain);
  assert.deepEqual(notificationOf({}), plain);
  assert.deepEqual(notificationOf({ title: '  ', body: 7, tag: null }), plain);
});

test('a tap leads only to a path on this origin', () => {
  assert.equal(targetOf('/journal', origin), '/journal');
  assert.equal(targetOf('/bonds/3/checkin?day=2026-01-02#top', origin), '/bonds/3/checkin?day=2026-01-02#top');
  for (const away of ['https://elsewhere.example/', '//elsewhere.example/x', '/\\elsewhere.example', 'javascript:alert(1)', 'journal', '', 42, undefined])
    assert.equal(targetOf(away, origin), '/', String(away));
});

test('the entry file of a shell is found, so a new release can be told from the running one', () => {
  const html = '<head><link rel="manifest" href="/manifest.webmanifest" /><script type="module" crossorigin src="/assets/index-Ab12Cd34.js"></script>';
  assert.equal(entryOf(html), '/assets/index-Ab12Cd34.js');
  assert.equal(entryOf('<p>no script here</p>'), null);
});

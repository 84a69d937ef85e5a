import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeDevice, formatRelative, listSaid } from './format';

test('relative times: just now, minutes, hours up to two days, then days and weeks', () => {
  const now = Date.parse('2026-03-02T12:00:00Z');
  const at = (seconds: number) => new Date(now + seconds * 1000).toISOString();
  assert.equal(formatRelative(at(-30), now), 'just now');
  assert.equal(formatRelative(at(-5 * 60), now), '5 minutes ago');
  assert.equal(formatRelative(at(24 * 3600), now), 'in 24 hours', 'an invite made now');
  assert.equal(formatRelative(at(-3 * 86400), now), '3 days ago');
  assert.equal(formatRelative(at(-21 * 86400), now), '3 weeks ago');
  assert.equal(formatRelative(at(-400 * 86400), now), 'last year');
});

test('a browser described in a few words', () => {
  const ua = (s: string) => describeDevice(s);
  assert.equal(ua('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'), 'Firefox on Linux');
  assert.equal(ua('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1'), 'Safari on iOS');
  assert.equal(ua('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36 Edg/120.0'), 'Edge on Windows');
  assert.equal(ua('Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36'), 'Chrome on Android');
  assert.equal(ua('curl/8.0'), 'Unknown device');
  assert.equal(ua(''), 'Unknown device');
});

test('a list is said with commas and its last joined by "and", or by "or"', () => {
  assert.equal(listSaid([]), '');
  assert.equal(listSaid(['sadness']), 'sadness');
  assert.equal(listSaid(['calm', 'anger']), 'calm and anger');
  assert.equal(listSaid(['fear', 'hurt', 'shame']), 'fear, hurt and shame');
  assert.equal(listSaid(['Ben', 'Carla', 'Dan'], 'or'), 'Ben, Carla or Dan');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Bond } from '../api';
import { barCurrent, checkinTabHref, countBadge, tabOf, withCount } from './nav';

test('each page belongs to one tab', () => {
  assert.equal(tabOf('/'), 'home');
  assert.equal(tabOf('/bonds/b1'), 'home', 'a bond is reached from home');
  assert.equal(tabOf('/bonds/b1/checkin'), 'checkin');
  assert.equal(tabOf('/bonds/b1/insights'), 'home', 'a bond’s insights are reached from the bond');
  assert.equal(tabOf('/checkin'), 'checkin');
  assert.equal(tabOf('/journal'), 'journal');
  assert.equal(tabOf('/journal/e1'), 'journal');
  for (const p of ['/more', '/me', '/me/needs', '/me/needs/take', '/invite', '/join', '/join/K7QM-3HXD', '/settings', '/sessions', '/insights/me']) {
    assert.equal(tabOf(p), 'more', p);
  }
  assert.equal(tabOf('/bonds/b1/journey'), 'home', 'a bond’s journey and needs are reached from the bond');
  assert.equal(tabOf('/bonds/b1/needs'), 'home');
  assert.equal(tabOf('/journalling'), null, 'a prefix alone is not enough');
  assert.equal(tabOf('/no/such/place'), null);
});

const bond = (id: string, status: Bond['status'] = 'active'): Bond => ({
  id,
  kind: 'partner',
  status,
  created_at: '',
  ended_at: null,
  other: { id: `u-${id}`, display_name: 'Ben' },
});

test('Check in leads straight to the one active bond, else to a choice', () => {
  assert.equal(checkinTabHref([bond('b1')]), '/bonds/b1/checkin');
  assert.equal(checkinTabHref([bond('b1'), bond('b0', 'ended')]), '/bonds/b1/checkin', 'ended bonds do not count');
  assert.equal(checkinTabHref([bond('b1'), bond('b2')]), '/checkin');
  assert.equal(checkinTabHref([]), '/checkin');
  assert.equal(checkinTabHref(undefined), '/checkin', 'while the bonds load');
  assert.equal(checkinTabHref([bond('a/b')]), '/bonds/a%2Fb/checkin');
});

test('the bar marks the part of the app a page belongs to', () => {
  assert.equal(barCurrent('/', '/bonds/b1'), true);
  assert.equal(barCurrent('/', '/journal'), false);
  assert.equal(barCurrent('/settings', '/sessions'), true, 'devices live in settings');
  assert.equal(barCurrent('/join', '/join/K7QM-3HXD'), true);
  assert.equal(barCurrent('/invite', '/join'), false);
  for (const p of ['/me', '/me/needs/take', '/insights/me']) assert.equal(barCurrent('/me', p), true, `${p} is just for you`);
  assert.equal(barCurrent('/me', '/media'), false);
});

test('Home’s link says how many new things wait there', () => {
  assert.equal(withCount('Home', 0), 'Home');
  assert.equal(withCount('Home', 1), 'Home, 1 new');
  assert.equal(withCount('Home', 3), 'Home, 3 new');
  assert.equal(countBadge(7), '7');
  assert.equal(countBadge(99), '99');
  assert.equal(countBadge(120), '99+');
});

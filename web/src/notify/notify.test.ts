import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keyBytes, pushSupport, rememberDevice, rememberedDevice, sameKey, settingsSummary } from './notify';

const env = { serviceWorker: true, pushManager: true, notification: true, userAgent: 'Mozilla/5.0 (X11; Linux x86_64)', standalone: false };

test('push works where the browser has a service worker, a push manager and notifications', () => {
  assert.equal(pushSupport(env), 'supported');
  assert.equal(pushSupport({ ...env, serviceWorker: false }), 'unsupported');
});

test('an iPhone is asked to add Pillars to the Home Screen first', () => {
  const iphone = { ...env, pushManager: false, notification: false, userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)' };
  assert.equal(pushSupport(iphone), 'install-first');
  assert.equal(pushSupport({ ...iphone, standalone: true }), 'unsupported', 'added already, and still no push: an old iOS');
});

test('the server key is decoded from unpadded base64url and compared with a subscription', () => {
  assert.deepEqual([...keyBytes('AQID_-8')], [1, 2, 3, 255, 239]);
  assert.equal(keyBytes('BA'.padEnd(87, 'A')).length, 65);
  const key = keyBytes('AQID');
  assert.equal(sameKey(new Uint8Array([1, 2, 3]).buffer, key), true);
  assert.equal(sameKey(new Uint8Array([1, 2, 4]).buffer, key), false);
  assert.equal(sameKey(null, key), false);
});

test('the summary says what arrives and when it is quiet', () => {
  const s = { reminder: '20:30', events: true, quiet_from: '22:00', quiet_to: '07:00' };
  assert.equal(settingsSummary(s, true),
    'On this device: a check-in reminder at 20:30 and a note when something new is waiting, and nothing from 22:00 to 07:00.');
  assert.equal(settingsSummary({ ...s, reminder: null, quiet_from: null, quiet_to: null }, true),
    'On this device: a note when something new is waiting.');
  assert.match(settingsSummary({ ...s, reminder: null, events: false }, true), /nothing is chosen/);
  assert.equal(settingsSummary(s, false), 'Notifications are off on this device.');
});

test('the remembered device is kept and forgotten, and a storage that throws changes nothing', () => {
  const map = new Map<string, string>();
  const storage = {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
  rememberDevice(storage, 'd1');
  assert.equal(rememberedDevice(storage), 'd1');
  rememberDevice(storage, null);
  assert.equal(rememberedDevice(storage), null);
  const fail = () => {
    throw new Error('no storage');
  };
  const broken = { getItem: fail, setItem: fail, removeItem: fail };
  assert.equal(rememberedDevice(broken), null);
  assert.doesNotThrow(() => rememberDevice(broken, 'x'));
});

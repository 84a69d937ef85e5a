// Calm notifications from the outside: choices and devices are each person's own; a push reaches a
// local push service (which verifies VAPID and decrypts with an implementation of its own) as one
// gathered message that names no one and carries nothing anyone wrote; quiet hours hold it back; a
// reminder comes at the chosen minute, once, and not after checking in; a gone device is forgotten.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertProblem, makeBond, registerPerson, uniqueEmail } from './lib/client.mjs';
import { checkinBody, checkinPath, utcDay } from './lib/checkins.mjs';
import { loadCatalog, shareEntry, uniqueText, writeEntry } from './lib/inner-world.mjs';
import { startPushService } from './lib/push-endpoint.mjs';
import { startServer } from './lib/server.mjs';

// Rounds every 100 ms; notices settle for a second; at most one event push a minute.
const FAST = ['--push-allow-loopback-http', '--push-interval-ms', '100', '--push-settle-seconds', '1',
  '--push-gap-seconds', '60', '--push-subject', 'mailto:operator@example.org'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const hhmm = (d) => d.toISOString().slice(11, 16);
/** Waits until `check()` is true (polling), failing with `what` after 10 s. */
async function until(check, what) {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    assert.ok(Date.now() < deadline, what);
    await sleep(50);
  }
}

async function addDevice(person, device) {
  const res = await person.post('/api/v1/me/push-devices', device.subscription);
  assert.equal(res.status, 201, res.text);
  return res.body.device;
}

describe('notification choices and devices', () => {
  let server, push, ana, ben;
  before(async () => {
    server = await startServer({ args: FAST });
    push = await startPushService();
    ana = await registerPerson(server, { name: 'Ana' });
    ben = await registerPerson(server, { name: 'Ben' });
  });
  after(async () => {
    await server?.stop();
    await push?.close();
  });

  test('start quiet: no reminder, pushes about the other on, no quiet hours, no device; the key to subscribe with', async () => {
    const res = await ana.get('/api/v1/me/notifications');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.settings, { reminder: null, events: true, quiet_from: null, quiet_to: null });
    assert.deepEqual(res.body.devices, []);
    assert.equal(res.body.push.available, true);
    const key = Buffer.from(res.body.push.public_key, 'base64url');
    assert.equal(key.length, 65);
    assert.equal(key[0], 4, 'an uncompressed P-256 point');
  });

  test('choices are checked, saved and kept; fields left out keep their values', async () => {
    assertProblem(await ana.put('/api/v1/me/notifications', { reminder: '25:00' }), 422, 'validation');
    assertProblem(await ana.put('/api/v1/me/notifications', { quiet_from: '22:00' }), 422, 'validation');
    assertProblem(await ana.put('/api/v1/me/notifications', { quiet_from: '07:00', quiet_to: '07:00' }), 422, 'validation');
    assertProblem(await ana.put('/api/v1/me/notifications', { events: 'yes' }), 422, 'validation');
    assertProblem(await ana.put('/api/v1/me/notifications', { reminder: 2000 }), 422, 'validation');
    let res = await ana.put('/api/v1/me/notifications', { reminder: '20:30', quiet_from: '22:00', quiet_to: '07:00' });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.settings, { reminder: '20:30', events: true, quiet_from: '22:00', quiet_to: '07:00' });
    res = await ana.put('/api/v1/me/notifications', { events: false });
    assert.deepEqual(res.body.settings, { reminder: '20:30', events: false, quiet_from: '22:00', quiet_to: '07:00' });
    res = await ana.put('/api/v1/me/notifications', { reminder: null, quiet_from: null, quiet_to: null });
    assert.deepEqual((await ana.get('/api/v1/me/notifications')).body.settings,
      { reminder: null, events: false, quiet_from: null, quiet_to: null });
    assert.deepEqual((await ben.get('/api/v1/me/notifications')).body.settings,
      { reminder: null, events: true, quiet_from: null, quiet_to: null }, "Ana's choices are hers");
  });

  test('a device needs a push service address and the browser keys; each person sees and removes only their own', async () => {
    const phone = push.device('ana-phone');
    const sub = phone.subscription;
    assertProblem(await ana.post('/api/v1/me/push-devices', { ...sub, endpoint: 'ftp://push.example/x' }), 422, 'validation');
    assertProblem(await ana.post('/api/v1/me/push-devices', { ...sub, endpoint: 'http://push.example.org/x' }), 422, 'validation');
    assertProblem(await ana.post('/api/v1/me/push-devices', { endpoint: sub.endpoint }), 422, 'validation');
    assertProblem(await ana.post('/api/v1/me/push-devices', { ...sub, keys: { ...sub.keys, p256dh: 'AAAA' } }), 422, 'validation');
    assertProblem(await ana.post('/api/v1/me/push-devices', { ...sub, keys: { ...sub.keys, auth: 'short' } }), 422, 'validation');
    const device = await addDevice(ana, phone);
    assert.equal(device.service, new URL(sub.endpoint).hostname, 'only the host of the push service');
    assert.equal(device.last_sent_at, null);
    assert.equal(JSON.stringify(device).includes(sub.endpoint), false, 'the full address never comes back');
    const again = await addDevice(ana, phone);
    const list = (await ana.get('/api/v1/me/notifications')).body.devices;
    assert.deepEqual(list.map((d) => d.id), [again.id], 'the same browser again is one device');
    assert.deepEqual((await ben.get('/api/v1/me/notifications')).body.devices, []);
    assertProblem(await ben.delete(`/api/v1/me/push-devices/${again.id}`), 404, 'not-found');
    assert.equal((await ana.delete(`/api/v1/me/push-devices/${again.id}`)).status, 204);
    assert.deepEqual((await ana.get('/api/v1/me/notifications')).body.devices, []);
  });
});

describe('pushes', () => {
  let server, push, ana, ben, bond, cat;
  before(async () => {
    server = await startServer({ args: FAST });
    push = await startPushService();
    ana = await registerPerson(server, { name: 'Anastasia', email: uniqueEmail('anastasia') });
    ben = await registerPerson(server, { name: 'Benedikt', email: uniqueEmail('benedikt') });
    bond = await makeBond(ana, ben);
    cat = await loadCatalog(ana);
  });
  after(async () => {
    await server?.stop();
    await push?.close();
  });

  test('what Ana does reaches Ben as one push that names no one and holds nothing she wrote', async () => {
    const phone = push.device('ben-phone');
    await addDevice(ben, phone);
    const secret = uniqueText('only for Ben to read in the app');
    const entry = await writeEntry(ana, { kind: 'hope', body: secret });
    await shareEntry(ana, entry.id, bond.id);
    const warm = await ana.post(`/api/v1/bonds/${bond.id}/appreciations`, { kind: 'love', note: uniqueText('warm note') });
    assert.equal(warm.status, 201, warm.text);
    const [message] = await phone.waitFor(1);
    assert.deepEqual(message.json, { title: 'Pillars', body: 'Something new in Pillars.', tag: 'pillars-new', url: '/' });
    for (const word of ['Anastasia', 'Benedikt', secret, ana.email]) assert.equal(message.plaintext.includes(word), false);
    assert.equal(message.headers.contentEncoding, 'aes128gcm');
    assert.equal(message.headers.urgency, 'normal');
    assert.equal(message.claims.sub, 'mailto:operator@example.org');
    assert.deepEqual(push.problems, []);
    // More within the hour waits: nothing else arrives now.
    await shareEntry(ana, (await writeEntry(ana, { kind: 'memory', body: uniqueText('another') })).id, bond.id);
    await sleep(1500);
    assert.equal(phone.messages.length, 1, 'at most one push about the other an hour');
    const device = (await ben.get('/api/v1/me/notifications')).body.devices[0];
    assert.ok(device.last_sent_at, 'the device shows when it was last reached');
    assert.equal(push.device('ana-none').messages.length, 0);
  });

  test('quiet hours hold a push back; it goes once they are over', async () => {
    // What Ana has read is not news: Ben accepting her invite, seen here before she has a device, so
    // no round of the dispatcher can find it unread with somewhere to send it.
    assert.equal((await ana.post('/api/v1/notices/seen', { all: true })).status, 200);
    const laptop = push.device('ana-laptop');
    await addDevice(ana, laptop);
    const now = new Date();
    const from = hhmm(new Date(now.getTime() - 60_000));
    const to = hhmm(new Date(now.getTime() + 3 * 3600_000));
    assert.equal((await ana.put('/api/v1/me/notifications', { quiet_from: from, quiet_to: to })).status, 200);
    await (await ben.post(`/api/v1/bonds/${bond.id}/appreciations`, { kind: 'thanks' }));
    await sleep(1800);
    assert.equal(laptop.messages.length, 0, 'nothing in quiet hours');
    assert.equal((await ana.put('/api/v1/me/notifications', { quiet_from: null, quiet_to: null })).status, 200);
    const [message] = await laptop.waitFor(1);
    assert.equal(message.json.body, 'Some warm words are waiting for you.');
  });

  test('a reminder comes at the chosen minute, once a day, and not to someone who checked in', async () => {
    const tablet = push.device('ben-tablet');
    const phone2 = push.device('ana-phone-2');
    await addDevice(ben, tablet);
    await addDevice(ana, phone2);
    // Ana checked in today; Ben did not. Both ask for a reminder at this very minute (UTC).
    assert.equal((await ana.put(checkinPath(bond.id, utcDay(0)), checkinBody(cat))).status, 200);
    const minute = hhmm(new Date());
    for (const who of [ana, ben]) assert.equal((await who.put('/api/v1/me/notifications', { reminder: minute })).status, 200);
    const reminders = (device) => device.messages.filter((m) => m.json?.tag === 'pillars-reminder');
    await until(() => reminders(tablet).length > 0, 'the reminder reaches Ben');
    const [reminder] = reminders(tablet);
    assert.match(reminder.json.body, /check-in/);
    assert.equal(reminder.headers.urgency, 'low');
    await sleep(1000);
    assert.equal(reminders(tablet).length, 1, 'once a day');
    assert.equal(reminders(phone2).length, 0, 'Ana checked in already');
  });

  test('a device its push service says is gone is forgotten', async () => {
    const dan = await registerPerson(server, { name: 'Dan' });
    const eve = await registerPerson(server, { name: 'Eve' });
    const gone = push.device('eve-old');
    await addDevice(eve, gone);
    gone.answer(410);
    const friends = await makeBond(dan, eve, 'friend');
    assert.equal((await dan.post(`/api/v1/bonds/${friends.id}/appreciations`, { kind: 'admire' })).status, 201);
    await until(async () => (await eve.get('/api/v1/me/notifications')).body.devices.length === 0, 'the gone device is dropped');
    assert.equal(gone.messages.length, 0);
    assert.ok((await ben.get('/api/v1/me/notifications')).body.devices.length > 0, "others' devices stay");
  });
});

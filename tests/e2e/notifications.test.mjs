// Notifications in the browser: Ben opens Settings → Notifications on his phone, turns them on for
// this device, chooses a reminder and quiet hours, and sees the device listed; when Ada then shares
// something with him, one push reaches his device through a local push service, saying only that
// something is new. He turns them off again and the device is gone. The browser's real push
// service is out of reach in a test, so PushManager hands out a subscription of the local one;
// everything else (the screen, the server, the encryption, VAPID) is the real thing.
// axe-core finds nothing on the screen, light and dark; nothing scrolls sideways at 320 pixels.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPushService } from '../api/lib/push-endpoint.mjs';
import { TEST_TIMEOUT, assertAccessible, assertFitsWidth, createHarness, h1 } from './lib/harness.mjs';

const h = createHarness({
  serverArgs: ['--push-allow-loopback-http', '--push-interval-ms', '100', '--push-settle-seconds', '1',
    '--push-subject', 'mailto:operator@example.org'],
});
const run = Date.now().toString(36);
const ada = { name: 'Ada Lindqvist', email: `ada.notify.${run}@example.test`, password: 'quiet harbour lantern 42' };
const ben = { name: 'Ben Okafor', email: `ben.notify.${run}@example.test`, password: 'orchard kettle meadow 17' };
let push;
let phone;
let clients;

before(async () => {
  await h.start();
  push = await startPushService();
  phone = push.device('ben-phone');
  clients = await h.partners('ada', ada, 'ben', ben);
  const { context } = h.people.ben;
  await context.grantPermissions(['notifications'], { origin: h.server.url });
  // The browser's own push service is not reachable here: a subscription of the local one instead.
  await context.addInitScript((sub) => {
    // Kept across reloads, as a browser keeps its subscription.
    const KEPT = 'test-push-subscription-key';
    const make = (key) => ({
      endpoint: sub.endpoint,
      options: { applicationServerKey: key, userVisibleOnly: true },
      toJSON: () => sub,
      unsubscribe: async () => {
        sessionStorage.removeItem(KEPT);
        return true;
      },
    });
    const kept = () => {
      const saved = sessionStorage.getItem(KEPT);
      return saved ? make(new Uint8Array(JSON.parse(saved)).buffer) : null;
    };
    PushManager.prototype.subscribe = async function subscribe(options) {
      sessionStorage.setItem(KEPT, JSON.stringify([...new Uint8Array(options.applicationServerKey)]));
      return kept();
    };
    PushManager.prototype.getSubscription = async function getSubscription() {
      return kept();
    };
  }, phone.subscription);
});
after(async () => {
  await h.stop();
  await push?.close();
});

test('Ben turns notifications on, chooses when, and gets one calm push when Ada shares', TEST_TIMEOUT, async () => {
  const page = h.people.ben.page;
  await page.goto('/more');
  await page.getByRole('link', { name: /Notifications/ }).click();
  await assert.doesNotReject(h1(page).filter({ hasText: 'Notifications' }).waitFor());
  await page.getByText('Notifications are off on this device.', { exact: false }).first().waitFor();
  await assertAccessible(page, 'notifications (off)');

  await page.getByRole('button', { name: 'Turn on notifications here' }).click();
  await page.getByText('Notifications are on for this device.').first().waitFor();
  const devices = page.getByRole('region', { name: 'Devices that get them' });
  await devices.getByText('This device').waitFor();
  assert.match(await devices.innerText(), /Through 127\.0\.0\.1/);

  await page.getByLabel('A gentle reminder for the daily check-in').check();
  await page.getByLabel('Remind me at').fill('20:30');
  await page.getByLabel('Quiet hours').check();
  await page.getByLabel('From').fill('23:00');
  await page.getByLabel('To').fill('06:30');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Your notification choices are saved.').first().waitFor();
  const saved = await clients.b.call('GET', '/api/v1/me/notifications');
  assert.deepEqual(saved.body.settings, { reminder: '20:30', events: true, quiet_from: '23:00', quiet_to: '06:30' });
  await page.reload();
  await page.getByText('On this device: a check-in reminder at 20:30', { exact: false }).waitFor();
  assert.equal(await page.getByLabel('Remind me at').inputValue(), '20:30');
  await assertAccessible(page, 'notifications (on)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await assertAccessible(page, 'notifications (on, dark)');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 320, height: 700 });
  await assertFitsWidth(page, 'notifications at 320 pixels');
  await page.setViewportSize({ width: 390, height: 844 });

  // Ada shares something: one push reaches Ben's device, and it says nothing of what or who.
  const secret = `The garden in the rain, and what I thought of you there (${run})`;
  const entry = await clients.a.call('POST', '/api/v1/entries', { kind: 'memory', feelings: [], body: secret });
  assert.equal(entry.status, 201);
  const shared = await clients.a.call('POST', `/api/v1/entries/${entry.body.entry.id}/shares`, { bond_id: clients.bondId });
  assert.equal(shared.status, 200);
  const [message] = await phone.waitFor(1);
  assert.deepEqual(message.json, { title: 'Pillars', body: 'Something was shared with you.', tag: 'pillars-new', url: '/' });
  for (const word of [secret, ada.name, 'Ada']) assert.equal(message.plaintext.includes(word), false);
  assert.deepEqual(push.problems, []);

  // Off again: the device is gone from the list and from the server.
  await page.getByRole('button', { name: 'Turn off here' }).click();
  await page.getByText('Notifications are off for this device.').first().waitFor();
  const after = await clients.b.call('GET', '/api/v1/me/notifications');
  assert.deepEqual(after.body.devices, []);
  assert.deepEqual(h.unexpectedConsoleErrors(), []);
});

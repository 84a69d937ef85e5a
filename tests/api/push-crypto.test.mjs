// The Web Push sender checked from the outside: the test-only program push_send sends through the
// server's own code (OpenSSL encryption, VAPID, libcurl) to the local push service of
// lib/push-endpoint.mjs, which decrypts with http_ece and verifies the token with Node's crypto.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { stat, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { startPushService } from './lib/push-endpoint.mjs';
import { binaryPath } from './lib/server.mjs';

const run = promisify(execFile);
const pushSend = process.env.PILLARS_PUSH_SEND ?? path.join(path.dirname(binaryPath), 'tests', 'push_send');

let push, dir, keyPath;

/** Sends `payload` to `subscription` with push_send; its JSON answer and what it logged. */
async function send(subscription, payload, { ttl, urgency, topic, subject, key = keyPath } = {}) {
  const args = [subscription.endpoint, subscription.keys.p256dh, subscription.keys.auth, key, payload];
  for (const extra of [ttl, urgency, topic, subject]) {
    if (extra === undefined) break;
    args.push(String(extra));
  }
  const { stdout, stderr } = await run(pushSend, args, { timeout: 30_000 });
  return { ...JSON.parse(stdout.trim()), log: stderr };
}

before(async () => {
  push = await startPushService();
  dir = await mkdtemp(path.join(tmpdir(), 'pillars-push-'));
  keyPath = path.join(dir, 'vapid.pem');
});

after(async () => {
  await push?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a push message as the push service and the browser see it', () => {
  test('arrives, decrypts to what was sent, and carries its headers and a valid VAPID token', async () => {
    const phone = push.device('phone');
    const payload = JSON.stringify({ title: 'Ben checked in', body: 'Whenever you like — no hurry 🌿', url: '/checkin' });
    const sent = await send(phone.subscription, payload, { ttl: 3600, urgency: 'high', topic: 'checkin-today',
      subject: 'mailto:ops@example.org' });
    assert.deepEqual({ outcome: sent.outcome, status: sent.status }, { outcome: 'delivered', status: 201 });
    const [message] = await phone.waitFor(1);
    assert.equal(message.plaintext, payload);
    assert.deepEqual(message.json, JSON.parse(payload));
    assert.deepEqual(message.headers, { ttl: '3600', urgency: 'high', topic: 'checkin-today',
      contentEncoding: 'aes128gcm', contentType: 'application/octet-stream' });
    assert.deepEqual(message.jwtHeader, { typ: 'JWT', alg: 'ES256' });
    assert.equal(message.claims.aud, push.origin);
    assert.equal(message.claims.sub, 'mailto:ops@example.org');
    const now = Date.now() / 1000;
    assert.ok(message.claims.exp > now + 11 * 3600 && message.claims.exp <= now + 12 * 3600 + 60,
      `exp about 12 hours ahead: ${message.claims.exp - now} s`);
    assert.equal(message.publicKey, sent.public_key, 'k= is the server\'s applicationServerKey');
    assert.ok(!message.body.includes(Buffer.from('checked in')), 'the push service sees no plaintext');
    assert.deepEqual(push.problems, []);
  });

  test('without options it asks for 12 hours, normal urgency and no topic', async () => {
    const tablet = push.device('tablet');
    const sent = await send(tablet.subscription, '{"n":1}');
    assert.equal(sent.outcome, 'delivered');
    const [message] = await tablet.waitFor(1);
    assert.deepEqual(message.headers, { ttl: String(12 * 3600), urgency: 'normal', topic: undefined,
      contentEncoding: 'aes128gcm', contentType: 'application/octet-stream' });
    assert.equal(message.claims.sub, 'mailto:push-test@example.org');
  });

  test('every body is the same size, whatever the message says', async () => {
    const laptop = push.device('laptop');
    const short = '{}';
    const long = JSON.stringify({ body: 'a'.repeat(1800) });
    await send(laptop.subscription, short);
    await send(laptop.subscription, long);
    const [a, b] = await laptop.waitFor(2);
    assert.equal(a.plaintext, short);
    assert.equal(b.plaintext, long);
    assert.equal(a.body.length, b.body.length);
    assert.equal(a.body.length, 86 + 2048 + 1 + 16, 'header, the padded record, its delimiter and tag');
    assert.ok(!a.body.subarray(0, 16).equals(b.body.subarray(0, 16)), 'a fresh salt for each message');
    assert.ok(!a.body.subarray(21, 86).equals(b.body.subarray(21, 86)), 'a fresh server key for each message');
    const tooLong = await send(laptop.subscription, 'x'.repeat(2049));
    assert.deepEqual({ outcome: tooLong.outcome, status: tooLong.status }, { outcome: 'rejected', status: 0 });
    assert.equal(laptop.messages.length, 2, 'a message too long is never sent');
  });

  test('the VAPID key is made once, owner-only, and kept', async () => {
    const watch = push.device('watch');
    const first = await send(watch.subscription, '{"n":1}');
    const second = await send(watch.subscription, '{"n":2}');
    assert.equal(first.public_key, second.public_key);
    const [m1, m2] = await watch.waitFor(2);
    assert.equal(m1.publicKey, m2.publicKey);
    assert.equal((await stat(keyPath)).mode & 0o777, 0o600);
    const other = await send(watch.subscription, '{"n":3}', { key: path.join(dir, 'other.pem') });
    assert.notEqual(other.public_key, first.public_key);

    // A subscription made with the first key refuses messages signed with another, as push services do.
    const bound = push.device('bound', { applicationServerKey: first.public_key });
    assert.equal((await send(bound.subscription, '{"n":4}')).outcome, 'delivered');
    const foreign = await send(bound.subscription, '{"n":5}', { key: path.join(dir, 'other.pem') });
    assert.deepEqual({ outcome: foreign.outcome, status: foreign.status }, { outcome: 'rejected', status: 403 });
    await bound.nothingFor(100);
    assert.deepEqual(bound.messages.map((m) => m.json), [{ n: 4 }]);
    assert.equal(push.problems.pop().device, 'bound');
  });
});

describe('what the push service answers', () => {
  test('410 Gone and 404 mean the subscription expired', async () => {
    const old = push.device('old phone');
    old.answer(410);
    const gone = await send(old.subscription, '{}');
    assert.deepEqual({ outcome: gone.outcome, status: gone.status }, { outcome: 'expired', status: 410 });
    const unknown = { ...old.subscription, endpoint: `${push.origin}/push/never-subscribed` };
    const missing = await send(unknown, '{}');
    assert.deepEqual({ outcome: missing.outcome, status: missing.status }, { outcome: 'expired', status: 404 });
  });

  test('429 with Retry-After and 5xx fail for now; other 4xx are rejected', async () => {
    const busy = push.device('busy');
    busy.answer(429, { 'retry-after': '120' });
    const slow = await send(busy.subscription, '{}');
    assert.deepEqual({ outcome: slow.outcome, status: slow.status, retry_after: slow.retry_after },
      { outcome: 'failed', status: 429, retry_after: 120 });
    busy.answer(503);
    const down = await send(busy.subscription, '{}');
    assert.deepEqual({ outcome: down.outcome, status: down.status }, { outcome: 'failed', status: 503 });
    busy.answer(413);
    const big = await send(busy.subscription, '{}');
    assert.deepEqual({ outcome: big.outcome, status: big.status }, { outcome: 'rejected', status: 413 });
    assert.deepEqual(push.problems, [], 'each of these passed every check first');
  });

  test('a push service that is not there fails without a status', async () => {
    const sub = push.device('nowhere').subscription;
    const sent = await send({ ...sub, endpoint: 'http://127.0.0.1:1/push/x' }, '{}');
    assert.deepEqual({ outcome: sent.outcome, status: sent.status }, { outcome: 'failed', status: 0 });
  });

  test('the log names the push service\'s host, never the endpoint or the message', async () => {
    const device = push.device('private');
    const secret = 'a-private-word-' + Date.now();
    const sent = await send(device.subscription, JSON.stringify({ body: secret }));
    assert.equal(sent.outcome, 'delivered');
    device.answer(500);
    const failed = await send(device.subscription, JSON.stringify({ body: secret }));
    assert.equal(failed.outcome, 'failed');
    for (const log of [sent.log, failed.log]) {
      assert.match(log, /127\.0\.0\.1/);
      assert.ok(!log.includes(device.id), 'the endpoint\'s path is a capability');
      assert.ok(!log.includes(secret), 'the payload stays private');
      assert.ok(!log.includes(device.subscription.keys.auth));
    }
  });
});

// Sign-in and sign-up limits, on servers started with small limits. The rule (see LoginLimiter in
// src/core/rate_limit.h): a browser that signed in to the account before carries a device cookie
// and is counted on its own; any other attempt is limited per account-and-address pair, per address,
// and per account over all addresses. Nobody can lock the owner's known device out.

import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { Client, assertProblem, namedSetCookie, registerPerson, signIn, strongPassword, uniqueEmail } from './lib/client.mjs';
import { registerPeople } from './lib/fixture.mjs';
import { startServer } from './lib/server.mjs';

const TIMEOUT = { timeout: 60_000 };
const WINDOW_SECONDS = 15 * 60;

function assertRetryAfter(res, most = WINDOW_SECONDS) {
  const retryAfter = res.headers.get('retry-after');
  assert.match(retryAfter ?? '', /^\d+$/, `Retry-After should be whole seconds, got ${retryAfter}`);
  const seconds = Number(retryAfter);
  assert.ok(seconds >= 1 && seconds <= most, `Retry-After ${seconds} should be within ${most} s`);
}

/** A browser that has only the device cookie `device` (no session): a known device, signed out. */
function knownDevice(server, device) {
  const client = new Client(server);
  client.jar.set('pillars_device', device);
  return client;
}

/** POSTs JSON from another loopback source address (the server listens on 127.0.0.1). */
function postFrom(server, localAddress, path, json, headers = {}) {
  const body = JSON.stringify(json);
  const url = new URL(path, server.origin);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress, timeout: 10_000,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), origin: server.origin, ...headers },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

const wrong = (i) => `wrong-guess-${i}-abcdef`;

describe('per account and address', TIMEOUT, () => {
  let server;
  let mara;
  let noor;
  before(async () => {
    server = await startServer({ args: ['--login-limit-per-account', '3', '--login-limit-per-address', '50'] });
    [mara, noor] = await registerPeople(server, 'Mara', 'Noor');
  });
  after(() => server?.stop());

  test('after 3 failed attempts the pair answers 429 with Retry-After, even to the right password', async () => {
    const client = new Client(server);
    for (let i = 0; i < 3; i++) {
      assertProblem(await client.post('/api/v1/auth/login', { email: mara.email, password: wrong(i) }), 401, 'invalid-credentials');
    }
    const limited = await client.post('/api/v1/auth/login', { email: mara.email, password: wrong(3) });
    assertProblem(limited, 429, 'rate-limited');
    assertRetryAfter(limited);
    assert.equal(limited.setCookies.length, 0, 'a limited attempt sets no cookie');

    // The right password does not get through either, otherwise guessing could simply continue.
    assertProblem(await client.post('/api/v1/auth/login', { email: mara.email, password: mara.password }), 429, 'rate-limited');
    // The email in another case is the same account.
    assertProblem(await client.post('/api/v1/auth/login', { email: mara.email.toUpperCase(), password: mara.password }),
      429, 'rate-limited');
    // X-Forwarded-For is not believed from a client that is not a trusted proxy.
    assertProblem(await client.post('/api/v1/auth/login', { email: mara.email, password: mara.password },
      { headers: { 'x-forwarded-for': '198.51.100.23' } }), 429, 'rate-limited');
  });

  test('the owner\'s known device still signs in, and only a valid device cookie for this account counts', async () => {
    assert.ok(mara.deviceCookie, 'registering left a device cookie');
    const res = await knownDevice(server, mara.deviceCookie).post('/api/v1/auth/login', { email: mara.email, password: mara.password });
    assert.equal(res.status, 200, res.text);
    const renewed = namedSetCookie(res, 'pillars_device');
    assert.equal(renewed.attributes.httponly, true);
    assert.equal(renewed.attributes.path, '/');
    assert.ok(Number(renewed.attributes['max-age']) >= 30 * 24 * 3600, 'a device cookie lasts long');

    // Noor's device cookie is not a known device for Mara, and a made-up one is nobody's.
    for (const device of [noor.deviceCookie, 'ab'.repeat(40), 'not-hex']) {
      assertProblem(await knownDevice(server, device).post('/api/v1/auth/login', { email: mara.email, password: mara.password }),
        429, 'rate-limited');
    }
  });

  test('from another address the same account is not limited', async () => {
    const res = await postFrom(server, '127.0.0.2', '/api/v1/auth/login', { email: mara.email, password: mara.password });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  });

  test('other accounts are not affected, and existing sessions keep working', async () => {
    await signIn(server, noor.email, noor.password);
    assert.equal((await mara.get('/api/v1/me')).status, 200);
  });

  test('a known device that fails is limited on its own', async () => {
    const phone = knownDevice(server, noor.deviceCookie);
    for (let i = 0; i < 3; i++) {
      assertProblem(await phone.post('/api/v1/auth/login', { email: noor.email, password: wrong(i) }), 401, 'invalid-credentials');
    }
    assertProblem(await phone.post('/api/v1/auth/login', { email: noor.email, password: noor.password }), 429, 'rate-limited');
    // Noor's failures on her phone do not limit her from an unknown browser at 127.0.0.1.
    await signIn(server, noor.email, noor.password);
  });
});

describe('per address, unknown devices only', TIMEOUT, () => {
  let server;
  let ines;
  before(async () => {
    server = await startServer({ args: ['--login-limit-per-account', '50', '--login-limit-per-address', '3'] });
    ines = await registerPerson(server, { name: 'Ines' });
  });
  after(() => server?.stop());

  test('after 3 failed attempts from one address, unknown devices there answer 429; Ines\'s own browser does not', async () => {
    const client = new Client(server);
    for (let i = 0; i < 3; i++) {
      assertProblem(await client.post('/api/v1/auth/login', { email: uniqueEmail(`spray${i}`), password: 'guess-guess-guess' }),
        401, 'invalid-credentials');
    }
    const limited = await client.post('/api/v1/auth/login', { email: ines.email, password: ines.password });
    assertProblem(limited, 429, 'rate-limited');
    assertRetryAfter(limited);
    const own = await knownDevice(server, ines.deviceCookie).post('/api/v1/auth/login', { email: ines.email, password: ines.password });
    assert.equal(own.status, 200, own.text);
  });
});

describe('behind a trusted proxy, and account-wide', TIMEOUT, () => {
  let server;
  let rui;
  before(async () => {
    server = await startServer({
      args: ['--trusted-proxies', '127.0.0.1, 10.0.0.0/8', '--login-limit-per-account', '2',
        '--login-limit-per-address', '50', '--login-limit-account-wide', '4'],
    });
    rui = await registerPerson(server, { name: 'Rui' });
  });
  after(() => server?.stop());

  const from = (address) => ({ headers: { 'x-forwarded-for': `${address}, 10.1.2.3` } });

  test('each client behind the proxy is counted by its own address', async () => {
    const guesser = new Client(server);
    for (let i = 0; i < 2; i++) {
      assertProblem(await guesser.post('/api/v1/auth/login', { email: rui.email, password: wrong(i) }, from('203.0.113.1')),
        401, 'invalid-credentials');
    }
    assertProblem(await guesser.post('/api/v1/auth/login', { email: rui.email, password: rui.password }, from('203.0.113.1')),
      429, 'rate-limited');
    // Another client behind the same proxy is not the guesser.
    const res = await new Client(server).post('/api/v1/auth/login', { email: rui.email, password: rui.password }, from('198.51.100.7'));
    assert.equal(res.status, 200, res.text);
  });

  test('parallel guesses cannot pass the limit together: each counts before its answer', async () => {
    const email = uniqueEmail('burst');
    const burst = await Promise.all(Array.from({ length: 10 }, (_, i) =>
      new Client(server).post('/api/v1/auth/login', { email, password: wrong(i) }, from('203.0.113.99'))));
    const statuses = burst.map((r) => r.status).sort();
    assert.deepEqual(statuses, [401, 401, ...Array(8).fill(429)], `the limit of 2 held: ${statuses}`);
  });

  test('X-Forwarded-For from a peer that is not a trusted proxy is ignored', async () => {
    // 203.0.113.1 is limited for Rui; a direct client claiming to be it is judged by its own address.
    const res = await postFrom(server, '127.0.0.2', '/api/v1/auth/login', { email: rui.email, password: rui.password },
      { 'x-forwarded-for': '203.0.113.1' });
    assert.equal(res.status, 200, `counted as 127.0.0.2, not as 203.0.113.1: ${JSON.stringify(res.body)}`);
  });

  test('guesses from many addresses slow every unknown device down, never the owner\'s known device', async () => {
    // 2 failures came from 203.0.113.1 already; 2 more from elsewhere reach the account-wide 4.
    const guesser = new Client(server);
    for (let i = 0; i < 2; i++) {
      assertProblem(await guesser.post('/api/v1/auth/login', { email: rui.email, password: wrong(i) }, from(`203.0.113.${10 + i}`)),
        401, 'invalid-credentials');
    }
    const fresh = await new Client(server).post('/api/v1/auth/login', { email: rui.email, password: rui.password }, from('192.0.2.55'));
    assertProblem(fresh, 429, 'rate-limited');
    assertRetryAfter(fresh);
    const own = await knownDevice(server, rui.deviceCookie).post('/api/v1/auth/login', { email: rui.email, password: rui.password },
      from('192.0.2.55'));
    assert.equal(own.status, 200, own.text);
  });
});

describe('sign-up', TIMEOUT, () => {
  let server;
  before(async () => {
    server = await startServer({ args: ['--trusted-proxies', '127.0.0.1'], env: { PILLARS_SIGNUP_LIMIT_PER_ADDRESS: '2' } });
  });
  after(() => server?.stop());

  const signUp = (name, options) => new Client(server).post('/api/v1/auth/register',
    { email: uniqueEmail(name), password: strongPassword(), display_name: name }, options);

  test('2 accounts an hour per address, then 429 with Retry-After; other addresses are not affected', async () => {
    const from = { headers: { 'x-forwarded-for': '203.0.113.40' } };
    assert.equal((await signUp('one', from)).status, 201);
    assert.equal((await signUp('two', from)).status, 201);
    const limited = await signUp('three', from);
    assertProblem(limited, 429, 'rate-limited');
    assertRetryAfter(limited, 3600);
    assert.equal((await signUp('four', { headers: { 'x-forwarded-for': '203.0.113.41' } })).status, 201);
  });

  test('a flood of sign-ups is bounded: the rest are told to come back, and sign-in stays open', async () => {
    const mia = await registerPerson(server, { name: 'Mia' });
    const flood = Array.from({ length: 12 }, (_, i) =>
      signUp(`flood${i}`, { headers: { 'x-forwarded-for': `198.51.100.${i + 1}` } }));
    const login = signIn(server, mia.email, mia.password);
    const answers = await Promise.all(flood);
    await login;
    const statuses = answers.map((r) => r.status);
    for (const res of answers) {
      if (res.status === 201) continue;
      assertProblem(res, 503, 'unavailable');
      assertRetryAfter(res, 60);
    }
    assert.ok(statuses.includes(503), `at most 4 sign-ups hash or wait at once: ${statuses}`);
    assert.ok(statuses.filter((s) => s === 201).length >= 4, `the queue's 4 places were used: ${statuses}`);
  });
});

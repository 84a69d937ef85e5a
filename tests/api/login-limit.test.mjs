// Login rate limits, per account and per address, on servers started with small limits.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client, assertProblem, registerPerson, signIn, uniqueEmail } from './lib/client.mjs';
import { startServer } from './lib/server.mjs';

const TIMEOUT = { timeout: 30_000 };
const WINDOW_SECONDS = 15 * 60;

function assertRetryAfter(res) {
  const retryAfter = res.headers.get('retry-after');
  assert.match(retryAfter ?? '', /^\d+$/, `Retry-After should be whole seconds, got ${retryAfter}`);
  const seconds = Number(retryAfter);
  assert.ok(seconds >= 1 && seconds <= WINDOW_SECONDS, `Retry-After ${seconds} should be within the 15 minute window`);
}

describe('per account', TIMEOUT, () => {
  let server;
  let mara;
  let noor;
  before(async () => {
    server = await startServer({ args: ['--login-limit-per-account', '3', '--login-limit-per-address', '50'] });
    mara = await registerPerson(server, { name: 'Mara' });
    noor = await registerPerson(server, { name: 'Noor' });
  });
  after(() => server?.stop());

  test('after 3 failed attempts the account answers 429 with Retry-After, even to the right password', async () => {
    const client = new Client(server);
    for (let i = 0; i < 3; i++) {
      assertProblem(await client.post('/api/v1/auth/login', { email: mara.email, password: `wrong-guess-${i}-abcdef` }),
        401, 'invalid-credentials');
    }
    const limited = await client.post('/api/v1/auth/login', { email: mara.email, password: 'wrong-guess-3-abcdef' });
    assertProblem(limited, 429, 'rate-limited');
    assertRetryAfter(limited);
    assert.equal(limited.setCookies.length, 0, 'a limited attempt sets no cookie');

    // The limit is per account: the right password does not get through either,
    // otherwise guessing could simply continue.
    const right = await client.post('/api/v1/auth/login', { email: mara.email, password: mara.password });
    assertProblem(right, 429, 'rate-limited');
    // The email in another case is the same account.
    assertProblem(await client.post('/api/v1/auth/login', { email: mara.email.toUpperCase(), password: mara.password }),
      429, 'rate-limited');
  });

  test('other accounts are not affected, and existing sessions keep working', async () => {
    await signIn(server, noor.email, noor.password);
    assert.equal((await mara.get('/api/v1/me')).status, 200);
  });
});

describe('per address', TIMEOUT, () => {
  let server;
  let ines;
  before(async () => {
    server = await startServer({ args: ['--login-limit-per-account', '50', '--login-limit-per-address', '3'] });
    ines = await registerPerson(server, { name: 'Ines' });
  });
  after(() => server?.stop());

  test('after 3 failed attempts from one address, logins from it answer 429', async () => {
    const client = new Client(server);
    for (let i = 0; i < 3; i++) {
      assertProblem(await client.post('/api/v1/auth/login', { email: uniqueEmail(`spray${i}`), password: 'guess-guess-guess' }),
        401, 'invalid-credentials');
    }
    const limited = await client.post('/api/v1/auth/login', { email: ines.email, password: ines.password });
    assertProblem(limited, 429, 'rate-limited');
    assertRetryAfter(limited);
  });
});

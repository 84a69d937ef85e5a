// Accounts and sessions: register, login, logout, me, password change, sessions.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  Client, assertProblem, assertUser, assertValidation, registerPerson, sessionSetCookie,
  signIn, strongPassword, uniqueEmail, RFC3339_UTC,
} from './lib/client.mjs';
import { startServer } from './lib/server.mjs';

const TIMEOUT = { timeout: 30_000 };
let server;
let ada; // registered once, reused by the tests that only need "some person"

before(async () => {
  server = await startServer();
  ada = await registerPerson(server, { name: 'Ada' });
});
after(() => server?.stop());

function anonymous() {
  return new Client(server);
}

describe('register', TIMEOUT, () => {
  test('creates a person, answers 201 {user, csrf} and sets the session cookie', async () => {
    const client = anonymous();
    const email = uniqueEmail('grace');
    const res = await client.post('/api/v1/auth/register', { email, password: strongPassword(), display_name: 'Grace' });
    assert.equal(res.status, 201, res.text);
    assert.match(res.headers.get('content-type'), /^application\/json\b/);
    assertUser(res.body.user, { email, display_name: 'Grace' });
    assert.equal(res.body.user.timezone, 'UTC', 'timezone defaults to UTC');
    assert.equal(typeof res.body.csrf, 'string');
    assert.ok(res.body.csrf.length >= 16, 'csrf token should be long enough to be unguessable');

    const cookie = sessionSetCookie(res);
    assert.ok(cookie.value.length >= 16, 'session token should be long enough to be unguessable');
    assert.equal(cookie.attributes.httponly, true, 'session cookie must be HttpOnly');
    assert.equal(String(cookie.attributes.samesite).toLowerCase(), 'lax', 'session cookie must be SameSite=Lax');
    assert.equal(cookie.attributes.path, '/');
    assert.equal(cookie.attributes.secure, undefined, 'no Secure flag on a plain-http server');
    assert.ok(!res.text.includes(cookie.value), 'the session token belongs in the cookie only');

    const me = await client.get('/api/v1/me');
    assert.equal(me.status, 200, me.text);
    assert.equal(me.body.user.id, res.body.user.id);
  });

  test('normalises email and display name, keeps a given timezone', async () => {
    const local = `Mixed.Case-${Date.now()}`;
    const res = await anonymous().post('/api/v1/auth/register', {
      email: `  ${local}@Example.TEST `,
      password: strongPassword(),
      display_name: '  Katherine  ',
      timezone: 'Europe/Berlin',
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.user.email, `${local.toLowerCase()}@example.test`);
    assert.equal(res.body.user.display_name, 'Katherine');
    assert.equal(res.body.user.timezone, 'Europe/Berlin');
  });

  test('ignores unknown extra fields', async () => {
    const email = uniqueEmail('extra');
    const res = await anonymous().post('/api/v1/auth/register', {
      email, password: strongPassword(), display_name: 'Extra', is_admin: true, id: 'chosen-by-client', favourite: { colour: 'teal' },
    });
    assert.equal(res.status, 201, res.text);
    assert.notEqual(res.body.user.id, 'chosen-by-client');
    assert.equal(res.body.user.email, email);
    assert.equal(res.body.user.is_admin, undefined);
  });

  test('accepts values at the edges: a 254-character email, a 60-character name, 10- and 256-character passwords', async () => {
    const local = `edge${Date.now()}`.padEnd(60, 'x');
    const domain = `${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(254 - 60 - 1 - 63 - 1 - 63 - 1 - 5)}.test`;
    const email = `${local}@${domain}`;
    assert.equal(email.length, 254);
    const name = 'N'.repeat(60);
    const long = await anonymous().post('/api/v1/auth/register', { email, password: strongPassword().padEnd(256, 'q'), display_name: name });
    assert.equal(long.status, 201, long.text);
    assert.equal(long.body.user.email, email);
    assert.equal(long.body.user.display_name, name);

    const short = await anonymous().post('/api/v1/auth/register', { email: uniqueEmail('short'), password: 'Qv7#mZ2!pL', display_name: 'S' });
    assert.equal(short.status, 201, short.text);
  });

  test('rejects a timezone that is not a zone name with 422 validation', async () => {
    const res = await anonymous().post('/api/v1/auth/register', {
      email: uniqueEmail('tz'), password: strongPassword(), display_name: 'Zone', timezone: 'Not a zone!',
    });
    assertValidation(res, 'timezone');
  });

  test('rejects a malformed email with 422 validation naming the field', async () => {
    for (const email of ['not-an-email', '', '@example.test', 'a@', `${'a'.repeat(250)}@example.test`]) {
      const res = await anonymous().post('/api/v1/auth/register', { email, password: strongPassword(), display_name: 'X' });
      assertValidation(res, 'email');
    }
  });

  test('rejects an empty, blank or too long display name with 422 validation', async () => {
    for (const display_name of ['', '   ', 'n'.repeat(61)]) {
      const res = await anonymous().post('/api/v1/auth/register', { email: uniqueEmail('name'), password: strongPassword(), display_name });
      assertValidation(res, 'display_name');
    }
  });

  test('rejects missing fields with 422 validation', async () => {
    const res = await anonymous().post('/api/v1/auth/register', {});
    const problem = assertProblem(res, 422, 'validation');
    const fields = (problem.errors ?? []).map((e) => e.field);
    for (const field of ['email', 'password', 'display_name']) {
      assert.ok(fields.includes(field), `errors should name ${field}: ${res.text}`);
    }
  });

  test('rejects short, overlong, common and email-like passwords with 422 weak-password', async () => {
    const email = uniqueEmail('weakling');
    const local = email.split('@')[0];
    const weak = ['Sh0rt-pw!', 'x'.repeat(257), '1234567890', `${local}-2024`];
    for (const password of weak) {
      const res = await anonymous().post('/api/v1/auth/register', { email, password, display_name: 'Weak' });
      assertProblem(res, 422, 'weak-password');
    }
    // None of the attempts created the account.
    const login = await anonymous().post('/api/v1/auth/login', { email, password: weak[0] });
    assertProblem(login, 401, 'invalid-credentials');
  });

  test('rejects an email that is taken, ignoring case and spaces, with 409 email-taken', async () => {
    const res = await anonymous().post('/api/v1/auth/register', {
      email: ` ${ada.email.toUpperCase()} `, password: strongPassword(), display_name: 'Impostor',
    });
    assertProblem(res, 409, 'email-taken');
    // Ada's account is untouched: her password still works.
    await signIn(server, ada.email, ada.password);
  });

  test('rejects a body that is not JSON, or JSON that is not an object, with 400 bad-request', async () => {
    for (const body of ['not json', '{"email": "a@b.c",', '', '[]', '"text"', '42', 'null']) {
      const res = await anonymous().request('POST', '/api/v1/auth/register', {
        body, headers: { 'content-type': 'application/json' },
      });
      assertProblem(res, 400, 'bad-request');
    }
  });

  test('rejects a body that is not sent as application/json with 415', async () => {
    const json = JSON.stringify({ email: uniqueEmail('plain'), password: strongPassword(), display_name: 'Plain' });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', undefined]) {
      const res = await anonymous().request('POST', '/api/v1/auth/register', {
        body: json, headers: { 'content-type': type },
      });
      assertProblem(res, 415, 'unsupported-media-type');
    }
  });

  test('accepts application/json with a charset parameter', async () => {
    const res = await anonymous().request('POST', '/api/v1/auth/register', {
      body: JSON.stringify({ email: uniqueEmail('charset'), password: strongPassword(), display_name: 'Charset' }),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    assert.equal(res.status, 201, res.text);
  });

  test('rejects a body over 64 KiB with 413 payload-too-large', async () => {
    const res = await anonymous().post('/api/v1/auth/register', {
      email: uniqueEmail('big'), password: strongPassword(), display_name: 'Big', padding: 'x'.repeat(65 * 1024),
    });
    assertProblem(res, 413, 'payload-too-large');
  });

  test('rejects invalid UTF-8 with 400 or 422', async () => {
    const before = Buffer.from(`{"email":"${uniqueEmail('utf')}","password":"${strongPassword()}","display_name":"Bad `);
    const body = Buffer.concat([before, Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"}')]);
    const res = await anonymous().request('POST', '/api/v1/auth/register', {
      body, headers: { 'content-type': 'application/json' },
    });
    assert.ok([400, 422].includes(res.status), `expected 400 or 422, got ${res.status}: ${res.text}`);
    assertProblem(res, res.status, res.status === 400 ? 'bad-request' : 'validation');
  });
});

describe('login', TIMEOUT, () => {
  test('answers 200 {user, csrf} with a new session cookie', async () => {
    const client = anonymous();
    const res = await client.post('/api/v1/auth/login', { email: ada.email, password: ada.password });
    assert.equal(res.status, 200, res.text);
    assertUser(res.body.user, { email: ada.email, display_name: ada.user.display_name });
    assert.equal(typeof res.body.csrf, 'string');
    const cookie = sessionSetCookie(res);
    assert.equal(cookie.attributes.httponly, true);
    assert.equal(String(cookie.attributes.samesite).toLowerCase(), 'lax');
    assert.notEqual(cookie.value, ada.sessionCookie, 'each login is its own session');
  });

  test('accepts the email in another case with surrounding spaces', async () => {
    const res = await anonymous().post('/api/v1/auth/login', { email: `  ${ada.email.toUpperCase()} `, password: ada.password });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.user.id, ada.user.id);
  });

  test('answers 401 invalid-credentials alike for a wrong password and an unknown email', async () => {
    const wrong = await anonymous().post('/api/v1/auth/login', { email: ada.email, password: `${ada.password}x` });
    const wrongProblem = assertProblem(wrong, 401, 'invalid-credentials');
    assert.ok(!wrong.setCookies.some((line) => /^pillars_session=[^;]/.test(line)), 'a failed login sets no session');
    const unknown = await anonymous().post('/api/v1/auth/login', { email: uniqueEmail('nobody'), password: ada.password });
    const unknownProblem = assertProblem(unknown, 401, 'invalid-credentials');
    // Nothing tells an outsider whether the account exists.
    assert.equal(unknownProblem.title, wrongProblem.title);
    assert.equal(unknownProblem.detail, wrongProblem.detail);
  });
});

describe('logout', TIMEOUT, () => {
  test('answers 204, clears the cookie and deletes the session on the server', async () => {
    const client = await signIn(server, ada.email, ada.password);
    const token = client.sessionCookie;
    const res = await client.post('/api/v1/auth/logout', undefined);
    assert.equal(res.status, 204, res.text);
    const cleared = sessionSetCookie(res);
    const expired = cleared.value === '' || cleared.attributes['max-age'] === '0' ||
      Date.parse(cleared.attributes.expires) < Date.now();
    assert.ok(expired, `logout should expire the cookie: ${res.setCookies}`);

    // The old token no longer opens anything, even when a client keeps sending it.
    const replay = new Client(server);
    replay.jar.set('pillars_session', token);
    assertProblem(await replay.get('/api/v1/me'), 401, 'unauthenticated');
    // Ada's other sessions are unaffected.
    assert.equal((await ada.get('/api/v1/me')).status, 200);
  });

  test('without a session answers 401 unauthenticated', async () => {
    assertProblem(await anonymous().post('/api/v1/auth/logout', undefined), 401, 'unauthenticated');
  });
});

describe('me', TIMEOUT, () => {
  test('GET answers {user, csrf} for the signed-in person', async () => {
    const res = await ada.get('/api/v1/me');
    assert.equal(res.status, 200, res.text);
    assertUser(res.body.user, { email: ada.email });
    assert.equal(res.body.user.id, ada.user.id);
    assert.equal(typeof res.body.csrf, 'string');
  });

  test('GET without a session, or with a made-up one, answers 401 unauthenticated', async () => {
    assertProblem(await anonymous().get('/api/v1/me'), 401, 'unauthenticated');
    const forged = anonymous();
    forged.jar.set('pillars_session', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    assertProblem(await forged.get('/api/v1/me'), 401, 'unauthenticated');
  });

  test('PATCH changes display name (trimmed) and timezone', async () => {
    const res = await ada.patch('/api/v1/me', { display_name: '  Ada L.  ', timezone: 'America/New_York' });
    assert.equal(res.status, 200, res.text);
    assertUser(res.body.user, { email: ada.email, display_name: 'Ada L.' });
    assert.equal(res.body.user.timezone, 'America/New_York');
    const again = await ada.get('/api/v1/me');
    assert.equal(again.body.user.display_name, 'Ada L.');
    assert.equal(again.body.user.timezone, 'America/New_York');

    const partial = await ada.patch('/api/v1/me', { timezone: 'UTC' });
    assert.equal(partial.status, 200, partial.text);
    assert.equal(partial.body.user.display_name, 'Ada L.', 'fields not sent stay as they were');
    assert.equal(partial.body.user.timezone, 'UTC');
  });

  test('PATCH rejects a bad display name or timezone with 422 and changes nothing', async () => {
    assertValidation(await ada.patch('/api/v1/me', { display_name: '   ' }), 'display_name');
    assertValidation(await ada.patch('/api/v1/me', { display_name: 'n'.repeat(61) }), 'display_name');
    assertValidation(await ada.patch('/api/v1/me', { timezone: 'Not a zone!' }), 'timezone');
    assertValidation(await ada.patch('/api/v1/me', { display_name: 'Fine', timezone: '' }), 'timezone');
    const me = await ada.get('/api/v1/me');
    assert.equal(me.body.user.display_name, 'Ada L.');
    assert.equal(me.body.user.timezone, 'UTC');
  });

  test('PATCH counts a name\'s length in characters, not bytes', async () => {
    const name = 'é'.repeat(59) + '🌿';
    const res = await ada.patch('/api/v1/me', { display_name: name });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.user.display_name, name);
    assertValidation(await ada.patch('/api/v1/me', { display_name: 'é'.repeat(61) }), 'display_name');
    assert.equal((await ada.get('/api/v1/me')).body.user.display_name, name);
    assert.equal((await ada.patch('/api/v1/me', { display_name: 'Ada L.' })).status, 200);
  });

  test('PATCH refuses a body that is not JSON (415) or too large (413)', async () => {
    assertProblem(await ada.request('PATCH', '/api/v1/me', {
      body: JSON.stringify({ display_name: 'Plain' }), headers: { 'content-type': 'text/plain' },
    }), 415, 'unsupported-media-type');
    assertProblem(await ada.patch('/api/v1/me', { display_name: 'Big', padding: 'x'.repeat(65 * 1024) }),
      413, 'payload-too-large');
    assert.equal((await ada.get('/api/v1/me')).body.user.display_name, 'Ada L.');
  });

  test('PATCH does not change the email', async () => {
    const res = await ada.patch('/api/v1/me', { email: uniqueEmail('hijack') });
    assert.ok(res.status === 200 || res.status === 422, `unexpected ${res.status}: ${res.text}`);
    assert.equal((await ada.get('/api/v1/me')).body.user.email, ada.email);
  });
});

describe('password change', TIMEOUT, () => {
  test('a wrong current password answers 403 wrong-password; a weak new one 422 weak-password', async () => {
    const grace = await registerPerson(server, { name: 'Grace' });
    assertProblem(await grace.post('/api/v1/me/password', { current_password: `${grace.password}!`, new_password: strongPassword() }),
      403, 'wrong-password');
    assertProblem(await grace.post('/api/v1/me/password', { current_password: grace.password, new_password: 'short' }),
      422, 'weak-password');
    // The password is still the old one.
    await signIn(server, grace.email, grace.password);
  });

  test('revokes every other session but keeps the current one', async () => {
    const hedy = await registerPerson(server, { name: 'Hedy' });
    const laptop = await signIn(server, hedy.email, hedy.password, { userAgent: 'laptop' });
    const phone = await signIn(server, hedy.email, hedy.password, { userAgent: 'phone' });
    const next = strongPassword();

    const before = { cookie: hedy.sessionCookie, csrf: hedy.csrf };
    const res = await hedy.post('/api/v1/me/password', { current_password: hedy.password, new_password: next });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(Object.keys(res.body), ['csrf']);
    assert.equal(typeof res.body.csrf, 'string');
    assert.notEqual(res.body.csrf, before.csrf, 'the changing browser gets a new CSRF token');
    assert.notEqual(sessionSetCookie(res).value, before.cookie, 'and a new session cookie');

    assert.equal((await hedy.get('/api/v1/me')).status, 200, 'the browser that changed the password stays signed in');
    const patched = await hedy.patch('/api/v1/me', { display_name: 'Hedy L.' });
    assert.equal(patched.status, 200, 'the new CSRF token works: ' + patched.text);
    assertProblem(await laptop.get('/api/v1/me'), 401, 'unauthenticated');
    assertProblem(await phone.get('/api/v1/me'), 401, 'unauthenticated');
    const sessions = await hedy.get('/api/v1/me/sessions');
    assert.equal(sessions.body.sessions.length, 1);
    assert.equal(sessions.body.sessions[0].current, true);

    assertProblem(await anonymous().post('/api/v1/auth/login', { email: hedy.email, password: hedy.password }), 401, 'invalid-credentials');
    await signIn(server, hedy.email, next);
  });

  test('the old cookie and the old CSRF token are of no use after the change', async () => {
    const iris = await registerPerson(server, { name: 'Iris' });
    const old = new Client(server);
    old.jar.set('pillars_session', iris.sessionCookie);
    old.csrf = iris.csrf;
    const res = await iris.post('/api/v1/me/password', { current_password: iris.password, new_password: strongPassword() });
    assert.equal(res.status, 200, res.text);
    assertProblem(await old.get('/api/v1/me'), 401, 'unauthenticated');
    // The new session with the old token (a token read from a page before the change, say).
    const stale = await iris.patch('/api/v1/me', { display_name: 'Forged' }, { headers: { 'x-csrf-token': old.csrf } });
    assertProblem(stale, 403, 'csrf');
  });

  test('wrong current passwords are limited per account: 429 with Retry-After, even for the right one', async () => {
    const jun = await registerPerson(server, { name: 'Jun' });
    const laptop = await signIn(server, jun.email, jun.password);
    for (let i = 0; i < 5; i++) {
      assertProblem(await jun.post('/api/v1/me/password', { current_password: `guess-${i}-${jun.password}`, new_password: strongPassword() }),
        403, 'wrong-password');
    }
    const limited = await jun.post('/api/v1/me/password', { current_password: jun.password, new_password: strongPassword() });
    assertProblem(limited, 429, 'rate-limited');
    assert.match(limited.headers.get('retry-after') ?? '', /^\d+$/);
    // Per account, not per session: another session of the same person is limited too.
    assertProblem(await laptop.post('/api/v1/me/password', { current_password: jun.password, new_password: strongPassword() }),
      429, 'rate-limited');
    // Nothing changed and the person can still sign in with the old password.
    await signIn(server, jun.email, jun.password);
  });

  test('without a session answers 401', async () => {
    assertProblem(await anonymous().post('/api/v1/me/password', { current_password: 'whatever-1234', new_password: strongPassword() }),
      401, 'unauthenticated');
  });
});

describe('sessions', TIMEOUT, () => {
  let lin;
  let linPhone;
  before(async () => {
    lin = await registerPerson(server, { name: 'Lin' });
    linPhone = await signIn(server, lin.email, lin.password, { userAgent: 'Lin phone browser' });
  });

  test('lists the person\'s sessions, marking the current one, without tokens', async () => {
    const res = await lin.get('/api/v1/me/sessions');
    assert.equal(res.status, 200, res.text);
    const { sessions } = res.body;
    assert.equal(sessions.length, 2);
    for (const s of sessions) {
      assert.equal(typeof s.id, 'string');
      assert.match(s.created_at, RFC3339_UTC);
      assert.match(s.last_seen_at, RFC3339_UTC);
      assert.equal(typeof s.user_agent, 'string');
      assert.equal(typeof s.current, 'boolean');
    }
    const current = sessions.filter((s) => s.current);
    assert.equal(current.length, 1);
    assert.equal(current[0].user_agent, 'pillars-api-tests');
    assert.ok(sessions.some((s) => !s.current && s.user_agent === 'Lin phone browser'));
    for (const token of [lin.sessionCookie, linPhone.sessionCookie]) {
      assert.ok(!res.text.includes(token), 'session tokens never appear in the list');
    }
    // The other device sees the same sessions with its own marked current.
    const fromPhone = await linPhone.get('/api/v1/me/sessions');
    assert.equal(fromPhone.body.sessions.find((s) => s.current).user_agent, 'Lin phone browser');
  });

  test('cannot revoke another person\'s session: 404, and it keeps working', async () => {
    const adaSessions = await ada.get('/api/v1/me/sessions');
    const target = adaSessions.body.sessions.find((s) => s.current);
    assertProblem(await lin.delete(`/api/v1/me/sessions/${encodeURIComponent(target.id)}`), 404, 'not-found');
    assert.equal((await ada.get('/api/v1/me')).status, 200);
    assertProblem(await lin.delete('/api/v1/me/sessions/no-such-session'), 404, 'not-found');
  });

  test('revoking a session signs that device out', async () => {
    const list = await lin.get('/api/v1/me/sessions');
    const phone = list.body.sessions.find((s) => !s.current);
    const res = await lin.delete(`/api/v1/me/sessions/${encodeURIComponent(phone.id)}`);
    assert.equal(res.status, 204, res.text);
    assertProblem(await linPhone.get('/api/v1/me'), 401, 'unauthenticated');
    const after = await lin.get('/api/v1/me/sessions');
    assert.deepEqual(after.body.sessions.map((s) => s.id), list.body.sessions.filter((s) => s.current).map((s) => s.id));
    assertProblem(await lin.delete(`/api/v1/me/sessions/${encodeURIComponent(phone.id)}`), 404, 'not-found');
  });

  test('without a session both answer 401', async () => {
    assertProblem(await anonymous().get('/api/v1/me/sessions'), 401, 'unauthenticated');
    assertProblem(await anonymous().delete('/api/v1/me/sessions/anything'), 401, 'unauthenticated');
  });
});

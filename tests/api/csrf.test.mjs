// Cross-site request forgery: a mutating request with a session cookie needs the
// session's X-CSRF-Token and the server's own Origin; a foreign Origin is refused
// even without a cookie.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client, assertProblem, namedSetCookie, sessionSetCookie, strongPassword, uniqueEmail } from './lib/client.mjs';
import { registerPeople } from './lib/fixture.mjs';
import { startServer } from './lib/server.mjs';

const TIMEOUT = { timeout: 30_000 };

describe('origin is the Host', TIMEOUT, () => {
  let server;
  let rosa;
  let tomas;
  before(async () => {
    server = await startServer();
    [rosa, tomas] = await registerPeople(server, 'Rosa', 'Tomas');
  });
  after(() => server?.stop());

  async function assertNameIs(name) {
    assert.equal((await rosa.get('/api/v1/me')).body.user.display_name, name, 'a refused request changes nothing');
  }

  test('a mutating request without X-CSRF-Token answers 403 csrf', async () => {
    assertProblem(await rosa.patch('/api/v1/me', { display_name: 'Forged' }, { csrf: false }), 403, 'csrf');
    assertProblem(await rosa.post('/api/v1/invites', { kind: 'friend' }, { csrf: false }), 403, 'csrf');
    assertProblem(await rosa.post('/api/v1/auth/logout', undefined, { csrf: false }), 403, 'csrf');
    const sessions = await rosa.get('/api/v1/me/sessions');
    const current = sessions.body.sessions.find((session) => session.current);
    assertProblem(await rosa.delete(`/api/v1/me/sessions/${encodeURIComponent(current.id)}`, { csrf: false }), 403, 'csrf');
    assert.equal((await rosa.get('/api/v1/me')).status, 200, 'still signed in');
    assert.equal((await rosa.get('/api/v1/invites')).body.invites.length, 0);
    await assertNameIs('Rosa');
  });

  test('a wrong X-CSRF-Token answers 403 csrf, including another person\'s token', async () => {
    for (const token of ['wrong', `${rosa.csrf}x`, rosa.csrf.slice(0, -1), tomas.csrf, '']) {
      assertProblem(await rosa.patch('/api/v1/me', { display_name: 'Forged' }, { headers: { 'x-csrf-token': token } }), 403, 'csrf');
    }
    await assertNameIs('Rosa');
  });

  test('a missing Origin answers 403 csrf', async () => {
    assertProblem(await rosa.patch('/api/v1/me', { display_name: 'Forged' }, { origin: false }), 403, 'csrf');
    await assertNameIs('Rosa');
  });

  test('a foreign Origin answers 403 csrf', async () => {
    const port = server.port;
    const foreign = [
      'http://evil.example',
      'null',
      `http://127.0.0.1:${port === 65535 ? port - 1 : port + 1}`,
      `https://127.0.0.1:${port}`,
      `http://localhost:${port}`,
      `http://127.0.0.1:${port}.evil.example`,
    ];
    for (const origin of foreign) {
      const res = await rosa.patch('/api/v1/me', { display_name: 'Forged' }, { headers: { origin } });
      assertProblem(res, 403, 'csrf');
    }
    await assertNameIs('Rosa');
  });

  test('a foreign Origin is refused even without a session cookie', async () => {
    const stranger = new Client(server);
    const login = await stranger.post('/api/v1/auth/login', { email: rosa.email, password: rosa.password },
      { headers: { origin: 'http://evil.example' } });
    assertProblem(login, 403, 'csrf');
    assert.equal(login.setCookies.length, 0);
    const register = await stranger.post('/api/v1/auth/register',
      { email: uniqueEmail('csrf'), password: strongPassword(), display_name: 'Mallory' },
      { headers: { origin: 'http://evil.example' } });
    assertProblem(register, 403, 'csrf');
  });

  test('without a cookie, a request with no Origin (a script, not a browser) may sign in', async () => {
    const script = new Client(server);
    const res = await script.post('/api/v1/auth/login', { email: tomas.email, password: tomas.password }, { origin: false });
    assert.equal(res.status, 200, res.text);
  });

  test('reads need no token; the right token and Origin are accepted', async () => {
    assert.equal((await rosa.get('/api/v1/me', { csrf: false, origin: false })).status, 200);
    const res = await rosa.patch('/api/v1/me', { display_name: 'Rosa P.' });
    assert.equal(res.status, 200, res.text);
    await assertNameIs('Rosa P.');
  });

  test('the token from GET /api/v1/me works like the one from login', async () => {
    const me = await tomas.get('/api/v1/me');
    const fresh = new Client(server);
    fresh.jar = new Map(tomas.jar);
    fresh.csrf = me.body.csrf;
    const res = await fresh.patch('/api/v1/me', { timezone: 'Asia/Tokyo' });
    assert.equal(res.status, 200, res.text);
  });
});

describe('origin is the public URL', TIMEOUT, () => {
  const publicUrl = 'https://pillars.example.test';
  let server;
  before(async () => {
    server = await startServer({ args: ['--public-url', publicUrl] });
  });
  after(() => server?.stop());

  test('the public URL is the only accepted Origin, and the cookie is Secure behind https', async () => {
    const client = new Client(server);
    const direct = await client.post('/api/v1/auth/register',
      { email: uniqueEmail('direct'), password: strongPassword(), display_name: 'Direct' });
    assertProblem(direct, 403, 'csrf');

    const res = await client.post('/api/v1/auth/register',
      { email: uniqueEmail('public'), password: strongPassword(), display_name: 'Public' },
      { headers: { origin: publicUrl } });
    assert.equal(res.status, 201, res.text);
    const cookie = sessionSetCookie(res);
    assert.equal(cookie.attributes.secure, true, 'Secure flag behind an https public URL');
    assert.equal(cookie.attributes.httponly, true);
    // The __Host- prefix: the browser keeps it only with Secure, Path=/ and no Domain, so no
    // other host under the same site can plant or overwrite the session.
    for (const c of [cookie, namedSetCookie(res, 'pillars_device')]) {
      assert.match(c.name, /^__Host-pillars_(session|device)$/);
      assert.equal(c.attributes.secure, true);
      assert.equal(c.attributes.path, '/');
      assert.equal(c.attributes.domain, undefined);
    }
    // The server reads the prefixed name back, and only that name.
    assert.equal((await client.get('/api/v1/me')).status, 200);
    const unprefixed = new Client(server);
    unprefixed.jar.set('pillars_session', client.sessionCookie);
    assertProblem(await unprefixed.get('/api/v1/me'), 401, 'unauthenticated');

    assertProblem(await client.patch('/api/v1/me', { display_name: 'Direct' }), 403, 'csrf');
    const patched = await client.patch('/api/v1/me', { display_name: 'Public P.' }, { headers: { origin: publicUrl } });
    assert.equal(patched.status, 200, patched.text);
  });
});

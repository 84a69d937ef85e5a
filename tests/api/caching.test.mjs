// The server keeps signed-in sessions and bond views in memory for a short while. Nothing a
// person changes may be served stale from there: each case first warms the cache with a few
// requests, changes something, and checks the very next request sees the change.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertProblem, registerPerson, signIn } from './lib/client.mjs';
import { world } from './lib/fixture.mjs';
import { startServer } from './lib/server.mjs';

const TIMEOUT = { timeout: 30_000 };
let server;

before(async () => { server = await startServer(); });
after(() => server?.stop());

async function warm(client, path, times = 3) {
  for (let i = 0; i < times; i++) assert.equal((await client.get(path)).status, 200);
}

test('a revoked session is refused on the next request', TIMEOUT, async () => {
  const ann = await registerPerson(server, { name: 'Ann' });
  const laptop = await signIn(server, ann.email, ann.password, { userAgent: 'laptop' });
  await warm(laptop, '/api/v1/me');
  const sessions = (await ann.get('/api/v1/me/sessions')).body.sessions;
  const id = sessions.find((s) => s.user_agent === 'laptop').id;
  assert.equal((await ann.delete(`/api/v1/me/sessions/${id}`)).status, 204);
  assertProblem(await laptop.get('/api/v1/me'), 401, 'unauthenticated');
});

test('signing out ends the session on the next request', TIMEOUT, async () => {
  const ann = await registerPerson(server, { name: 'Ann' });
  const phone = await signIn(server, ann.email, ann.password, { userAgent: 'phone' });
  await warm(phone, '/api/v1/me');
  const cookie = phone.sessionCookie;
  assert.equal((await phone.post('/api/v1/auth/logout')).status, 204);
  const res = await fetch(`${server.origin}/api/v1/me`, { headers: { Cookie: `pillars_session=${cookie}` } });
  assert.equal(res.status, 401);
});

test('a new password signs other devices out on their next request', TIMEOUT, async () => {
  const ann = await registerPerson(server, { name: 'Ann' });
  const tablet = await signIn(server, ann.email, ann.password, { userAgent: 'tablet' });
  await warm(tablet, '/api/v1/me');
  const res = await ann.post('/api/v1/me/password', { current_password: ann.password, new_password: 'a brand new quiet river' });
  assert.equal(res.status, 200, res.text);
  assertProblem(await tablet.get('/api/v1/me'), 401, 'unauthenticated');
  assert.equal((await ann.get('/api/v1/me')).status, 200, 'the device that changed it stays signed in');
});

test('an ended bond shows as ended, and refuses writes, on the other member\'s next request', TIMEOUT, async () => {
  const { a: ann, b: ben, bond } = await world({ server, a: 'Ann', b: 'Ben', kind: 'friend' });
  await warm(ben, `/api/v1/bonds/${bond.id}`);
  assert.equal((await ann.post(`/api/v1/bonds/${bond.id}/end`)).status, 200);
  const seen = await ben.get(`/api/v1/bonds/${bond.id}`);
  assert.equal(seen.body.bond.status, 'ended');
  assertProblem(await ben.post(`/api/v1/bonds/${bond.id}/appreciations`, { kind: 'thanks' }), 409, 'bond-ended');
});

test('a new name shows in the other member\'s view of the bond at once', TIMEOUT, async () => {
  const { a: ann, b: ben, bond } = await world({ server, a: 'Ann', b: 'Ben', kind: 'family' });
  await warm(ben, `/api/v1/bonds/${bond.id}`);
  assert.equal((await ann.patch('/api/v1/me', { display_name: 'Annika' })).status, 200);
  assert.equal((await ben.get(`/api/v1/bonds/${bond.id}`)).body.bond.other.display_name, 'Annika');
  assert.equal((await ann.get('/api/v1/me')).body.user.display_name, 'Annika', 'and in her own session');
});

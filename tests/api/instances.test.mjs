// Two Pillars instances on one PostgreSQL database, as behind a load balancer: a person's requests
// may reach either. What one instance changes, the other honours on the very next request (its
// caches of sessions and bond views would otherwise serve the old answer for up to 30 seconds),
// and a live event reaches a socket on the instance the writer never talked to.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Client, assertProblem, makeBond, registerPerson, signIn } from './lib/client.mjs';
import { connectEvents } from './lib/events.mjs';
import { bondPath } from './lib/inner-world.mjs';
import { dropDatabase, onPostgres } from './lib/postgres.mjs';
import { startServer } from './lib/server.mjs';

const skip = onPostgres ? false : 'PostgreSQL only: SQLite is one instance\'s own database';
const TIMEOUT = 30_000;

/** The same person (cookies and CSRF token) talking to `server` instead. */
function via(server, client) {
  const other = new Client(server, { userAgent: client.userAgent });
  for (const [name, value] of client.jar) other.jar.set(name, value);
  other.csrf = client.csrf;
  other.user = client.user;
  return other;
}

async function warm(client, target, times = 3) {
  for (let i = 0; i < times; i++) assert.equal((await client.get(target)).status, 200);
}

describe('two instances on one database', { skip, timeout: 120_000 }, () => {
  let dataDir;
  let a;
  let b;

  before(async () => {
    // One data folder (the same keys) and so one database; two servers on it, started in turn.
    dataDir = await mkdtemp(path.join(tmpdir(), 'pillars-instances-'));
    a = await startServer({ dataDir });
    b = await startServer({ dataDir });
  });
  after(async () => {
    await a?.stop();
    await b?.stop();
    if (dataDir) {
      await dropDatabase(dataDir);
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  test('what one instance stores, the other reads', { timeout: TIMEOUT }, async () => {
    const ana = await registerPerson(a, { name: 'Ana' });
    const onB = via(b, ana);
    const me = await onB.get('/api/v1/me');
    assert.equal(me.status, 200);
    assert.equal(me.body.user.display_name, 'Ana');
  });

  test('a live event reaches a socket on the other instance', { timeout: TIMEOUT }, async () => {
    const ana = await registerPerson(a, { name: 'Ana' });
    const ben = await registerPerson(a, { name: 'Ben' });
    const bond = await makeBond(ana, ben);
    const live = await connectEvents(b, via(b, ana));
    try {
      const res = await ben.post(bondPath(bond.id, '/appreciations'), { kind: 'thanks' });
      assert.equal(res.status, 201, res.text);
      const event = await live.waitFor({ type: 'appreciation_added', id: res.body.appreciation.id }, 5_000);
      assert.equal(event.bond_id, bond.id);
    } finally {
      await live.close();
    }
  });

  test('signing out through one instance ends the session on the other at once', { timeout: TIMEOUT }, async () => {
    const ana = await registerPerson(a, { name: 'Ana' });
    const phone = await signIn(a, ana.email, ana.password, { userAgent: 'phone' });
    const phoneOnB = via(b, phone);
    await warm(phoneOnB, '/api/v1/me');  // B now holds the session in its cache
    assert.equal((await phone.post('/api/v1/auth/logout')).status, 204);
    assertProblem(await phoneOnB.get('/api/v1/me'), 401, 'unauthenticated');
  });

  test('a session revoked through one instance is refused by the other at once', { timeout: TIMEOUT }, async () => {
    const ana = await registerPerson(a, { name: 'Ana' });
    const laptop = await signIn(a, ana.email, ana.password, { userAgent: 'laptop' });
    const laptopOnB = via(b, laptop);
    await warm(laptopOnB, '/api/v1/me');
    const sessions = (await ana.get('/api/v1/me/sessions')).body.sessions;
    const id = sessions.find((s) => s.user_agent === 'laptop').id;
    assert.equal((await ana.delete(`/api/v1/me/sessions/${id}`)).status, 204);
    assertProblem(await laptopOnB.get('/api/v1/me'), 401, 'unauthenticated');
  });

  test('a bond ended through one instance is ended on the other at once', { timeout: TIMEOUT }, async () => {
    const ana = await registerPerson(a, { name: 'Ana' });
    const ben = await registerPerson(a, { name: 'Ben' });
    const bond = await makeBond(ana, ben);
    const anaOnB = via(b, ana);
    await warm(anaOnB, bondPath(bond.id));  // B now holds Ana's view of the bond
    assert.equal((await anaOnB.get(bondPath(bond.id))).body.bond.status, 'active');
    assert.equal((await ben.post(bondPath(bond.id, '/end'), {})).status, 200);
    assert.equal((await anaOnB.get(bondPath(bond.id))).body.bond.status, 'ended');
    // And what an ended bond refuses, the other instance refuses too.
    const res = await anaOnB.post(bondPath(bond.id, '/appreciations'), { kind: 'thanks' });
    assert.ok(res.status >= 400 && res.status < 500, `an ended bond takes no warm words: ${res.status}`);
  });

  // Rate limits are counted in the database both share, so two instances allow what one does (the
  // defaults: 5 failed sign-ins per account from one address in 15 minutes, 10 failed invite
  // accepts per account in an hour). Every request here comes from 127.0.0.1.
  const login = (server, email, password) => new Client(server).post('/api/v1/auth/login', { email, password });
  const wrong = (i) => `wrong-guess-${i}-abcdef`;

  test('failed sign-ins alternating between the instances meet the limit at the same attempt as on one', { timeout: TIMEOUT }, async () => {
    const ana = await registerPerson(a, { name: 'Ana' });
    const servers = [a, b];
    for (let i = 0; i < 5; i++) {
      assertProblem(await login(servers[i % 2], ana.email, wrong(i)), 401, 'invalid-credentials');
    }
    const limited = await login(servers[5 % 2], ana.email, wrong(5));
    assertProblem(limited, 429, 'rate-limited');
    const seconds = Number(limited.headers.get('retry-after'));
    assert.ok(seconds >= 1 && seconds <= 15 * 60, `Retry-After ${limited.headers.get('retry-after')}`);
    // Either instance refuses now, the right password included, so guessing cannot go on elsewhere.
    assertProblem(await login(a, ana.email, ana.password), 429, 'rate-limited');
    assertProblem(await login(b, ana.email, ana.password), 429, 'rate-limited');
  });

  test('parallel failed sign-ins on both instances get through only as often as the limit allows', { timeout: TIMEOUT }, async () => {
    const ben = await registerPerson(a, { name: 'Ben' });
    // Each attempt is counted before its password is checked, in one transaction with its check,
    // and no other instance's check runs between the two: exactly 5 of the 12 are judged.
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => login(i % 2 ? b : a, ben.email, wrong(i))));
    const statuses = burst.map((r) => r.status).sort();
    assert.deepEqual(statuses, [...Array(5).fill(401), ...Array(7).fill(429)], `statuses: ${statuses}`);
  });

  test('failed invite accepts through either instance count against one limit', { timeout: TIMEOUT }, async () => {
    const cai = await registerPerson(a, { name: 'Cai' });
    const both = [cai, via(b, cai)];
    const guess = (i) => both[i % 2].post(`/api/v1/invites/ZZZZ-Z${'23456789AB'[i % 10]}ZZ/accept`, {});
    for (let i = 0; i < 10; i++) assertProblem(await guess(i), 404, 'not-found');
    assertProblem(await guess(10), 429, 'rate-limited');
    assertProblem(await guess(11), 429, 'rate-limited');
  });
});

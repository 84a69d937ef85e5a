// Invites: create, list, accept, and every way accepting can fail.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client, RFC3339_UTC, assertBond, assertProblem, assertValidation } from './lib/client.mjs';
import { registerPeople } from './lib/fixture.mjs';
import { startServer } from './lib/server.mjs';

const TIMEOUT = { timeout: 30_000 };
const CODE = /^[A-Z0-9]{4}-[A-Z0-9]{4}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

let server;
let ana;
let ben;
let cleo;
const seenCodes = [];

before(async () => {
  server = await startServer();
  [ana, ben, cleo] = await registerPeople(server, 'Ana', 'Ben', 'Cleo');
});
after(() => server?.stop());

async function invite(person, kind) {
  const res = await person.post('/api/v1/invites', { kind });
  assert.equal(res.status, 201, res.text);
  seenCodes.push(res.body.code);
  return res.body;
}

// The one answer for every code that cannot be accepted (unknown, mistyped, used, expired).
const CANNOT_USE = 'This code cannot be used: it may be mistyped, used already or expired. Ask for a new one.';
function assertCannotUse(res) {
  const problem = assertProblem(res, 404, 'not-found');
  assert.equal(problem.detail, CANNOT_USE);
  assert.deepEqual(Object.keys(problem).sort(), ['detail', 'request_id', 'status', 'title', 'type']);
}

function acceptPath(code) {
  return `/api/v1/invites/${encodeURIComponent(code)}/accept`;
}

describe('create', TIMEOUT, () => {
  test('each kind answers 201 {code, kind, expires_at} with a code like K7QM-3HXD expiring in 24 h', async () => {
    for (const kind of ['partner', 'friend', 'family']) {
      const before = Date.now();
      const res = await ana.post('/api/v1/invites', { kind });
      assert.equal(res.status, 201, res.text);
      assert.equal(res.body.kind, kind);
      assert.match(res.body.code, CODE);
      assert.match(res.body.expires_at, RFC3339_UTC);
      const expires = Date.parse(res.body.expires_at);
      assert.ok(Math.abs(expires - (before + DAY_MS)) < 2 * 60 * 1000, `expires_at ${res.body.expires_at} should be 24 h from now`);
      seenCodes.push(res.body.code);
    }
  });

  test('codes are distinct and drawn from an unambiguous alphabet', async () => {
    for (let i = 0; i < 12; i++) await invite(cleo, 'friend');
    assert.equal(new Set(seenCodes).size, seenCodes.length, 'codes repeat');
    const chars = new Set(seenCodes.join('').replace(/-/g, ''));
    for (const [a, b] of [['0', 'O'], ['1', 'I'], ['1', 'L'], ['I', 'L']]) {
      assert.ok(!(chars.has(a) && chars.has(b)), `codes use both ${a} and ${b}, which are easy to confuse`);
    }
  });

  test('a bad or missing kind answers 422 validation', async () => {
    for (const body of [{ kind: 'enemy' }, { kind: 'Partner' }, { kind: '' }, { kind: 3 }, {}]) {
      assertValidation(await ben.post('/api/v1/invites', body), 'kind');
    }
  });

  test('signed out answers 401', async () => {
    assertProblem(await new Client(server).post('/api/v1/invites', { kind: 'friend' }), 401, 'unauthenticated');
    assertProblem(await new Client(server).get('/api/v1/invites'), 401, 'unauthenticated');
  });
});

describe('list', TIMEOUT, () => {
  test('lists one\'s own open invites only', async () => {
    const mine = await invite(ben, 'family');
    const res = await ben.get('/api/v1/invites');
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.invites.map((i) => i.code), [mine.code]);
    assert.deepEqual(res.body.invites[0], { code: mine.code, kind: 'family', expires_at: mine.expires_at });

    const anas = await ana.get('/api/v1/invites');
    assert.ok(!anas.body.invites.some((i) => i.code === mine.code), 'Ana must not see Ben\'s invite');
    assert.ok(!anas.text.includes(mine.code));
  });
});

describe('accept', TIMEOUT, () => {
  test('accepting answers 201 {bond}; the code is case-insensitive and dashes or spaces do not matter', async () => {
    const { code } = await invite(ana, 'partner');
    // Accepting one's own code fails and does not use the invite up.
    assertProblem(await ana.post(acceptPath(code), {}), 422, 'own-invite');

    const res = await ben.post(acceptPath(code.replace('-', '').toLowerCase()), {});
    assert.equal(res.status, 201, res.text);
    assertBond(res.body.bond, { kind: 'partner', status: 'active', other: ana });

    // Both sides see the same bond, each with the other as `other`.
    const fromAna = await ana.get(`/api/v1/bonds/${encodeURIComponent(res.body.bond.id)}`);
    assert.equal(fromAna.status, 200, fromAna.text);
    assertBond(fromAna.body.bond, { id: res.body.bond.id, kind: 'partner', status: 'active', other: ben });

    // The used code leaves Ana's open invites.
    const open = await ana.get('/api/v1/invites');
    assert.ok(!open.body.invites.some((i) => i.code === code));
  });

  test('a used code answers exactly as an unknown one: 404 not-found, same words', async () => {
    // Ben has no bond with Cleo yet, so the only thing wrong is that the code was used.
    const { code } = await invite(cleo, 'family');
    assert.equal((await ana.post(acceptPath(code), {})).status, 201);
    assertCannotUse(await ben.post(acceptPath(code), {}));
  });

  test('a code with a space instead of the dash is accepted', async () => {
    const { code } = await invite(cleo, 'friend');
    const res = await ben.post(acceptPath(code.replace('-', ' ')), {});
    assert.equal(res.status, 201, res.text);
    assertBond(res.body.bond, { kind: 'friend', other: cleo });
  });

  test('an unknown code answers 404 not-found', async () => {
    const known = new Set(seenCodes.map((c) => c.replace('-', '')));
    const unknown = ['ZZZZ-ZZZZ', 'XXXX-XXXX', 'WWWW-WWWW'].find((c) => !known.has(c.replace('-', '')));
    for (const code of [unknown, 'not a code at all', 'A'.repeat(300)]) assertCannotUse(await ben.post(acceptPath(code), {}));
  });

  test('an active bond between the same two people answers 409 already-bonded, whatever the kind', async () => {
    // Ana and Ben are partners from the first accept test.
    for (const kind of ['partner', 'friend']) {
      const fromAna = await invite(ana, kind);
      assertProblem(await ben.post(acceptPath(fromAna.code), {}), 409, 'already-bonded');
    }
    const fromBen = await invite(ben, 'family');
    assertProblem(await ana.post(acceptPath(fromBen.code), {}), 409, 'already-bonded');
    const bonds = await ana.get('/api/v1/bonds');
    assert.equal(bonds.body.bonds.filter((b) => b.other.id === ben.user.id && b.status === 'active').length, 1);
  });

  test('signed out answers 401, and the invite stays open', async () => {
    const { code } = await invite(ana, 'friend');
    assertProblem(await new Client(server).post(acceptPath(code), {}), 401, 'unauthenticated');
    assert.ok((await ana.get('/api/v1/invites')).body.invites.some((i) => i.code === code));
  });
});

describe('guessing codes', TIMEOUT, () => {
  // A server of its own, so the address's count starts at zero.
  let guessServer;
  let people;
  before(async () => {
    guessServer = await startServer();
    people = await registerPeople(guessServer, 'Dan', 'Eve', 'Fay');
  });
  after(() => guessServer?.stop());

  const guess = (person, i) => person.post(acceptPath(`ZZZZ-Z${'23456789AB'[i % 10]}ZZ`), {});

  test('10 failed accepts an hour per account, then 429 with Retry-After, even for a good code', async () => {
    const [dan, eve] = people;
    for (let i = 0; i < 10; i++) assertCannotUse(await guess(dan, i));
    const limited = await guess(dan, 10);
    assertProblem(limited, 429, 'rate-limited');
    const seconds = Number(limited.headers.get('retry-after'));
    assert.ok(seconds >= 1 && seconds <= 3600, `Retry-After ${limited.headers.get('retry-after')}`);
    // A real code does not get through while the account waits, or guessing would go on.
    const good = await eve.post('/api/v1/invites', { kind: 'friend' });
    assertProblem(await dan.post(acceptPath(good.body.code), {}), 429, 'rate-limited');
    // Another account is not limited by Dan's guesses: it takes the good code.
    assert.equal((await people[2].post(acceptPath(good.body.code), {})).status, 201);
  });

  test('20 failed accepts an hour per address, whoever is signed in (parallel guesses included)', async () => {
    const [, eve, fay] = people;
    // Dan's 10 failures came from this address too.
    // 15 at once: each counts before it is answered, so exactly Eve's 10 get through.
    const burst = await Promise.all(Array.from({ length: 15 }, (_, i) => guess(eve, i)));
    const statuses = burst.map((r) => r.status).sort();
    assert.deepEqual(statuses, [...Array(10).fill(404), ...Array(5).fill(429)], `statuses: ${statuses}`);
    burst.filter((r) => r.status === 404).forEach(assertCannotUse);
    assertProblem(await guess(fay, 0), 429, 'rate-limited');
  });
});

// Bonds: list, show, end — and what each person sees afterwards.

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { Client, assertBond, assertProblem, makeBond } from './lib/client.mjs';
import { registerPeople } from './lib/fixture.mjs';
import { startServer } from './lib/server.mjs';

const TIMEOUT = { timeout: 30_000 };

let server;
let ida;
let jon;
let kai;
let lou; // never in any bond with the others

before(async () => {
  server = await startServer();
  [ida, jon, kai, lou] = await registerPeople(server, 'Ida', 'Jon', 'Kai', 'Lou');
});
after(() => server?.stop());

const bondPath = (id, rest = '') => `/api/v1/bonds/${encodeURIComponent(id)}${rest}`;

describe('a bond through its life', TIMEOUT, () => {
  let first; // Ida–Jon partner, ended below
  let second; // Ida–Kai friend
  let third; // Jon–Ida family, after the first ended

  test('a new person has no bonds', async () => {
    const res = await lou.get('/api/v1/bonds');
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, { bonds: [] });
  });

  test('both members see the bond, each with the other person as `other`', async () => {
    first = await makeBond(ida, jon, 'partner');
    const fromIda = await ida.get(bondPath(first.id));
    assert.equal(fromIda.status, 200, fromIda.text);
    assertBond(fromIda.body.bond, { id: first.id, kind: 'partner', status: 'active', other: jon });
    const fromJon = await jon.get(bondPath(first.id));
    assertBond(fromJon.body.bond, { id: first.id, kind: 'partner', status: 'active', other: ida });
    assert.equal(fromJon.body.bond.created_at, fromIda.body.bond.created_at);

    const list = await jon.get('/api/v1/bonds');
    assert.equal(list.status, 200);
    assert.equal(list.body.bonds.length, 1);
    assertBond(list.body.bonds[0], { id: first.id, other: ida });
  });

  test('someone outside the bond gets 404, the same as for an id that does not exist', async () => {
    const outsider = await lou.get(bondPath(first.id));
    const outsiderProblem = assertProblem(outsider, 404, 'not-found');
    const missing = assertProblem(await lou.get(bondPath('no-such-bond')), 404, 'not-found');
    assert.equal(outsiderProblem.title, missing.title);
    for (const secret of [ida.user.id, jon.user.id, ida.user.display_name, jon.user.display_name, ida.email, jon.email]) {
      assert.ok(!outsider.text.includes(secret), `the 404 must not mention ${secret}`);
    }
    assertProblem(await lou.post(bondPath(first.id, '/end'), {}), 404, 'not-found');
    assert.equal((await ida.get(bondPath(first.id))).body.bond.status, 'active', 'an outsider cannot end a bond');
    const lousList = await lou.get('/api/v1/bonds');
    assert.deepEqual(lousList.body.bonds, []);
  });

  test('signed out gets 401', async () => {
    const anonymous = new Client(server);
    assertProblem(await anonymous.get('/api/v1/bonds'), 401, 'unauthenticated');
    assertProblem(await anonymous.get(bondPath(first.id)), 401, 'unauthenticated');
    assertProblem(await anonymous.post(bondPath(first.id, '/end'), {}), 401, 'unauthenticated');
  });

  test('either member can end it: 200 {bond} with status ended; ending again answers 409 bond-ended', async () => {
    second = await makeBond(kai, ida, 'friend');
    const before = Date.now();
    const res = await jon.post(bondPath(first.id, '/end'), {});
    assert.equal(res.status, 200, res.text);
    assertBond(res.body.bond, { id: first.id, kind: 'partner', status: 'ended', other: ida });
    assert.ok(Math.abs(Date.parse(res.body.bond.ended_at) - before) < 60_000, 'ended_at is now');

    assertProblem(await ida.post(bondPath(first.id, '/end'), {}), 409, 'bond-ended');
    assertProblem(await jon.post(bondPath(first.id, '/end'), {}), 409, 'bond-ended');
  });

  test('the ended bond stays visible to both members, marked ended', async () => {
    for (const [member, other] of [[ida, jon], [jon, ida]]) {
      const res = await member.get(bondPath(first.id));
      assert.equal(res.status, 200, res.text);
      assertBond(res.body.bond, { id: first.id, status: 'ended', other });
    }
    const jons = await jon.get('/api/v1/bonds');
    assert.deepEqual(jons.body.bonds.map((b) => [b.id, b.status]), [[first.id, 'ended']]);
    // And still not to anyone else.
    assertProblem(await lou.get(bondPath(first.id)), 404, 'not-found');
    assertProblem(await kai.get(bondPath(first.id)), 404, 'not-found');
  });

  test('after ending, the same two people may bond again; the list puts active first, newest first', async () => {
    // Times may have one-second resolution; make "newest" unambiguous.
    await sleep(1_100);
    third = await makeBond(jon, ida, 'family');
    assert.notEqual(third.id, first.id);
    const res = await ida.get('/api/v1/bonds');
    assert.deepEqual(res.body.bonds.map((b) => [b.id, b.status]),
      [[third.id, 'active'], [second.id, 'active'], [first.id, 'ended']]);
    for (const bond of res.body.bonds) assertBond(bond);

    // Kai sees only the bond Kai is in.
    const kais = await kai.get('/api/v1/bonds');
    assert.deepEqual(kais.body.bonds.map((b) => b.id), [second.id]);
    for (const secret of [first.id, third.id, jon.user.id, jon.user.display_name]) {
      assert.ok(!kais.text.includes(secret), `Kai's bond list must not mention ${secret}`);
    }
  });

  test('an ended bond shows the other as they were when it ended; a later rename reaches only active bonds', async () => {
    const rename = async (person, name) => {
      const res = await person.patch('/api/v1/me', { display_name: name });
      assert.equal(res.status, 200, res.text);
    };
    const otherIn = async (person, bond) => {
      const res = await person.get(bondPath(bond.id));
      assert.equal(res.status, 200, res.text);
      return res.body.bond.other.display_name;
    };
    await rename(kai, 'Kai Before');
    assert.equal(await otherIn(ida, second), 'Kai Before', 'an active bond shows the name as it is');
    const ended = await ida.post(bondPath(second.id, '/end'), {});
    assert.equal(ended.status, 200, ended.text);
    assert.equal(ended.body.bond.other.display_name, 'Kai Before');

    // Ida's views are cached now; renames after the end must not show through the cache either.
    await rename(kai, 'Kai After');
    await rename(jon, 'Jon After');
    assert.equal(await otherIn(ida, second), 'Kai Before');
    assert.equal(await otherIn(ida, first), 'Jon', 'the name Jon had when the first bond ended');
    assert.equal(await otherIn(ida, third), 'Jon After', 'the same person in an active bond: the name as it is');
    const list = await ida.get('/api/v1/bonds');
    assert.deepEqual(list.body.bonds.map((b) => [b.id, b.status, b.other.display_name]),
      [[third.id, 'active', 'Jon After'], [second.id, 'ended', 'Kai Before'], [first.id, 'ended', 'Jon']]);
    assert.ok(!list.text.includes('Kai After'), list.text);

    // The same holds the other way round.
    await rename(ida, 'Ida After');
    assert.equal(await otherIn(kai, second), 'Ida');
    assert.equal(await otherIn(jon, first), 'Ida');
    assert.equal(await otherIn(jon, third), 'Ida After');
    // And an outsider still learns nothing of either name.
    const outsider = await lou.get(bondPath(second.id));
    assertProblem(outsider, 404, 'not-found');
    for (const name of ['Kai Before', 'Ida After', 'Ida']) assert.ok(!outsider.text.includes(name));
  });
});

// The privacy and authorization matrix.
//
// `pillars routes` lists every route with its access rule. ROUTES below says, for each
// one, how to call it and what three callers get:
//   signed_out - no session at all
//   stranger   - signed in, but in no bond with the members
//   member     - a member of the bond (for signed_in routes: simply a signed-in person)
// A route the server serves but this table does not know fails the test, so a new route
// cannot ship without its authorization checks. Nothing a stranger or a signed-out caller
// receives may mention the bond, its members or their sessions and invites.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  Client, assertBond, assertProblem, makeBond, registerPerson, signIn, strongPassword, uniqueEmail,
} from './lib/client.mjs';
import { loadRoutes, startServer } from './lib/server.mjs';

const TIMEOUT = { timeout: 30_000 };
const CALLERS = ['signed_out', 'stranger', 'member'];
const ACCESS_RULES = new Set(['public', 'signed_in', 'bond_member', 'author']);

/** Expected statuses per access rule, unless an entry says otherwise. */
const BY_RULE = {
  signed_in: { signed_out: 401 },
  bond_member: { signed_out: 401, stranger: 404 },
  author: { signed_out: 401, stranger: 404 },
};

const enc = encodeURIComponent;

/** A second session for `person`, and its id as the person's session list shows it. */
async function extraSession(ctx, person) {
  const device = await signIn(ctx.server, person.email, person.password, { userAgent: `extra-${Math.random()}` });
  const list = await person.get('/api/v1/me/sessions');
  const session = list.body.sessions.find((s) => s.user_agent === device.userAgent);
  assert.ok(session, 'the new session should be listed');
  return { device, id: session.id };
}

async function openInvite(person, kind = 'friend') {
  const res = await person.post('/api/v1/invites', { kind });
  assert.equal(res.status, 201, res.text);
  return res.body.code;
}

/**
 * METHOD path -> {access, expect: {caller: status | null}, call(caller, ctx), check?(res, ctx)}.
 * null means the caller is not tried (explained where it is used). `call` gets a fresh
 * state where the call changes something; `check` adds assertions on the member's answer.
 */
const ROUTES = {
  'GET /healthz': {
    access: 'public',
    expect: { signed_out: 200, stranger: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).get('/healthz'),
  },
  'GET /readyz': {
    access: 'public',
    expect: { signed_out: 200, stranger: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).get('/readyz'),
  },
  'GET /metrics': {
    access: 'public',
    expect: { signed_out: 200, stranger: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).get('/metrics'),
  },
  // Registering and signing in are what a signed-out person does; signed-in callers are not tried.
  'POST /api/v1/auth/register': {
    access: 'public',
    expect: { signed_out: 201, stranger: null, member: null },
    call: (who, ctx) => new Client(ctx.server).post('/api/v1/auth/register',
      { email: uniqueEmail('newcomer'), password: strongPassword(), display_name: 'Newcomer' }),
  },
  'POST /api/v1/auth/login': {
    access: 'public',
    expect: { signed_out: 200, stranger: null, member: null },
    call: (who, ctx) => new Client(ctx.server).post('/api/v1/auth/login', { email: ctx.sam.email, password: ctx.sam.password }),
  },
  'POST /api/v1/auth/logout': {
    access: 'signed_in',
    expect: { stranger: 204, member: 204 },
    async call(who, ctx) {
      if (who === 'signed_out') return ctx.as(who).post('/api/v1/auth/logout', undefined);
      const person = ctx.as(who);
      const device = await signIn(ctx.server, person.email, person.password);
      const res = await device.post('/api/v1/auth/logout', undefined);
      assert.equal((await person.get('/api/v1/me')).status, 200, 'logging out one device keeps the others');
      return res;
    },
  },
  'GET /api/v1/me': {
    access: 'signed_in',
    expect: { stranger: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).get('/api/v1/me'),
    check: (res, ctx) => assert.equal(res.body.user.id, ctx.ana.user.id),
  },
  'PATCH /api/v1/me': {
    access: 'signed_in',
    expect: { stranger: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).patch('/api/v1/me', { timezone: 'Europe/Lisbon' }),
    check: (res, ctx) => assert.equal(res.body.user.id, ctx.ana.user.id),
  },
  'POST /api/v1/me/password': {
    access: 'signed_in',
    expect: { stranger: 204, member: 204 },
    async call(who, ctx) {
      const person = ctx.as(who);
      const next = strongPassword();
      const res = await person.post('/api/v1/me/password', { current_password: person.password ?? 'not-signed-in-1', new_password: next });
      if (res.status === 204) person.password = next;
      return res;
    },
  },
  'GET /api/v1/me/sessions': {
    access: 'signed_in',
    expect: { stranger: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).get('/api/v1/me/sessions'),
    check: (res) => assert.equal(res.body.sessions.filter((s) => s.current).length, 1),
  },
  'DELETE /api/v1/me/sessions/{id}': {
    access: 'signed_in',
    // Everyone aims at one of Ana's sessions; only Ana may end it.
    expect: { stranger: 404, member: 204 },
    async call(who, ctx) {
      const target = await extraSession(ctx, ctx.ana);
      const res = await ctx.as(who).delete(`/api/v1/me/sessions/${enc(target.id)}`);
      const stillThere = (await target.device.get('/api/v1/me')).status;
      assert.equal(stillThere, who === 'member' ? 401 : 200,
        who === 'member' ? 'the revoked session is signed out' : 'someone else cannot end Ana\'s session');
      return res;
    },
  },
  'POST /api/v1/invites': {
    access: 'signed_in',
    expect: { stranger: 201, member: 201 },
    call: (who, ctx) => ctx.as(who).post('/api/v1/invites', { kind: 'family' }),
  },
  'GET /api/v1/invites': {
    access: 'signed_in',
    expect: { stranger: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).get('/api/v1/invites'),
    check: (res, ctx) => assert.ok(res.body.invites.some((i) => i.code === ctx.anaInvite)),
  },
  'POST /api/v1/invites/{code}/accept': {
    access: 'signed_in',
    // Whoever holds a code may accept it: that is how a bond starts. Each caller gets a
    // fresh code from Eve, who is in no bond with the stranger or with Ana.
    expect: { stranger: 201, member: 201 },
    async call(who, ctx) {
      const code = await openInvite(ctx.eve);
      return ctx.as(who).post(`/api/v1/invites/${enc(code)}/accept`, {});
    },
    check: (res, ctx) => assertBond(res.body.bond, { status: 'active', other: ctx.eve }),
  },
  'GET /api/v1/bonds': {
    access: 'signed_in',
    expect: { stranger: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).get('/api/v1/bonds'),
    check: (res, ctx) => assert.ok(res.body.bonds.some((b) => b.id === ctx.bond.id)),
  },
  'GET /api/v1/bonds/{id}': {
    access: 'bond_member',
    expect: { member: 200 },
    call: (who, ctx) => ctx.as(who).get(`/api/v1/bonds/${enc(ctx.bond.id)}`),
    check: (res, ctx) => assertBond(res.body.bond, { id: ctx.bond.id, status: 'active', other: ctx.ben }),
  },
  'POST /api/v1/bonds/{id}/end': {
    access: 'bond_member',
    // Outsiders aim at Ana and Ben's bond, which must stay active; Ana ends her bond with Dee.
    expect: { member: 200 },
    async call(who, ctx) {
      const id = who === 'member' ? ctx.endable.id : ctx.bond.id;
      const res = await ctx.as(who).post(`/api/v1/bonds/${enc(id)}/end`, {});
      if (who !== 'member') {
        assert.equal((await ctx.ana.get(`/api/v1/bonds/${enc(id)}`)).body.bond.status, 'active', 'an outsider cannot end the bond');
      }
      return res;
    },
    check: (res, ctx) => assertBond(res.body.bond, { id: ctx.endable.id, status: 'ended', other: ctx.dee }),
  },
};

// Loaded at import time so that there is one test per served route.
const routes = await loadRoutes();
const served = new Map(routes.map((r) => [`${r.method} ${r.path}`, r]));

const ctx = {};

before(async () => {
  ctx.server = await startServer();
  ctx.ana = await registerPerson(ctx.server, { name: 'Marisol' });
  ctx.ben = await registerPerson(ctx.server, { name: 'Benedikt' });
  ctx.sam = await registerPerson(ctx.server, { name: 'Stranger' });
  ctx.dee = await registerPerson(ctx.server, { name: 'Dee' });
  ctx.eve = await registerPerson(ctx.server, { name: 'Eve' });
  ctx.bond = await makeBond(ctx.ana, ctx.ben, 'partner');
  ctx.endable = await makeBond(ctx.dee, ctx.ana, 'friend');
  ctx.anaInvite = await openInvite(ctx.ana, 'partner');
  const benInvite = await openInvite(ctx.ben, 'friend');
  const anaSessions = (await ctx.ana.get('/api/v1/me/sessions')).body.sessions.map((s) => s.id);
  const benSessions = (await ctx.ben.get('/api/v1/me/sessions')).body.sessions.map((s) => s.id);
  const anonymous = new Client(ctx.server);
  ctx.as = (who) => ({ signed_out: anonymous, stranger: ctx.sam, member: ctx.ana })[who];

  // What must never reach a stranger or a signed-out caller.
  ctx.secrets = {
    'bond id': ctx.bond.id,
    'member id (Ana)': ctx.ana.user.id,
    'member id (Ben)': ctx.ben.user.id,
    'member email (Ana)': ctx.ana.email,
    'member email (Ben)': ctx.ben.email,
    'member name (Ana)': ctx.ana.user.display_name,
    'member name (Ben)': ctx.ben.user.display_name,
    'Ana\'s invite code': ctx.anaInvite,
    'Ben\'s invite code': benInvite,
    'Ana\'s session token': ctx.ana.sessionCookie,
    'Ben\'s session token': ctx.ben.sessionCookie,
    ...Object.fromEntries(anaSessions.map((id, i) => [`Ana's session id ${i}`, id])),
    ...Object.fromEntries(benSessions.map((id, i) => [`Ben's session id ${i}`, id])),
  };
});
after(() => ctx.server?.stop());

function assertNothingLeaks(res, who) {
  for (const [what, secret] of Object.entries(ctx.secrets)) {
    // A value the caller put in the URL is not news to them.
    if (res.path.includes(secret) || res.path.includes(enc(secret))) continue;
    assert.ok(!res.text.includes(secret), `${who}: ${res.method} ${res.path} revealed ${what}`);
    assert.ok(![...res.headers.values()].some((v) => v.includes(secret)), `${who}: ${res.method} ${res.path} revealed ${what} in a header`);
  }
}

describe('route table', TIMEOUT, () => {
  test('every access rule is public, signed_in, bond_member or author', () => {
    for (const route of routes) {
      assert.ok(ACCESS_RULES.has(route.access), `${route.method} ${route.path}: access ${JSON.stringify(route.access)}`);
    }
  });

  test('no route is listed twice', () => {
    assert.equal(served.size, routes.length);
  });

  test('every route the server serves has an entry in this matrix', () => {
    const missing = [...served.keys()].filter((key) => !(key in ROUTES));
    assert.deepEqual(missing, [], 'add these routes to ROUTES in tests/api/authz.test.mjs');
  });

  test('every entry in this matrix is a route the server serves', () => {
    const stale = Object.keys(ROUTES).filter((key) => !served.has(key));
    assert.deepEqual(stale, [], 'the server does not serve these routes');
  });
});

describe('who gets what, per route', TIMEOUT, () => {
  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    const entry = ROUTES[key];
    test(`${key} [${route.access}]`, async () => {
      assert.ok(entry, `no matrix entry for ${key}`);
      assert.equal(route.access, entry.access, `${key}: the server's access rule differs from the matrix`);
      const expect = { ...BY_RULE[entry.access], ...entry.expect };
      for (const who of CALLERS) {
        const status = expect[who];
        if (status === null) continue;
        assert.equal(typeof status, 'number', `${key}: no expectation for ${who}`);
        const res = await entry.call(who, ctx);
        assert.equal(res.status, status, `${key} as ${who}: expected ${status}, got ${res.status} ${res.text.slice(0, 300)}`);
        if (status === 401) assertProblem(res, 401, 'unauthenticated');
        if (status === 404) assertProblem(res, 404, 'not-found');
        if (who !== 'member') assertNothingLeaks(res, who);
        else if (entry.check) await entry.check(res, ctx);
      }
    });
  }
});

describe('from the other person\'s side', TIMEOUT, () => {
  test('a stranger\'s bond list does not include the bond', async () => {
    const res = await ctx.sam.get('/api/v1/bonds');
    assert.equal(res.status, 200);
    assert.ok(!res.body.bonds.some((b) => b.id === ctx.bond.id));
    assertNothingLeaks(res, 'stranger');
  });

  test('a stranger gets the same 404 for the bond as for a bond that does not exist', async () => {
    const real = assertProblem(await ctx.sam.get(`/api/v1/bonds/${enc(ctx.bond.id)}`), 404, 'not-found');
    const none = assertProblem(await ctx.sam.get('/api/v1/bonds/does-not-exist'), 404, 'not-found');
    assert.equal(real.title, none.title);
    const realEnd = assertProblem(await ctx.sam.post(`/api/v1/bonds/${enc(ctx.bond.id)}/end`, {}), 404, 'not-found');
    const noneEnd = assertProblem(await ctx.sam.post('/api/v1/bonds/does-not-exist/end', {}), 404, 'not-found');
    assert.equal(realEnd.title, noneEnd.title);
  });

  test('an ended bond stays visible to both members, marked ended, and to nobody else', async () => {
    const bond = await makeBond(ctx.ben, ctx.dee, 'family');
    const ended = await ctx.dee.post(`/api/v1/bonds/${enc(bond.id)}/end`, {});
    assert.equal(ended.status, 200, ended.text);
    for (const [member, other] of [[ctx.ben, ctx.dee], [ctx.dee, ctx.ben]]) {
      const one = await member.get(`/api/v1/bonds/${enc(bond.id)}`);
      assert.equal(one.status, 200, one.text);
      assertBond(one.body.bond, { id: bond.id, status: 'ended', other });
      const list = await member.get('/api/v1/bonds');
      assert.equal(list.body.bonds.find((b) => b.id === bond.id)?.status, 'ended');
    }
    for (const outsider of [ctx.sam, ctx.ana]) {
      assertProblem(await outsider.get(`/api/v1/bonds/${enc(bond.id)}`), 404, 'not-found');
      assert.ok(!(await outsider.get('/api/v1/bonds')).text.includes(bond.id));
    }
  });

  test('not even a partner sees the other\'s sessions or invites', async () => {
    const anaSessions = (await ctx.ana.get('/api/v1/me/sessions')).body.sessions.map((s) => s.id);
    const anaInvites = (await ctx.ana.get('/api/v1/invites')).body.invites.map((i) => i.code);
    assert.ok(anaSessions.length > 0 && anaInvites.length > 0);
    for (const viewer of [ctx.ben, ctx.sam]) {
      const sessions = await viewer.get('/api/v1/me/sessions');
      const invites = await viewer.get('/api/v1/invites');
      for (const id of anaSessions) assert.ok(!sessions.text.includes(id), 'another person\'s session listed');
      for (const code of anaInvites) assert.ok(!invites.text.includes(code), 'another person\'s invite listed');
    }
  });
});

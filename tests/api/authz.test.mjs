// The privacy and authorization matrix.
//
// `pillars routes` lists every route with its access rule. ROUTES below says, for each
// one, how to call it and what three callers get:
//   signed_out - no session at all
//   stranger   - signed in, but in no bond with the members
//   partner    - the other member of the bond, tried where an entry says what they get
//                (author routes: the partner is not the author and gets 404)
//   member     - a member of the bond (for signed_in routes: simply a signed-in person;
//                for author routes: the author)
// A route the server serves but this table does not know fails the test, so a new route
// cannot ship without its authorization checks. Nothing a stranger or a signed-out caller
// receives may mention the bond, its members, their sessions and invites or anything they
// wrote; nothing the partner receives may mention what the author keeps private.

import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  Client, assertBond, assertProblem, makeBond, signIn, strongPassword, uniqueEmail,
} from './lib/client.mjs';
import { openEvents } from './lib/events.mjs';
import { world } from './lib/fixture.mjs';
import { bondPath, entryPath, loadCatalog, shareEntry, writeEntry } from './lib/inner-world.mjs';
import { answersFor, needItems, takeNeeds } from './lib/needs.mjs';
import { loadRoutes } from './lib/server.mjs';

const TIMEOUT = { timeout: 30_000 };
const CALLERS = ['signed_out', 'stranger', 'partner', 'member'];
const ACCESS_RULES = new Set(['public', 'signed_in', 'bond_member', 'author_scoped']);

/** Expected statuses per access rule, unless an entry says otherwise. */
const BY_RULE = {
  signed_in: { signed_out: 401 },
  bond_member: { signed_out: 401, stranger: 404 },
  author_scoped: { signed_out: 401, stranger: 404, partner: 404 },
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

/** A subscription as a browser's push service would give it (never called: the server only keeps it). */
function browserSubscription() {
  const ecdh = crypto.createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    endpoint: `https://push.example.org/send/${crypto.randomBytes(12).toString('base64url')}`,
    keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: crypto.randomBytes(16).toString('base64url') },
  };
}

async function openInvite(person, kind = 'friend') {
  const res = await person.post('/api/v1/invites', { kind });
  assert.equal(res.status, 201, res.text);
  return res.body.code;
}

/** An entry of Ana's made for one call, so that the call can change or delete it. */
async function freshEntry(ctx, label) {
  return writeEntry(ctx.ana, { kind: 'feeling', feelings: [], body: `${label} ${Math.random()}` });
}

/** A comfort request Ben sends in the bond, for someone to answer. */
async function bensRequest(ctx) {
  const res = await ctx.ben.post(bondPath(ctx.bond.id, '/comfort-requests'), { note: 'Could you sit with me a while?' });
  assert.equal(res.status, 201, res.text);
  return res.body.comfort_request;
}

/** A request for space Ben sends in the bond, for someone to answer. */
async function bensSpaceRequest(ctx) {
  const res = await ctx.ben.post(bondPath(ctx.bond.id, '/space-requests'), { when: 'tonight', note: 'A long bath and a book.' });
  assert.equal(res.status, 201, res.text);
  return res.body.space_request;
}

/** Asserts that Ana's private entry is exactly as she wrote it and shared nowhere. */
async function privateEntryUntouched(ctx) {
  const res = await ctx.ana.get(entryPath(ctx.privateEntry.id));
  assert.equal(res.status, 200, 'the private entry still exists');
  assert.equal(res.body.entry.body, ctx.privateEntry.body, 'the private entry was not changed');
  assert.deepEqual(res.body.entry.shared_with, [], 'the private entry was not shared');
  const listing = await ctx.ben.get(bondPath(ctx.bond.id, '/entries?limit=100'));
  assert.ok(!listing.text.includes(ctx.privateEntry.id), 'the private entry is not in the bond');
}

/** A WebSocket upgrade to /api/v1/events as a response-like object; an accepted socket is closed at once. */
async function eventsUpgrade(who, ctx) {
  const client = who === 'signed_out' ? null : ctx.as(who);
  const res = await openEvents(ctx.server, client);
  if (res.status === 101) await res.close();
  return res;
}

/**
 * METHOD path -> {access, expect: {caller: status | null}, call(caller, ctx), check?(res, ctx)}.
 * null means the caller is not tried (explained where it is used); the partner is tried only
 * where an entry or the access rule says what they get. `call` gets a fresh state where the
 * call changes something; `check` adds assertions on the member's answer.
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
    expect: { stranger: 200, member: 200 },
    async call(who, ctx) {
      const person = ctx.as(who);
      const next = strongPassword();
      const res = await person.post('/api/v1/me/password', { current_password: person.password ?? 'not-signed-in-1', new_password: next });
      if (res.status === 200) person.password = next;
      return res;
    },
  },
  'DELETE /api/v1/me': {
    access: 'signed_in',
    // A wrong password: no one is deleted, and each is refused only for themselves.
    expect: { stranger: 403, member: 403 },
    call: (who, ctx) => ctx.as(who).delete('/api/v1/me', { json: { password: 'not the right one at all' } }),
  },
  'GET /api/v1/me/export': {
    access: 'signed_in',
    expect: { stranger: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).get('/api/v1/me/export'),
  },
  'POST /api/v1/me/import': {
    access: 'signed_in',
    // Not an export: refused for whoever sends it, and nothing is kept.
    expect: { stranger: 422, member: 422 },
    call: (who, ctx) => ctx.as(who).post('/api/v1/me/import', { format: 'not-pillars', version: 1 }),
  },
  'POST /api/v1/auth/forgot-password': {
    access: 'public',
    // This server sends no email.
    expect: { signed_out: 409, stranger: null, member: null },
    call: (who, ctx) => new Client(ctx.server).post('/api/v1/auth/forgot-password', { email: ctx.sam.email }),
  },
  'POST /api/v1/auth/reset-password': {
    access: 'public',
    expect: { signed_out: 400, stranger: null, member: null },
    call: (who, ctx) => new Client(ctx.server).post('/api/v1/auth/reset-password', { token: 'made-up', password: strongPassword() }),
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
  'GET /api/v1/me/notifications': {
    access: 'signed_in',
    expect: { stranger: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).get('/api/v1/me/notifications'),
    check: (res) => assert.equal(typeof res.body.settings.events, 'boolean'),
  },
  'PUT /api/v1/me/notifications': {
    access: 'signed_in',
    expect: { stranger: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).put('/api/v1/me/notifications', { reminder: '21:00' }),
  },
  'POST /api/v1/me/push-devices': {
    access: 'signed_in',
    expect: { stranger: 201, member: 201 },
    call: (who, ctx) => ctx.as(who).post('/api/v1/me/push-devices', browserSubscription()),
  },
  'DELETE /api/v1/me/push-devices/{id}': {
    access: 'signed_in',
    // Everyone aims at one of Ana's devices; only Ana may remove it.
    expect: { stranger: 404, member: 204 },
    async call(who, ctx) {
      const made = await ctx.ana.post('/api/v1/me/push-devices', browserSubscription());
      assert.equal(made.status, 201, made.text);
      return ctx.as(who).delete(`/api/v1/me/push-devices/${enc(made.body.device.id)}`);
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

  // The inner world.
  'GET /api/v1/catalog': {
    access: 'public',
    expect: { signed_out: 200, stranger: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).get('/api/v1/catalog'),
    check: (res) => assert.ok(res.body.feelings.families.length >= 11),
  },
  'POST /api/v1/entries': {
    access: 'signed_in',
    expect: { stranger: 201, member: 201 },
    call: (who, ctx) => ctx.as(who).post('/api/v1/entries', { kind: 'memory', feelings: [], body: 'a note to myself' }),
    check: (res) => assert.deepEqual(res.body.entry.shared_with, [], 'a new entry is private'),
  },
  'GET /api/v1/entries': {
    access: 'signed_in',
    // Each sees only their own: the partner's list must not hold Ana's entries.
    expect: { stranger: 200, partner: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).get('/api/v1/entries?limit=100'),
    check: (res, ctx) => assert.ok(res.body.entries.some((e) => e.id === ctx.privateEntry.id)),
  },
  'GET /api/v1/entries/{id}': {
    access: 'author_scoped',
    expect: { member: 200 },
    call: (who, ctx) => ctx.as(who).get(entryPath(ctx.privateEntry.id)),
    check: (res, ctx) => assert.equal(res.body.entry.body, ctx.privateEntry.body),
  },
  'PATCH /api/v1/entries/{id}': {
    access: 'author_scoped',
    // Others aim at Ana's private entry, which must stay as it is; Ana edits an entry of her own.
    expect: { member: 200 },
    async call(who, ctx) {
      if (who === 'member') {
        const entry = await freshEntry(ctx, 'to be edited');
        return ctx.ana.patch(entryPath(entry.id), { body: 'edited by its author' });
      }
      const res = await ctx.as(who).patch(entryPath(ctx.privateEntry.id), { body: 'overwritten by someone else' });
      await privateEntryUntouched(ctx);
      return res;
    },
    check: (res) => assert.equal(res.body.entry.body, 'edited by its author'),
  },
  'DELETE /api/v1/entries/{id}': {
    access: 'author_scoped',
    expect: { member: 204 },
    async call(who, ctx) {
      if (who === 'member') {
        const entry = await freshEntry(ctx, 'to be deleted');
        const res = await ctx.ana.delete(entryPath(entry.id));
        assert.equal((await ctx.ana.get(entryPath(entry.id))).status, 404, 'a deleted entry is gone');
        return res;
      }
      const res = await ctx.as(who).delete(entryPath(ctx.privateEntry.id));
      await privateEntryUntouched(ctx);
      return res;
    },
  },
  'POST /api/v1/entries/{id}/shares': {
    access: 'author_scoped',
    // Others try to share Ana's private entry into Ana and Ben's bond — the partner too.
    expect: { member: 200 },
    async call(who, ctx) {
      if (who === 'member') {
        const entry = await freshEntry(ctx, 'to be shared');
        return ctx.ana.post(entryPath(entry.id, '/shares'), { bond_id: ctx.bond.id });
      }
      const res = await ctx.as(who).post(entryPath(ctx.privateEntry.id, '/shares'), { bond_id: ctx.bond.id });
      await privateEntryUntouched(ctx);
      return res;
    },
    check: (res, ctx) => assert.deepEqual(res.body.entry.shared_with, [ctx.bond.id]),
  },
  'DELETE /api/v1/entries/{id}/shares/{bond_id}': {
    access: 'author_scoped',
    // Others try to withdraw Ana's shared entry from the bond; it must stay shared.
    expect: { member: 204 },
    async call(who, ctx) {
      if (who === 'member') {
        const entry = await freshEntry(ctx, 'to be withdrawn');
        await shareEntry(ctx.ana, entry.id, ctx.bond.id);
        return ctx.ana.delete(entryPath(entry.id, `/shares/${enc(ctx.bond.id)}`));
      }
      const res = await ctx.as(who).delete(entryPath(ctx.sharedEntry.id, `/shares/${enc(ctx.bond.id)}`));
      const still = await ctx.ana.get(entryPath(ctx.sharedEntry.id));
      assert.deepEqual(still.body.entry.shared_with, [ctx.bond.id], 'someone else cannot withdraw Ana\'s share');
      return res;
    },
  },
  'POST /api/v1/entries/{id}/responses': {
    access: 'signed_in',
    // Only the other member of a bond the entry is shared in may respond. Ana (member)
    // responds to Ben's shared entry; the stranger aims at the same entry; Ben (partner)
    // aims at Ana's private entry, which is not shared with him.
    expect: { stranger: 404, partner: 404, member: 201 },
    call(who, ctx) {
      const target = who === 'partner' ? ctx.privateEntry : ctx.bensEntry;
      return ctx.as(who).post(entryPath(target.id, '/responses'), { kind: 'hear' });
    },
    check: (res, ctx) => {
      assert.equal(res.body.response.entry_id, ctx.bensEntry.id);
      assert.equal(res.body.response.bond_id, ctx.bond.id);
    },
  },
  'GET /api/v1/bonds/{id}/entries': {
    access: 'bond_member',
    expect: { member: 200 },
    call: (who, ctx) => ctx.as(who).get(bondPath(ctx.bond.id, '/entries?limit=100')),
    check: (res, ctx) => {
      const ids = res.body.entries.map((e) => e.id);
      assert.ok(ids.includes(ctx.sharedEntry.id) && ids.includes(ctx.bensEntry.id));
      assert.ok(!ids.includes(ctx.privateEntry.id));
    },
  },
  'POST /api/v1/bonds/{id}/appreciations': {
    access: 'bond_member',
    expect: { member: 201 },
    async call(who, ctx) {
      const res = await ctx.as(who).post(bondPath(ctx.bond.id, '/appreciations'), { kind: 'thanks', note: `thanks from ${who}` });
      if (who !== 'member') {
        const list = await ctx.ben.get(bondPath(ctx.bond.id, '/appreciations'));
        assert.ok(!list.text.includes(`thanks from ${who}`), 'an outsider\'s appreciation was stored');
      }
      return res;
    },
    check: (res, ctx) => assert.equal(res.body.appreciation.bond_id, ctx.bond.id),
  },
  'GET /api/v1/bonds/{id}/appreciations': {
    access: 'bond_member',
    expect: { member: 200 },
    call: (who, ctx) => ctx.as(who).get(bondPath(ctx.bond.id, '/appreciations')),
    check: (res, ctx) => assert.ok(res.body.appreciations.some((a) => a.id === ctx.appreciation.id)),
  },
  'POST /api/v1/bonds/{id}/comfort-requests': {
    access: 'bond_member',
    expect: { member: 201 },
    async call(who, ctx) {
      const res = await ctx.as(who).post(bondPath(ctx.bond.id, '/comfort-requests'), { note: `comfort from ${who}` });
      if (who !== 'member') {
        const list = await ctx.ben.get(bondPath(ctx.bond.id, '/comfort-requests'));
        assert.ok(!list.text.includes(`comfort from ${who}`), 'an outsider\'s request was stored');
      }
      return res;
    },
    check: (res, ctx) => assert.equal(res.body.comfort_request.bond_id, ctx.bond.id),
  },
  'GET /api/v1/bonds/{id}/comfort-requests': {
    access: 'bond_member',
    expect: { member: 200 },
    call: (who, ctx) => ctx.as(who).get(bondPath(ctx.bond.id, '/comfort-requests')),
    check: (res, ctx) => assert.ok(res.body.comfort_requests.some((c) => c.id === ctx.comfortRequest.id)),
  },
  'POST /api/v1/bonds/{id}/comfort-requests/{request_id}/answer': {
    access: 'bond_member',
    // Everyone aims at a fresh request from Ben; only Ana, the other member, may answer it.
    expect: { member: 200 },
    async call(who, ctx) {
      const request = await bensRequest(ctx);
      const res = await ctx.as(who).post(bondPath(ctx.bond.id, `/comfort-requests/${enc(request.id)}/answer`), { note: 'here' });
      if (who !== 'member') {
        const list = await ctx.ben.get(bondPath(ctx.bond.id, '/comfort-requests'));
        assert.equal(list.body.comfort_requests.find((c) => c.id === request.id).answered_at, null, 'an outsider answered');
      }
      return res;
    },
    check: (res) => assert.equal(res.body.comfort_request.answer_note, 'here'),
  },
  'POST /api/v1/bonds/{id}/space-requests': {
    access: 'bond_member',
    expect: { member: 201 },
    async call(who, ctx) {
      const res = await ctx.as(who).post(bondPath(ctx.bond.id, '/space-requests'), { note: `space for ${who}` });
      if (who !== 'member') {
        const list = await ctx.ben.get(bondPath(ctx.bond.id, '/space-requests'));
        assert.ok(!list.text.includes(`space for ${who}`), 'an outsider\'s request was stored');
      }
      return res;
    },
    check: (res, ctx) => {
      assert.equal(res.body.space_request.bond_id, ctx.bond.id);
      assert.equal(res.body.space_request.when, 'tonight');
    },
  },
  'GET /api/v1/bonds/{id}/space-requests': {
    access: 'bond_member',
    expect: { partner: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).get(bondPath(ctx.bond.id, '/space-requests')),
    check: (res, ctx) => assert.ok(res.body.space_requests.some((c) => c.id === ctx.spaceRequest.id)),
  },
  'POST /api/v1/bonds/{id}/space-requests/{request_id}/answer': {
    access: 'bond_member',
    // Everyone aims at a fresh request from Ben; only Ana, the other member, may answer it.
    expect: { member: 200 },
    async call(who, ctx) {
      const request = await bensSpaceRequest(ctx);
      const res = await ctx.as(who).post(bondPath(ctx.bond.id, `/space-requests/${enc(request.id)}/answer`), { reply: 'enjoy' });
      if (who !== 'member') {
        const list = await ctx.ben.get(bondPath(ctx.bond.id, '/space-requests'));
        assert.equal(list.body.space_requests.find((c) => c.id === request.id).answered_at, null, 'an outsider answered');
      }
      return res;
    },
    check: (res) => assert.equal(res.body.space_request.reply, 'enjoy'),
  },
  'GET /api/v1/notices': {
    access: 'signed_in',
    // Each hears only of their own bonds: Ana's list names what Ben did in theirs; none of the
    // bond's ids or names reach the stranger (the matrix checks every answer for them).
    expect: { stranger: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).get('/api/v1/notices'),
    check: (res, ctx) => {
      assert.ok(res.body.notices.some((n) => n.kind === 'entry_shared' && n.subject_id === ctx.bensEntry.id));
      assert.ok(res.body.notices.some((n) => n.kind === 'space_requested' && n.subject_id === ctx.spaceRequest.id));
    },
  },
  'POST /api/v1/notices/seen': {
    access: 'signed_in',
    // Marking someone else's notice changes nothing: the stranger aims at Ana's and marks none.
    expect: { stranger: 200, member: 200 },
    async call(who, ctx) {
      const mine = await ctx.ana.get('/api/v1/notices');
      const ids = mine.body.notices.map((n) => n.id).slice(0, 5);
      assert.ok(ids.length > 0, 'Ana has notices to aim at');
      const res = await ctx.as(who).post('/api/v1/notices/seen', { ids });
      if (who !== 'member') {
        const after = await ctx.ana.get('/api/v1/notices');
        assert.equal(after.body.unread, mine.body.unread, 'an outsider marked Ana\'s notices');
        if (res.status === 200) assert.equal(res.body.marked, 0);
      }
      return res;
    },
    check: (res) => assert.ok(res.body.marked >= 0),
  },
  'PUT /api/v1/bonds/{id}/checkins/{day}': {
    access: 'bond_member',
    // Ana checks in for tomorrow (within the one-day window); Ben has not, so nothing is revealed.
    expect: { member: 200 },
    async call(who, ctx) {
      const res = await ctx.as(who).put(bondPath(ctx.bond.id, `/checkins/${ctx.tomorrow}`), ctx.checkinBody);
      if (who !== 'member') {
        const day = await ctx.ben.get(bondPath(ctx.bond.id, `/checkins/${ctx.tomorrow}`));
        assert.deepEqual(day.body.partner, { status: 'waiting' }, 'an outsider\'s check-in was stored');
      }
      return res;
    },
    check: (res) => assert.equal(res.body.revealed, false),
  },
  'GET /api/v1/bonds/{id}/checkins/{day}': {
    access: 'bond_member',
    // Ana checked in today; Ben, the partner, sees only that she has.
    expect: { partner: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).get(bondPath(ctx.bond.id, `/checkins/${ctx.today}`)),
    check: (res) => assert.equal(res.body.mine.own_minutes, 1337),
  },
  'GET /api/v1/bonds/{id}/checkins': {
    access: 'bond_member',
    expect: { partner: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).get(bondPath(ctx.bond.id, '/checkins')),
    check: (res) => assert.ok(res.body.days.some((d) => d.revealed === false && d.mine.own_minutes === 1337)),
  },
  'GET /api/v1/bonds/{id}/insights': {
    access: 'bond_member',
    expect: { partner: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).get(bondPath(ctx.bond.id, '/insights?days=7')),
    check: (res, ctx) => {
      assert.equal(res.body.bond_id, ctx.bond.id);
      assert.deepEqual(res.body.members.map((m) => m.id).sort(), [ctx.ana.user.id, ctx.ben.user.id].sort());
    },
  },
  'GET /api/v1/me/insights': {
    access: 'signed_in',
    // Anyone signed in has insights of their own, and only their own.
    expect: { stranger: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).get('/api/v1/me/insights'),
    check: (res) => assert.deepEqual(Object.keys(res.body).sort(),
      ['days', 'from', 'mind_reading', 'own_time', 'sharing_gap', 'to']),
  },
  'GET /api/v1/me/needs': {
    access: 'signed_in',
    // Each sees only their own results: the stranger's list is their own (empty), never Ana's.
    expect: { stranger: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).get('/api/v1/me/needs'),
    check: (res, ctx) => {
      assert.equal(res.body.results[0].id, ctx.anasNeeds.id);
      assert.equal(res.body.results[0].answers[ctx.needItems[0].id] >= 1, true);
    },
  },
  'POST /api/v1/me/needs': {
    access: 'signed_in',
    // Anyone signed in may take the questionnaire for themselves.
    expect: { stranger: 201, member: 201 },
    call: (who, ctx) => ctx.as(who).post('/api/v1/me/needs', { answers: answersFor(ctx.needItems, { closeness: 5, independence: 3 }) }),
    check: (res) => assert.deepEqual([res.body.result.closeness, res.body.result.independence], [5, 3]),
  },
  'DELETE /api/v1/me/needs/{id}': {
    access: 'signed_in',
    // A result is its owner's alone: anyone else aiming at it gets 404 and it stays.
    expect: { stranger: 404, partner: 404, member: 204 },
    async call(who, ctx) {
      const mine = await takeNeeds(ctx.ana, ctx.needItems, { closeness: 2, independence: 6 });
      const res = await ctx.as(who).delete(`/api/v1/me/needs/${enc(mine.id)}`);
      const after = await ctx.ana.get('/api/v1/me/needs');
      assert.equal(after.body.results.some((r) => r.id === mine.id), who !== 'member',
        who === 'member' ? 'the owner deleted it' : `${who} deleted Ana's result`);
      if (who !== 'member') assert.equal((await ctx.ana.delete(`/api/v1/me/needs/${enc(mine.id)}`)).status, 204);
      return res;
    },
  },
  'GET /api/v1/bonds/{id}/needs': {
    access: 'bond_member',
    // Nobody shows anything here, so both members see two unshown places and no dance.
    expect: { partner: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).get(bondPath(ctx.bond.id, '/needs')),
    check: (res) => {
      assert.deepEqual(res.body.members.map((m) => m.shown), [false, false]);
      assert.equal(res.body.dance, null);
    },
  },
  'PUT /api/v1/bonds/{id}/needs': {
    access: 'bond_member',
    // Each member chooses only for themselves; hidden again at once so the bond shows nothing
    // to the rows after this one.
    expect: { partner: 200, member: 200 },
    async call(who, ctx) {
      const res = await ctx.as(who).put(bondPath(ctx.bond.id, '/needs'), { shown: true });
      const hide = await ctx.as(who).put(bondPath(ctx.bond.id, '/needs'), { shown: false });
      assert.equal(hide.status, res.status);
      return res;
    },
    check: (res, ctx) => {
      const mine = res.body.members.find((m) => m.member_id === ctx.ana.user.id);
      assert.equal(mine.shown, true);
      assert.equal(mine.result.closeness >= 1, true, 'her latest result is what she shows');
      assert.equal('answers' in mine.result || 'id' in mine.result, false, 'a shown result carries no answers and no id');
    },
  },
  'GET /api/v1/reflections': {
    access: 'signed_in',
    // Each sees their own question of the day and their own answers, never anyone else's.
    expect: { stranger: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).get('/api/v1/reflections'),
    check: (res, ctx) => {
      assert.equal(typeof res.body.offered.id, 'string');
      assert.ok(res.body.answers.some((a) => a.id === ctx.reflection.id && a.body === ctx.reflection.body));
    },
  },
  'PUT /api/v1/reflections/{id}/answer': {
    access: 'signed_in',
    // Anyone signed in answers for themselves; Ana's own answer is replaced, the stranger's is new.
    expect: { stranger: 201, member: 200 },
    call: (who, ctx) => ctx.as(who).put(`/api/v1/reflections/${enc(ctx.reflection.prompt)}/answer`,
      { body: who === 'member' ? ctx.reflection.body : 'My own answer, about my own week.' }),
    check: (res, ctx) => assert.equal(res.body.entry.id, ctx.reflection.id),
  },
  'GET /api/v1/me/own-time': {
    access: 'signed_in',
    // Each sees their own log: Ana her piece with its note; a stranger only their own (the matrix
    // checks that nothing of Ana's reaches them).
    expect: { stranger: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).get('/api/v1/me/own-time'),
    check: (res, ctx) => {
      const mine = res.body.entries.find((e) => e.id === ctx.ownTime.id);
      assert.equal(mine.body, ctx.ownTime.body);
      assert.equal(mine.own_time.minutes, 77);
    },
  },
  'POST /api/v1/me/own-time': {
    access: 'signed_in',
    // Anyone signed in notes time of their own, for themselves.
    expect: { stranger: 201, member: 201 },
    call: (who, ctx) => ctx.as(who).post('/api/v1/me/own-time', { day: ctx.today, minutes: 30, activity: 'walk' }),
    check: (res) => assert.equal(res.body.entry.own_time.minutes, 30),
  },
  'PATCH /api/v1/me/own-time/{id}': {
    access: 'author_scoped',
    // Others aim at Ana's piece, which must stay as it is; Ana changes her own.
    expect: { member: 200 },
    async call(who, ctx) {
      const res = await ctx.as(who).patch(`/api/v1/me/own-time/${enc(ctx.ownTime.id)}`,
        { minutes: who === 'member' ? ctx.ownTime.own_time.minutes : 999, note: who === 'member' ? ctx.ownTime.body : 'overwritten' });
      const mine = await ctx.ana.get(entryPath(ctx.ownTime.id));
      assert.equal(mine.body.entry.own_time.minutes, ctx.ownTime.own_time.minutes, `${who} changed Ana's own time`);
      assert.equal(mine.body.entry.body, ctx.ownTime.body);
      return res;
    },
    check: (res, ctx) => assert.equal(res.body.entry.id, ctx.ownTime.id),
  },
  'GET /api/v1/bonds/{id}/decks': {
    access: 'bond_member',
    expect: { partner: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).get(bondPath(ctx.bond.id, '/decks')),
    check: (res) => assert.ok(res.body.decks.length === 8 && res.body.today.prompt_id),
  },
  'GET /api/v1/bonds/{id}/decks/{deck_id}': {
    access: 'bond_member',
    expect: { partner: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).get(bondPath(ctx.bond.id, '/decks/inner_world')),
    check: (res, ctx) => assert.equal(res.body.prompts.find((p) => p.prompt_id === ctx.deckPrompt).mine, true),
  },
  'GET /api/v1/bonds/{id}/prompts/{prompt_id}': {
    access: 'bond_member',
    // Ben sees only that Ana answered (the matrix checks her words never reach him).
    expect: { partner: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).get(bondPath(ctx.bond.id, `/prompts/${enc(ctx.deckPrompt)}`)),
    check: (res, ctx) => assert.equal(res.body.mine.body, ctx.deckAnswer),
  },
  'PUT /api/v1/bonds/{id}/prompts/{prompt_id}/answer': {
    access: 'bond_member',
    // Ana changes her own answer; Ben answers a prompt of his own choosing (not Ana's, which would
    // reveal it); outsiders change nothing.
    expect: { partner: 200, member: 200 },
    async call(who, ctx) {
      const id = who === 'member' ? ctx.deckPrompt : ctx.otherDeckPrompt;
      const res = await ctx.as(who).put(bondPath(ctx.bond.id, `/prompts/${enc(id)}/answer`),
        { body: who === 'member' ? ctx.deckAnswer : 'An answer of my own.' });
      const hers = await ctx.ana.get(bondPath(ctx.bond.id, `/prompts/${enc(ctx.deckPrompt)}`));
      assert.equal(hers.body.mine.body, ctx.deckAnswer, `${who} changed Ana's answer`);
      assert.equal(hers.body.revealed_at, null);
      return res;
    },
    check: (res, ctx) => assert.equal(res.body.mine.body, ctx.deckAnswer),
  },
  'PUT /api/v1/bonds/{id}/prompts/{prompt_id}/skip': {
    access: 'bond_member',
    // Each sets a prompt aside for themselves only, and takes it back at once.
    expect: { partner: 200, member: 200 },
    async call(who, ctx) {
      const path = bondPath(ctx.bond.id, `/prompts/${enc(ctx.deckPrompt)}/skip`);
      const res = await ctx.as(who).put(path, { skipped: true });
      await ctx.as(who).put(path, { skipped: false });
      return res;
    },
    check: (res) => assert.equal(res.body.skipped, true),
  },
  'GET /api/v1/bonds/{id}/menus': {
    access: 'bond_member',
    // Ben never learns that Ana opened the intimacy menu, nor sees her suggestion in it.
    expect: { partner: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).get(bondPath(ctx.bond.id, '/menus')),
    check: (res, ctx) => {
      assert.equal(res.body.menus.find((m) => m.id === 'intimacy').open, true);
      assert.ok(res.body.suggestions.some((x) => x.id === ctx.menuSuggestion.id));
    },
  },
  'GET /api/v1/bonds/{id}/menus/mine': {
    access: 'bond_member',
    expect: { partner: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).get(bondPath(ctx.bond.id, '/menus/mine')),
    check: (res, ctx) => assert.ok(res.body.answers.some((a) => a.item_id === ctx.menuItem && a.answer === 'yes')),
  },
  'GET /api/v1/bonds/{id}/menus/matches': {
    access: 'bond_member',
    expect: { partner: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).get(bondPath(ctx.bond.id, '/menus/matches')),
    check: (res) => assert.deepEqual(res.body.matches, []),
  },
  'PUT /api/v1/bonds/{id}/menus/items/{item_id}': {
    access: 'bond_member',
    // Each answers for themselves: Ana again as before, Ben "no" to another item; Ana's answer stays.
    expect: { partner: 200, member: 200 },
    async call(who, ctx) {
      const item = who === 'member' ? ctx.menuItem : ctx.otherMenuItem;
      const res = await ctx.as(who).put(bondPath(ctx.bond.id, `/menus/items/${enc(item)}`), { answer: who === 'member' ? 'yes' : 'no' });
      const hers = await ctx.ana.get(bondPath(ctx.bond.id, '/menus/mine'));
      assert.ok(hers.body.answers.some((a) => a.item_id === ctx.menuItem && a.answer === 'yes'), `${who} changed Ana's answer`);
      return res;
    },
    check: (res, ctx) => assert.equal(res.body.answer.item_id, ctx.menuItem),
  },
  'DELETE /api/v1/bonds/{id}/menus/items/{item_id}': {
    access: 'bond_member',
    // Clearing is one's own: Ben clearing the item Ana answered in the intimacy menu (which he has
    // not opened: not his to answer) clears nothing of hers.
    expect: { partner: 409, member: 204 },
    async call(who, ctx) {
      const res = await ctx.as(who).delete(bondPath(ctx.bond.id, `/menus/items/${enc(who === 'member' ? ctx.otherMenuItem : ctx.menuItem)}`));
      const hers = await ctx.ana.get(bondPath(ctx.bond.id, '/menus/mine'));
      assert.ok(hers.body.answers.some((a) => a.item_id === ctx.menuItem), `${who} cleared Ana's answer`);
      return res;
    },
  },
  'POST /api/v1/bonds/{id}/menus/suggestions': {
    access: 'bond_member',
    expect: { partner: 201, member: 201 },
    call: (who, ctx) => ctx.as(who).post(bondPath(ctx.bond.id, '/menus/suggestions'), { menu: 'affection', category: 'play', text: 'Stargazing from the roof' }),
    check: (res) => assert.equal(res.body.suggestion.mine, true),
  },
  'DELETE /api/v1/bonds/{id}/menus/suggestions/{suggestion_id}': {
    access: 'bond_member',
    // Only its author removes a suggestion; for Ben, Ana's is not there to remove.
    expect: { partner: 404, member: 204 },
    async call(who, ctx) {
      let id = ctx.menuSuggestion.id;
      if (who === 'member') {
        const fresh = await ctx.ana.post(bondPath(ctx.bond.id, '/menus/suggestions'), { menu: 'affection', category: 'care', text: 'Soup when I am ill' });
        id = fresh.body.suggestion.id;
      }
      const res = await ctx.as(who).delete(bondPath(ctx.bond.id, `/menus/suggestions/${enc(id)}`));
      const menus = await ctx.ana.get(bondPath(ctx.bond.id, '/menus'));
      assert.ok(menus.body.suggestions.some((x) => x.id === ctx.menuSuggestion.id), `${who} removed Ana's suggestion`);
      return res;
    },
  },
  'PUT /api/v1/bonds/{id}/menus/{menu_id}/opening': {
    access: 'bond_member',
    // Ana opens it again (she confirmed once); Ben, who never confirmed, is asked to.
    expect: { partner: 422, member: 200 },
    call: (who, ctx) => ctx.as(who).put(bondPath(ctx.bond.id, '/menus/intimacy/opening'), { opened: true }),
    check: (res) => assert.equal(res.body.menus.find((m) => m.id === 'intimacy').open, true),
  },
  'GET /api/v1/bonds/{id}/moments': {
    access: 'bond_member',
    expect: { partner: 200, member: 200 },
    call: (who, ctx) => ctx.as(who).get(bondPath(ctx.bond.id, '/moments')),
    check: (res, ctx) => {
      assert.ok(res.body.moments.some((m) => m.id === ctx.moment.id && m.title === ctx.moment.title));
      assert.equal(res.body.milestones[0].kind, 'began');
    },
  },
  'POST /api/v1/bonds/{id}/moments': {
    access: 'bond_member',
    // Either member adds to the journey.
    expect: { partner: 201, member: 201 },
    call: (who, ctx) => ctx.as(who).post(bondPath(ctx.bond.id, '/moments'), { day: ctx.today, kind: 'high', title: 'A fine day' }),
    check: (res) => assert.equal(res.body.moment.mine, true),
  },
  'PATCH /api/v1/bonds/{id}/moments/{moment_id}': {
    access: 'bond_member',
    // Only the author edits: the partner sees the moment but gets 404 changing it, and it stays.
    expect: { partner: 404, member: 200 },
    async call(who, ctx) {
      const res = await ctx.as(who).patch(bondPath(ctx.bond.id, `/moments/${enc(ctx.moment.id)}`), { kind: 'low' });
      if (who !== 'member') {
        const list = await ctx.ana.get(bondPath(ctx.bond.id, '/moments'));
        assert.equal(list.body.moments.find((m) => m.id === ctx.moment.id).kind, 'high', `${who} changed Ana's moment`);
      }
      return res;
    },
    async check(res, ctx) {
      assert.equal(res.body.moment.kind, 'low');
      await ctx.ana.patch(bondPath(ctx.bond.id, `/moments/${enc(ctx.moment.id)}`), { kind: 'high' });
    },
  },
  'DELETE /api/v1/bonds/{id}/moments/{moment_id}': {
    access: 'bond_member',
    expect: { partner: 404, member: 204 },
    async call(who, ctx) {
      const made = await ctx.ana.post(bondPath(ctx.bond.id, '/moments'), { day: ctx.today, kind: 'low', title: 'To be deleted' });
      assert.equal(made.status, 201, made.text);
      const res = await ctx.as(who).delete(bondPath(ctx.bond.id, `/moments/${enc(made.body.moment.id)}`));
      const list = await ctx.ana.get(bondPath(ctx.bond.id, '/moments'));
      assert.equal(list.body.moments.some((m) => m.id === made.body.moment.id), who !== 'member');
      if (who !== 'member') await ctx.ana.delete(bondPath(ctx.bond.id, `/moments/${enc(made.body.moment.id)}`));
      return res;
    },
  },
  'GET /api/v1/events': {
    access: 'signed_in',
    // A WebSocket upgrade: 101 Switching Protocols for anyone signed in (each hears only
    // about their own bonds; events.test.mjs proves that), 401 before the upgrade otherwise.
    expect: { stranger: 101, member: 101 },
    call: eventsUpgrade,
  },
};

// Loaded at import time so that there is one test per served route.
const routes = await loadRoutes();
const served = new Map(routes.map((r) => [`${r.method} ${r.path}`, r]));

const ctx = {};
let w;

before(async () => {
  w = await world({ a: 'Marisol', b: 'Benedikt', stranger: 'Stranger' });
  ({ server: ctx.server, a: ctx.ana, b: ctx.ben, stranger: ctx.sam } = w);
  ctx.dee = await w.person('Dee');
  ctx.eve = await w.person('Eve');
  ctx.bond = w.bond;
  ctx.endable = await makeBond(ctx.dee, ctx.ana, 'friend');
  ctx.anaInvite = await openInvite(ctx.ana, 'partner');
  const benInvite = await openInvite(ctx.ben, 'friend');
  const anaSessions = (await ctx.ana.get('/api/v1/me/sessions')).body.sessions.map((s) => s.id);
  const benSessions = (await ctx.ben.get('/api/v1/me/sessions')).body.sessions.map((s) => s.id);
  const anonymous = new Client(ctx.server);
  ctx.as = (who) => ({ signed_out: anonymous, stranger: ctx.sam, partner: ctx.ben, member: ctx.ana })[who];

  // The inner world: a private entry of Ana's, one she shared with Ben, one Ben shared with
  // her, and an appreciation and a comfort request in the bond.
  const catalog = await loadCatalog(ctx.ana);
  ctx.privateEntry = await writeEntry(ctx.ana, {
    kind: 'fear', feelings: [{ word: catalog.word('fear'), intensity: 4 }], body: 'Kept to myself: the dream about the empty station.',
  });
  ctx.sharedEntry = await writeEntry(ctx.ana, { kind: 'hope', body: 'Shared with Ben: the garden we could plant in spring.' });
  await shareEntry(ctx.ana, ctx.sharedEntry.id, ctx.bond.id);
  ctx.bensEntry = await writeEntry(ctx.ben, { kind: 'knock', body: 'Shared with Ana: the meeting where nobody listened.' });
  await shareEntry(ctx.ben, ctx.bensEntry.id, ctx.bond.id);
  const appreciation = await ctx.ben.post(bondPath(ctx.bond.id, '/appreciations'), { kind: 'love', note: 'For the soup on Tuesday.' });
  assert.equal(appreciation.status, 201, appreciation.text);
  ctx.appreciation = appreciation.body.appreciation;
  ctx.comfortRequest = await bensRequest(ctx);
  ctx.spaceRequest = await bensSpaceRequest(ctx);

  // A check-in of Ana's for today that Ben has not answered: nothing of it may reach him.
  ctx.today = new Date().toISOString().slice(0, 10);
  ctx.tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  ctx.checkinBody = {
    feelings: [{ word: catalog.word('calm'), intensity: 3 }], closeness_now: 3, closeness_wanted: 6,
    need: 'space', own_minutes: 1337, together_minutes: 42, guess: { family: 'joy', closeness_now: 4 },
  };
  const checkin = await ctx.ana.put(bondPath(ctx.bond.id, `/checkins/${ctx.today}`), ctx.checkinBody);
  assert.equal(checkin.status, 200, checkin.text);

  // A moment of Ana's on the bond's journey: both members see it, nobody else.
  const moment = await ctx.ana.post(bondPath(ctx.bond.id, '/moments'),
    { day: ctx.today, kind: 'high', title: 'The picnic in the rain', note: 'We ate under the bridge.' });
  assert.equal(moment.status, 201, moment.text);
  ctx.moment = moment.body.moment;

  // Ana's answer to a question for herself, kept private.
  const reflections = await ctx.ana.get('/api/v1/reflections');
  const answered = await ctx.ana.put(`/api/v1/reflections/${enc(reflections.body.offered.id)}/answer`,
    { body: 'Kept to myself: Sunday mornings at the pool are mine.' });
  assert.equal(answered.status, 201, answered.text);
  ctx.reflection = answered.body.entry;

  // A piece of Ana's time of her own, with a note she keeps to herself.
  const ownTime = await ctx.ana.post('/api/v1/me/own-time',
    { day: ctx.today, minutes: 77, activity: 'hobby', note: 'Kept to myself: the clay bowl that cracked in the kiln.' });
  assert.equal(ownTime.status, 201, ownTime.text);
  ctx.ownTime = ownTime.body.entry;

  // Ana's answer to a conversation prompt, which Ben has not answered: he may see only that she did.
  const catalogDecks = (await ctx.ana.get('/api/v1/catalog')).body.decks;
  const inner = catalogDecks.find((d) => d.id === 'inner_world').prompts.filter((p) => p.level === 1);
  ctx.deckPrompt = inner[0].id;
  ctx.otherDeckPrompt = inner[1].id;
  ctx.deckAnswer = 'Kept until Ben answers: the attic room with the round window.';
  const deckAnswer = await ctx.ana.put(bondPath(ctx.bond.id, `/prompts/${enc(ctx.deckPrompt)}/answer`), { body: ctx.deckAnswer });
  assert.equal(deckAnswer.status, 200, deckAnswer.text);

  // Ana opens the intimacy menu, says yes to an item Ben never answers, and suggests one of her own
  // there, which Ben (who has not opened it) must never see.
  const menus = (await ctx.ana.get('/api/v1/catalog')).body.menus;
  const intimacy = menus.find((m) => m.id === 'intimacy').items;
  ctx.menuItem = intimacy[0].id;
  ctx.otherMenuItem = menus.find((m) => m.id === 'affection').items[0].id;
  const opened = await ctx.ana.put(bondPath(ctx.bond.id, '/menus/intimacy/opening'), { opened: true, adult: true });
  assert.equal(opened.status, 200, opened.text);
  const said = await ctx.ana.put(bondPath(ctx.bond.id, `/menus/items/${enc(ctx.menuItem)}`), { answer: 'yes' });
  assert.equal(said.status, 200, said.text);
  const suggested = await ctx.ana.post(bondPath(ctx.bond.id, '/menus/suggestions'), { menu: 'intimacy', category: 'mood', text: 'Ana wishes: the lake house, just us' });
  assert.equal(suggested.status, 201, suggested.text);
  ctx.menuSuggestion = suggested.body.suggestion;

  // Ana's two needs, taken and not shown anywhere.
  ctx.needItems = await needItems(ctx.ana);
  ctx.anasNeeds = await takeNeeds(ctx.ana, ctx.needItems, { closeness: 7, independence: 1 });

  // What Ana keeps private must not reach even her partner.
  ctx.privateSecrets = {
    'Ana\'s two needs (result id)': ctx.anasNeeds.id,
    'Ana\'s reflection (entry id)': ctx.reflection.id,
    'Ana\'s reflection (text)': ctx.reflection.body,
    'Ana\'s own time (entry id)': ctx.ownTime.id,
    'Ana\'s own time (note)': ctx.ownTime.body,
    'Ana\'s unrevealed deck answer': ctx.deckAnswer,
    'Ana\'s intimacy suggestion (text)': ctx.menuSuggestion.text,
    'Ana\'s intimacy suggestion (id)': ctx.menuSuggestion.id,
    'Ana\'s private entry id': ctx.privateEntry.id,
    'Ana\'s private entry text': ctx.privateEntry.body,
    'Ana\'s unrevealed check-in (own minutes)': '"own_minutes":1337',
  };

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
    ...ctx.privateSecrets,
    'Ana\'s shared entry id': ctx.sharedEntry.id,
    'Ana\'s shared entry text': ctx.sharedEntry.body,
    'Ben\'s shared entry id': ctx.bensEntry.id,
    'Ben\'s shared entry text': ctx.bensEntry.body,
    'appreciation id': ctx.appreciation.id,
    'appreciation note': ctx.appreciation.note,
    'comfort request id': ctx.comfortRequest.id,
    'comfort request note': ctx.comfortRequest.note,
    'space request id': ctx.spaceRequest.id,
    'space request note': ctx.spaceRequest.note,
    'moment id': ctx.moment.id,
    'moment title': ctx.moment.title,
    'moment note': ctx.moment.note,
  };
});
after(() => w?.close());

function assertNothingLeaks(res, who, secrets = ctx.secrets) {
  for (const [what, secret] of Object.entries(secrets)) {
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
        if (status === null || (status === undefined && who === 'partner')) continue;
        assert.equal(typeof status, 'number', `${key}: no expectation for ${who}`);
        const res = await entry.call(who, ctx);
        assert.equal(res.status, status, `${key} as ${who}: expected ${status}, got ${res.status} ${res.text.slice(0, 300)}`);
        if (status === 401) assertProblem(res, 401, 'unauthenticated');
        if (status === 404) assertProblem(res, 404, 'not-found');
        if (who === 'partner') assertNothingLeaks(res, who, ctx.privateSecrets);
        else if (who !== 'member') assertNothingLeaks(res, who);
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

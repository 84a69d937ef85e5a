// Live events over the WebSocket at /api/v1/events: the other member of a bond is told
// {type, bond_id, id} when something changes (and notice_id when it is also a notice, see
// notices.test.mjs); the actor and everyone outside the bond are told nothing, except that ending
// a bond reaches the ender's own other apps too; no text ever rides along; only a signed-in page
// of this origin may listen.

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, test } from 'node:test';
import { assertProblem, registerPerson } from './lib/client.mjs';
import { connectEvents, liveCast, openEvents } from './lib/events.mjs';
import { bondPath, entryPath, respond, shareEntry, uniqueText, writeEntry } from './lib/inner-world.mjs';

const TIMEOUT = { timeout: 30_000 };
const EVENT_WAIT_MS = 3_000;
const QUIET_MS = 500;
const TYPES = new Set(['entry_shared', 'entry_withdrawn', 'entry_updated', 'entry_deleted', 'response_added',
  'appreciation_added', 'comfort_requested', 'comfort_answered', 'space_requested', 'space_answered', 'bond_ended']);
// The types that are also notices carry the notice's id.
const NOTICES = new Set(['entry_shared', 'response_added', 'appreciation_added', 'comfort_requested', 'comfort_answered',
  'space_requested', 'space_answered', 'invite_accepted', 'checkin_added', 'checkin_revealed', 'bond_ended', 'moment_added',
  'deck_answered', 'deck_revealed']);
// The notices about an entry also name the entry, so a link can lead straight to it.
const WITH_ENTRY = new Set(['entry_shared', 'response_added']);
const keysOf = (type) =>
  [...(NOTICES.has(type) ? ['bond_id', 'id', 'notice_id', 'type'] : ['bond_id', 'id', 'type']), ...(WITH_ENTRY.has(type) ? ['entry_id'] : [])].sort();

// Ana and Ben (bond ab); Sam, a stranger to them with a bond of his own with Dee (sd).
const cast = await liveCast();
after(() => cast.close());
const { server, ana, ben, sam, dee, ab, sd, cat, live } = cast;
const texts = []; // everything written in these tests; no event may carry any of it
const expected = { ana: [], ben: [], sam: [] }; // every event each should have received, in order

const text = (label) => {
  const t = uniqueText(label);
  texts.push(t);
  return t;
};

/**
 * Waits for `to` to receive exactly {type, bond_id, id} (and a notice_id for a notice, the entry_id
 * for a share or a response); checks its shape.
 */
async function expectEvent(to, type, bondId, id, entryId) {
  const event = await live[to].waitFor((m) => m.type === type && m.id === id, EVENT_WAIT_MS, `${type} ${id} for ${to}`);
  assert.deepEqual(Object.keys(event).sort(), keysOf(type), `an event has exactly ${keysOf(type)}: ${JSON.stringify(event)}`);
  const { notice_id: noticeId, entry_id: eventEntry, ...rest } = event;
  assert.deepEqual(rest, { type, bond_id: bondId, id });
  if (WITH_ENTRY.has(type)) assert.equal(eventEntry, entryId ?? id, `${type} names its entry`);
  if (NOTICES.has(type)) assert.match(noticeId, /^[a-z0-9]{20,40}$/);
  expected[to].push(event);
  return event;
}

describe('the other member is told', TIMEOUT, () => {
  let entry;
  let response;

  test('entry_shared when an entry is shared with them', async () => {
    entry = await writeEntry(ana, { kind: 'hurt', feelings: [{ word: cat.word('hurt'), intensity: 3 }], body: text('shared') });
    await shareEntry(ana, entry.id, ab.id);
    await expectEvent('ben', 'entry_shared', ab.id, entry.id);
  });

  test('response_added when the other responds', async () => {
    response = await respond(ben, entry.id, 'comfort', text('response'));
    await expectEvent('ana', 'response_added', ab.id, response.id, entry.id);
  });

  test('entry_updated when a shared entry is edited', async () => {
    const res = await ana.patch(entryPath(entry.id), { body: text('edited') });
    assert.equal(res.status, 200, res.text);
    await expectEvent('ben', 'entry_updated', ab.id, entry.id);
  });

  test('entry_withdrawn when the share is withdrawn', async () => {
    const res = await ana.delete(entryPath(entry.id, `/shares/${encodeURIComponent(ab.id)}`));
    assert.equal(res.status, 204, res.text);
    await expectEvent('ben', 'entry_withdrawn', ab.id, entry.id);
  });

  test('entry_deleted when a shared entry is deleted', async () => {
    const doomed = await writeEntry(ben, { kind: 'memory', body: text('deleted') });
    await shareEntry(ben, doomed.id, ab.id);
    await expectEvent('ana', 'entry_shared', ab.id, doomed.id);
    const res = await ben.delete(entryPath(doomed.id));
    assert.equal(res.status, 204, res.text);
    await expectEvent('ana', 'entry_deleted', ab.id, doomed.id);
  });

  test('appreciation_added', async () => {
    const res = await ben.post(bondPath(ab.id, '/appreciations'), { kind: 'love', note: text('appreciation') });
    assert.equal(res.status, 201, res.text);
    await expectEvent('ana', 'appreciation_added', ab.id, res.body.appreciation.id);
  });

  test('comfort_requested and comfort_answered', async () => {
    const asked = await ana.post(bondPath(ab.id, '/comfort-requests'), { note: text('comfort request') });
    assert.equal(asked.status, 201, asked.text);
    const id = asked.body.comfort_request.id;
    await expectEvent('ben', 'comfort_requested', ab.id, id);
    const answered = await ben.post(bondPath(ab.id, `/comfort-requests/${encodeURIComponent(id)}/answer`), { note: text('comfort answer') });
    assert.equal(answered.status, 200, answered.text);
    await expectEvent('ana', 'comfort_answered', ab.id, id);
  });

  test('space_requested and space_answered', async () => {
    const asked = await ben.post(bondPath(ab.id, '/space-requests'), { when: 'now', note: text('space request') });
    assert.equal(asked.status, 201, asked.text);
    const id = asked.body.space_request.id;
    await expectEvent('ana', 'space_requested', ab.id, id);
    const answered = await ana.post(bondPath(ab.id, `/space-requests/${encodeURIComponent(id)}/answer`), { reply: 'enjoy' });
    assert.equal(answered.status, 200, answered.text);
    await expectEvent('ben', 'space_answered', ab.id, id);
  });

  test('private writing tells nobody anything', async () => {
    const before = { ana: live.ana.messages.length, ben: live.ben.messages.length };
    const own = await writeEntry(ana, { body: text('private') });
    await ana.patch(entryPath(own.id), { body: text('private edit') });
    await ana.delete(entryPath(own.id));
    await sleep(QUIET_MS);
    assert.equal(live.ben.messages.length, before.ben, `Ben got ${JSON.stringify(live.ben.messages.slice(before.ben))}`);
    assert.equal(live.ana.messages.length, before.ana);
  });
});

describe('nobody else is told', TIMEOUT, () => {
  test('each received exactly the events of the other\'s actions, in order, and none of their own (but an ending)', () => {
    assert.deepEqual(live.ana.messages, expected.ana);
    assert.deepEqual(live.ben.messages, expected.ben);
  });

  test('a stranger connected all along received nothing', async () => {
    await sleep(QUIET_MS);
    assert.deepEqual(live.sam.messages, []);
  });

  test('no event carries any text that was written', () => {
    for (const stream of Object.values(live)) {
      for (const raw of stream.raw) {
        for (const t of texts) assert.ok(!raw.includes(t), `an event carried text: ${raw}`);
        const event = JSON.parse(raw);
        assert.ok(TYPES.has(event.type), `unknown event type ${event.type}`);
        const own = event.type === 'bond_ended' && stream === live.ben;
        assert.deepEqual(Object.keys(event).sort(), own ? ['bond_id', 'id', 'type'] : keysOf(event.type));
      }
    }
  });

  test('events of another bond stay there', async () => {
    const res = await dee.post(bondPath(sd.id, '/appreciations'), { kind: 'thanks' });
    assert.equal(res.status, 201, res.text);
    await expectEvent('sam', 'appreciation_added', sd.id, res.body.appreciation.id);
    await sleep(QUIET_MS);
    for (const who of ['ana', 'ben']) {
      assert.ok(!live[who].raw.some((raw) => raw.includes(sd.id)), `${who} was told about another bond`);
    }
  });

  test('a second tab of the same person hears the same events', async () => {
    const second = await connectEvents(server, ben);
    try {
      const res = await ana.post(bondPath(ab.id, '/appreciations'), { kind: 'admire' });
      assert.equal(res.status, 201, res.text);
      const id = res.body.appreciation.id;
      await expectEvent('ben', 'appreciation_added', ab.id, id);
      await second.waitFor({ type: 'appreciation_added', id }, EVENT_WAIT_MS);
    } finally {
      await second.close();
    }
  });

  test('bond_ended reaches both members, the ender\'s own other apps included, with the bond id as id', async () => {
    const res = await ben.post(bondPath(ab.id, '/end'), {});
    assert.equal(res.status, 200, res.text);
    await expectEvent('ana', 'bond_ended', ab.id, ab.id);
    // Every view of the bond changes at once, the ender's other tabs and devices too; for them it
    // is no notice (nothing to read later about one's own doing).
    const own = await live.ben.waitFor((m) => m.type === 'bond_ended', EVENT_WAIT_MS, 'bond_ended for Ben');
    assert.deepEqual(own, { type: 'bond_ended', bond_id: ab.id, id: ab.id });
    await sleep(QUIET_MS);
    assert.deepEqual(live.sam.messages.filter((m) => m.bond_id === ab.id), []);
  });
});

describe('who may listen', TIMEOUT, () => {
  test('without a session: 401 before the upgrade', async () => {
    const res = await openEvents(server, null);
    assertProblem(res, 401, 'unauthenticated');
    const stale = await openEvents(server, null, { cookie: 'pillars_session=not-a-real-token' });
    assertProblem(stale, 401, 'unauthenticated');
  });

  test('with a foreign Origin, or none: 403 csrf', async () => {
    assertProblem(await openEvents(server, ana, { origin: 'https://evil.example' }), 403, 'csrf');
    assertProblem(await openEvents(server, ana, { origin: server.origin.replace('127.0.0.1', 'localhost') }), 403, 'csrf');
    assertProblem(await openEvents(server, ana, { origin: null }), 403, 'csrf');
  });

  test('a plain GET without the upgrade is refused', async () => {
    const res = await ana.get('/api/v1/events', { headers: { origin: server.origin } });
    assert.ok(res.status >= 400 && res.status < 500, `plain GET: ${res.status}`);
    assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  });

  test('after signing out, the old cookie opens no socket', async () => {
    const person = await registerPerson(server, { name: 'Leaver' });
    const stream = await connectEvents(server, person);
    const cookie = `pillars_session=${person.sessionCookie}`;
    await stream.close();
    const out = await person.post('/api/v1/auth/logout', undefined);
    assert.equal(out.status, 204, out.text);
    assertProblem(await openEvents(server, null, { cookie }), 401, 'unauthenticated');
  });
});

// Live events for check-ins: the other member hears checkin_added once, when a check-in is first
// written (never on an edit, so edits stay invisible), and both hear checkin_revealed when the
// second check-in opens the day. Events carry exactly {type, bond_id, id} with the day as id, and
// a notice_id where the event is also a notice of the one told (not for the one who revealed the
// day: they saw it as they answered); nobody outside the bond hears anything.

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, test } from 'node:test';
import { assertProblem } from './lib/client.mjs';
import { checkinBody, checkinPath, putCheckin, utcDay } from './lib/checkins.mjs';
import { liveCast } from './lib/events.mjs';

const TIMEOUT = { timeout: 30_000 };
const EVENT_WAIT_MS = 3_000;
const QUIET_MS = 400; // how long "nothing arrives" is waited for

// Ana and Ben, partners (bond ab); Sam, a stranger to them with a bond of his own with Dee (sd).
const cast = await liveCast();
after(() => cast.close());
const { ana, ben, sam, dee, ab, sd, cat, live } = cast;

const today = utcDay(0);
const tomorrow = utcDay(1);

/** How many messages each stream has so far: a mark to compare against later. */
const mark = () => Object.fromEntries(Object.entries(live).map(([who, s]) => [who, s.messages.length]));
/** The messages `who` received since `since`, each checked for its shape, without its notice id. */
const since = (who, since) => live[who].messages.slice(since[who]).map(({ notice_id: noticeId, ...event }) => {
  assert.deepEqual(Object.keys(event).sort(), ['bond_id', 'id', 'type'],
    `an event has exactly type, bond_id and id, and a notice id: ${JSON.stringify(event)}`);
  if (noticeId !== undefined) assert.match(noticeId, /^[a-z0-9]{20,40}$/);
  return event;
});

/** Waits for exactly `expected` to arrive for `who` after `from`, and then for quiet. */
async function expectOnly(who, from, expected) {
  const last = expected.at(-1);
  if (last) {
    await live[who].waitFor((m) => live[who].messages.indexOf(m) >= from[who] && m.type === last.type && m.id === last.id,
      EVENT_WAIT_MS, `${last.type} ${last.id} for ${who}`);
  }
  await sleep(QUIET_MS);
  const got = since(who, from);
  assert.deepEqual(got, expected, `${who} should receive exactly ${JSON.stringify(expected)}`);
}

const added = (bond, day) => ({ type: 'checkin_added', bond_id: bond.id, id: day });
const revealed = (bond, day) => ({ type: 'checkin_revealed', bond_id: bond.id, id: day });

describe('check-in events', TIMEOUT, () => {
  test('Ana\'s first check-in: Ben gets {type: "checkin_added", bond_id, id: day} and nothing else', async () => {
    const from = mark();
    await putCheckin(ana, ab.id, today, checkinBody(cat, { own_minutes: 1337 }));
    await expectOnly('ben', from, [added(ab, today)]);
    assert.deepEqual(since('ana', from), [], 'the one who checked in is not told');
    assert.deepEqual(since('sam', from), [], 'a stranger is not told');
  });

  test('Ana\'s edits before the reveal send nobody anything', async () => {
    const from = mark();
    await putCheckin(ana, ab.id, today, checkinBody(cat, { own_minutes: 1338, need: 'space' }));
    await putCheckin(ana, ab.id, today, checkinBody(cat, { own_minutes: 1339, closeness_now: 7 }));
    await sleep(QUIET_MS);
    assert.deepEqual(mark(), from, `an edit must not be observable: ${JSON.stringify(Object.keys(live).map((w) => since(w, from)))}`);
  });

  test('a refused check-in sends nobody anything', async () => {
    const from = mark();
    const bad = await ben.put(checkinPath(ab.id, today), checkinBody(cat, { closeness_now: 0 }));
    assertProblem(bad, 422, 'validation');
    const day = await ben.put(checkinPath(ab.id, utcDay(3)), checkinBody(cat));
    assertProblem(day, 422, 'validation');
    await sleep(QUIET_MS);
    assert.deepEqual(mark(), from);
  });

  test('Ben\'s check-in reveals the day: both get checkin_revealed, once', async () => {
    const from = mark();
    const res = await putCheckin(ben, ab.id, today, checkinBody(cat));
    assert.equal(res.revealed, true);
    await Promise.all([
      expectOnly('ben', from, [revealed(ab, today)]),
      (async () => {
        // Ana must hear of the reveal; a redundant checkin_added for the day would tell her nothing new.
        await live.ana.waitFor((m) => live.ana.messages.indexOf(m) >= from.ana && m.type === 'checkin_revealed',
          EVENT_WAIT_MS, `checkin_revealed for ana`);
        await sleep(QUIET_MS);
        const got = since('ana', from);
        assert.deepEqual(got.filter((m) => m.type === 'checkin_revealed'), [revealed(ab, today)]);
        for (const m of got) assert.deepEqual(m, m.type === 'checkin_added' ? added(ab, today) : revealed(ab, today));
      })(),
    ]);
    assert.deepEqual(since('sam', from), []);
  });

  test('a write to a locked day sends nobody anything', async () => {
    const from = mark();
    const res = await ana.put(checkinPath(ab.id, today), checkinBody(cat));
    assertProblem(res, 409, 'checkin-locked');
    await sleep(QUIET_MS);
    assert.deepEqual(mark(), from);
  });

  test('the other way round, on another day: Ben checks in first, Ana is told with that day as id', async () => {
    const from = mark();
    await putCheckin(ben, ab.id, tomorrow, checkinBody(cat));
    await expectOnly('ana', from, [added(ab, tomorrow)]);
    assert.deepEqual(since('ben', from), []);
    const edit = mark();
    await putCheckin(ben, ab.id, tomorrow, checkinBody(cat, { own_minutes: 5 }));
    await sleep(QUIET_MS);
    assert.deepEqual(mark(), edit, 'Ben\'s edit is not observable either');
  });

  test('check-ins in another bond stay there', async () => {
    const from = mark();
    await putCheckin(dee, sd.id, today, checkinBody(cat));
    await expectOnly('sam', from, [added(sd, today)]);
    assert.deepEqual(since('ana', from), []);
    assert.deepEqual(since('ben', from), []);
  });

  test('the stranger heard nothing of Ana and Ben\'s bond; every event had exactly type, bond_id, id (and a notice id)', async () => {
    assert.ok(live.sam.messages.every((m) => m.bond_id === sd.id), JSON.stringify(live.sam.messages));
    for (const stream of Object.values(live)) {
      for (const raw of stream.raw) {
        const { notice_id: noticeId, ...event } = JSON.parse(raw);
        assert.deepEqual(Object.keys(event).sort(), ['bond_id', 'id', 'type'], raw);
        assert.ok(noticeId === undefined || /^[a-z0-9]{20,40}$/.test(noticeId), raw);
        assert.ok(['checkin_added', 'checkin_revealed'].includes(event.type), raw);
        assert.match(event.id, /^\d{4}-\d{2}-\d{2}$/, raw);
        for (const value of ['1337', '1338', '1339']) assert.ok(!raw.includes(value), `an event carried a value: ${raw}`);
      }
    }
  });
});

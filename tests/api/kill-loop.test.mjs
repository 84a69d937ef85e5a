// The kill loop: four people write at once (entries with private text, shares, appreciations,
// check-ins) while the server is killed with SIGKILL after a random delay, again and again, and
// restarted on the same data folder. After each kill, with the server down:
//  - `PRAGMA integrity_check` says ok and `PRAGMA foreign_key_check` finds nothing (SQLite);
//  - no private text is readable in any file of the data folder (on PostgreSQL: nor in any text
//    or bytea column of its database), nor in the server's log;
// and after each restart every write answered 2xx before any of the kills reads back identical.
//
// PILLARS_KILLS sets the number of kills: 5 in `make test`, 100 in `make soak`.

import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, test } from 'node:test';
import { checkinBody, checkinPath, utcDay } from './lib/checkins.mjs';
import { checkDatabase, findTexts, readStored } from './lib/data-folder.mjs';
import { world } from './lib/fixture.mjs';
import { bondPath, entryPath, ownEntries } from './lib/inner-world.mjs';
import { onPostgres } from './lib/postgres.mjs';

const KILLS = Number(process.env.PILLARS_KILLS ?? 5);
assert.ok(Number.isInteger(KILLS) && KILLS >= 1 && KILLS <= 1000, `PILLARS_KILLS should be 1..1000, got ${process.env.PILLARS_KILLS}`);
// The random time between starting the writers and the kill.
const KILL_AFTER_MS = [100, 1500];
// Appreciations are listed 500 at most per bond; stay below so that every one can be checked.
const APPRECIATIONS_PER_ROUND = Math.max(1, Math.min(20, Math.floor(480 / (2 * KILLS))));
const TIMEOUT = { timeout: 60_000 + KILLS * 30_000 };

// Every private text of the run starts with this, so one search finds any of them, from any round.
const PRIVATE = `kill-loop ${randomBytes(8).toString('hex')}`;
let written = 0;
const privateText = () => `${PRIVATE} #${++written}: Ich weiß, mein Herz klopft laut, ünd das ist gut so.`;

let w;
after(() => w?.close());

/** What the server acknowledged (2xx) before a kill, and what it refused. */
const ledger = {
  entries: new Map(),        // id -> {author, body}
  shares: [],                // {author, entryId, bondId}
  appreciations: new Map(),  // id -> {bondId, note}
  checkins: new Map(),       // "<name> <day>" -> {person, bondId, day, last, unacknowledged}
  refused: [],               // non-2xx answers: none are expected
  acknowledged: 0,
};

/**
 * Sends one write; records a 2xx with `onAck`, anything else in ledger.refused. Returns false once
 * the connection failed (the server is gone): nothing was promised, and the writer stops.
 */
async function write(send, onAck) {
  let res;
  try {
    res = await send();
  } catch {
    return false;
  }
  if (res.status >= 200 && res.status < 300) {
    ledger.acknowledged++;
    onAck(res.body);
  } else {
    ledger.refused.push(`${res.method} ${res.status} ${res.text.slice(0, 200)}`);
  }
  return true;
}

async function entryWriter(person, bondId) {
  for (;;) {
    const body = privateText();
    let id = null;
    const kinds = ['feeling', 'hope', 'fear', 'hurt', 'memory', 'daydream'];
    const alive = await write(() => person.post('/api/v1/entries', { kind: kinds[randomInt(kinds.length)], feelings: [], body }),
      (answer) => {
        id = answer.entry.id;
        ledger.entries.set(id, { author: person, body });
      });
    if (!alive) return;
    if (id && randomInt(2) === 0) {
      const shared = await write(() => person.post(entryPath(id, '/shares'), { bond_id: bondId }),
        () => ledger.shares.push({ author: person, entryId: id, bondId }));
      if (!shared) return;
    }
  }
}

async function appreciationWriter(person, bondId) {
  for (let i = 0; i < APPRECIATIONS_PER_ROUND; i++) {
    const note = privateText();
    const kinds = ['love', 'thanks', 'admire'];
    const alive = await write(() => person.post(bondPath(bondId, '/appreciations'), { kind: kinds[randomInt(3)], note }),
      (answer) => ledger.appreciations.set(answer.appreciation.id, { bondId, note }));
    if (!alive) return;
    await sleep(randomInt(20, 80));
  }
}

/** Edits one check-in over and over (the other member never answers that day, so it never locks). */
async function checkinWriter(person, bondId, day, cat) {
  const key = `${person.user.display_name} ${day}`;
  // Any write sent after the last acknowledged one may have committed before the kill.
  if (!ledger.checkins.has(key)) ledger.checkins.set(key, { person, bondId, day, last: null, unacknowledged: [] });
  const record = ledger.checkins.get(key);
  for (;;) {
    const body = checkinBody(cat, {
      closeness_now: randomInt(1, 8),
      closeness_wanted: randomInt(1, 8),
      own_minutes: randomInt(0, 1441),
      together_minutes: randomInt(0, 1441),
      need: ['space', 'closeness', 'comfort', 'fine'][randomInt(4)],
    });
    record.unacknowledged.push(body);
    const alive = await write(() => person.put(checkinPath(bondId, day), body), () => {
      record.last = body;
      record.unacknowledged = [];
    });
    if (!alive) return;
  }
}

const sameCheckin = (stored, sent) => sent !== null && stored !== null &&
  ['closeness_now', 'closeness_wanted', 'own_minutes', 'together_minutes', 'need'].every((k) => stored[k] === sent[k]);

/** Reads everything back through the API and lists what differs from the ledger. */
async function missing(people) {
  const lost = [];
  const stored = new Map();
  for (const person of people) {
    for (const entry of await ownEntries(person)) stored.set(entry.id, entry);
  }
  for (const [id, { body }] of ledger.entries) {
    if (stored.get(id)?.body !== body) lost.push(`entry ${id}: ${stored.has(id) ? 'body differs' : 'missing'}`);
  }
  for (const { entryId, bondId } of ledger.shares) {
    if (!stored.get(entryId)?.shared_with.includes(bondId)) lost.push(`share of ${entryId} in ${bondId}`);
  }
  const byBond = new Map();
  for (const { bondId } of ledger.appreciations.values()) byBond.set(bondId, null);
  for (const bondId of byBond.keys()) {
    const reader = people.find((p) => p.bonds.includes(bondId));
    const list = await reader.get(bondPath(bondId, '/appreciations'));
    assert.equal(list.status, 200, list.text);
    byBond.set(bondId, new Map(list.body.appreciations.map((a) => [a.id, a.note])));
  }
  for (const [id, { bondId, note }] of ledger.appreciations) {
    if (byBond.get(bondId).get(id) !== note) lost.push(`appreciation ${id}`);
  }
  for (const [key, { person, bondId, day, last, unacknowledged }] of ledger.checkins) {
    const res = await person.get(checkinPath(bondId, day));
    assert.equal(res.status, 200, res.text);
    const mine = res.body.mine;
    const ok = (last === null && mine === null) || sameCheckin(mine, last) ||
      unacknowledged.some((sent) => sameCheckin(mine, sent));
    if (!ok) {
      lost.push(`check-in ${key}: stored ${JSON.stringify(mine)}, last acknowledged ${JSON.stringify(last)}, ` +
        `${unacknowledged.length} sent since`);
    }
  }
  return lost;
}

test(`${KILLS} kills under concurrent writes lose nothing acknowledged, corrupt nothing, leak nothing`, TIMEOUT, async (t) => {
  w = await world({ restartable: true, other: { c: 'Cleo', d: 'Dev', kind: 'friend' }, catalog: true });
  let { server } = w;
  const { dataDir, a: ana, b: ben, bond: partners, other: { c: cleo, d: dev, bond: friends }, cat } = w;
  const people = [ana, ben, cleo, dev];
  for (const p of [ana, ben]) p.bonds = [partners.id];
  for (const p of [cleo, dev]) p.bonds = [friends.id];
  const today = utcDay(0);
  const yesterday = utcDay(-1);

  const delays = [];
  const started = Date.now();
  for (let round = 1; round <= KILLS; round++) {
    const writers = [];
    for (const [i, person] of people.entries()) {
      const bondId = person.bonds[0];
      writers.push(entryWriter(person, bondId), entryWriter(person, bondId), appreciationWriter(person, bondId),
        checkinWriter(person, bondId, i % 2 === 0 ? today : yesterday, cat));
    }
    const delay = randomInt(KILL_AFTER_MS[0], KILL_AFTER_MS[1]);
    delays.push(delay);
    await sleep(delay);
    await server.crash();
    await Promise.all(writers);
    const where = `after kill ${round} (${delay} ms into the round)`;
    assert.deepEqual(ledger.refused, [], `no write was refused ${where}`);

    // PostgreSQL checks its own pages and enforces every foreign key on each write.
    if (!onPostgres) {
      const { integrity, foreignKeys } = await checkDatabase(dataDir);
      assert.equal(integrity, 'ok', `integrity_check ${where}`);
      assert.equal(foreignKeys, '', `foreign_key_check ${where}`);
    }

    const files = await readStored(dataDir);
    assert.ok(files.some((f) => f.bytes.includes(Buffer.from(ana.email))), 'positive control: the unsealed email is found by the scan');
    assert.deepEqual(findTexts(files, { 'private text': PRIVATE }), [], `private text in the data folder ${where}`);
    assert.deepEqual(findTexts([{ file: 'the server log', bytes: server.log }], { 'private text': PRIVATE }), [],
      `private text in the server log ${where}`);
    assert.deepEqual(server.leakedSecrets(), [], `passwords and tokens in the server log ${where}`);

    server = await w.start(); // everyone now talks to it; the last server's secrets stay secrets
    const lost = await missing(people);
    assert.deepEqual(lost, [], `acknowledged writes lost ${where}: ${lost.length}`);
  }
  await w.stop();
  if (!onPostgres) {
    const { integrity } = await checkDatabase(dataDir);
    assert.equal(integrity, 'ok', 'integrity_check after the last, clean stop');
  }
  assert.deepEqual(findTexts(await readStored(dataDir), { 'private text': PRIVATE }), [], 'private text after the clean stop');

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const summary = `${KILLS} kills in ${seconds} s (kill after ${Math.min(...delays)}..${Math.max(...delays)} ms); ` +
    `acknowledged and verified after every restart: ${ledger.acknowledged} writes — ${ledger.entries.size} entries, ` +
    `${ledger.shares.length} shares, ${ledger.appreciations.size} appreciations, ` +
    `${ledger.acknowledged - ledger.entries.size - ledger.shares.length - ledger.appreciations.size} check-in edits`;
  t.diagnostic(summary);
  console.log(summary);
  assert.ok(ledger.entries.size >= KILLS && ledger.appreciations.size >= KILLS, 'each round wrote something before its kill');
});

// `pillars seed` (for benchmarks): the couples it writes in bulk are what the app reads, on either
// engine, and stay private between people as everything else does. Each seeded session signs its
// person in; the other person's private entries stay out of sight; a stranger sees nothing.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import { Client, registerPerson } from './lib/client.mjs';
import { databaseArgs, dropDatabase, ensureDatabase, onPostgres } from './lib/postgres.mjs';
import { binaryPath, startServer } from './lib/server.mjs';

const run = promisify(execFile);
const COUPLES = 6;
const DAYS = 21;

let dataDir;
let server;
let people; // [{user, bond, client}], a couple's two people one after the other
let report;

before(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pillars-seed-'));
  if (onPostgres) await ensureDatabase(dataDir);
  const sessions = path.join(dataDir, 'sessions.tsv');
  const { stderr } = await run(binaryPath, ['seed', '--data', dataDir, ...databaseArgs(dataDir), '--couples', String(COUPLES),
    '--days', String(DAYS), '--sessions', '2', '--sessions-file', sessions, '--jobs', '2'], { timeout: 120_000 });
  report = stderr.trim().split('\n').at(-1);
  assert.equal((await stat(sessions)).mode & 0o777, 0o600, 'the sessions file holds credentials');
  server = await startServer({ dataDir });
  people = (await readFile(sessions, 'utf8')).trim().split('\n').map((line) => {
    const [user, bond, token, csrf] = line.split('\t');
    const client = new Client(server);
    client.jar.set('pillars_session', token);
    client.csrf = csrf;
    server.secrets.add(token);
    return { user, bond, client };
  });
});

after(async () => {
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
  if (onPostgres) await dropDatabase(dataDir);
});

test('seeding says what it wrote, and signs in the couples asked for', () => {
  assert.match(report, new RegExp(`^seed: ${COUPLES} couples, ${DAYS} days in [0-9.]+ s`));
  const checkins = Number(/(\d+) check-ins/.exec(report)[1]);
  // About one check-in every other day per person, none yet today.
  assert.ok(checkins > COUPLES * 2 * (DAYS - 1) * 0.3 && checkins < COUPLES * 2 * (DAYS - 1) * 0.7, report);
  assert.equal(people.length, 4, 'both people of two couples');
  assert.equal(people[0].bond, people[1].bond);
  assert.notEqual(people[0].bond, people[2].bond);
});

test('a seeded person reads their bond, its days and what was shared in it', async () => {
  const [a, b] = people;
  const me = await a.client.get('/api/v1/me');
  assert.equal(me.status, 200);
  assert.equal(me.body.user.id, a.user);
  const bond = await a.client.get(`/api/v1/bonds/${a.bond}`);
  assert.equal(bond.status, 200);
  assert.equal(bond.body.bond.other.id, b.user);
  const history = await a.client.get(`/api/v1/bonds/${a.bond}/checkins`);
  assert.equal(history.status, 200, history.text);
  const shared = await a.client.get(`/api/v1/bonds/${a.bond}/entries`);
  assert.equal(shared.status, 200);
  const insights = await a.client.get(`/api/v1/bonds/${a.bond}/insights`);
  assert.equal(insights.status, 200);
  // Warm words and shared entries over three weeks: something is there to read, text opened.
  const warm = await a.client.get(`/api/v1/bonds/${a.bond}/appreciations`);
  assert.equal(warm.status, 200);
  assert.ok(shared.body.entries.length + warm.body.appreciations.length > 0, 'the bond has a history');
  for (const e of shared.body.entries) assert.ok(e.body.length > 20, 'a shared body opens');
});

test('what one person kept private stays theirs; another couple and a stranger see nothing', async () => {
  let kept = 0;
  for (const [i, person] of people.entries()) {
    const other = people[i ^ 1];
    const own = await person.client.get('/api/v1/entries?limit=100');
    assert.equal(own.status, 200);
    const sharedIds = new Set((await other.client.get(`/api/v1/bonds/${person.bond}/entries?limit=100`)).body.entries.map((e) => e.id));
    for (const e of own.body.entries) {
      if (e.shared_with.includes(person.bond)) {
        assert.ok(sharedIds.has(e.id), "a shared entry is in the other's list");
        continue;
      }
      kept++;
      assert.ok(!sharedIds.has(e.id), 'a private entry is not in the shared list');
      assert.equal((await other.client.get(`/api/v1/entries/${e.id}`)).status, 404);
    }
  }
  assert.ok(kept > 0, 'some entries were kept private');
  const [a, , c] = people;
  assert.equal((await c.client.get(`/api/v1/bonds/${a.bond}`)).status, 404, 'another couple');
  const stranger = await registerPerson(server, { name: 'Stranger' });
  assert.equal((await stranger.get(`/api/v1/bonds/${a.bond}/entries`)).status, 404);
  assert.equal((await new Client(server).get(`/api/v1/bonds/${a.bond}/entries`)).status, 401, 'signed out');
});

test('a seeded person writes as anyone does', async () => {
  const [a, b] = people;
  const today = new Date().toISOString().slice(0, 10);
  const warm = await a.client.post(`/api/v1/bonds/${a.bond}/appreciations`, { kind: 'thanks' });
  assert.equal(warm.status, 201, warm.text);
  const notices = await b.client.get('/api/v1/notices');
  assert.equal(notices.status, 200);
  assert.ok(notices.body.notices.some((n) => n.kind === 'appreciation_added' && n.subject_id === warm.body.appreciation.id));
  const day = await b.client.get(`/api/v1/bonds/${a.bond}/checkins/${today}`);
  assert.equal(day.status, 200, 'nobody has checked in today yet');
});

// `pillars serve --demo`: Ada and Ben with six weeks of history, made once per data folder. Their
// history is long enough for every insight to speak, so this is also where the closeness means
// are checked against the series they come from, worked out here independently.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { signIn } from './lib/client.mjs';
import { utcDay } from './lib/checkins.mjs';
import { startServer } from './lib/server.mjs';

const TIMEOUT = { timeout: 60_000 };
const PASSWORD = 'pillars-demo-2026';

let dataDir;
let server;

before(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pillars-demo-'));
  server = await startServer({ args: ['--demo'], dataDir });
});
after(async () => {
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const round2 = (x) => Math.round(x * 100) / 100;

test('Ada and Ben share a partner bond with weeks of check-ins, and every insight speaks', TIMEOUT, async () => {
  const ada = await signIn(server, 'ada@example.com', PASSWORD);
  const bonds = await ada.get('/api/v1/bonds');
  assert.equal(bonds.status, 200);
  assert.equal(bonds.body.bonds.length, 1);
  const bond = bonds.body.bonds[0];
  assert.equal(bond.kind, 'partner');
  assert.equal(bond.other.display_name, 'Ben');

  const res = await ada.get(`/api/v1/bonds/${bond.id}/insights`);
  assert.equal(res.status, 200, res.text);
  const { closeness, members, affection, space } = res.body;
  // The history ends yesterday; the 28-day window ends tomorrow, so it holds 26 of its days.
  assert.equal(closeness.days, 26);
  assert.equal(closeness.series.at(-1).day, utcDay(-1));
  assert.notEqual(closeness.state, 'not_enough');
  for (let i = 0; i < 2; i++) {
    const m = closeness.members[i];
    assert.equal(m.member_id, members[i].id);
    const now = mean(closeness.series.map((p) => p.now[i]));
    const wanted = mean(closeness.series.map((p) => p.wanted[i]));
    assert.equal(m.mean_now, round2(now), `${members[i].name}'s mean felt`);
    assert.equal(m.mean_wanted, round2(wanted), `${members[i].name}'s mean wanted`);
    assert.equal(m.gap, round2(wanted - now));
    const direction = wanted - now >= 0.75 ? 'more_closeness' : wanted - now <= -0.75 ? 'more_space' : 'balanced';
    assert.equal(m.direction, direction);
  }
  assert.ok(affection, 'both track affection');
  assert.ok(affection.with_affection > 0);
  const adaSpace = space.members.find((m) => m.member_id === members.find((x) => x.name === 'Ada').id);
  assert.equal(adaSpace.wish_per_week, 600, 'Ada shows her wish');

  // Over the whole six weeks (the 91-day window), Ada's early reaching and Ben's early need for
  // room are both in the picture: the first three weeks alone lean apart.
  const quarter = await ada.get(`/api/v1/bonds/${bond.id}/insights?days=91`);
  assert.equal(quarter.body.closeness.days, 42);
  const early = quarter.body.closeness.series.slice(0, 21);
  const adaIndex = members.findIndex((m) => m.name === 'Ada');
  assert.ok(mean(early.map((p) => p.wanted[adaIndex] - p.now[adaIndex])) >= 0.75, 'early on Ada wanted more closeness');
  assert.ok(mean(early.map((p) => p.wanted[1 - adaIndex] - p.now[1 - adaIndex])) <= -0.75, 'early on Ben wanted more room');

  const mine = await ada.get('/api/v1/me/insights?days=91');
  assert.equal(mine.status, 200);
  assert.equal(mine.body.mind_reading.state, 'told');
  assert.equal(mine.body.mind_reading.bonds[0].days, 42);
  assert.equal(mine.body.own_time.state, 'under_wish');
  assert.ok(mine.body.sharing_gap.families.length > 0);
});

test('a second start with --demo adds nobody', TIMEOUT, async () => {
  await server.stop();
  server = await startServer({ args: ['--demo'], dataDir });
  const ben = await signIn(server, 'ben@example.com', PASSWORD);
  const bonds = await ben.get('/api/v1/bonds');
  assert.equal(bonds.body.bonds.length, 1);
});

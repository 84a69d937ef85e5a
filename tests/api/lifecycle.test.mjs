// The binary's life: subcommands, clean exits on SIGTERM and SIGINT, in-flight requests
// finished before exit, and data that survives a restart.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { assertBond, registerPerson, signIn } from './lib/client.mjs';
import { world } from './lib/fixture.mjs';
import { runPillars, startServer } from './lib/server.mjs';

const TIMEOUT = { timeout: 30_000 };
let dataDir;

before(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pillars-lifecycle-'));
});
after(() => rm(dataDir, { recursive: true, force: true }));

test('`pillars version` prints the name and a version', TIMEOUT, async () => {
  assert.match((await runPillars(['version'])).trim(), /^pillars \d+\.\d+\.\d+\S*$/);
});

test('`pillars migrate` prepares a data folder and can run again', TIMEOUT, async () => {
  await runPillars(['migrate', '--data', dataDir]);
  await runPillars(['migrate', '--data', dataDir]);
});

test('people, sessions and bonds survive a restart', TIMEOUT, async () => {
  const first = await startServer({ dataDir });
  let una;
  let bond;
  let cookie;
  try {
    ({ a: una, bond } = await world({ server: first, a: 'Una', b: 'Vic', kind: 'friend' }));
    cookie = una.sessionCookie;
  } finally {
    await first.stop();
  }

  const second = await startServer({ dataDir });
  try {
    // The same cookie still opens Una's session on the restarted server.
    una.server = second;
    assert.equal(una.sessionCookie, cookie);
    const me = await una.get('/api/v1/me');
    assert.equal(me.status, 200, me.text);
    assert.equal(me.body.user.id, una.user.id);
    const shown = await una.get(`/api/v1/bonds/${encodeURIComponent(bond.id)}`);
    assert.equal(shown.status, 200, shown.text);
    assertBond(shown.body.bond, { id: bond.id, kind: 'friend', status: 'active' });
    await signIn(second, una.email, una.password);
  } finally {
    await second.stop();
  }
});

test('SIGINT stops the server cleanly too', TIMEOUT, async () => {
  const server = await startServer();
  assert.equal((await fetch(`${server.origin}/healthz`)).status, 200);
  await server.stop({ signal: 'SIGINT' }); // asserts exit code 0
});

test('SIGTERM lets an in-flight request finish, then the server exits 0', TIMEOUT, async () => {
  const server = await startServer();
  try {
    const vera = await registerPerson(server, { name: 'Vera' });
    // A login spends a while in Argon2id; stop the server while it runs.
    const login = signIn(server, vera.email, vera.password);
    await sleep(50);
    const stopped = server.stop();
    // signIn asserts 200; stop() asserts exit code 0.
    for (const outcome of await Promise.allSettled([login, stopped])) {
      if (outcome.status === 'rejected') throw outcome.reason;
    }
  } finally {
    if (server.alive) server.child.kill('SIGKILL');
  }
});

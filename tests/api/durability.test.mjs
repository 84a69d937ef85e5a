// "No acknowledged write lost when the process is killed": while many writes are in flight, the
// server is killed with SIGKILL (no shutdown, no checkpoint). Every write it had answered 2xx must
// be there after a restart on the same data folder.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { registerPerson, signIn } from './lib/client.mjs';
import { startServer } from './lib/server.mjs';

const TIMEOUT = { timeout: 60_000 };
let dataDir;

before(async () => { dataDir = await mkdtemp(path.join(tmpdir(), 'pillars-durability-')); });
after(() => rm(dataDir, { recursive: true, force: true }));

test('every entry acknowledged before a SIGKILL is there after a restart', TIMEOUT, async () => {
  const first = await startServer({ dataDir });
  const ann = await registerPerson(first, { name: 'Ann' });

  // 16 writers keep entries coming; the server is killed while they are in flight.
  const acknowledged = [];
  let stop = false;
  let refused = 0;
  const writer = async (w) => {
    for (let i = 0; !stop; i++) {
      const body = `durable ${w}-${i}`;
      try {
        const res = await ann.post('/api/v1/entries', { kind: 'memory', feelings: [], body });
        if (res.status === 201) acknowledged.push({ id: res.body.entry.id, body });
        else refused++;
      } catch {
        return;  // the connection died with the server: not acknowledged, nothing promised
      }
    }
  };
  const writers = Array.from({ length: 16 }, (_, w) => writer(w));
  while (acknowledged.length < 300) await new Promise((r) => setTimeout(r, 5));
  const exited = new Promise((resolve) => first.child.once('exit', resolve));
  first.child.kill('SIGKILL');
  await exited;
  stop = true;
  await Promise.all(writers);
  assert.equal(refused, 0, 'no write was refused before the kill');
  assert.ok(acknowledged.length >= 300);

  const second = await startServer({ dataDir });
  try {
    const again = await signIn(second, ann.email, ann.password);
    const stored = new Map();
    let cursor = null;
    do {
      const page = await again.get(`/api/v1/entries?limit=100${cursor ? `&before=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(page.status, 200, page.text);
      for (const e of page.body.entries) stored.set(e.id, e.body);
      cursor = page.body.next_cursor;
    } while (cursor);
    const lost = acknowledged.filter((a) => stored.get(a.id) !== a.body);
    assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.length} acknowledged entries were lost`);
  } finally {
    await second.stop();
  }
});

// When PostgreSQL drops the store's connections (a database restart, a failover, an operator
// ending sessions), Pillars connects again by itself: after at most a failed request per
// connection, reads and writes work again and nothing stored is lost, without restarting Pillars.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { registerPerson } from './lib/client.mjs';
import { connect, databaseName, onPostgres } from './lib/postgres.mjs';
import { startServer } from './lib/server.mjs';

const skip = onPostgres ? false : 'PostgreSQL only: SQLite is a file of the instance\'s own';

/** Ends every session of the server's database, as a restart of PostgreSQL would. */
async function dropConnections(server) {
  const client = await connect();
  try {
    const { rows } = await client.query(
      'SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [databaseName(server.dataDir)]);
    return rows.filter((r) => r.ended).length;
  } finally {
    await client.end();
  }
}

test('after its connections are dropped, the store connects again and keeps working', { skip, timeout: 60_000 }, async () => {
  const server = await startServer();
  try {
    const ada = await registerPerson(server, { name: 'Ada' });
    const before = await ada.patch('/api/v1/me', { display_name: 'Ada before' });
    assert.equal(before.status, 200);
    assert.ok(await dropConnections(server) >= 3, 'the writer, the readers and the listener were connected');

    // Each connection may fail the one job that finds it broken; then it is back.
    let failures = 0;
    let ok = 0;
    for (let i = 0; i < 40 && ok < 8; i++) {
      const res = i % 2 === 0
        ? await ada.patch('/api/v1/me', { display_name: `Ada ${i}` })
        : await ada.get('/api/v1/entries');
      if (res.status === 200) ok++;
      else {
        assert.equal(res.status, 500, res.text);
        assert.equal(ok, 0, 'once back, it stays back');
        failures++;
      }
    }
    assert.equal(ok, 8, 'reads and writes work again');
    assert.ok(failures <= 4, `at most one failed request per connection, not ${failures}`);
    const me = await ada.get('/api/v1/me');
    assert.equal(me.status, 200);
    assert.match(me.body.user.display_name, /^Ada \d+$/, 'the writes after the drop were kept');
    assert.match(server.log, /connected to PostgreSQL again/);
  } finally {
    await server.stop();
  }
});

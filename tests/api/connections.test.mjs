// The transport: keep-alive, the idle timeout, the read timeout and the connection cap, on raw
// sockets so nothing in between (a client library's pooling) hides what the server does.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { closedWithin, connect, get, responses } from './lib/raw.mjs';
import { startServer } from './lib/server.mjs';

const TIMEOUT = { timeout: 30_000 };

describe('keep-alive and timeouts', TIMEOUT, () => {
  let server;
  before(async () => { server = await startServer({ args: ['--idle-timeout', '1', '--read-timeout', '1'] }); });
  after(() => server?.stop());

  test('one connection answers several requests in turn', async () => {
    const conn = await connect(server.port);
    conn.socket.write(get('/healthz'));
    await responses(conn, 1);
    conn.socket.write(get('/readyz'));
    const text = await responses(conn, 2);
    assert.match(text, /"status":"ok"/);
    assert.match(text, /"status":"ready"/);
    assert.equal(conn.closed, false, 'the connection stays open between requests');
    conn.socket.destroy();
  });

  test('an idle kept-alive connection is closed after the idle timeout', async () => {
    const conn = await connect(server.port);
    conn.socket.write(get('/healthz'));
    await responses(conn, 1);
    assert.equal(await closedWithin(conn, 400), false, 'not closed at once');
    assert.equal(await closedWithin(conn, 2500), true, 'closed once idle for longer than 1 s');
  });

  test('a request whose headers never finish is dropped after the timeout', async () => {
    const conn = await connect(server.port);
    conn.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');  // no blank line: never ends
    assert.equal(await closedWithin(conn, 3000), true);
    assert.equal(conn.data, '', 'nothing was answered to a request that never arrived');
    const res = await fetch(`${server.origin}/healthz`);
    assert.equal(res.status, 200, 'the server is still up');
  });

  test('Connection: close is honoured', async () => {
    const conn = await connect(server.port);
    conn.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    await responses(conn, 1);
    assert.equal(await closedWithin(conn, 1000), true);
  });
});

// A request whose body is still on its way keeps a connection busy (not idle, so never reclaimed).
const unfinishedPost = 'POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
  'Content-Length: 100\r\n\r\n{';

/** Resolves once a fresh connection gets /healthz answered (the server may need a moment to notice closes). */
async function servedSoon(port, options) {
  for (let i = 0; i < 40; i++) {
    const d = await connect(port, options);
    d.socket.write(get('/healthz'));
    const ok = await responses(d, 1, 500).then(() => true, () => false);
    d.socket.destroy();
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe('the connection cap', TIMEOUT, () => {
  let server;
  before(async () => { server = await startServer({ args: ['--max-connections', '2', '--read-timeout', '5'] }); });
  after(() => server?.stop());

  test('when every connection is busy, one more gets a short 503 and is closed; the others keep working', async () => {
    const a = await connect(server.port);
    const b = await connect(server.port);
    try {
      a.socket.write(unfinishedPost);
      b.socket.write(unfinishedPost);
      await new Promise((r) => setTimeout(r, 200));  // both are reading their bodies now

      const c = await connect(server.port);
      assert.equal(await closedWithin(c, 2000), true, 'the third connection is closed');
      assert.match(c.data, /^HTTP\/1\.1 503 /, 'with a 503 first');
      assert.match(c.data, /Retry-After: 1/);

      // Password hashing is deliberately slow; allow it time on a busy machine.
      a.socket.write(`"email":"a@b.c","password":"x"}${' '.repeat(100 - 32)}`);
      assert.match(await responses(a, 1, 20_000), /^HTTP\/1\.1 401 /, 'the busy connection finishes its request');
    } finally {
      a.socket.destroy();
      b.socket.destroy();
      await Promise.all([a.closedPromise, b.closedPromise]);
    }
    assert.ok(await servedSoon(server.port), 'a connection is served once one has closed');
  });

  test('near the cap, the connection that has waited longest for a request makes room', async () => {
    const a = await connect(server.port);
    a.socket.write(get('/healthz'));
    await responses(a, 1);
    await new Promise((r) => setTimeout(r, 50));
    const b = await connect(server.port);
    b.socket.write(get('/healthz'));
    await responses(b, 1);

    // Both wait idly for their next request; a newcomer is served, and the oldest idle one closed.
    const c = await connect(server.port);
    c.socket.write(get('/readyz'));
    assert.match(await responses(c, 1, 10_000), /^HTTP\/1\.1 200 /, 'the newcomer is served');
    assert.equal(await closedWithin(a, 2000), true, 'the longest-idle connection was closed to make room');
    assert.equal(b.closed, false, 'the other idle connection stays');
    for (const conn of [b, c]) conn.socket.destroy();
  });
});

describe('connections per address', TIMEOUT, () => {
  let server;
  before(async () => { server = await startServer({ args: ['--max-connections-per-address', '3'] }); });
  after(() => server?.stop());

  test('one address cannot hold more than its share; other addresses are still served', async () => {
    const mine = [];
    for (let i = 0; i < 3; i++) mine.push(await connect(server.port, { localAddress: '127.0.0.2' }));
    await new Promise((r) => setTimeout(r, 100));
    const fourth = await connect(server.port, { localAddress: '127.0.0.2' });
    assert.equal(await closedWithin(fourth, 2000), true, 'the fourth connection from one address is closed');
    assert.match(fourth.data, /^HTTP\/1\.1 429 /, 'with a 429');
    assert.match(fourth.data, /Retry-After: \d+/);
    assert.ok(await servedSoon(server.port, { localAddress: '127.0.0.3' }), 'another address is served');
    for (const conn of mine) assert.equal(conn.closed, false, 'the first three stay open');

    mine[0].socket.destroy();
    await mine[0].closedPromise;
    assert.ok(await servedSoon(server.port, { localAddress: '127.0.0.2' }), 'room again once one closed');
    for (const conn of mine) conn.socket.destroy();
  });
});

// The transport: keep-alive, the idle timeout, the read timeout and the connection cap, on raw
// sockets so nothing in between (a client library's pooling) hides what the server does.

import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startServer } from './lib/server.mjs';

const TIMEOUT = { timeout: 30_000 };

/** A raw connection that collects what the server sends and notices when it closes. */
function connect(port) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const conn = { socket, data: '', closed: false };
    conn.closedPromise = new Promise((done) => socket.on('close', () => { conn.closed = true; done(); }));
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => { conn.data += chunk; });
    socket.once('connect', () => resolve(conn));
    socket.once('error', (err) => (conn.closed ? null : reject(err)));
  });
}

/** Waits until `conn` has received `count` complete responses (bodies are small and sized). */
async function responses(conn, count, ms = 3000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = conn.data.split('HTTP/1.1 ').length - 1;
    if (found >= count && /\r\n\r\n[\s\S]*\}$/.test(conn.data)) return conn.data;
    if (Date.now() > deadline) throw new Error(`expected ${count} responses, got: ${conn.data.slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function closedWithin(conn, ms) {
  await Promise.race([conn.closedPromise, new Promise((r) => setTimeout(r, ms))]);
  return conn.closed;
}

const get = (path) => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;

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

describe('the connection cap', TIMEOUT, () => {
  let server;
  before(async () => { server = await startServer({ args: ['--max-connections', '2'] }); });
  after(() => server?.stop());

  test('connections over the cap get a short 503 and are closed; the others keep working', async () => {
    const a = await connect(server.port);
    const b = await connect(server.port);
    // Make sure both are accepted and counted before the third arrives.
    a.socket.write(get('/healthz'));
    b.socket.write(get('/healthz'));
    await responses(a, 1);
    await responses(b, 1);

    const c = await connect(server.port);
    assert.equal(await closedWithin(c, 2000), true, 'the third connection is closed');
    assert.match(c.data, /^HTTP\/1\.1 503 /, 'with a 503 first');
    assert.match(c.data, /Retry-After: 1/);

    a.socket.write(get('/readyz'));
    assert.match(await responses(a, 2), /"status":"ready"/, 'the first connection still works');

    a.socket.destroy();
    await a.closedPromise;
    // Room again: a new connection is served (allow the server a moment to notice the close).
    let served = false;
    for (let i = 0; i < 20 && !served; i++) {
      const d = await connect(server.port);
      d.socket.write(get('/healthz'));
      served = await responses(d, 1, 500).then(() => true, () => false);
      d.socket.destroy();
      if (!served) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(served, 'a connection is served once one has closed');
    b.socket.destroy();
  });
});

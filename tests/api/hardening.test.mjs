// What an outside attack found, proven closed from the outside: static files that stay in their
// folder, request framing that cannot be smuggled, HEAD without a body, exact paths and metrics on
// their own listener, calm behaviour when file descriptors run out, and live-event sockets that end
// with their session. Raw sockets wherever HTTP framing is the point.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, signIn } from './lib/client.mjs';
import { connectEvents } from './lib/events.mjs';
import { world } from './lib/fixture.mjs';
import { bondPath } from './lib/inner-world.mjs';
import { closedWithin, connect, exchange, get, parseResponse, responses } from './lib/raw.mjs';
import { startServer } from './lib/server.mjs';

const TIMEOUT = { timeout: 60_000 };

/** Every way a path can try to leave the web folder: "//", %2F, %5C, %00, "..", symlinks. */
function escapes(dataDir) {
  return [
    '//etc/passwd', '/%2Fetc/passwd', '/%2fetc%2fpasswd', '/%2F%2Fetc%2Fpasswd',
    '/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2Fsecret.txt', '/assets/..%2F..%2Fsecret.txt',
    '/%5C..%5Csecret.txt', '/..%5Csecret.txt', '/secret.txt%00.js', '/assets/%00', '/.%2e/secret.txt',
    '/leak.txt', '/outside/secret.txt', '/outside/web/../secret.txt',
    `/${encodeURIComponent(path.join(dataDir, 'secret.key'))}`, `/${path.join(dataDir, 'secret.key')}`,
  ];
}

describe('static files stay inside their folder', TIMEOUT, () => {
  let root;
  let secret;
  let withDir;
  let embedded;

  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'pillars-escape-'));
    secret = `outside-the-web-folder-${randomBytes(8).toString('hex')}`;
    const web = path.join(root, 'web');
    await mkdir(path.join(web, 'assets'), { recursive: true });
    await writeFile(path.join(web, 'index.html'), '<!doctype html><title>escape-test-shell</title>\n');
    await writeFile(path.join(web, 'assets', 'app.js'), 'export {};\n');
    await writeFile(path.join(root, 'secret.txt'), `${secret}\n`);
    await symlink(path.join(root, 'secret.txt'), path.join(web, 'leak.txt'));
    await symlink(root, path.join(web, 'outside'));
    withDir = await startServer({ args: ['--web-dir', web] });
    embedded = await startServer();
  });
  after(async () => {
    await withDir?.stop();
    await embedded?.stop();
    await rm(root, { recursive: true, force: true });
  });

  for (const mode of ['--web-dir', 'embedded']) {
    test(`no path reaches a file outside the folder (${mode})`, async () => {
      const server = mode === 'embedded' ? embedded : withDir;
      const key = await readFile(path.join(server.dataDir, 'secret.key'));
      for (const target of escapes(server.dataDir)) {
        const raw = await exchange(server.port, get(target, 'Connection: close\r\n'));
        const res = parseResponse(raw);
        assert.ok([400, 404].includes(res.status) || /<!doctype html>/i.test(res.body),
          `${target}: expected 400, 404 or the app's page, got ${res.status}`);
        assert.ok(!raw.includes(secret), `${target} served the file outside the folder`);
        assert.ok(!raw.includes('root:x:0:0'), `${target} served /etc/passwd`);
        assert.ok(!raw.includes(key.toString('latin1')) && !raw.includes(key.toString('hex')), `${target} served the key`);
      }
      assert.ok(server.alive);
    });
  }

  test('files inside the folder are still served, and app routes get the page', async () => {
    const asset = parseResponse(await exchange(withDir.port, get('/assets/app.js', 'Connection: close\r\n')));
    assert.equal(asset.status, 200);
    assert.equal(asset.body, 'export {};\n');
    const route = parseResponse(await exchange(withDir.port, get('/bonds/abc/', 'Connection: close\r\n')));
    assert.equal(route.status, 200);
    assert.match(route.body, /escape-test-shell/);
  });
});

describe('request framing (RFC 9112)', TIMEOUT, () => {
  let server;
  before(async () => { server = await startServer(); });
  after(() => server?.stop());

  const smuggle = 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
  const post = (headers, version = '1.1') =>
    `POST /api/v1/auth/login HTTP/${version}\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${headers}\r\n`;

  const refused = {
    'xchunked': post('Transfer-Encoding: xchunked\r\n'),
    'gzip': post('Transfer-Encoding: gzip\r\n'),
    'identity': post('Transfer-Encoding: identity\r\n'),
    'chunked, identity': post('Transfer-Encoding: chunked, identity\r\n'),
    'gzip, chunked': post('Transfer-Encoding: gzip, chunked\r\n'),
    'chunked twice': post('Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n'),
    'chunked with Content-Length': post('Transfer-Encoding: chunked\r\nContent-Length: 5\r\n'),
    'HTTP/1.0 with chunked': post('Transfer-Encoding: chunked\r\n', '1.0'),
  };
  for (const [what, head] of Object.entries(refused)) {
    test(`Transfer-Encoding ${what}: 400, closed, and nothing behind it is answered`, async () => {
      const raw = await exchange(server.port, `${head}0\r\n\r\n${smuggle}`);
      assert.equal(raw.split('HTTP/1.1 ').length - 1, 1, `exactly one response: ${raw.slice(0, 300)}`);
      const res = parseResponse(raw);
      assert.equal(res.status, 400, raw.slice(0, 200));
      assert.match(res.headers['content-type'], /^application\/problem\+json/);
      assert.equal(JSON.parse(res.body).type, '/problems/bad-request');
      assert.match(res.headers.connection ?? '', /close/i);
    });
  }

  test('a plain chunked body is still read', async () => {
    const body = '{"email":"nobody@example.test","password":"not-the-password"}';
    const chunked = `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`;
    for (const coding of ['chunked', 'Chunked']) {
      const res = parseResponse(await exchange(server.port, post(`Transfer-Encoding: ${coding}\r\nConnection: close\r\n`) + chunked, { ms: 20_000 }));
      assert.equal(res.status, 401, `${coding}: the body was read and the sign-in judged`);
    }
  });
});

describe('HEAD has no body; paths are exact; metrics have their own listener', TIMEOUT, () => {
  let server;
  let metrics;
  before(async () => {
    server = await startServer({ args: ['--metrics-listen', '127.0.0.1:0'] });
    metrics = await server.metricsOrigin();
  });
  after(() => server?.stop());

  test('HEAD answers headers only, so the next response on the connection is read correctly', async () => {
    for (const target of ['/healthz', '/api/v1/me', '/api/v1/catalog', '/', '/api/v1/nope']) {
      const conn = await connect(server.port);
      conn.socket.write(`HEAD ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
      conn.socket.write(get('/healthz', 'Connection: close\r\n'));
      await closedWithin(conn, 3000);
      conn.socket.destroy();
      const split = conn.data.indexOf('\r\n\r\n');
      const head = parseResponse(conn.data.slice(0, split + 4));
      assert.ok(Number(head.headers['content-length']) > 0, `${target}: HEAD carries GET's Content-Length`);
      const rest = conn.data.slice(split + 4);
      assert.match(rest, /^HTTP\/1\.1 200 /, `${target}: the next response follows the HEAD headers at once`);
      assert.deepEqual(JSON.parse(parseResponse(rest).body), { status: 'ok' });
    }
  });

  test('a trailing slash is another address', async () => {
    const anonymous = new Client(server);
    for (const target of ['/healthz/', '/api/v1/catalog/', '/api/v1/me/']) {
      const res = await anonymous.get(target);
      assert.equal(res.status, 404, `${target}: ${res.status}`);
      assert.equal(res.body.type, '/problems/not-found');
    }
  });

  test('the app address serves no metrics, with or without a slash', async () => {
    for (const target of ['/metrics', '/metrics/', '/metrics?x=1', '//metrics', '/%6detrics']) {
      const raw = await exchange(server.port, get(target, 'Connection: close\r\n'));
      assert.doesNotMatch(raw, /pillars_http_requests_total/, `${target} must not answer metrics`);
    }
  });

  test('the metrics listener answers exactly /metrics and nothing else', async () => {
    const res = await fetch(`${metrics}/metrics`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /^pillars_http_accept_errors_total \d+$/m);
    for (const target of ['/metrics/', '/healthz', '/api/v1/me', '/', '/index.html']) {
      const other = await fetch(`${metrics}${target}`);
      assert.equal(other.status, 404, `${target} on the metrics listener: ${other.status}`);
      assert.doesNotMatch(await other.text(), /pillars_http|<!doctype/i);
    }
  });

  test('without --metrics-listen there is no metrics listener and no metrics anywhere', async () => {
    const plain = await startServer();
    try {
      const raw = await exchange(plain.port, get('/metrics', 'Connection: close\r\n'));
      assert.doesNotMatch(raw, /pillars_http_requests_total/);
      assert.doesNotMatch(plain.log, /metrics on /);
    } finally {
      await plain.stop();
    }
  });
});

/** User and system CPU seconds the process has used so far. */
async function cpuSeconds(pid) {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;  // utime, stime in clock ticks (100 Hz)
}

describe('out of file descriptors', TIMEOUT, () => {
  let server;
  before(async () => { server = await startServer({ nofile: 64 }); });
  after(() => server?.stop());

  test('the accept loop backs off, logs once, and the server keeps answering', async () => {
    assert.match(server.log, /file descriptor limit \(64\)/, 'the low limit is reported at start');
    const flood = [];
    const opened = async () => {
      for (let i = 0; i < 150; i++) {
        try {
          flood.push(await connect(server.port, { localAddress: '127.0.0.2' }));
        } catch { /* the backlog is full: fine */ }
      }
    };
    await opened();
    const cpuBefore = await cpuSeconds(server.child.pid);
    await sleep(2_000);
    const cpuAfter = await cpuSeconds(server.child.pid);
    assert.ok(cpuAfter - cpuBefore < 0.8, `no spinning: ${(cpuAfter - cpuBefore).toFixed(2)} CPU seconds in 2 s`);
    const reports = server.log.split('\n').filter((l) => /accept failed/.test(l));
    assert.ok(reports.length <= 2, `the failure is logged once per interval, not ${reports.length} times`);

    // A real person still gets through: idle connections are reclaimed to make room.
    let served = false;
    for (let i = 0; i < 40 && !served; i++) {
      try {
        const conn = await connect(server.port);
        conn.socket.write(get('/healthz'));
        served = await responses(conn, 1, 1000).then((t) => /^HTTP\/1\.1 200 /.test(t), () => false);
        conn.socket.destroy();
      } catch { /* try again */ }
      if (!served) await sleep(100);
    }
    assert.ok(served, '/healthz answered while descriptors are short');
    for (const conn of flood) conn.socket.destroy();
    assert.ok(server.alive);
  });
});

describe('live-event sockets end with their session', TIMEOUT, () => {
  let w;
  let server;
  let ana;
  let ben;
  let bond;
  before(async () => {
    w = await world({ args: ['--max-sockets-per-person', '3'] });
    ({ server, a: ana, b: ben, bond } = w);
  });
  after(() => w?.close());

  const appreciate = async () => {
    const res = await ben.post(bondPath(bond.id, '/appreciations'), { kind: 'love' });
    assert.equal(res.status, 201, res.text);
    return res.body.appreciation.id;
  };
  const closes = (stream, ms = 3000) => Promise.race([
    new Promise((resolve) => { if (stream.closed) resolve(true); else stream.ws.once('close', () => resolve(true)); }),
    sleep(ms).then(() => false),
  ]);

  test('signing out closes that device\'s socket at once; other devices keep hearing', async () => {
    const phone = await signIn(server, ana.email, ana.password);
    const onPhone = await connectEvents(server, phone);
    const onLaptop = await connectEvents(server, ana);
    assert.equal((await phone.post('/api/v1/auth/logout', {})).status, 204);
    assert.equal(await closes(onPhone), true, 'the signed-out socket is closed');
    const id = await appreciate();
    await onLaptop.waitFor({ type: 'appreciation_added', id });
    assert.equal(onPhone.messages.some((m) => m.id === id), false, 'the signed-out socket heard nothing more');
    await onLaptop.close();
  });

  test('revoking a session closes its socket', async () => {
    const tablet = await signIn(server, ana.email, ana.password, { userAgent: 'tablet' });
    const onTablet = await connectEvents(server, tablet);
    const sessions = await ana.get('/api/v1/me/sessions');
    const target = sessions.body.sessions.find((s) => !s.current && /tablet/.test(s.user_agent ?? s.device ?? ''))
      ?? sessions.body.sessions.find((s) => !s.current);
    assert.ok(target, 'the tablet session is listed');
    assert.equal((await ana.delete(`/api/v1/me/sessions/${encodeURIComponent(target.id)}`)).status, 204);
    assert.equal(await closes(onTablet), true, 'the revoked session\'s socket is closed');
  });

  test('a new password closes the sockets of every session it ended; the new session\'s socket hears', async () => {
    const other = await signIn(server, ana.email, ana.password);
    const onOther = await connectEvents(server, other);
    const here = await connectEvents(server, ana);
    const next = `${ana.password}-renewed`;
    const res = await ana.post('/api/v1/me/password', { current_password: ana.password, new_password: next });
    assert.equal(res.status, 200, `password change: ${res.status} ${res.text}`);
    ana.csrf = res.body.csrf;
    ana.password = next;
    assert.equal(await closes(onOther), true, 'the other session\'s socket is closed');
    assert.equal(await closes(here), true, 'this browser moved to a new session; the old session\'s socket ends too');
    const renewed = await connectEvents(server, ana);
    const id = await appreciate();
    await renewed.waitFor({ type: 'appreciation_added', id });
    assert.equal(onOther.messages.some((m) => m.id === id), false);
    await renewed.close();
  });

  test('one person holds at most the configured number of sockets: one more closes the oldest', async () => {
    const first = await connectEvents(server, ana);
    const second = await connectEvents(server, ana);
    const third = await connectEvents(server, ana);
    const fourth = await connectEvents(server, ana);
    assert.equal(await closes(first), true, 'the oldest socket is closed');
    for (const s of [second, third, fourth]) assert.equal(s.closed, false);
    const id = await appreciate();
    for (const s of [second, third, fourth]) await s.waitFor({ type: 'appreciation_added', id });
    for (const s of [second, third, fourth]) await s.close();
  });
});

// HTTP conventions every response keeps: security headers, request ids, health and
// metrics endpoints, problems for unknown paths and methods, the static web app, and
// a server that survives malformed input.

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Client, assertProblem } from './lib/client.mjs';
import { startServer } from './lib/server.mjs';

const TIMEOUT = { timeout: 30_000 };
const INDEX_MARKER = 'pillars-api-test-shell';
const ASSET = '/assets/app-3f9a2c.js';

let server;
let webDir;
let anonymous;

before(async () => {
  webDir = await mkdtemp(path.join(tmpdir(), 'pillars-web-'));
  await mkdir(path.join(webDir, 'assets'));
  await writeFile(path.join(webDir, 'index.html'),
    `<!doctype html><html><head><title>${INDEX_MARKER}</title><script type="module" src="${ASSET}"></script></head><body></body></html>\n`);
  await writeFile(path.join(webDir, ASSET), 'export const shell = true;\n');
  server = await startServer({ args: ['--web-dir', webDir, '--metrics-listen', '127.0.0.1:0'] });
  anonymous = new Client(server);
});
after(async () => {
  try {
    await server?.stop();
  } finally {
    await rm(webDir, { recursive: true, force: true });
  }
});

/** Sends raw bytes on a fresh connection; resolves with what came back once the server closes or goes quiet. */
function rawExchange(bytes, { quietMs = 1_500 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1');
    const chunks = [];
    let timer;
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    const arm = () => { clearTimeout(timer); timer = setTimeout(finish, quietMs); };
    socket.on('connect', () => { socket.write(bytes); arm(); });
    socket.on('data', (chunk) => { chunks.push(chunk); arm(); });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', (err) => {
      // A reset after the server answered or gave up is an acceptable way to close.
      if (err.code === 'ECONNRESET' || err.code === 'EPIPE') finish();
      else { clearTimeout(timer); reject(err); }
    });
  });
}

function cspDirectives(res) {
  const csp = res.headers.get('content-security-policy');
  assert.ok(csp, 'Content-Security-Policy header missing');
  const directives = new Map();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  return { csp, directives };
}

function assertSecurityHeaders(res, what) {
  const { csp, directives } = cspDirectives(res);
  assert.deepEqual(directives.get('default-src'), ["'self'"], `${what}: CSP default-src 'self' (${csp})`);
  assert.deepEqual(directives.get('frame-ancestors'), ["'none'"], `${what}: CSP frame-ancestors 'none' (${csp})`);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|\*/, `${what}: no inline script or style, no wildcards (${csp})`);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${what}: nosniff`);
  assert.equal(res.headers.get('referrer-policy'), 'no-referrer', `${what}: Referrer-Policy`);
}

describe('health and metrics', TIMEOUT, () => {
  test('/healthz answers 200 {"status":"ok"}', async () => {
    const res = await anonymous.get('/healthz');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^application\/json\b/);
    assert.deepEqual(res.body, { status: 'ok' });
  });

  test('/readyz answers 200 {"status":"ready"}', async () => {
    const res = await anonymous.get('/readyz');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^application\/json\b/);
    assert.equal(res.body.status, 'ready');
  });

  test('/metrics answers Prometheus text on its own listener', async () => {
    const res = await fetch(`${await server.metricsOrigin()}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/plain\b/);
    const text = await res.text();
    assert.match(text, /^pillars_http_requests_total\{route="[^"]+",method="[A-Z]+",status="\d+"\} \d+$/m, 'counts requests');
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    assert.ok(lines.some((l) => /^# TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram|summary|untyped)$/.test(l)),
      'metrics should declare types');
    const samples = lines.filter((l) => !l.startsWith('#'));
    assert.ok(samples.length > 0, 'metrics should have samples');
    for (const line of samples) {
      assert.match(line, /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? [-+]?([0-9.]+([eE][-+]?[0-9]+)?|NaN|Inf)( \d+)?$/,
        `not a Prometheus sample line: ${line}`);
    }
  });
});

describe('headers on every response', TIMEOUT, () => {
  test('API, problem, health, metrics and static responses all carry the security headers', async () => {
    const responses = {
      'GET /healthz': await anonymous.get('/healthz'),
      'GET /metrics': await fetch(`${await server.metricsOrigin()}/metrics`),
      'GET /api/v1/me (401)': await anonymous.get('/api/v1/me'),
      'GET /api/v1/nope (404)': await anonymous.get('/api/v1/nope'),
      'POST /api/v1/auth/login (422/401)': await anonymous.post('/api/v1/auth/login', { email: 'x@example.test', password: 'y' }),
      'GET / (index)': await anonymous.get('/'),
      'GET /bonds/abc (SPA route)': await anonymous.get('/bonds/abc'),
      [`GET ${ASSET}`]: await anonymous.get(ASSET),
    };
    for (const [what, res] of Object.entries(responses)) assertSecurityHeaders(res, what);
  });

  test('every response has a distinct X-Request-Id', async () => {
    const ids = [];
    for (const p of ['/healthz', '/healthz', '/api/v1/me', '/api/v1/nope', '/', ASSET]) {
      const res = await anonymous.get(p);
      const id = res.headers.get('x-request-id');
      assert.ok(id && id.length >= 8, `${p}: X-Request-Id missing or too short (${id})`);
      ids.push(id);
    }
    const notAllowed = await anonymous.request('DELETE', '/api/v1/bonds');
    ids.push(notAllowed.headers.get('x-request-id'));
    assert.equal(new Set(ids).size, ids.length, `request ids repeat: ${ids}`);
  });
});

describe('unknown paths and methods', TIMEOUT, () => {
  test('an unknown /api path answers a 404 problem, never the web app', async () => {
    for (const p of ['/api/v1/nope', '/api/v2/bonds', '/api/', '/api/v1/bonds/x/y/z', '/api/v1/me/../../healthz-not']) {
      const res = await anonymous.get(p);
      assertProblem(res, 404, 'not-found');
      assert.ok(!res.text.includes(INDEX_MARKER), `${p} must not fall through to index.html`);
    }
    assertProblem(await anonymous.post('/api/v1/nope', {}), 404, 'not-found');
  });

  test('a known path with a wrong method answers 405 with Allow', async () => {
    const cases = [
      ['DELETE', '/api/v1/bonds', ['GET']],
      ['PUT', '/api/v1/me', ['GET', 'PATCH']],
      ['GET', '/api/v1/auth/login', ['POST']],
      ['GET', '/api/v1/invites/ABCD-EFGH/accept', ['POST']],
    ];
    for (const [method, p, allowed] of cases) {
      const res = await anonymous.request(method, p);
      assertProblem(res, 405, 'method-not-allowed');
      const allow = (res.headers.get('allow') ?? '').split(',').map((m) => m.trim().toUpperCase());
      for (const m of allowed) assert.ok(allow.includes(m), `${method} ${p}: Allow should include ${m}, got ${allow}`);
      assert.ok(!allow.includes(method), `${method} ${p}: Allow must not include ${method}`);
    }
  });
});

describe('static web app', TIMEOUT, () => {
  test('/ and app routes serve index.html', async () => {
    for (const p of ['/', '/bonds/abc', '/settings/sessions']) {
      const res = await anonymous.get(p);
      assert.equal(res.status, 200, `${p}: ${res.status}`);
      assert.match(res.headers.get('content-type'), /^text\/html\b/);
      assert.ok(res.text.includes(INDEX_MARKER), `${p} should serve index.html`);
    }
  });

  test('hashed assets are served with a long cache lifetime', async () => {
    const res = await anonymous.get(ASSET);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^(text|application)\/javascript\b/);
    assert.equal(res.text, 'export const shell = true;\n');
    const cache = res.headers.get('cache-control') ?? '';
    const maxAge = Number(/max-age=(\d+)/.exec(cache)?.[1] ?? 0);
    assert.ok(maxAge >= 7 * 24 * 3600, `assets should be cached for long, got "${cache}"`);
  });

  test('a missing file is a 404, not the app shell', async () => {
    for (const p of ['/assets/app-000000.js', '/missing.css']) {
      const res = await anonymous.get(p);
      assert.equal(res.status, 404, `${p}: ${res.status}`);
      assert.ok(!res.text.includes(INDEX_MARKER), `${p} must not serve index.html`);
    }
  });

  test('paths that climb out of the web folder never serve other files', async () => {
    for (const target of ['/../../../../../../etc/passwd', '/assets/../../../../../../etc/passwd',
      '/assets/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd']) {
      const reply = await rawExchange(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`);
      assert.doesNotMatch(reply, /root:.*:0:0:/, `${target} leaked a file outside the web folder`);
    }
  });
});

describe('the web app built into the binary', TIMEOUT, () => {
  let builtIn;
  before(async () => { builtIn = await startServer(); });
  after(() => builtIn?.stop());

  test('its page runs under the CSP: no inline script, style or handlers', async () => {
    const page = await new Client(builtIn).get('/');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type'), /^text\/html\b/);
    assertSecurityHeaders(page, 'built-in index.html');
    for (const tag of page.text.match(/<script\b[^>]*>/gi) ?? []) {
      assert.match(tag, /\ssrc=/i, `inline script in index.html: ${tag}`);
    }
    assert.doesNotMatch(page.text, /<style\b/i, 'inline <style> in index.html');
    assert.doesNotMatch(page.text, /\sstyle=|\son[a-z]+=/i, 'inline style or event handler attribute in index.html');
  });

  test('every asset the page references is served, cached for long, with the headers', async () => {
    const client = new Client(builtIn);
    const page = await client.get('/');
    const assets = [...page.text.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
    assert.ok(assets.length > 0, 'the page should load its script from /assets/');
    for (const asset of assets) {
      const res = await client.get(asset);
      assert.equal(res.status, 200, asset);
      assertSecurityHeaders(res, asset);
      const maxAge = Number(/max-age=(\d+)/.exec(res.headers.get('cache-control') ?? '')?.[1] ?? 0);
      assert.ok(maxAge >= 7 * 24 * 3600, `${asset} should be cached for long`);
    }
  });

  test('the screens loaded later are served too, as scripts from the same origin, cached for long', async () => {
    const client = new Client(builtIn);
    const page = await client.get('/');
    const entry = /src="(\/assets\/[^"]+\.js)"/.exec(page.text)?.[1];
    assert.ok(entry, 'the page names its script');
    // The script names the screens' files it imports later: import("./x-hash.js"), or "assets/x-hash.js" in its list.
    const script = (await client.get(entry)).text;
    const later = new Set([...script.matchAll(/["'](?:\.\/|assets\/)([\w-]+\.js)["']/g)].map((m) => `/assets/${m[1]}`));
    later.delete(entry);
    assert.ok(later.size >= 5, `the app's screens come in files of their own, found ${[...later].join(' ')}`);
    for (const asset of later) {
      const res = await client.get(asset);
      assert.equal(res.status, 200, asset);
      assert.match(res.headers.get('content-type') ?? '', /^text\/javascript\b/, asset);
      assert.match(res.headers.get('cache-control') ?? '', /max-age=31536000\b.*immutable/, asset);
      assertSecurityHeaders(res, asset);
    }
  });
});

/** Splits a raw HTTP/1.1 response into status, lower-cased headers and body. */
function parseRawResponse(raw) {
  const split = raw.indexOf('\r\n\r\n');
  assert.ok(split > 0, `not an HTTP response: ${JSON.stringify(raw.slice(0, 200))}`);
  const [statusLine, ...lines] = raw.slice(0, split).split('\r\n');
  const match = /^HTTP\/1\.[01] (\d{3}) /.exec(statusLine);
  assert.ok(match, `bad status line: ${statusLine}`);
  const headers = new Map();
  for (const line of lines) {
    const i = line.indexOf(':');
    headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return { status: Number(match[1]), headers, body: raw.slice(split + 4) };
}

/** A 4xx problem document whose status, request id and headers agree with the response. */
function assertClientErrorProblem({ status, headers, body }, what) {
  assert.ok(status >= 400 && status < 500, `${what}: expected a 4xx, got ${status}`);
  assert.match(headers.get('content-type') ?? '', /^application\/problem\+json\b/, `${what}: problem content type`);
  const problem = JSON.parse(body);
  assert.match(problem.type, /^\/problems\/[a-z-]+$/, `${what}: problem type`);
  assert.equal(problem.status, status, `${what}: the problem's status should be the response status`);
  assert.ok(headers.get('x-request-id'), `${what}: X-Request-Id header missing`);
  assert.equal(problem.request_id, headers.get('x-request-id'), `${what}: request_id should match X-Request-Id`);
  assert.equal(headers.get('x-content-type-options'), 'nosniff', `${what}: nosniff`);
}

describe('robustness', TIMEOUT, () => {
  test('malformed HTTP gets a 400 bad-request problem, and the server stays up', async () => {
    const garbage = [
      'GARBAGE\r\n\r\n',
      'GET /healthz HTTP/1.1\r\nHost 127.0.0.1\r\nno-colon-here\r\n\r\n',
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -5\r\n\r\n',
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03, 0xff, 0x00, 0x00, 0x0d, 0x0a]), // a TLS hello
    ];
    const replies = [];
    for (const bytes of garbage) {
      replies.push([JSON.stringify(String(bytes).slice(0, 40)), await rawExchange(bytes)]);
      assert.ok(server.alive, 'server process exited');
    }
    assert.equal((await anonymous.get('/healthz')).status, 200);
    for (const [what, raw] of replies) {
      const reply = parseRawResponse(raw);
      assert.equal(reply.status, 400, `${what}: status`);
      assertClientErrorProblem(reply, what);
    }
  });

  test('a request whose body never arrives is dropped without harm', async () => {
    const reply = await rawExchange('POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"em');
    // Either nothing yet (the read timeout is longer than our patience) or a 4xx.
    if (reply.length > 0) assertClientErrorProblem(parseRawResponse(reply), 'unfinished body');
    assert.ok(server.alive, 'server process exited');
    assert.equal((await anonymous.get('/healthz')).status, 200);
  });

  test('headers over 8 KiB get a 4xx problem, and the server stays up', async () => {
    const res = await anonymous.get('/healthz', { headers: { 'x-padding': 'p'.repeat(9 * 1024) } });
    assert.ok([400, 431].includes(res.status), `expected 400 or 431, got ${res.status}`);
    assertClientErrorProblem({ status: res.status, headers: new Map(res.headers), body: res.text }, 'big headers');
    assert.equal((await anonymous.get('/healthz')).status, 200);
  });

  test('a well-formed request on a raw connection still works after all that', async () => {
    const reply = parseRawResponse(await rawExchange(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`));
    assert.equal(reply.status, 200);
    assert.deepEqual(JSON.parse(reply.body), { status: 'ok' });
  });
});

// The TLS proxy examples in packaging/ (nginx and Caddy), run for real: each proxy starts
// unprivileged on 127.0.0.1 with a self-signed certificate made here by openssl, in front of a
// local Pillars started with --public-url, --trusted-proxies and --metrics-listen as
// docs/operations.md says. Over HTTPS through the proxy: /healthz, a sign-in that sets a Secure
// cookie, the live-update WebSocket, the client's own address (not the proxy's, not a made-up
// X-Forwarded-For) counted by the server's per-address limit, and no metrics.
//
// The examples are used as written; only what names this machine is replaced (the host name, the
// ports, the certificate paths), and the test fails if an example stops containing what it replaces.
// Nothing is installed at run time: nginx, caddy and openssl come from scripts/deps.sh.

import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot, startServer } from '../api/lib/server.mjs';
import { parseSetCookie, strongPassword, uniqueEmail } from '../api/lib/client.mjs';
import { EVENTS_PATH } from '../api/lib/events.mjs';

const WebSocket = createRequire(path.join(repoRoot, 'tests', 'api', 'package.json'))('ws');

const START_TIMEOUT_MS = 15_000;
const REQUEST_TIMEOUT_MS = 10_000;
// Loopback addresses the test's "people" connect from; the proxies reach Pillars from 127.0.0.1.
const PERSON_A = '127.0.0.2';
const PERSON_B = '127.0.0.3';
const SIGNUPS_PER_ADDRESS = 3;

const work = mkdtempSync(path.join(tmpdir(), 'pillars-proxy-'));
const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

const certFile = path.join(work, 'cert.pem');
const keyFile = path.join(work, 'key.pem');
execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
  '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
  '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
const ca = readFileSync(certFile);

/** A port nobody listens on right now. */
async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Replaces `from` (a string, all of it) in `text`, failing when the example no longer has it. */
function replace(text, from, to, example) {
  assert.ok(text.includes(from), `${example} should contain ${JSON.stringify(from)}`);
  return text.split(from).join(to);
}

/** Starts a child process, kept for cleanup, with its output collected for failure messages. */
function launch(command, args, options = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  children.add(child);
  child.output = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => { if (child.output.length < 64 * 1024) child.output += chunk; });
  }
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => {
    children.delete(child);
    resolve({ code, signal });
  }));
  return child;
}

async function stopChild(child) {
  if (!children.has(child)) return;
  child.kill('SIGTERM');
  const done = await Promise.race([child.exited, sleep(5_000).then(() => null)]);
  if (done === null) child.kill('SIGKILL');
}

/** One HTTPS request through the proxy, from `localAddress`. Resolves with {status, headers, text, body}. */
function request(port, method, pathname, { headers = {}, json, localAddress = PERSON_A, plain = false } = {}) {
  const body = json === undefined ? undefined : JSON.stringify(json);
  const sent = { ...headers };
  if (body !== undefined) sent['content-type'] = 'application/json';
  const module = plain ? http : https;
  return new Promise((resolve, reject) => {
    const req = module.request({
      host: '127.0.0.1', port, method, path: pathname, headers: sent, localAddress, ca,
      timeout: REQUEST_TIMEOUT_MS, agent: false,
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => {
        const parsed = /json/.test(res.headers['content-type'] ?? '') && text ? JSON.parse(text) : undefined;
        resolve({ status: res.statusCode, headers: res.headers, text, body: parsed });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${pathname}: no answer in ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Resolves once `port` answers TLS handshakes (the proxy is up), or fails with its output. */
async function waitForTls(port, child) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    try {
      const res = await request(port, 'GET', '/healthz', { localAddress: '127.0.0.1' });
      if (res.status === 200) return;
    } catch { /* not listening yet */ }
    if (!children.has(child)) assert.fail(`the proxy exited while starting:\n${child.output}`);
    if (Date.now() > deadline) assert.fail(`the proxy did not answer within ${START_TIMEOUT_MS} ms:\n${child.output}`);
    await sleep(100);
  }
}

async function startNginx(dir, port, backendPort) {
  const example = 'packaging/nginx/pillars.conf';
  let site = readFileSync(path.join(repoRoot, example), 'utf8');
  const redirectPort = await freePort();
  site = replace(site, 'server 127.0.0.1:8080;', `server 127.0.0.1:${backendPort};`, example);
  site = replace(site, 'listen 443 ssl http2;', `listen 127.0.0.1:${port} ssl http2;`, example);
  site = replace(site, 'listen [::]:443 ssl http2;', '', example);
  site = replace(site, 'listen 80;', `listen 127.0.0.1:${redirectPort};`, example);
  site = replace(site, 'listen [::]:80;', '', example);
  site = replace(site, '/etc/letsencrypt/live/pillars.example.org/fullchain.pem', certFile, example);
  site = replace(site, '/etc/letsencrypt/live/pillars.example.org/privkey.pem', keyFile, example);
  writeFileSync(path.join(dir, 'pillars.conf'), site);
  const temp = (name) => `${name}_temp_path ${path.join(dir, name)};`;
  // What Debian's /etc/nginx/nginx.conf would give, in a folder of the test's own.
  writeFileSync(path.join(dir, 'nginx.conf'), `
daemon off;
worker_processes 1;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'error.log')} warn;
${process.getuid() === 0 ? 'user root;' : ''}
events { worker_connections 256; }
http {
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  include ${path.join(dir, 'pillars.conf')};
}
`);
  const child = launch('nginx', ['-p', dir, '-e', path.join(dir, 'error.log'), '-c', path.join(dir, 'nginx.conf')]);
  child.redirectPort = redirectPort;
  return child;
}

async function startCaddy(dir, port, backendPort) {
  const example = 'packaging/caddy/Caddyfile';
  let site = readFileSync(path.join(repoRoot, example), 'utf8');
  site = replace(site, 'pillars.example.org {', `https://127.0.0.1:${port} {\n\ttls ${certFile} ${keyFile}`, example);
  site = replace(site, 'reverse_proxy 127.0.0.1:8080', `reverse_proxy 127.0.0.1:${backendPort}`, example);
  // Global options for a test: no admin endpoint, no port 80, state in the test's folder.
  const global = `{\n\tadmin off\n\tauto_https disable_redirects\n\tstorage file_system ${path.join(dir, 'state')}\n}\n`;
  writeFileSync(path.join(dir, 'Caddyfile'), global + site);
  return launch('caddy', ['run', '--adapter', 'caddyfile', '--config', path.join(dir, 'Caddyfile')], {
    env: { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
  });
}

for (const [name, start] of [['nginx', startNginx], ['Caddy', startCaddy]]) {
  describe(`Pillars behind ${name} (packaging example)`, () => {
    let server;
    let proxy;
    let port;
    const origin = () => `https://127.0.0.1:${port}`;
    const person = { email: uniqueEmail('proxied'), password: strongPassword() };
    let cookie;

    before(async () => {
      port = await freePort();
      server = await startServer({
        args: ['--public-url', `https://127.0.0.1:${port}`, '--trusted-proxies', '127.0.0.1',
          '--metrics-listen', '127.0.0.1:0', '--signup-limit-per-address', String(SIGNUPS_PER_ADDRESS)],
      });
      const dir = path.join(work, name);
      mkdirSync(dir);
      proxy = await start(dir, port, server.port);
      await waitForTls(port, proxy);
    });

    after(async () => {
      if (proxy) await stopChild(proxy);
      if (server) await server.stop();
    });

    test('/healthz answers over https, with HSTS from Pillars', async () => {
      const res = await request(port, 'GET', '/healthz');
      assert.equal(res.status, 200, res.text);
      assert.match(res.headers['strict-transport-security'] ?? '', /max-age=\d+/, 'behind https Pillars sends HSTS');
      assert.ok(res.headers['x-request-id'], 'the answer is Pillars\'s own');
    });

    test('signing up and in gives a Secure, HttpOnly, __Host- session cookie', async () => {
      const registered = await request(port, 'POST', '/api/v1/auth/register', {
        headers: { origin: origin() }, json: { ...person, display_name: 'Proxied' },
      });
      assert.equal(registered.status, 201, registered.text);
      const login = await request(port, 'POST', '/api/v1/auth/login', {
        headers: { origin: origin() }, json: { email: person.email, password: person.password },
      });
      assert.equal(login.status, 200, login.text);
      const session = (login.headers['set-cookie'] ?? []).map(parseSetCookie).find((c) => c.name === '__Host-pillars_session');
      assert.ok(session, `a __Host-pillars_session cookie: ${JSON.stringify(login.headers['set-cookie'])}`);
      assert.equal(session.attributes.secure, true, 'the session cookie is Secure');
      assert.equal(session.attributes.httponly, true, 'the session cookie is HttpOnly');
      assert.equal(session.attributes.path, '/');
      cookie = `${session.name}=${session.value}`;
      const me = await request(port, 'GET', '/api/v1/me', { headers: { cookie } });
      assert.equal(me.status, 200, `the cookie works through the proxy: ${me.text}`);
      assert.equal(me.body.user.email, person.email);
    });

    test('the live-update WebSocket upgrades through the proxy and answers a ping', async () => {
      assert.ok(cookie, 'signed in by the test before');
      const ws = new WebSocket(`wss://127.0.0.1:${port}${EVENTS_PATH}`, {
        headers: { cookie, origin: origin() }, ca, localAddress: PERSON_A, handshakeTimeout: 5_000,
      });
      try {
        const upgraded = await new Promise((resolve, reject) => {
          ws.once('upgrade', (res) => resolve(res.statusCode));
          ws.once('unexpected-response', (req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
          ws.once('error', reject);
        });
        assert.equal(upgraded, 101);
        if (ws.readyState !== WebSocket.OPEN) await new Promise((resolve) => ws.once('open', resolve));
        const pong = new Promise((resolve) => ws.once('pong', (data) => resolve(data.toString())));
        ws.ping('through the proxy');
        assert.equal(await Promise.race([pong, sleep(5_000).then(() => 'no pong')]), 'through the proxy');
      } finally {
        ws.terminate();
      }
    });

    test('the server counts each client by its own address: not the proxy\'s, not a made-up one', async () => {
      const signUp = (localAddress, headers = {}) => request(port, 'POST', '/api/v1/auth/register', {
        localAddress, headers: { origin: origin(), ...headers },
        json: { email: uniqueEmail('limit'), password: strongPassword(), display_name: 'Limit' },
      });
      // PERSON_A signed up once already; the rest of its allowance, each claiming another address.
      for (let i = 1; i < SIGNUPS_PER_ADDRESS; i++) {
        const res = await signUp(PERSON_A, { 'x-forwarded-for': `203.0.113.${i}` });
        assert.equal(res.status, 201, `sign-up ${i + 1} from ${PERSON_A}: ${res.text}`);
      }
      const limited = await signUp(PERSON_A, { 'x-forwarded-for': `198.51.100.${randomBytes(1)[0]}` });
      assert.equal(limited.status, 429, `a made-up X-Forwarded-For does not reset ${PERSON_A}'s limit: ${limited.text}`);
      assert.equal(limited.body?.type, '/problems/rate-limited');
      // Every connection reaches Pillars from the proxy at 127.0.0.1, yet another person is not limited.
      const other = await signUp(PERSON_B);
      assert.equal(other.status, 201, `${PERSON_B} has an allowance of its own: ${other.text}`);
    });

    test('metrics are served on their own address and never through the proxy', async () => {
      const direct = await fetch(`${await server.metricsOrigin()}/metrics`);
      assert.equal(direct.status, 200, 'the metrics listener is on');
      assert.match(await direct.text(), /^pillars_http_requests_total/m);
      // The app's address knows no /metrics (the web app may answer it as one of its pages).
      for (const target of ['/metrics', '/metrics/', '//metrics', '/%6detrics']) {
        const proxied = await request(port, 'GET', target);
        assert.doesNotMatch(proxied.text, /pillars_http_requests_total|^# TYPE /m, `${target} through the proxy`);
        assert.doesNotMatch(proxied.headers['content-type'] ?? '', /^text\/plain/, `${target} through the proxy`);
      }
    });

    if (name === 'nginx') {
      test('plain http on the redirect port sends people to https', async () => {
        const res = await request(proxy.redirectPort, 'GET', '/healthz', { plain: true });
        assert.equal(res.status, 301);
        assert.match(res.headers.location ?? '', /^https:\/\/127\.0\.0\.1\/healthz$/);
      });
    }
  });
}

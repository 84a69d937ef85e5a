// A local Web Push service (RFC 8030) for the tests, on 127.0.0.1 and a port the kernel picks.
//
// It plays both the push service and the browsers behind it: each "device" has its own subscriber
// keys (an ECDH P-256 key pair and 16 random auth bytes, as a browser makes them) and hands out a
// subscription as PushSubscription.toJSON() gives it. For every POST it checks the headers, verifies
// the VAPID token with Node's crypto (RFC 8292: ES256, aud, exp, sub, the key in k=), decrypts the
// body with the http_ece package (RFC 8291 / RFC 8188 aes128gcm) and records the message on its
// device. Nothing here shares code with the server's own implementation.
//
//   const push = await startPushService();
//   const phone = push.device('phone');
//   ... give phone.subscription to the server, make it send ...
//   const [message] = await phone.waitFor(1);   // { plaintext, json, headers, claims, publicKey, body }
//   phone.answer(410);                          // from now on: gone (or 429 with { 'retry-after': '60' })
//   await phone.nothingFor(500);                 // asserts that no message came in that time
//   push.device('tablet', { applicationServerKey }) // refuses (403) a message signed by another key,
//                                                // as a real push service binds a subscription to its key
//   assert.deepEqual(push.problems, []);        // requests that failed a check, with why
//   await push.close();

import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { createServer } from 'node:http';
import ece from 'http_ece';

const URGENCIES = new Set(['very-low', 'low', 'normal', 'high']);
const TOPIC = /^[A-Za-z0-9_-]{1,32}$/;
const AUTHORIZATION = /^vapid t=([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+),\s*k=([A-Za-z0-9_-]+)$/;
const DAY_SECONDS = 24 * 3600;
const WAIT_MS = 10_000;

const b64 = (bytes) => Buffer.from(bytes).toString('base64url');
const fromB64 = (text) => Buffer.from(text, 'base64url');

/** The P-256 public key in an uncompressed point (65 bytes), for crypto.verify. */
export function publicKeyFromPoint(point) {
  assert.equal(point.length, 65, 'an uncompressed P-256 point is 65 bytes');
  assert.equal(point[0], 0x04, 'an uncompressed point starts with 0x04');
  return crypto.createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: b64(point.subarray(1, 33)), y: b64(point.subarray(33, 65)) },
    format: 'jwk',
  });
}

/**
 * Checks an Authorization header as a push service does (RFC 8292). Returns the token's header and
 * claims and the key, or throws with what is wrong. `origin` is the push service's own origin.
 */
export function verifyVapid(authorization, origin, nowSeconds = Math.floor(Date.now() / 1000)) {
  const match = AUTHORIZATION.exec(authorization ?? '');
  if (!match) throw new Error(`Authorization is not "vapid t=..., k=...": ${JSON.stringify(authorization)}`);
  const [, token, k] = match;
  const [h, c, s] = token.split('.');
  const header = JSON.parse(fromB64(h).toString('utf8'));
  const claims = JSON.parse(fromB64(c).toString('utf8'));
  if (header.typ !== 'JWT' || header.alg !== 'ES256') throw new Error(`JWT header ${JSON.stringify(header)}`);
  const signature = fromB64(s);
  if (signature.length !== 64) throw new Error(`ES256 signature of ${signature.length} bytes, not 64`);
  const key = publicKeyFromPoint(fromB64(k));
  const valid = crypto.verify('sha256', Buffer.from(`${h}.${c}`), { key, dsaEncoding: 'ieee-p1363' }, signature);
  if (!valid) throw new Error('the VAPID signature does not verify with k=');
  if (claims.aud !== origin) throw new Error(`aud ${JSON.stringify(claims.aud)}, not ${origin}`);
  if (!Number.isInteger(claims.exp) || claims.exp <= nowSeconds || claims.exp > nowSeconds + DAY_SECONDS) {
    throw new Error(`exp ${claims.exp} is not within the next 24 hours`);
  }
  if (typeof claims.sub !== 'string' || !/^(mailto:|https:)/.test(claims.sub)) {
    throw new Error(`sub ${JSON.stringify(claims.sub)} is not a mailto: or https: address`);
  }
  return { header, claims, publicKey: k };
}

/** The aes128gcm header fields (RFC 8188 section 2.1) of a body. */
export function contentHeader(body) {
  if (body.length < 21) throw new Error('the body is shorter than an aes128gcm header');
  const idlen = body[20];
  return { salt: body.subarray(0, 16), rs: body.readUInt32BE(16), idlen, keyid: body.subarray(21, 21 + idlen) };
}

class Device {
  constructor(service, name, applicationServerKey) {
    this.name = name;
    this.applicationServerKey = applicationServerKey;
    this.id = crypto.randomBytes(16).toString('base64url');
    this.ecdh = crypto.createECDH('prime256v1');
    this.ecdh.generateKeys();
    this.auth = crypto.randomBytes(16);
    this.messages = [];
    this.status = 201;
    this.headers = {};
    this.service = service;
    this.waiters = [];
  }

  /** As PushSubscription.toJSON() gives it. */
  get subscription() {
    return {
      endpoint: `${this.service.origin}/push/${this.id}`,
      expirationTime: null,
      keys: { p256dh: b64(this.ecdh.getPublicKey()), auth: b64(this.auth) },
    };
  }

  /** From now on answer every message with `status` (and these headers), as a push service would. */
  answer(status, headers = {}) {
    this.status = status;
    this.headers = headers;
  }

  /** Resolves with the messages once there are at least `count`. */
  waitFor(count, timeoutMs = WAIT_MS) {
    if (this.messages.length >= count) return Promise.resolve(this.messages);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(
        `${this.name}: ${this.messages.length} of ${count} push messages after ${timeoutMs} ms` +
        (this.service.problems.length ? `; problems: ${JSON.stringify(this.service.problems)}` : ''))), timeoutMs);
      this.waiters.push({ count, resolve: (m) => { clearTimeout(timer); resolve(m); } });
    });
  }

  /** Waits `ms` and asserts that no message arrived meanwhile. */
  async nothingFor(ms) {
    const before = this.messages.length;
    await new Promise((resolve) => setTimeout(resolve, ms));
    assert.equal(this.messages.length, before, `${this.name}: no push message expected`);
  }

  record(message) {
    this.messages.push(message);
    this.waiters = this.waiters.filter((w) => {
      if (this.messages.length < w.count) return true;
      w.resolve(this.messages);
      return false;
    });
  }
}

/** Starts the service; see the top of this file. */
export async function startPushService() {
  const devices = new Map();
  const service = {
    origin: '',
    problems: [],   // { device, problem } for every request that failed a check
    requests: 0,    // every POST, whatever became of it
    device(name = `device-${devices.size + 1}`, { applicationServerKey } = {}) {
      const device = new Device(service, name, applicationServerKey);
      devices.set(device.id, device);
      return device;
    },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };

  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    service.requests += 1;
    const reply = (status, headers = {}, text = '') => {
      res.writeHead(status, { 'content-type': 'text/plain', ...headers });
      res.end(text);
    };
    const match = /^\/push\/([A-Za-z0-9_-]+)$/.exec(req.url);
    const device = match && devices.get(match[1]);
    if (req.method !== 'POST' || !device) return reply(404, {}, 'no such subscription');
    const refuse = (status, problem) => {
      service.problems.push({ device: device.name, problem });
      reply(status, {}, problem);
    };

    let vapid;
    try {
      vapid = verifyVapid(req.headers.authorization, service.origin);
    } catch (err) {
      return refuse(401, `VAPID: ${err.message}`);
    }
    if (device.applicationServerKey && vapid.publicKey !== device.applicationServerKey) {
      return refuse(403, 'signed by another key than the subscription was made with');
    }
    const ttl = req.headers.ttl;
    if (!/^\d+$/.test(ttl ?? '')) return refuse(400, `TTL ${JSON.stringify(ttl)} is not a number of seconds`);
    const urgency = req.headers.urgency;
    if (urgency !== undefined && !URGENCIES.has(urgency)) return refuse(400, `Urgency ${JSON.stringify(urgency)}`);
    const topic = req.headers.topic;
    if (topic !== undefined && !TOPIC.test(topic)) return refuse(400, `Topic ${JSON.stringify(topic)}`);
    if (req.headers['content-encoding'] !== 'aes128gcm') {
      return refuse(415, `Content-Encoding ${JSON.stringify(req.headers['content-encoding'])}`);
    }
    if (req.headers['content-type'] !== 'application/octet-stream') {
      return refuse(400, `Content-Type ${JSON.stringify(req.headers['content-type'])}`);
    }
    if (body.length > 4096) return refuse(413, `a body of ${body.length} bytes`);

    if (device.status !== 201) return reply(device.status, device.headers, 'as told');

    let plaintext;
    try {
      const header = contentHeader(body);
      if (header.idlen !== 65) throw new Error(`idlen ${header.idlen}, not 65`);
      plaintext = ece.decrypt(body, { version: 'aes128gcm', privateKey: device.ecdh, authSecret: device.auth });
    } catch (err) {
      return refuse(400, `cannot decrypt: ${err.message}`);
    }
    const text = plaintext.toString('utf8');
    let json = null;
    try { json = JSON.parse(text); } catch { /* recorded as text */ }
    device.record({
      plaintext: text,
      json,
      body,
      headers: { ttl, urgency, topic, contentEncoding: req.headers['content-encoding'], contentType: req.headers['content-type'] },
      claims: vapid.claims,
      jwtHeader: vapid.header,
      publicKey: vapid.publicKey,
    });
    reply(201, { location: `${service.origin}/message/${crypto.randomUUID()}` });
  });

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  service.origin = `http://127.0.0.1:${server.address().port}`;
  return service;
}

// A live-events connection (WebSocket at /api/v1/events) for one person, with bounded waits.
//
// Node 20 has no stable global WebSocket, so this uses the `ws` package.

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { world } from './fixture.mjs';

const CONNECT_TIMEOUT_MS = 5_000;
const CLOSE_TIMEOUT_MS = 2_000;
// The server registers the socket right around the 101 answer; give it a moment before acting.
const SETTLE_MS = 150;

export const EVENTS_PATH = '/api/v1/events';

/** Turns Node's raw header object into a fetch Headers, as Client responses have. */
function toHeaders(raw) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, String(v));
  }
  return headers;
}

/**
 * Opens /api/v1/events as `client` (null: no cookie). `origin` defaults to the server's origin;
 * pass null to send none. Resolves with either
 *  - an EventStream (status 101) once the socket is open, or
 *  - a response-like {method, path, status, headers, text, body} when the server refused the upgrade.
 */
export function openEvents(server, client, { origin = server.origin, cookie } = {}) {
  const headers = {};
  const jar = client?.jar;
  if (cookie !== undefined) headers.cookie = cookie;
  else if (jar && jar.size > 0) headers.cookie = [...jar].map(([n, v]) => `${n}=${v}`).join('; ');
  if (origin !== null) headers.origin = origin;
  const url = `${server.origin.replace(/^http/, 'ws')}${EVENTS_PATH}`;

  return new Promise((resolve, reject) => {
    let settled = false;
    const done = (fn, value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn(value);
    };
    const ws = new WebSocket(url, { headers, handshakeTimeout: CONNECT_TIMEOUT_MS });
    const timer = setTimeout(() => {
      ws.terminate();
      done(reject, new Error(`no answer to the WebSocket upgrade within ${CONNECT_TIMEOUT_MS} ms`));
    }, CONNECT_TIMEOUT_MS + 500);
    let upgrade = null;
    ws.on('upgrade', (res) => { upgrade = res; });
    ws.on('unexpected-response', (req, res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => {
        let body;
        if (/json/.test(res.headers['content-type'] ?? '') && text.length > 0) body = JSON.parse(text);
        req.destroy();
        done(resolve, { method: 'GET', path: EVENTS_PATH, status: res.statusCode, headers: toHeaders(res.headers), text, body });
      });
      res.on('error', (err) => done(reject, err));
    });
    ws.on('open', async () => {
      const stream = new EventStream(ws, upgrade);
      await sleep(SETTLE_MS);
      done(resolve, stream);
    });
    ws.on('error', (err) => done(reject, err));
  });
}

/** Opens the events socket and asserts that it was accepted. */
export async function connectEvents(server, client, options) {
  const stream = await openEvents(server, client, options);
  assert.equal(stream.status, 101, `events socket refused: ${stream.status} ${stream.text ?? ''}`);
  return stream;
}

export class EventStream {
  constructor(ws, upgrade) {
    this.ws = ws;
    this.status = 101;
    this.method = 'GET';
    this.path = EVENTS_PATH;
    this.text = '';
    this.headers = upgrade ? toHeaders(upgrade.headers) : new Headers();
    /** Every text frame, as received. */
    this.raw = [];
    /** Every frame, parsed. */
    this.messages = [];
    this.closed = false;
    this.waiters = new Set();
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? `<binary ${data.length} bytes>` : data.toString('utf8');
      this.raw.push(text);
      let parsed;
      try { parsed = JSON.parse(text); } catch { parsed = { unparsable: text }; }
      this.messages.push(parsed);
      for (const waiter of this.waiters) waiter();
    });
    ws.on('close', () => {
      this.closed = true;
      for (const waiter of this.waiters) waiter();
    });
    ws.on('error', () => {});
  }

  /**
   * Resolves with the first received message matching `match` (an object of expected fields or
   * a predicate); fails after `timeoutMs`.
   */
  waitFor(match, timeoutMs = 3_000, what = JSON.stringify(match)) {
    const test = typeof match === 'function' ? match
      : (m) => Object.entries(match).every(([k, v]) => m[k] === v);
    const found = this.messages.find(test);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = this.messages.find(test);
        if (hit) finish(resolve, hit);
        else if (this.closed) finish(reject, new Error(`socket closed before ${what} arrived; got ${JSON.stringify(this.messages)}`));
      };
      const timer = setTimeout(() => finish(reject,
        new Error(`no event ${what} within ${timeoutMs} ms; got ${JSON.stringify(this.messages)}`)), timeoutMs);
      const finish = (fn, value) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        fn(value);
      };
      this.waiters.add(check);
    });
  }

  /** Closes the socket and waits (bounded) for it to be closed. */
  async close() {
    if (this.closed) return;
    const closed = new Promise((resolve) => this.ws.once('close', resolve));
    this.ws.close(1000);
    const timer = sleep(CLOSE_TIMEOUT_MS).then(() => this.ws.terminate());
    await Promise.race([closed, timer]);
  }
}

/**
 * The cast of the live-event tests: Ana and Ben share a partner bond, Sam and Dee a friend bond,
 * and Ana, Ben and Sam each have an event socket open. `close()` closes the sockets and the server.
 */
export async function liveCast() {
  const w = await world({ other: { c: 'Sam', d: 'Dee', kind: 'friend' }, catalog: true });
  const { server, a: ana, b: ben, bond: ab, other: { c: sam, d: dee, bond: sd }, cat } = w;
  const live = {
    ana: await connectEvents(server, ana),
    ben: await connectEvents(server, ben),
    sam: await connectEvents(server, sam),
  };
  return {
    server, ana, ben, sam, dee, ab, sd, cat, live,
    async close() {
      for (const stream of Object.values(live)) await stream.close();
      await w.close();
    },
  };
}

// Raw TCP connections to the server, for tests where HTTP framing itself is the point: nothing in
// between (a client library's pooling, normalising or retrying) hides what the server does.

import net from 'node:net';

/**
 * Opens a connection that collects what the server sends and notices when it closes.
 * `localAddress` picks the loopback source address (127.0.0.2, ...), to act as another client.
 */
export function connect(port, { localAddress } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port, localAddress });
    const conn = { socket, data: '', closed: false };
    conn.closedPromise = new Promise((done) => socket.on('close', () => { conn.closed = true; done(); }));
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => { conn.data += chunk; });
    socket.once('connect', () => resolve(conn));
    socket.once('error', (err) => (conn.closed ? null : reject(err)));
  });
}

/** Waits until `conn` has received `count` complete responses with JSON bodies. */
export async function responses(conn, count, ms = 3000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = conn.data.split('HTTP/1.1 ').length - 1;
    if (found >= count && /\r\n\r\n[\s\S]*\}$/.test(conn.data)) return conn.data;
    if (Date.now() > deadline) throw new Error(`expected ${count} responses, got: ${conn.data.slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** True when the server closed `conn` within `ms`. */
export async function closedWithin(conn, ms) {
  await Promise.race([conn.closedPromise, new Promise((r) => setTimeout(r, ms))]);
  return conn.closed;
}

/** Sends `text` on a new connection and resolves with everything received until the server closes it. */
export async function exchange(port, text, { ms = 3000, localAddress } = {}) {
  const conn = await connect(port, { localAddress });
  conn.socket.write(text);
  await closedWithin(conn, ms);
  conn.socket.destroy();
  return conn.data;
}

/** Splits a raw HTTP/1.1 response into status, headers (lower-case names) and body. */
export function parseResponse(text) {
  const end = text.indexOf('\r\n\r\n');
  const head = end < 0 ? text : text.slice(0, end);
  const [statusLine, ...lines] = head.split('\r\n');
  const headers = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: end < 0 ? '' : text.slice(end + 4) };
}

export const get = (path, extra = '') => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}\r\n`;

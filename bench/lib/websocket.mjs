// A minimal WebSocket client for the benchmarks (Node 20 has none built in): the handshake written
// by hand over node:net, the server's pings answered with pongs, its text frames passed to
// `onText`. Enough to hold thousands of live-event sockets open and hear what they are sent.
import crypto from 'node:crypto';
import net from 'node:net';

// Reads the frames in `chunk`; answers pings, hands text frames on, ignores the rest.
function onFrames(socket, chunk, onText) {
  socket.wsPending = socket.wsPending ? Buffer.concat([socket.wsPending, chunk]) : chunk;
  for (;;) {
    const b = socket.wsPending;
    if (b.length < 2) return;
    const opcode = b[0] & 0x0f;
    let length = b[1] & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (b.length < 4) return;
      length = b.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (b.length < 10) return;
      length = Number(b.readBigUInt64BE(2));
      offset = 10;
    }
    if (b.length < offset + length) return;
    const payload = b.subarray(offset, offset + length);
    socket.wsPending = b.length > offset + length ? b.subarray(offset + length) : null;
    if (opcode === 0x9 && length <= 125) {
      // pong, masked as every client frame must be
      const mask = crypto.randomBytes(4);
      const frame = Buffer.alloc(6 + length);
      frame[0] = 0x8a;
      frame[1] = 0x80 | length;
      mask.copy(frame, 2);
      for (let i = 0; i < length; i++) frame[6 + i] = payload[i] ^ mask[i % 4];
      socket.write(frame);
    } else if (opcode === 0x1 && onText) {
      onText(payload.toString('utf8'));
    }
    if (!socket.wsPending) return;
  }
}

/**
 * Opens a socket to `url` (an http:// URL of the events route) with the cookie and origin given.
 * Resolves with the open net.Socket, or with null when the server did not upgrade (the first such
 * answer is printed once through `complain`).
 */
export function openWebSocket({ url, cookie, origin, onText, complain = () => {} }) {
  const target = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: target.hostname, port: Number(target.port || 80) });
    let head = '';
    let settled = false;
    const fail = () => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(null);
    };
    socket.setTimeout(15000, fail);
    socket.on('error', fail);
    socket.on('close', fail);
    socket.on('connect', () => {
      socket.write(
        `GET ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n` +
          `Origin: ${origin}\r\nCookie: ${cookie}\r\n\r\n`,
      );
    });
    const onData = (chunk) => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      if (!head.startsWith('HTTP/1.1 101')) {
        complain(head.split('\r\n')[0]);
        fail();
        return;
      }
      settled = true;
      socket.setTimeout(0);
      socket.off('data', onData);
      socket.on('data', (c) => onFrames(socket, c, onText));
      const rest = Buffer.from(head.slice(end + 4), 'latin1');
      if (rest.length) onFrames(socket, rest, onText);
      resolve(socket);
    };
    socket.on('data', onData);
  });
}

/** Runs `open(i)` for i in [0, count) with at most `parallel` at a time. */
export async function inParallel(count, parallel, open) {
  let next = 0;
  const worker = async () => {
    while (next < count) await open(next++);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
}

// Memory per idle WebSocket: opens many live-event sockets (GET /api/v1/events with the session
// cookie and the server's Origin), leaves them idle, and reads the server's VmRSS before and after.
// The handshake is written by hand over node:net (Node 20 has no WebSocket client); the only frames
// handled are the server's pings (answered with pongs) and its close.
//
//   node bench/idle-websockets.mjs --url http://127.0.0.1:8080/api/v1/events --pid SERVER_PID \
//        --cookie 'pillars_session=...' --origin http://127.0.0.1:8080 [--count 10000] [--hold 5]
//
// Prints one machine-readable line on stdout:
//   count=10000 open=10000 failed=0 rss_before_kib=14000 rss_open_kib=90000 per_socket_kib=7.6 rss_closed_kib=20000
// The kernel's socket buffers are not part of RSS and are not counted.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: {
    url: { type: 'string' },
    pid: { type: 'string' },
    cookie: { type: 'string' },
    origin: { type: 'string' },
    count: { type: 'string', default: '10000' },
    hold: { type: 'string', default: '5' },
    parallel: { type: 'string', default: '200' },
  },
});
if (!opts.url || !opts.pid || !opts.cookie || !opts.origin) {
  console.error('usage: idle-websockets.mjs --url URL --pid PID --cookie COOKIE --origin ORIGIN [--count N] [--hold S]');
  process.exit(2);
}
const url = new URL(opts.url);
const count = Number(opts.count);
const holdMs = Number(opts.hold) * 1000;
const parallel = Number(opts.parallel);

const rssKib = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${opts.pid}/status`, 'utf8'))[1]);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const sockets = [];
let failed = 0;

// Answers pings so the server's keep-alive does not drop us; ignores everything else.
function onFrames(socket, chunk) {
  socket.pending = socket.pending ? Buffer.concat([socket.pending, chunk]) : chunk;
  for (;;) {
    const b = socket.pending;
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
    socket.pending = b.length > offset + length ? b.subarray(offset + length) : null;
    if (opcode === 0x9 && length <= 125) {
      // pong, masked as every client frame must be
      const mask = crypto.randomBytes(4);
      const frame = Buffer.alloc(6 + length);
      frame[0] = 0x8a;
      frame[1] = 0x80 | length;
      mask.copy(frame, 2);
      for (let i = 0; i < length; i++) frame[6 + i] = payload[i] ^ mask[i % 4];
      socket.write(frame);
    }
    if (!socket.pending) return;
  }
}

function open() {
  return new Promise((resolve) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port || 80) });
    let head = '';
    let upgraded = false;
    const fail = () => {
      if (!upgraded) {
        failed++;
        upgraded = true; // settle once
        socket.destroy();
        resolve();
      }
    };
    socket.setTimeout(15000, fail);
    socket.on('error', fail);
    socket.on('close', fail);
    socket.on('connect', () => {
      socket.write(
        `GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n` +
          `Origin: ${opts.origin}\r\nCookie: ${opts.cookie}\r\n\r\n`,
      );
    });
    const onData = (chunk) => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      if (!head.startsWith('HTTP/1.1 101')) {
        if (failed === 0) console.error(`idle-websockets: the server answered ${head.split('\r\n')[0]}`);
        fail();
        return;
      }
      upgraded = true;
      socket.setTimeout(0);
      socket.off('data', onData);
      socket.on('data', (c) => onFrames(socket, c));
      const rest = Buffer.from(head.slice(end + 4), 'latin1');
      if (rest.length) onFrames(socket, rest);
      sockets.push(socket);
      resolve();
    };
    socket.on('data', onData);
  });
}

const before = rssKib();
let next = 0;
async function worker() {
  while (next < count) {
    next++;
    await open();
  }
}
const started = Date.now();
await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
const openSeconds = (Date.now() - started) / 1000;
await sleep(holdMs);
const openRss = rssKib();
const stillOpen = sockets.filter((s) => !s.destroyed).length;
for (const s of sockets) s.destroy();
await sleep(2000);
const closedRss = rssKib();
const perSocket = stillOpen ? (openRss - before) / stillOpen : NaN;
console.error(
  `idle-websockets: ${stillOpen} of ${count} open (${failed} failed) in ${openSeconds.toFixed(1)} s; ` +
    `RSS ${before} KiB -> ${openRss} KiB = ${perSocket.toFixed(1)} KiB per socket; ${closedRss} KiB after closing`,
);
console.log(
  `count=${count} open=${stillOpen} failed=${failed} rss_before_kib=${before} rss_open_kib=${openRss} ` +
    `per_socket_kib=${perSocket.toFixed(1)} rss_closed_kib=${closedRss} open_seconds=${openSeconds.toFixed(1)}`,
);
process.exit(0);

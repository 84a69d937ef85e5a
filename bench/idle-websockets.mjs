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
import fs from 'node:fs';
import { parseArgs } from 'node:util';

import { inParallel, openWebSocket } from './lib/websocket.mjs';

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
const count = Number(opts.count);
const holdMs = Number(opts.hold) * 1000;
const parallel = Number(opts.parallel);

const rssKib = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${opts.pid}/status`, 'utf8'))[1]);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const sockets = [];
let failed = 0;

let complained = false;
async function open() {
  const socket = await openWebSocket({
    url: opts.url,
    cookie: opts.cookie,
    origin: opts.origin,
    complain: (line) => {
      if (!complained) console.error(`idle-websockets: the server answered ${line}`);
      complained = true;
    },
  });
  if (socket) sockets.push(socket);
  else failed++;
}

const before = rssKib();
const started = Date.now();
await inParallel(count, parallel, open);
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

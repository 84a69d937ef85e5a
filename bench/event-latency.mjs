// From a write to its live event: opens many live-event sockets for seeded people (both of each
// couple), then, at a fixed rate, has the first person of a random couple send a warm word (POST
// /api/v1/bonds/{id}/appreciations) and times how long until the other person's socket hears of it.
// With --write-base the writes go to another instance than the sockets (several instances on one
// PostgreSQL database), so the time includes the way between instances.
//
//   node bench/event-latency.mjs --base http://127.0.0.1:8080 --sessions FILE \
//        [--write-base http://127.0.0.1:8081] [--count 10000] [--writes 2000] [--rate 200]
//
// FILE is what `pillars seed --sessions K --sessions-file FILE` wrote (user id, bond id, cookie
// token, CSRF value; tab-separated; a couple's two people on consecutive lines). Prints one line:
//   sockets=10000 open=10000 writes=2000 failed_writes=0 events=2000 missing=0 p50_ms=1.2 p99_ms=4.5 max_ms=9.8
import fs from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import { inParallel, openWebSocket } from './lib/websocket.mjs';

const { values: opts } = parseArgs({
  options: {
    base: { type: 'string' },
    'write-base': { type: 'string' },
    sessions: { type: 'string' },
    count: { type: 'string', default: '10000' },
    writes: { type: 'string', default: '2000' },
    rate: { type: 'string', default: '200' },
    parallel: { type: 'string', default: '200' },
    'cookie-name': { type: 'string', default: 'pillars_session' },
  },
});
if (!opts.base || !opts.sessions) {
  console.error('usage: event-latency.mjs --base URL --sessions FILE [--write-base URL] [--count N] [--writes N] [--rate R]');
  process.exit(2);
}
const base = new URL(opts.base);
const writeBase = new URL(opts['write-base'] ?? opts.base);
const origin = base.origin;
const lines = fs.readFileSync(opts.sessions, 'utf8').trim().split('\n').map((l) => l.split('\t'));
const people = lines.slice(0, Number(opts.count) - (Number(opts.count) % 2)).map(([user, bond, token, csrf]) => ({
  user, bond, csrf, cookie: `${opts['cookie-name']}=${token}`,
}));
if (people.length < 2) {
  console.error('event-latency: the sessions file has fewer than two people');
  process.exit(2);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const quantile = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);

// Writes waiting for their event, by bond: the time each was sent.
const waiting = new Map();
const latencies = [];
const sockets = [];
let openFailed = 0;
let complained = false;
await inParallel(people.length, Number(opts.parallel), async (i) => {
  const person = people[i];
  const listens = i % 2 === 1; // the second of each couple hears the first's warm words
  const socket = await openWebSocket({
    url: new URL('/api/v1/events', base).href,
    cookie: person.cookie,
    origin,
    onText: listens
      ? (text) => {
          const event = JSON.parse(text);
          const sent = waiting.get(event.bond_id);
          if (sent === undefined) return;
          waiting.delete(event.bond_id);
          latencies.push(performance.now() - sent);
        }
      : undefined,
    complain: (line) => {
      if (!complained) console.error(`event-latency: the server answered ${line}`);
      complained = true;
    },
  });
  if (socket) sockets.push(socket);
  else openFailed++;
  person.open = Boolean(socket);
});
console.error(`event-latency: ${sockets.length} sockets open, ${openFailed} failed`);

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function post(person) {
  return new Promise((resolve) => {
    const body = '{"kind":"thanks"}';
    const req = http.request(
      {
        host: writeBase.hostname, port: writeBase.port, agent, method: 'POST',
        path: `/api/v1/bonds/${person.bond}/appreciations`,
        headers: {
          'Content-Type': 'application/json', 'Content-Length': body.length, Cookie: person.cookie,
          'X-CSRF-Token': person.csrf, Origin: writeBase.origin,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

const couples = [];
for (let i = 0; i + 1 < people.length; i += 2) if (people[i].open && people[i + 1].open) couples.push(i);
const writes = Number(opts.writes);
const interval = 1000 / Number(opts.rate);
let failedWrites = 0;
let sent = 0;
const pending = [];
const started = performance.now();
for (let n = 0; n < writes; n++) {
  const due = started + n * interval;
  const wait = due - performance.now();
  if (wait > 1) await sleep(wait);
  let k = couples[Math.floor(Math.random() * couples.length)];
  for (let tries = 0; waiting.has(people[k].bond) && tries < 20; tries++) k = couples[Math.floor(Math.random() * couples.length)];
  const writer = people[k];
  if (waiting.has(writer.bond)) continue; // every couple busy: skip this tick
  waiting.set(writer.bond, performance.now());
  sent++;
  pending.push(post(writer).then((status) => {
    if (status !== 201) {
      failedWrites++;
      waiting.delete(writer.bond);
    }
  }));
}
await Promise.all(pending);
for (let t = 0; t < 50 && waiting.size > 0; t++) await sleep(100);
const missing = waiting.size;
latencies.sort((a, b) => a - b);
for (const s of sockets) s.destroy();
agent.destroy();
console.log(
  `sockets=${people.length} open=${sockets.length} writes=${sent} failed_writes=${failedWrites} events=${latencies.length} ` +
    `missing=${missing} p50_ms=${quantile(latencies, 0.5).toFixed(2)} p99_ms=${quantile(latencies, 0.99).toFixed(2)} ` +
    `max_ms=${(latencies.at(-1) ?? NaN).toFixed(2)}`,
);
process.exit(0);

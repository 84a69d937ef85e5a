// The soak: real people use the server while abusive clients try to wear it down, and the
// people must not notice. Used by tests/api/soak.test.mjs (about a minute, in `make test`) and
// by tests/soak/run.mjs (30 minutes, in `make soak`). See docs/soak.md.
//
// Real people connect from 127.0.0.1: pairs in a partner bond sign in and out, read the bond,
// write entries (with private text) and check-ins, share, send appreciations, read the shared
// space, and hold a live-events WebSocket. The abusive clients connect from other loopback
// addresses (Linux routes all of 127.0.0.0/8 to loopback), so that per-address limits see them
// as the strangers they are:
//  - a flood: waves of idle TCP connections, more than the server's connection cap, from
//    several addresses, held open and dropped;
//  - slowloris: connections that dribble a header a byte at a time, or send a header and a body
//    that never ends;
//  - sign-in guessing against a real person's email.
//
// The run has two phases, a warm-up and the main run; between them and at the end all load stops
// and the server's resident memory (VmRSS) is read, so the two readings compare like with like.

import { randomBytes, randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkinBody, checkinPath, utcDay } from '../api/lib/checkins.mjs';
import { makeBond, registerPerson } from '../api/lib/client.mjs';
import { findTexts } from '../api/lib/data-folder.mjs';
import { openEvents } from '../api/lib/events.mjs';
import { bondPath, entryPath, loadCatalog } from '../api/lib/inner-world.mjs';
import { startServer } from '../api/lib/server.mjs';

export const REAL_ADDRESS = '127.0.0.1';
export const FLOOD_ADDRESSES = ['127.0.0.2', '127.0.0.5', '127.0.0.6', '127.0.0.7', '127.0.0.8'];
export const SLOWLORIS_ADDRESS = '127.0.0.3';
export const GUESSER_ADDRESS = '127.0.0.4';

/** The short form's settings; the long form overrides the durations. */
export const DEFAULTS = {
  warmupSeconds: 15,
  mainSeconds: 30,
  pairs: 3,
  // The server runs with this connection cap, so that the flood reaches it.
  maxConnections: 1000,
  floodPerAddress: 300,       // x 5 addresses = 1500 per wave, half again the cap
  floodHoldMs: 8_000,
  floodPauseMs: 2_000,
  slowlorisLanes: 60,
  slowlorisByteEveryMs: 1_000,
  guessEveryMs: 50,
  // The guesser aims at a real person's email (false: at an address nobody registered).
  guessRealPerson: true,
  // After the run the server's RSS may exceed its value after the warm-up by this fraction, plus
  // what SQLite reports its own memory (page caches) grew by, plus rssAllowanceKiB.
  rssGrowthLimit: 0.05,
  rssAllowanceKiB: 0,
};

const CONNECT_TIMEOUT_MS = 5_000;
// After the load stops: long enough for the server's housekeeping (every 10 s) to have handed
// freed memory back to the system, so both readings are taken in the same state.
const QUIET_MS = 12_000;

// ---------------------------------------------------------------------------------------------
// Counting

class Tally {
  constructor() { this.counts = new Map(); }
  add(kind, outcome) {
    const key = `${kind}\t${outcome}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  get(kind, outcome) { return this.counts.get(`${kind}\t${outcome}`) ?? 0; }
  /** {kind: {outcome: n}} */
  table() {
    const out = {};
    for (const [key, n] of [...this.counts].sort()) {
      const i = key.indexOf('\t');
      (out[key.slice(0, i)] ??= {})[key.slice(i + 1)] = n;
    }
    return out;
  }
}

export async function rssKiB(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]);
}

// ---------------------------------------------------------------------------------------------
// Real people

// What a real person may be told, per action; anything else is a failure.
const EXPECTED = {
  'sign-in': [200],
  'sign-out': [204],
  me: [200],
  bonds: [200],
  bond: [200],
  'write entry': [201],
  share: [200],
  'bond entries': [200],
  appreciation: [201],
  appreciations: [200],
  // The first of the pair to answer a day waits; once both answered, the day is revealed and locked.
  'check-in': [200, 409],
  'read check-in': [200],
  events: [101],
};

/** One person's browser session for the whole run: the same cookie jar throughout, like a known device. */
class RealPerson {
  constructor(client, bondId, run) {
    this.client = client;
    this.bondId = bondId;
    this.run = run;
    this.events = null;
    this.signedIn = true;
  }

  async act(kind, send) {
    const { tally, failures } = this.run;
    let res;
    try {
      res = await send();
    } catch (first) {
      // As a browser does when a kept-alive connection it reused turns out closed: once more. The
      // summary counts these; a second failure, or a timeout, is a failure.
      if (first.name === 'TimeoutError') res = first;
      else {
        tally.add('real', 'retried after a dropped connection');
        res = await send().catch((err) => err);
      }
    }
    if (res instanceof Error) {
      const err = res;
      tally.add('real', 'connection failure');
      tally.add(kind, 'connection failure');
      failures.push(`${kind}: ${err.cause?.code ?? err.code ?? ''} ${err.message}`);
      return null;
    }
    tally.add(kind, String(res.status));
    tally.add('real', `${Math.floor(res.status / 100)}xx`);
    if (!EXPECTED[kind].includes(res.status)) {
      failures.push(`${kind}: ${res.status} ${(res.text ?? '').slice(0, 160)}`);
      return null;
    }
    return res;
  }

  async openEvents() {
    const stream = await this.act('events', () => openEvents(this.client.server, this.client));
    if (!stream) return;
    this.events = stream;
    stream.ws.on('close', () => {
      if (this.events === stream) {
        // Closed by the server while this person still had the app open.
        this.events = null;
        this.run.tally.add('events', 'dropped by the server');
        this.run.failures.push('events: the live-events socket was closed by the server');
      }
    });
  }

  async closeEvents() {
    const stream = this.events;
    this.events = null;
    if (stream) {
      this.run.eventMessages += stream.messages.length;
      await stream.close();
    }
  }

  async signOutAndIn() {
    await this.closeEvents();
    await this.act('sign-out', () => this.client.post('/api/v1/auth/logout', {}));
    this.signedIn = false;
    await this.signIn();
  }

  /** Signs in with the right password; a person who was refused tries again a few seconds later. */
  async signIn() {
    const res = await this.act('sign-in', () => this.client.post('/api/v1/auth/login',
      { email: this.client.email, password: this.client.password }));
    this.signedIn = res !== null;
    if (this.signedIn) await this.openEvents();
  }

  /** One thing a person might do; each returns when the answer came. */
  async step(cat, day) {
    const c = this.client;
    const roll = randomInt(100);
    if (roll < 12) await this.act('me', () => c.get('/api/v1/me'));
    else if (roll < 20) await this.act('bonds', () => c.get('/api/v1/bonds'));
    else if (roll < 30) await this.act('bond', () => c.get(bondPath(this.bondId)));
    else if (roll < 50) {
      const written = await this.act('write entry', () => c.post('/api/v1/entries',
        { kind: 'feeling', feelings: [], body: this.run.privateText() }));
      if (written && randomInt(2) === 0) {
        await this.act('share', () => c.post(entryPath(written.body.entry.id, '/shares'), { bond_id: this.bondId }));
      }
    } else if (roll < 68) await this.act('bond entries', () => c.get(bondPath(this.bondId, '/entries?limit=20')));
    else if (roll < 76) {
      await this.act('appreciation', () => c.post(bondPath(this.bondId, '/appreciations'),
        { kind: 'love', note: this.run.privateText() }));
    } else if (roll < 82) await this.act('appreciations', () => c.get(bondPath(this.bondId, '/appreciations')));
    else if (roll < 92) {
      await this.act('check-in', () => c.put(checkinPath(this.bondId, day),
        checkinBody(cat, { closeness_now: randomInt(1, 8), own_minutes: randomInt(0, 600) })));
    } else await this.act('read check-in', () => c.get(checkinPath(this.bondId, day)));
  }

  async live(deadline, cat, signInEveryMs) {
    if (this.signedIn) await this.openEvents();
    let nextSignIn = Date.now() + randomInt(Math.floor(signInEveryMs / 2), signInEveryMs);
    while (Date.now() < deadline) {
      if (!this.signedIn) {
        await sleep(randomInt(2_000, 5_000));
        await this.signIn();
        continue;
      }
      if (Date.now() >= nextSignIn) {
        await this.signOutAndIn();
        nextSignIn = Date.now() + signInEveryMs;
      }
      if (this.signedIn) await this.step(cat, utcDay(0));
      await sleep(randomInt(50, 600));
    }
    await this.closeEvents();
  }
}

// ---------------------------------------------------------------------------------------------
// Abusive clients

/** Opens one raw connection from `localAddress`; resolves with the socket or null (and tallies why). */
function rawConnect(port, localAddress, tally, kind) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port, localAddress });
    socket.on('error', () => {});  // reported below, or by watch()
    const timer = setTimeout(() => {
      tally.add(kind, 'connect timed out');
      socket.destroy();
      resolve(null);
    }, CONNECT_TIMEOUT_MS);
    socket.once('connect', () => {
      clearTimeout(timer);
      tally.add(kind, 'opened');
      resolve(socket);
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      if (!socket.connecting) return;
      tally.add(kind, `refused (${err.code})`);
      resolve(null);
    });
  });
}

/** Watches a held socket: what the server said and whether it closed it. */
function watch(socket, tally, kind) {
  const state = { ours: false, data: '' };
  socket.on('data', (chunk) => {
    if (state.data === '') tally.add(kind, `answered ${chunk.toString('latin1').slice(0, 12).trim()}`);
    state.data += chunk.toString('latin1').slice(0, 64);
  });
  socket.on('error', () => {});
  socket.on('close', () => { if (!state.ours) tally.add(kind, 'closed by the server'); });
  return {
    destroy() { state.ours = true; socket.destroy(); },
  };
}

async function flood(port, deadline, o, tally) {
  for (let wave = 0; Date.now() + o.floodHoldMs / 2 < deadline; wave++) {
    tally.add('flood', 'waves');
    const held = [];
    await Promise.all(FLOOD_ADDRESSES.map(async (address) => {
      // Fifty attempts at a time per address: fast, without the client tripping over itself.
      for (let i = 0; i < o.floodPerAddress && Date.now() < deadline; i += 50) {
        const batch = Math.min(50, o.floodPerAddress - i);
        const sockets = await Promise.all(Array.from({ length: batch }, () => rawConnect(port, address, tally, 'flood')));
        for (const s of sockets) if (s) held.push(watch(s, tally, 'flood'));
      }
    }));
    await sleep(Math.max(0, Math.min(o.floodHoldMs, deadline - Date.now())));
    for (const s of held) s.destroy();
    await sleep(Math.max(0, Math.min(o.floodPauseMs, deadline - Date.now())));
  }
}

/** One slowloris lane: connection after connection, each fed a byte at a time until the server gives up. */
async function slowlorisLane(port, deadline, o, tally, lane) {
  while (Date.now() < deadline) {
    const socket = await rawConnect(port, SLOWLORIS_ADDRESS, tally, 'slowloris');
    if (!socket) {
      await sleep(500);
      continue;
    }
    const held = watch(socket, tally, 'slowloris');
    let closed = false;
    socket.on('close', () => { closed = true; });
    // Even lanes never finish their header; odd ones send a header and a body that never ends.
    const opening = lane % 2 === 0
      ? 'GET /api/v1/catalog HTTP/1.1\r\nHost: 127.0.0.1\r\n'
      : 'POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{"email":"';
    const drip = lane % 2 === 0 ? 'X-Slow: ' + 'a'.repeat(4000) : 'b'.repeat(4000);
    tally.add('slowloris', lane % 2 === 0 ? 'endless headers' : 'endless bodies');
    socket.write(opening);
    for (let i = 0; i < drip.length && !closed && Date.now() < deadline; i++) {
      await sleep(o.slowlorisByteEveryMs);
      if (!closed) socket.write(drip[i]);
    }
    held.destroy();
  }
}

/** Guesses a real person's password from another address, ignoring every 429. */
async function guesser(port, email, origin, deadline, o, tally) {
  const agent = new http.Agent({ keepAlive: true, localAddress: GUESSER_ADDRESS, maxSockets: 1 });
  try {
    for (let i = 0; Date.now() < deadline; i++) {
      const body = JSON.stringify({ email, password: `guess-${i}-${randomBytes(4).toString('hex')}` });
      const status = await new Promise((resolve) => {
        const req = http.request({
          host: '127.0.0.1', port, method: 'POST', path: '/api/v1/auth/login', agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), origin },
          timeout: 10_000,
        }, (res) => {
          res.resume();
          res.on('end', () => resolve(String(res.statusCode)));
          res.on('error', () => resolve('connection failure'));
        });
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.on('error', () => resolve('connection failure'));
        req.end(body);
      });
      tally.add('guess', status);
      await sleep(o.guessEveryMs);
    }
  } finally {
    agent.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// The run

/** The server's own counters, from its metrics listener. */
async function metrics(server) {
  const res = await fetch(`${await server.metricsOrigin()}/metrics`, { signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  const value = (name) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  return {
    connectionsAccepted: value('pillars_http_connections_accepted_total'),
    connectionsRejected: value('pillars_http_connections_rejected_total'),
    rejectedPerAddress: value('pillars_http_connections_rejected_per_address_total'),
    reclaimed: value('pillars_http_connections_reclaimed_total'),
    acceptErrors: value('pillars_http_accept_errors_total'),
    connectionsOpen: value('pillars_http_connections_open'),
    responses5xx: value('pillars_http_responses_total\\{class="5xx"\\}'),
    sqliteBytes: value('pillars_store_sqlite_memory_bytes'),
    heapInUseBytes: value('pillars_heap_in_use_bytes'),
    heapFreeBytes: value('pillars_heap_free_bytes'),
  };
}

// Once a minute, a line of where the server's memory is: resident, handed out by the allocator,
// held free by it, and SQLite's share of what is handed out. Growth in use points at something
// kept; growth in free memory alone points at fragmentation.
async function sampler(server, pid, deadline, name, log) {
  const kib = (bytes) => Math.round(bytes / 1024);
  for (let minute = 1; Date.now() + 60_000 <= deadline; minute++) {
    await sleep(60_000);
    const m = await metrics(server).catch(() => null);
    if (!m) continue;
    log(`${name} +${minute} min: RSS ${await rssKiB(pid)} KiB, heap in use ${kib(m.heapInUseBytes)} KiB ` +
      `(SQLite ${kib(m.sqliteBytes)} KiB), heap free ${kib(m.heapFreeBytes)} KiB, ${m.connectionsOpen} connections open`);
  }
}

/**
 * Runs the soak and resolves with its summary: {ok, problems, tally, rss, ...}. Never throws for a
 * failed criterion (the caller decides); throws only when the run itself cannot be set up.
 */
export async function soak(options = {}, log = () => {}) {
  const o = { ...DEFAULTS, ...options };
  const server = await startServer({
    args: ['--max-connections', String(o.maxConnections), '--metrics-listen', '127.0.0.1:0'],
  });
  const tally = new Tally();
  const failures = [];
  const privatePrefix = `soak ${randomBytes(8).toString('hex')}`;
  let written = 0;
  const run = {
    tally, failures, eventMessages: 0,
    privateText: () => `${privatePrefix} #${++written}: Ich weiß, mein Herz klopft laut, ünd das ist gut so.`,
  };
  const rss = {};
  const started = Date.now();
  let ended = false;
  try {
    const pid = server.child.pid;
    const people = [];
    for (let p = 0; p < o.pairs; p++) {
      const a = await registerPerson(server, { name: `Ana${p}` });
      const b = await registerPerson(server, { name: `Ben${p}` });
      const bond = await makeBond(a, b, 'partner');
      people.push(new RealPerson(a, bond.id, run), new RealPerson(b, bond.id, run));
    }
    const cat = await loadCatalog(people[0].client);
    // Each person signs in once before anyone guesses: their browser is a device the server has seen.
    for (const person of people) await person.signOutAndIn();
    for (const person of people) await person.closeEvents();
    const target = o.guessRealPerson ? people[0].client.email : `nobody-${randomBytes(4).toString('hex')}@example.test`;
    rss.startKiB = await rssKiB(pid);
    log(`server pid ${pid}, ${people.length} people in ${o.pairs} pairs, RSS at start ${rss.startKiB} KiB`);

    const phase = async (name, seconds) => {
      const deadline = Date.now() + seconds * 1000;
      const signInEveryMs = Math.round(Math.max(10_000, Math.min(60_000, seconds * 1000 / 3)));
      // Every loop ends by the deadline; wait for all of them even when one failed.
      const results = await Promise.allSettled([
        ...people.map((person) => person.live(deadline, cat, signInEveryMs)),
        flood(server.port, deadline, o, tally),
        ...Array.from({ length: o.slowlorisLanes }, (_, lane) => slowlorisLane(server.port, deadline, o, tally, lane)),
        guesser(server.port, target, server.origin, deadline, o, tally),
        sampler(server, pid, deadline, name, log),
      ]);
      const crashed = results.find((r) => r.status === 'rejected');
      if (crashed) throw crashed.reason;
      await sleep(QUIET_MS);
      const kib = await rssKiB(pid);
      const m = await metrics(server);
      const sqliteKiB = Math.round(m.sqliteBytes / 1024);
      log(`${name}: ${seconds} s done, RSS ${kib} KiB (SQLite holds ${sqliteKiB} KiB; heap in use ` +
        `${Math.round(m.heapInUseBytes / 1024)} KiB, free ${Math.round(m.heapFreeBytes / 1024)} KiB), ${failures.length} failures so far`);
      return [kib, sqliteKiB];
    };
    [rss.warmKiB, rss.warmSqliteKiB] = await phase('warm-up', o.warmupSeconds);
    [rss.endKiB, rss.endSqliteKiB] = await phase('main run', o.mainSeconds);
    // SQLite's page caches fill as the database grows, up to their configured size: a cache, not a
    // leak. What SQLite itself reports holding more than after the warm-up is allowed on top.
    rss.sqliteGrowthKiB = Math.max(0, rss.endSqliteKiB - rss.warmSqliteKiB);
    const serverCounts = await metrics(server);
    ended = true;

    const problems = [];
    if (!server.alive) problems.push('the server exited during the run');
    const real5xx = tally.get('real', '5xx');
    const realFailures = tally.get('real', 'connection failure');
    if (real5xx > 0) problems.push(`${real5xx} 5xx answers to real people`);
    if (realFailures > 0) problems.push(`${realFailures} connection failures for real people`);
    if (failures.length > 0) problems.push(`${failures.length} real-person failures, first: ${[...new Set(failures)].slice(0, 8).join(' | ')}`);
    rss.growth = (rss.endKiB - rss.warmKiB) / rss.warmKiB;
    rss.limitKiB = Math.floor(rss.warmKiB * (1 + o.rssGrowthLimit) + rss.sqliteGrowthKiB + o.rssAllowanceKiB);
    if (rss.endKiB >= rss.limitKiB) {
      problems.push(`RSS grew ${(rss.growth * 100).toFixed(1)}% after the warm-up (${rss.warmKiB} -> ${rss.endKiB} KiB), limit ${rss.limitKiB} KiB`);
    }
    if (tally.get('guess', '200') > 0) problems.push('a guessed password was accepted');
    const leaked = findTexts([{ file: 'the server log', bytes: server.log }], { 'private text': privatePrefix });
    if (leaked.length > 0) problems.push(`private text in the server log: ${leaked.join(', ')}`);
    // The run must have done what it claims, or passing means nothing.
    if (tally.get('real', '2xx') < 20 * people.length) problems.push(`too little real traffic: ${tally.get('real', '2xx')} successes`);
    const waveSize = FLOOD_ADDRESSES.length * o.floodPerAddress;
    if (tally.get('flood', 'opened') < Math.min(o.maxConnections, waveSize)) {
      problems.push(`the flood opened only ${tally.get('flood', 'opened')} connections`);
    }
    if (tally.get('guess', '429') === 0) problems.push('the guesser was never limited (no 429)');
    const summary = {
      ok: problems.length === 0, problems, options: o, seconds: Math.round((Date.now() - started) / 1000),
      rss, tally: tally.table(), eventMessages: run.eventMessages, serverCounts, privateTexts: written,
      failures: [...new Set(failures)].slice(0, 20),
    };
    await server.stop();
    return summary;
  } finally {
    if (!ended || server.alive) await server.crash().catch(() => {});
  }
}

/** The summary as lines for people. */
export function describe(summary) {
  const { rss, tally, serverCounts, options: o } = summary;
  const lines = [
    `soak: ${summary.ok ? 'PASS' : 'FAIL'} after ${summary.seconds} s (warm-up ${o.warmupSeconds} s, main ${o.mainSeconds} s, ${o.pairs} pairs, cap ${o.maxConnections})`,
    `RSS: start ${rss.startKiB} KiB, after warm-up ${rss.warmKiB} KiB, at the end ${rss.endKiB} KiB (${(rss.growth * 100).toFixed(2)}% over the warm-up value; limit ${rss.limitKiB} KiB = +${o.rssGrowthLimit * 100}% + SQLite's own growth ${rss.sqliteGrowthKiB} KiB${o.rssAllowanceKiB ? ` + ${o.rssAllowanceKiB} KiB` : ''})`,
    `server counters: ${JSON.stringify(serverCounts)}; live events received by real people: ${summary.eventMessages}; private texts written: ${summary.privateTexts}`,
  ];
  for (const [kind, outcomes] of Object.entries(tally)) {
    lines.push(`  ${kind.padEnd(14)} ${Object.entries(outcomes).map(([k, n]) => `${k}: ${n}`).join(', ')}`);
  }
  for (const p of summary.problems) lines.push(`PROBLEM: ${p}`);
  for (const f of summary.failures) lines.push(`  failure: ${f}`);
  return lines;
}

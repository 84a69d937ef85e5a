// An open-loop load generator: sends GET requests at a fixed rate, whatever the server's latency,
// and reports latency percentiles. A request's latency runs from the timer tick that sends it
// (onto an idle socket, or into the queue for one) to the end of its response, so a stalled
// server shows up in the numbers instead of silently lowering the rate (no coordinated omission).
// The timer ticks about every millisecond; p99_due_ms also counts the wait from the exact moment a
// request was due to its tick.
//
//   node bench/fixed-rate.mjs --url http://127.0.0.1:8080/healthz --rate 2000 --duration 10 \
//        [--warmup 2] [--connections 64] [--header 'Cookie: pillars_session=...'] [--timeout 5] \
//        [--client net|http]
//
// --client net (the default) speaks HTTP/1.1 over a pool of keep-alive sockets from node:net, one
// request in flight per socket, and reads responses by their Content-Length. --client http uses
// node:http with a keep-alive Agent instead; it is simpler but costs about as much CPU per request
// as the server itself, so on a 2-core machine it measures the generator as much as the server.
// --connections caps the sockets; requests that find them all busy wait in a queue, and that wait
// counts in their latency.
// --timeout: seconds to wait for the last responses once every request has been sent; whatever is
// still missing then counts as failed and the process exits.
//
// Prints a human summary on stderr and one machine-readable line on stdout:
//   rate=2000 sent=20000 ok=20000 errors=0 achieved=1999.8 p50_ms=0.41 p90_ms=0.62 p99_ms=1.30 max_ms=7.90
//   p99_due_ms=2.10 lag_p99_ms=0.90     (on the same line)
// achieved is the measured responses over the time until the last one came back: below the rate
// when the server (or the generator) fell behind. lag_p99_ms is the generator's own timer delay
// (due -> sent or queued); if it is large, the generator could not keep up and the percentiles
// describe it as much as the server.
import http from 'node:http';
import net from 'node:net';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';

const { values: opts } = parseArgs({
  options: {
    url: { type: 'string' },
    rate: { type: 'string' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '64' },
    header: { type: 'string', multiple: true, default: [] },
    timeout: { type: 'string', default: '5' },
    client: { type: 'string', default: 'net' },
  },
});
if (!opts.url || !opts.rate || !['net', 'http'].includes(opts.client)) {
  console.error(
    'usage: fixed-rate.mjs --url URL --rate N [--duration S] [--warmup S] [--connections N] [--header H]... ' +
      '[--timeout S] [--client net|http]',
  );
  process.exit(2);
}
const url = new URL(opts.url);
if (url.protocol !== 'http:') {
  console.error('fixed-rate: only http:// URLs');
  process.exit(2);
}
const rate = Number(opts.rate);
const duration = Number(opts.duration);
const warmup = Number(opts.warmup);
const timeoutMs = Number(opts.timeout) * 1000;
const maxConnections = Number(opts.connections);
if (!(rate > 0) || !(duration > 0) || !(warmup >= 0) || !(maxConnections >= 1)) {
  console.error('--rate, --duration and --connections must be positive, --warmup not negative');
  process.exit(2);
}
const headers = {};
for (const h of opts.header) {
  const i = h.indexOf(':');
  if (i > 0) headers[h.slice(0, i).trim()] = h.slice(i + 1).trim();
}
const port = Number(url.port || 80);
const path = url.pathname + url.search;

const total = Math.round(rate * (warmup + duration));
const firstMeasured = Math.round(rate * warmup);
const latencies = new Float64Array(total - firstMeasured);
const lags = new Float64Array(total - firstMeasured);
const sentAt = new Float64Array(total - firstMeasured);
const fromDue = new Float64Array(total - firstMeasured);
let sent = 0;
let finished = 0;
let measuredOk = 0;
let errors = 0;
let statusErrors = 0;
let lastDone = 0;
const start = performance.now();
const dueAt = (index) => start + (index * 1000) / rate;

// Every request ends here exactly once: status 0 means it failed without a response.
function finish(index, status) {
  const now = performance.now();
  lastDone = now;
  if (index >= firstMeasured) {
    if (status >= 200 && status < 300) {
      const sentTime = sentAt[index - firstMeasured];
      latencies[measuredOk] = now - sentTime;
      fromDue[measuredOk] = now - dueAt(index);
      lags[measuredOk] = sentTime - dueAt(index);
      measuredOk++;
    } else if (status === 0) {
      errors++;
    } else {
      statusErrors++;
    }
  }
  finished++;
  if (finished === total) report();
}
// ---- node:http with a keep-alive agent ----------------------------------------------------------
const agent = new http.Agent({ keepAlive: true, maxSockets: maxConnections });
function sendHttp(index) {
  const req = http.request({ host: url.hostname, port, path, method: 'GET', headers, agent }, (res) => {
    res.resume();
    res.on('end', () => finish(index, res.statusCode));
  });
  req.on('error', () => finish(index, 0));
  req.end();
}

// ---- raw keep-alive sockets from node:net -------------------------------------------------------
const requestBytes = Buffer.from(
  `GET ${path} HTTP/1.1\r\nHost: ${url.host}\r\n` +
    Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('') +
    '\r\n',
);
const idle = [];
const queue = [];
const sockets = new Set();
const HEADER_END = Buffer.from('\r\n\r\n');

class Conn {
  constructor() {
    this.index = -1;
    this.buf = null;
    this.socket = net.connect({ host: url.hostname, port, noDelay: true });
    this.socket.on('data', (chunk) => this.onData(chunk));
    this.socket.on('error', () => {});
    this.socket.on('close', () => this.onClose());
    sockets.add(this);
  }
  send(index) {
    this.index = index;
    this.buf = null;
    this.socket.write(requestBytes);
  }
  onData(chunk) {
    this.buf = this.buf ? Buffer.concat([this.buf, chunk]) : chunk;
    const end = this.buf.indexOf(HEADER_END);
    if (end < 0) return;
    const head = this.buf.toString('latin1', 0, end);
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!length) {
      console.error('fixed-rate: a response without Content-Length; use --client http');
      this.socket.destroy();
      return;
    }
    if (this.buf.length < end + 4 + Number(length[1])) return;
    const status = Number(head.slice(9, 12));
    const index = this.index;
    this.index = -1;
    this.buf = null;
    if (/\r\nconnection:\s*close/i.test(head)) this.socket.destroy();
    else release(this);
    finish(index, status);
  }
  onClose() {
    sockets.delete(this);
    const i = idle.indexOf(this);
    if (i >= 0) idle.splice(i, 1);
    if (this.index >= 0) {
      const index = this.index;
      this.index = -1;
      finish(index, 0);
    }
    if (queue.length > 0 && sockets.size < maxConnections && !reported) new Conn().send(queue.shift());
  }
}
function release(conn) {
  if (queue.length > 0) conn.send(queue.shift());
  else idle.push(conn);
}
function sendNet(index) {
  const conn = idle.pop();
  if (conn) conn.send(index);
  else if (sockets.size < maxConnections) new Conn().send(index);
  else queue.push(index);
}

const send = opts.client === 'net' ? sendNet : sendHttp;

// A coarse timer (about 1 ms) that sends every request that has fallen due since the last tick.
// A busy loop would be more even but would take a core away from the server on a small machine.
function tick() {
  const now = performance.now();
  const due = Math.min(total, Math.floor(((now - start) * rate) / 1000) + 1);
  while (sent < due) {
    if (sent >= firstMeasured) sentAt[sent - firstMeasured] = now;
    send(sent++);
  }
  if (sent < total) setTimeout(tick, 1);
}
tick();

// Nothing may keep the process alive past the run: give up on stragglers after the timeout.
const deadline = setTimeout(() => {
  console.error(`fixed-rate: ${total - finished} requests did not finish in time`);
  errors += total - finished;
  report();
}, (warmup + duration) * 1000 + timeoutMs);

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

let reported = false;
function report() {
  if (reported) return;
  reported = true;
  clearTimeout(deadline);
  agent.destroy();
  for (const conn of sockets) conn.socket.destroy();
  const lat = latencies.subarray(0, measuredOk).sort();
  const lag = lags.subarray(0, measuredOk).sort();
  const due = fromDue.subarray(0, measuredOk).sort();
  const measured = total - firstMeasured;
  const f = (x) => (Number.isFinite(x) ? x.toFixed(2) : 'nan');
  const result = {
    rate,
    sent: measured,
    ok: measuredOk,
    errors: errors + statusErrors,
    achieved: f(measuredOk / Math.max(duration, (lastDone - start) / 1000 - warmup)),
    p50_ms: f(percentile(lat, 50)),
    p90_ms: f(percentile(lat, 90)),
    p99_ms: f(percentile(lat, 99)),
    max_ms: f(lat.length ? lat[lat.length - 1] : NaN),
    p99_due_ms: f(percentile(due, 99)),
    lag_p99_ms: f(percentile(lag, 99)),
  };
  console.error(
    `fixed-rate (${opts.client}): ${rate}/s for ${duration}s (after ${warmup}s warm-up) -> ${measuredOk} ok, ` +
      `${result.errors} failed; p50 ${result.p50_ms} ms, p90 ${result.p90_ms} ms, p99 ${result.p99_ms} ms, ` +
      `max ${result.max_ms} ms; from the due time p99 ${result.p99_due_ms} ms; timer lag p99 ${result.lag_p99_ms} ms`,
  );
  console.log(Object.entries(result).map(([k, v]) => `${k}=${v}`).join(' '));
  process.exit(result.errors > 0 ? 1 : 0);
}

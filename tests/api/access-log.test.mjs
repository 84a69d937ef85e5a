// The access log never makes the server wait. Lines go through a bounded queue to a thread that
// writes them; when nothing takes them (a disk that stalls, a pipe nobody reads) the queue drops its
// oldest lines and counts them (pillars_log_lines_dropped_total) while requests go on being served.
// With the log written on the I/O threads, the requests below would hang once the pipe is full.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer } from './lib/server.mjs';

let server;
let metrics;

before(async () => {
  server = await startServer({ args: ['--metrics-listen', '127.0.0.1:0'] });
  metrics = await server.metricsOrigin();
});

after(async () => {
  server?.child.stderr.resume();
  await server?.stop();
});

async function dropped() {
  const text = await (await fetch(`${metrics}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('pillars_log_lines_dropped_total '));
  assert.ok(line, 'the metric is exported');
  return Number(line.split(' ')[1]);
}

// `count` GETs of /healthz, `lanes` at a time; resolves with how many answered 200.
async function healthChecks(count, lanes) {
  let ok = 0;
  let next = 0;
  await Promise.all(Array.from({ length: lanes }, async () => {
    while (next < count) {
      next += 1;
      const res = await fetch(`${server.origin}/healthz`, { signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      if (res.status === 200) ok += 1;
    }
  }));
  return ok;
}

test('a log nobody reads drops lines and counts them; requests are served all the while', { timeout: 120_000 }, async () => {
  assert.equal(await dropped(), 0, 'nothing is dropped while the log is read');
  assert.equal(await healthChecks(200, 8), 200);
  assert.equal(await dropped(), 0);

  // Stop reading the server's standard error: its pipe fills, and then writing a line blocks.
  server.child.stderr.pause();
  const started = Date.now();
  assert.equal(await healthChecks(6000, 16), 6000, 'every request is answered');
  const seconds = (Date.now() - started) / 1000;
  const lost = await dropped();
  assert.ok(lost > 0, `the queue overflowed and counted it (${lost} lines dropped in ${seconds.toFixed(1)} s)`);
  assert.ok(server.alive);

  // Read again: what is queued is written, and the server stops cleanly.
  server.child.stderr.resume();
  await server.waitForLog(/method=GET route="\/healthz" status=200/);
});

// Start-to-ready: the time from spawning the server to the first 200 from GET /readyz, over several
// starts. Each start first gets an empty data folder (so it creates the database and runs every
// migration), then the same server is started again on that folder (the usual restart).
//
//   node bench/startup.mjs --bin build/pillars --dir /tmp/somewhere [--runs 10]
//
// Prints one machine-readable line on stdout:
//   runs=10 fresh_median_ms=12.3 fresh_max_ms=15.0 restart_median_ms=9.8 restart_max_ms=11.2
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: {
    bin: { type: 'string' },
    dir: { type: 'string' },
    runs: { type: 'string', default: '10' },
  },
});
if (!opts.bin || !opts.dir) {
  console.error('usage: startup.mjs --bin PATH --dir TEMPDIR [--runs N]');
  process.exit(2);
}
const runs = Number(opts.runs);

function readyz(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/readyz', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(0));
  });
}

// Spawns the server, waits for its port line, then polls /readyz until 200. Resolves with the
// elapsed milliseconds and stops the server with SIGTERM.
function startOnce(dataDir) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(opts.bin, ['serve', '--listen', '127.0.0.1:0', '--data', dataDir], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const giveUp = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the server did not become ready in 10 s'));
    }, 10000);
    let out = '';
    let polling = false;
    child.stdout.on('data', async (chunk) => {
      out += chunk;
      const m = /pillars listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (!m || polling) return;
      polling = true;
      const port = Number(m[1]);
      for (;;) {
        const status = await readyz(port);
        if (status === 200) break;
        await new Promise((r) => setTimeout(r, 1));
      }
      const ms = performance.now() - t0;
      clearTimeout(giveUp);
      child.once('exit', (code) => (code === 0 ? resolve(ms) : reject(new Error(`server exited with ${code}`))));
      child.kill('SIGTERM');
    });
    child.once('error', (e) => {
      clearTimeout(giveUp);
      reject(e);
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const fresh = [];
const restart = [];
for (let i = 0; i < runs; i++) {
  const dataDir = path.join(opts.dir, `start-${i}`);
  fs.mkdirSync(dataDir, { recursive: true });
  fresh.push(await startOnce(dataDir));
  restart.push(await startOnce(dataDir));
}
const f = (x) => x.toFixed(1);
console.error(
  `startup: fresh data folder median ${f(median(fresh))} ms (max ${f(Math.max(...fresh))}); ` +
    `restart median ${f(median(restart))} ms (max ${f(Math.max(...restart))}) over ${runs} runs`,
);
console.log(
  `runs=${runs} fresh_median_ms=${f(median(fresh))} fresh_max_ms=${f(Math.max(...fresh))} ` +
    `restart_median_ms=${f(median(restart))} restart_max_ms=${f(Math.max(...restart))}`,
);

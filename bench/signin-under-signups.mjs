// Sign-in latency while a flood of sign-ups runs: each sign-up costs an Argon2id hash, and a sign-in
// must not wait behind them. Starts the server with a throw-away data folder, registers one person,
// then measures sequential sign-ins alone and while `--parallel` clients sign up without pause.
//
//   node bench/signin-under-signups.mjs [--bin build/pillars] [--parallel 24] [--signins 20]
//
// The server trusts 127.0.0.1 as a proxy and each sign-up names its own X-Forwarded-For address,
// and the per-address sign-up limit is raised, so the limit does not hide the hashing cost (a
// server without --trusted-proxies simply ignores the header). Everything talks to 127.0.0.1 and
// stops by itself. Prints one line per phase on stdout:
//   phase=alone signins=20 p50_ms=... p90_ms=... max_ms=...
//   phase=flood signins=20 p50_ms=... p90_ms=... max_ms=... signups_ok=... signups_503=...
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';

const { values: opts } = parseArgs({
  options: {
    bin: { type: 'string', default: 'build/pillars' },
    parallel: { type: 'string', default: '24' },
    signins: { type: 'string', default: '20' },
  },
});
const PARALLEL = Number(opts.parallel);
const SIGNINS = Number(opts.signins);

// A build from before --trusted-proxies existed has no sign-up limit either: run it without.
const proxyArgs = execFileSync(opts.bin, ['serve', '--help'], { encoding: 'utf8' }).includes('--trusted-proxies')
  ? ['--trusted-proxies', '127.0.0.1'] : [];
const dataDir = mkdtempSync(path.join(tmpdir(), 'pillars-bench-'));
const child = spawn(opts.bin, ['serve', '--listen', '127.0.0.1:0', '--data', dataDir, ...proxyArgs], {
  env: { ...process.env, PILLARS_SIGNUP_LIMIT_PER_ADDRESS: '100000' },
  stdio: ['ignore', 'pipe', 'ignore'],
});
const stop = () => {
  child.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
};
process.on('SIGINT', () => { stop(); process.exit(130); });

const origin = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('the server did not start')), 15_000);
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text) => {
    const m = /pillars listening on (http:\/\/\S+)/.exec(text);
    if (m) { clearTimeout(timer); resolve(m[1]); }
  });
  child.on('exit', () => reject(new Error('the server exited')));
});

const post = (p, json, headers = {}) => fetch(origin + p, {
  method: 'POST',
  headers: { 'content-type': 'application/json', origin, ...headers },
  body: JSON.stringify(json),
  signal: AbortSignal.timeout(60_000),
});
const password = `Bench-${randomBytes(9).toString('base64url')}-lantern`;
const email = `bench-${randomBytes(4).toString('hex')}@example.test`;
if ((await post('/api/v1/auth/register', { email, password, display_name: 'Bench' })).status !== 201) throw new Error('register failed');

async function signIns() {
  const times = [];
  for (let i = 0; i < SIGNINS; i++) {
    const start = performance.now();
    const res = await post('/api/v1/auth/login', { email, password });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(0);
  return `signins=${times.length} p50_ms=${at(0.5)} p90_ms=${at(0.9)} max_ms=${times.at(-1).toFixed(0)}`;
}

try {
  console.log(`phase=alone ${await signIns()}`);
  let flooding = true;
  const counts = { ok: 0, unavailable: 0, other: 0 };
  let n = 0;
  const worker = async () => {
    while (flooding) {
      n += 1;
      const res = await post('/api/v1/auth/register',
        { email: `flood-${n}-${randomBytes(4).toString('hex')}@example.test`, password, display_name: 'Flood' },
        { 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` });
      await res.arrayBuffer();
      if (res.status === 201) counts.ok += 1;
      else if (res.status === 503) {
        counts.unavailable += 1;
        // Retry soon (not after Retry-After, as a flood would), but not in a busy loop that would
        // measure this script's own CPU on a small machine.
        await new Promise((r) => setTimeout(r, 20));
      } else counts.other += 1;
    }
  };
  const workers = Array.from({ length: PARALLEL }, worker);
  await new Promise((r) => setTimeout(r, 1000));  // let the flood build up
  const result = await signIns();
  flooding = false;
  await Promise.all(workers);
  console.log(`phase=flood parallel=${PARALLEL} ${result} signups_ok=${counts.ok} signups_503=${counts.unavailable} signups_other=${counts.other}`);
} finally {
  stop();
}

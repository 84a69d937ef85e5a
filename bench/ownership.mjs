// Taking one's data along, bringing it in, and leaving, on a long history: the demo's ten weeks for
// Ada and Ben, plus a few thousand more entries of Ada's, half of them shared with Ben.
//
//   node bench/ownership.mjs --bin build/pillars --dir /tmp/somewhere [--entries 3000] [--runs 5]
//
// Measures, against a server of its own on 127.0.0.1:
//  - GET /api/v1/me/export: time to the first byte and to the last, the zip's size, and how much the
//    server's resident memory grows while it runs (sampled every 2 ms from /proc);
//  - what an export costs everyone else: GET /api/v1/me as Ben, one after another, while Ada's
//    exports run, against the same with nothing else running;
//  - `pillars export` from the command line on the same data folder, while the server runs;
//  - POST /api/v1/me/import of that export into a fresh account;
//  - DELETE /api/v1/me for the imported account and for Ada (with her bond and everything in it).
//
// Prints one machine-readable line per measure on stdout (key=value), progress on stderr.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';

const run = promisify(execFile);
const { values: opts } = parseArgs({
  options: {
    bin: { type: 'string' },
    dir: { type: 'string' },
    entries: { type: 'string', default: '3000' },
    runs: { type: 'string', default: '5' },
  },
});
if (!opts.bin || !opts.dir) {
  console.error('usage: ownership.mjs --bin PATH --dir TEMPDIR [--entries N] [--runs N]');
  process.exit(2);
}
const EXTRA = Number(opts.entries);
const RUNS = Number(opts.runs);
const DEMO_PASSWORD = 'pillars-demo-2026';
const log = (...a) => console.error('ownership:', ...a);

// ---- the server --------------------------------------------------------------------------------
const dataDir = path.join(opts.dir, 'data');
fs.mkdirSync(opts.dir, { recursive: true });
const server = spawn(opts.bin, ['serve', '--demo', '--listen', '127.0.0.1:0', '--data', dataDir], {
  stdio: ['ignore', 'pipe', 'ignore'],
});
const origin = await new Promise((resolve, reject) => {
  let out = '';
  const giveUp = setTimeout(() => reject(new Error('the server did not start in 30 s')), 30000);
  server.stdout.on('data', (chunk) => {
    out += chunk;
    const m = /pillars listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
    if (m) {
      clearTimeout(giveUp);
      resolve(m[1]);
    }
  });
  server.on('exit', (code) => reject(new Error(`the server stopped (${code})`)));
});
server.stdout.resume();
const stop = () => server.kill('SIGTERM');
process.on('exit', stop);

function rssKib() {
  const status = fs.readFileSync(`/proc/${server.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
}

// ---- a tiny client: a cookie jar and the CSRF token ----------------------------------------------
class Person {
  jar = new Map();
  csrf = '';
  async request(method, url, body, headers = {}) {
    const sent = { cookie: [...this.jar].map(([n, v]) => `${n}=${v}`).join('; '), ...headers };
    if (method !== 'GET') Object.assign(sent, { origin, 'x-csrf-token': this.csrf });
    if (body !== undefined && !(body instanceof Uint8Array)) {
      sent['content-type'] = 'application/json';
      body = JSON.stringify(body);
    }
    const res = await fetch(origin + url, { method, headers: sent, body });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair.indexOf('=');
      this.jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  }
  async json(method, url, body, expect) {
    const res = await this.request(method, url, body);
    const text = await res.text();
    if (res.status !== expect) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 200)}`);
    const parsed = text ? JSON.parse(text) : undefined;
    if (parsed?.csrf) this.csrf = parsed.csrf;
    return parsed;
  }
}
async function signIn(email, password) {
  const p = new Person();
  await p.json('POST', '/api/v1/auth/login', { email, password }, 200);
  return p;
}

const ada = await signIn('ada@example.com', DEMO_PASSWORD);
const ben = await signIn('ben@example.com', DEMO_PASSWORD);
const bond = (await ada.json('GET', '/api/v1/bonds', undefined, 200)).bonds[0];

// ---- a long history ------------------------------------------------------------------------------
log(`writing ${EXTRA} more entries for Ada`);
const kinds = ['feeling', 'hope', 'fear', 'memory', 'daydream', 'achievement'];
const paragraph = 'Some days the quiet is a gift and some days it is a question. Today it was both: a walk ' +
  'at noon with nobody to talk to, a long call in the evening, and the feeling that there is room for each. ';
let next = 0;
const t0 = performance.now();
await Promise.all(Array.from({ length: 16 }, async () => {
  while (next < EXTRA) {
    const i = next++;
    const { entry } = await ada.json('POST', '/api/v1/entries',
      { kind: kinds[i % kinds.length], feelings: [], body: `${i}: ${paragraph.repeat(1 + (i % 4))}` }, 201);
    if (i % 2 === 0) await ada.json('POST', `/api/v1/entries/${entry.id}/shares`, { bond_id: bond.id }, 200);
  }
}));
log(`wrote them in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const ms = (x) => x.toFixed(1);

// ---- export over HTTP ------------------------------------------------------------------------------
async function exportOnce() {
  const before = rssKib();
  let peak = before;
  const sampler = setInterval(() => { peak = Math.max(peak, rssKib()); }, 2);
  const start = performance.now();
  const res = await ada.request('GET', '/api/v1/me/export');
  const first = performance.now() - start;
  const bytes = Buffer.from(await res.arrayBuffer());
  const total = performance.now() - start;
  clearInterval(sampler);
  if (res.status !== 200) throw new Error(`export: ${res.status}`);
  return { first, total, bytes, grew: peak - before };
}
await exportOnce();  // warm the page cache and the allocator
const exports = [];
for (let i = 0; i < RUNS; i++) exports.push(await exportOnce());
const zip = exports.at(-1).bytes;
const entriesAfter = EXTRA + 35;
console.log(`export entries=${entriesAfter} runs=${RUNS} first_byte_median_ms=${ms(median(exports.map((e) => e.first)))} ` +
  `total_median_ms=${ms(median(exports.map((e) => e.total)))} total_max_ms=${ms(Math.max(...exports.map((e) => e.total)))} ` +
  `zip_bytes=${zip.length} rss_growth_max_kib=${Math.max(...exports.map((e) => e.grew))}`);

// ---- what an export costs everyone else ----------------------------------------------------------------
async function meLatencies(whileExporting) {
  let exporting = whileExporting;
  const background = whileExporting
    ? (async () => { while (exporting) await exportOnce(); })()
    : Promise.resolve();
  const times = [];
  const end = performance.now() + 3000;
  while (performance.now() < end) {
    const s = performance.now();
    const res = await ben.request('GET', '/api/v1/me');
    await res.arrayBuffer();
    times.push(performance.now() - s);
  }
  exporting = false;
  await background;
  return times;
}
const quiet = await meLatencies(false);
const busy = await meLatencies(true);
console.log(`others requests_quiet=${quiet.length} p50_quiet_ms=${ms(pct(quiet, 0.5))} p99_quiet_ms=${ms(pct(quiet, 0.99))} ` +
  `requests_during_exports=${busy.length} p50_during_ms=${ms(pct(busy, 0.5))} p99_during_ms=${ms(pct(busy, 0.99))}`);

// ---- export from the command line, the server running ------------------------------------------
const cli = [];
for (let i = 0; i < RUNS; i++) {
  const out = path.join(opts.dir, `cli-${i}.zip`);
  const s = performance.now();
  await run(opts.bin, ['export', '--email', 'ada@example.com', '--data', dataDir, '--out', out]);
  cli.push(performance.now() - s);
}
console.log(`cli_export runs=${RUNS} median_ms=${ms(median(cli))} max_ms=${ms(Math.max(...cli))}`);

// ---- import into a fresh account -------------------------------------------------------------------
const imports = [];
const fresh = [];
for (let i = 0; i < RUNS; i++) {
  const p = new Person();
  const password = `Tide-${i}-lantern-harbour-quiet`;
  await p.json('POST', '/api/v1/auth/register', { email: `import-${i}@example.test`, password, display_name: 'Ada' }, 201);
  const s = performance.now();
  const res = await p.request('POST', '/api/v1/me/import', new Uint8Array(zip), { 'content-type': 'application/zip' });
  const body = await res.json();
  imports.push(performance.now() - s);
  if (res.status !== 200 || body.imported.entries !== entriesAfter) throw new Error(`import: ${res.status} ${JSON.stringify(body)}`);
  fresh.push({ p, password });
}
console.log(`import entries=${entriesAfter} runs=${RUNS} median_ms=${ms(median(imports))} max_ms=${ms(Math.max(...imports))}`);

// ---- leaving -------------------------------------------------------------------------------------
const deletes = [];
for (const { p, password } of fresh) {
  const s = performance.now();
  const res = await p.request('DELETE', '/api/v1/me', { password });
  deletes.push(performance.now() - s);
  if (res.status !== 204) throw new Error(`delete: ${res.status}`);
}
const s = performance.now();
const gone = await ada.request('DELETE', '/api/v1/me', { password: DEMO_PASSWORD });
const adaMs = performance.now() - s;
if (gone.status !== 204) throw new Error(`delete Ada: ${gone.status}`);
console.log(`delete entries=${entriesAfter} runs=${RUNS} median_ms=${ms(median(deletes))} max_ms=${ms(Math.max(...deletes))} ` +
  `with_bond_ms=${ms(adaMs)}`);
stop();

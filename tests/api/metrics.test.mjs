// /metrics on its own listener: counts by route pattern, method and status that are exactly right,
// latency histograms that hold together, the store's and the sign-in counters, and text that is
// valid Prometheus exposition format (0.0.4) and carries nothing that names a person, a bond or a
// path as asked.

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { SMTPServer } from 'smtp-server';
import { Client, makeBond, registerPerson } from './lib/client.mjs';
import { connectEvents } from './lib/events.mjs';
import { loadRoutes, startServer } from './lib/server.mjs';

const TIMEOUT = { timeout: 60_000 };
const ASSET = '/assets/app-5d1e0b.js';
const LOGIN_LIMIT = 2;

// ---- A strict reader of the text format -------------------------------------------------------

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const VALUE = /^(?:[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?Inf|NaN)$/;

/** Reads `{a="x",b="y"}` from `text` at `at` (just after the name); returns [labels, next index]. */
function readLabels(text, at, where) {
  const labels = {};
  if (text[at] !== '{') return [labels, at];
  let i = at + 1;
  while (text[i] !== '}') {
    const eq = text.indexOf('=', i);
    assert.ok(eq > i, `${where}: a label without =`);
    const name = text.slice(i, eq);
    assert.match(name, LABEL_NAME, `${where}: label name ${name}`);
    assert.ok(!(name in labels), `${where}: label ${name} twice`);
    assert.equal(text[eq + 1], '"', `${where}: label ${name} must be quoted`);
    let value = '';
    i = eq + 2;
    for (;;) {
      assert.ok(i < text.length, `${where}: unterminated label value`);
      const c = text[i];
      if (c === '"') break;
      if (c === '\\') {
        const next = text[i + 1];
        assert.ok(['\\', '"', 'n'].includes(next), `${where}: bad escape \\${next}`);
        value += next === 'n' ? '\n' : next;
        i += 2;
      } else {
        value += c;
        i += 1;
      }
    }
    labels[name] = value;
    i += 1;
    if (text[i] === ',') i += 1;
    else assert.equal(text[i], '}', `${where}: labels must be separated by commas`);
  }
  return [labels, i + 1];
}

/**
 * Parses exposition text strictly: every family has one HELP and one TYPE line before its samples,
 * a family's samples are one group, no series repeats, values are numbers, a histogram's buckets
 * rise to +Inf and its _count equals the +Inf bucket. Returns a Map family -> {type, help, samples}.
 */
export function parseExposition(text) {
  assert.ok(text.endsWith('\n'), 'the text ends with a new line');
  const families = new Map();
  const closed = new Set();
  let current = null;
  const familyOf = (name) => {
    if (families.has(name)) return name;
    const base = name.replace(/_(bucket|sum|count)$/, '');
    if (base !== name && families.get(base)?.type === 'histogram') return base;
    return null;
  };
  const seen = new Set();
  const lines = text.slice(0, -1).split('\n');
  lines.forEach((line, index) => {
    const where = `line ${index + 1} "${line}"`;
    if (line === '') return;
    if (line.startsWith('#')) {
      const m = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
      if (!m) return;  // a plain comment
      const [, kind, name, rest] = m;
      assert.match(name, NAME, `${where}: metric name`);
      if (current !== name) {
        if (current) closed.add(current);
        assert.ok(!closed.has(name), `${where}: ${name} appears in two places`);
        current = name;
      }
      const family = families.get(name) ?? { type: 'untyped', help: null, typed: false, samples: [] };
      assert.equal(family.samples.length, 0, `${where}: ${kind} after the samples`);
      if (kind === 'HELP') {
        assert.equal(family.help, null, `${where}: a second HELP`);
        family.help = rest;
      } else {
        assert.ok(!family.typed, `${where}: a second TYPE`);
        assert.ok(TYPES.has(rest), `${where}: unknown type ${rest}`);
        family.type = rest;
        family.typed = true;
      }
      families.set(name, family);
      return;
    }
    const nameEnd = line.search(/[{ ]/);
    assert.ok(nameEnd > 0, `${where}: no name`);
    const name = line.slice(0, nameEnd);
    assert.match(name, NAME, `${where}: metric name`);
    const [labels, next] = readLabels(line, nameEnd, where);
    assert.equal(line[next], ' ', `${where}: one space before the value`);
    const [value, timestamp, extra] = line.slice(next + 1).split(' ');
    assert.match(value, VALUE, `${where}: value`);
    if (timestamp !== undefined) assert.match(timestamp, /^-?\d+$/, `${where}: timestamp`);
    assert.equal(extra, undefined, `${where}: trailing text`);
    const familyName = familyOf(name);
    assert.ok(familyName, `${where}: ${name} has no HELP and TYPE before it`);
    assert.equal(familyName, current, `${where}: samples of ${familyName} must be one group`);
    const family = families.get(familyName);
    assert.ok(family.typed && family.help !== null, `${where}: ${familyName} lacks HELP or TYPE`);
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    assert.ok(!seen.has(key), `${where}: the same series twice`);
    seen.add(key);
    family.samples.push({ name, labels, value: Number(value.replace(/^\+?Inf$/, 'Infinity').replace('-Inf', '-Infinity')) });
  });
  for (const [name, family] of families) {
    assert.ok(family.typed && family.help !== null, `${name} has both HELP and TYPE`);
    if (family.type === 'counter') {
      for (const s of family.samples) assert.ok(s.value >= 0, `${name}: a counter below zero`);
    }
    if (family.type === 'histogram') checkHistogram(name, family);
  }
  return families;
}

/** Buckets rise with le, end at +Inf, and _count equals the +Inf bucket, for every series. */
function checkHistogram(name, family) {
  const series = new Map();
  const keyOf = (labels) => JSON.stringify(Object.entries(labels).filter(([k]) => k !== 'le').sort());
  for (const s of family.samples) {
    const key = keyOf(s.labels);
    const one = series.get(key) ?? { buckets: [], sum: null, count: null };
    if (s.name === `${name}_bucket`) {
      assert.ok('le' in s.labels, `${name}_bucket without le`);
      one.buckets.push([s.labels.le === '+Inf' ? Infinity : Number(s.labels.le), s.value]);
    } else if (s.name === `${name}_sum`) one.sum = s.value;
    else if (s.name === `${name}_count`) one.count = s.value;
    else assert.fail(`${s.name} in histogram ${name}`);
    series.set(key, one);
  }
  for (const [key, one] of series) {
    assert.ok(one.buckets.length > 0 && one.sum !== null && one.count !== null, `${name}${key}: bucket, sum and count`);
    for (let i = 1; i < one.buckets.length; i++) {
      assert.ok(one.buckets[i][0] > one.buckets[i - 1][0], `${name}${key}: le rises`);
      assert.ok(one.buckets[i][1] >= one.buckets[i - 1][1], `${name}${key}: buckets are cumulative`);
    }
    assert.equal(one.buckets.at(-1)[0], Infinity, `${name}${key}: the last bucket is +Inf`);
    assert.equal(one.buckets.at(-1)[1], one.count, `${name}${key}: _count equals the +Inf bucket`);
  }
}

// ---- Reading the numbers -----------------------------------------------------------------------

/** The value of the sample `name` with exactly `labels`, or 0 when there is none yet. */
function valueOf(families, name, labels = {}) {
  for (const family of families.values()) {
    for (const s of family.samples) {
      if (s.name !== name) continue;
      const keys = Object.keys(s.labels);
      if (keys.length === Object.keys(labels).length && keys.every((k) => s.labels[k] === labels[k])) return s.value;
    }
  }
  return 0;
}

/** Every pillars_http_requests_total series as "route method status" -> count. */
function requestCounts(families) {
  const out = new Map();
  for (const s of families.get('pillars_http_requests_total')?.samples ?? []) {
    out.set(`${s.labels.route} ${s.labels.method} ${s.labels.status}`, s.value);
  }
  return out;
}

/** Reads /metrics from a metrics listener and parses it strictly. */
async function scrapeFrom(origin) {
  const res = await fetch(`${origin}/metrics`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
  const text = await res.text();
  return { text, families: parseExposition(text) };
}

// ---- The tests ---------------------------------------------------------------------------------

describe('metrics', TIMEOUT, () => {
  let server;
  let webDir;
  let metricsOrigin;
  let ana;
  let ben;
  let bond;

  const scrape = () => scrapeFrom(metricsOrigin);

  before(async () => {
    webDir = await mkdtemp(path.join(tmpdir(), 'pillars-web-'));
    await mkdir(path.join(webDir, 'assets'));
    await writeFile(path.join(webDir, 'index.html'), '<!doctype html><title>metrics test</title>\n');
    await writeFile(path.join(webDir, ASSET), 'export const shell = true;\n');
    server = await startServer({
      args: ['--web-dir', webDir, '--metrics-listen', '127.0.0.1:0'],
      env: { PILLARS_LOGIN_LIMIT_PER_ACCOUNT: String(LOGIN_LIMIT) },
    });
    metricsOrigin = await server.metricsOrigin();
    ana = await registerPerson(server, { name: 'Ana' });
    ben = await registerPerson(server, { name: 'Ben' });
    bond = await makeBond(ana, ben);
  });
  after(async () => {
    try {
      await server?.stop();
    } finally {
      await rm(webDir, { recursive: true, force: true });
    }
  });

  test('counts requests by route pattern, method and status, exactly', async () => {
    const before = await scrape();
    const anonymous = new Client(server);
    const bondPath = `/api/v1/bonds/${bond.id}`;
    const expected = new Map();
    const expect = (key, res, status) => {
      assert.equal(res.status, status, `${key}: ${res.status} ${res.text ?? ''}`);
      expected.set(`${key} ${status}`, (expected.get(`${key} ${status}`) ?? 0) + 1);
    };

    for (let i = 0; i < 5; i++) expect('/healthz GET', await anonymous.get('/healthz'), 200);
    for (let i = 0; i < 3; i++) expect('/api/v1/bonds/{id} GET', await ana.get(bondPath), 200);
    expect('/api/v1/bonds/{id} GET', await ben.get(bondPath), 200);
    for (let i = 0; i < 2; i++) expect('/api/v1/bonds/{id} HEAD', await ana.request('HEAD', bondPath), 200);
    expect('/api/v1/bonds/{id} GET', await anonymous.get(bondPath), 401);
    expect('unmatched GET', await anonymous.get('/api/v1/no-such-place/here'), 404);
    expect('unmatched GET', await anonymous.get('/api/v1/no-such-place/there'), 404);
    expect('unmatched DELETE', await anonymous.request('DELETE', '/healthz', { origin: false }), 405);
    expect('static GET', await anonymous.get('/'), 200);
    expect('static GET', await anonymous.get(ASSET), 200);
    expect('static GET', await anonymous.get('/bond'), 200);  // an app route: the web app's page
    expect('unmatched GET', await anonymous.get('/assets/missing-0a1b2c.js'), 404);
    const events = await connectEvents(server, ana);
    expect('/api/v1/events GET', events, 101);
    await events.close();

    const after = await scrape();
    const was = requestCounts(before.families);
    const now = requestCounts(after.families);
    for (const [key, count] of expected) {
      assert.equal((now.get(key) ?? 0) - (was.get(key) ?? 0), count, `requests ${key}`);
    }
    // Nothing else moved: the scrapes themselves are counted on the metrics listener's own books.
    for (const [key, count] of now) {
      if (!expected.has(key)) assert.equal(count, was.get(key) ?? 0, `requests ${key} did not change`);
    }

    // Each request is in its route's histogram once.
    const duration = (labels) => valueOf(after.families, 'pillars_http_request_duration_seconds_count', labels)
      - valueOf(before.families, 'pillars_http_request_duration_seconds_count', labels);
    assert.equal(duration({ route: '/healthz', method: 'GET' }), 5);
    assert.equal(duration({ route: '/api/v1/bonds/{id}', method: 'GET' }), 5);
    assert.equal(duration({ route: '/api/v1/bonds/{id}', method: 'HEAD' }), 2);
    assert.equal(duration({ route: 'static', method: 'GET' }), 3);
    // And the histograms' counts add up to the request counts, route by route.
    const byRoute = new Map();
    for (const [key, count] of now) {
      const [route, method] = key.split(' ');
      byRoute.set(`${route} ${method}`, (byRoute.get(`${route} ${method}`) ?? 0) + count);
    }
    for (const [key, count] of byRoute) {
      const [route, method] = key.split(' ');
      assert.equal(valueOf(after.families, 'pillars_http_request_duration_seconds_count', { route, method }), count,
        `${key}: histogram count equals requests`);
    }
    const buckets = after.families.get('pillars_http_request_duration_seconds').samples
      .filter((s) => s.name.endsWith('_bucket') && s.labels.route === '/healthz' && s.labels.method === 'GET');
    assert.deepEqual(buckets.map((s) => s.labels.le),
      ['0.0005', '0.001', '0.0025', '0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '+Inf']);
  });

  test('a wrong password and a refused sign-in are counted', async () => {
    const before = await scrape();
    const stranger = new Client(server);
    let failed = 0;
    let refused = 0;
    for (let i = 0; i < LOGIN_LIMIT + 2; i++) {
      const res = await stranger.post('/api/v1/auth/login', { email: ana.email, password: 'not-the-password-at-all' });
      assert.ok([401, 429].includes(res.status), `sign-in: ${res.status}`);
      if (res.status === 401) failed++;
      else refused++;
    }
    assert.ok(failed >= 1 && refused >= 1, `both kinds happened: ${failed} failed, ${refused} refused`);
    const after = await scrape();
    const delta = (name) => valueOf(after.families, name) - valueOf(before.families, name);
    assert.equal(delta('pillars_signin_failures_total'), failed);
    assert.equal(delta('pillars_signin_refused_total'), refused);
    assert.equal(valueOf(after.families, 'pillars_http_requests_total',
      { route: '/api/v1/auth/login', method: 'POST', status: '401' })
      - valueOf(before.families, 'pillars_http_requests_total',
        { route: '/api/v1/auth/login', method: 'POST', status: '401' }), failed);
  });

  test('every family the operator needs is there, push and mail at zero', async () => {
    const { families } = await scrape();
    for (const [name, type] of [
      ['pillars_http_requests_total', 'counter'],
      ['pillars_http_request_duration_seconds', 'histogram'],
      ['pillars_http_connections_open', 'gauge'],
      ['pillars_store_write_queue', 'gauge'],
      ['pillars_store_read_queue', 'gauge'],
      ['pillars_store_commit_size', 'histogram'],
      ['pillars_store_commits_total', 'counter'],
      ['pillars_websockets_open', 'gauge'],
      ['pillars_signin_failures_total', 'counter'],
      ['pillars_signin_refused_total', 'counter'],
      ['pillars_password_reset_mails_sent_total', 'counter'],
      ['pillars_password_reset_mails_failed_total', 'counter'],
      ['pillars_push_sent_total', 'counter'],
      ['pillars_push_failed_total', 'counter'],
    ]) {
      assert.equal(families.get(name)?.type, type, `${name} is a ${type}`);
    }
    assert.equal(valueOf(families, 'pillars_push_sent_total'), 0);
    for (const reason of ['expired', 'rejected', 'error']) {
      assert.equal(valueOf(families, 'pillars_push_failed_total', { reason }), 0, `push failed ${reason}`);
    }
    assert.equal(valueOf(families, 'pillars_password_reset_mails_sent_total'), 0);
    // Registering, bonding and signing in wrote: every write is in some commit's size.
    const commits = valueOf(families, 'pillars_store_commit_size_count');
    assert.ok(commits >= 3, `group commits counted: ${commits}`);
    assert.equal(commits, valueOf(families, 'pillars_store_commits_total'));
    assert.ok(valueOf(families, 'pillars_store_commit_size_sum') >= commits, 'at least one write per commit');
  });

  test('no person, bond, email, id or path as asked appears anywhere', async () => {
    const { text, families } = await scrape();
    const secrets = [bond.id, ana.email, ben.email, 'no-such-place', 'missing-0a1b2c', ASSET, 'Ana', 'Ben'];
    for (const me of [ana, ben]) {
      const res = await me.get('/api/v1/me');
      assert.equal(res.status, 200);
      secrets.push(res.body.user.id);
    }
    for (const secret of secrets) {
      assert.ok(secret, 'a value to look for');
      assert.ok(!text.includes(secret), `the metrics must not carry ${secret}`);
    }
    // Labels are drawn from fixed sets: route patterns, methods, statuses, reasons and classes.
    const routes = new Set((await loadRoutes()).map((r) => r.path));
    routes.add('static').add('unmatched');
    for (const family of families.values()) {
      for (const s of family.samples) {
        for (const [label, value] of Object.entries(s.labels)) {
          if (label === 'route') {
            assert.ok(routes.has(value), `route ${value} is a pattern of the route table`);
          } else if (label === 'method') assert.match(value, /^[A-Z]+$/);
          else if (label === 'status') assert.match(value, /^(\d{3}|other)$/);
          else if (label === 'le') assert.match(value, /^(\+Inf|[0-9.]+)$/);
          else if (label === 'reason') assert.ok(['expired', 'rejected', 'error'].includes(value));
          else if (label === 'class') assert.match(value, /^[2-5]xx$/);
          else assert.fail(`unexpected label ${label}="${value}"`);
        }
      }
    }
  });

  test("the app's own port answers 404 for /metrics", async () => {
    const anonymous = new Client(server);
    const res = await anonymous.get('/metrics');
    assert.equal(res.status, 404);
    assert.doesNotMatch(res.text, /pillars_/);
  });
});

describe('password-reset mails', TIMEOUT, () => {
  let server;
  let mailServer;
  let mails = 0;
  let person;

  before(async () => {
    mailServer = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onData(stream, session, callback) {
        stream.on('data', () => {});
        stream.on('end', () => { mails++; callback(); });
      },
    });
    await new Promise((resolve) => mailServer.listen(0, '127.0.0.1', resolve));
    const smtpPort = mailServer.server.address().port;
    server = await startServer({
      args: ['--metrics-listen', '127.0.0.1:0', '--smtp-url', `smtp://127.0.0.1:${smtpPort}`, '--smtp-from', 'pillars@example.org'],
    });
    person = await registerPerson(server, { name: 'Ana' });
  });
  after(async () => {
    await server?.stop();
    if (mailServer.server.listening) await new Promise((resolve) => mailServer.close(resolve));
  });

  /** Waits (bounded) until `name` reaches `value` on the metrics listener. */
  async function waitFor(origin, name, value) {
    for (let i = 0; i < 200; i++) {
      const { families } = await scrapeFrom(origin);
      if (valueOf(families, name) >= value) return families;
      await sleep(50);
    }
    assert.fail(`${name} did not reach ${value}`);
  }

  test('a mail sent and a mail that could not be sent are counted', async () => {
    const origin = await server.metricsOrigin();
    const anonymous = new Client(server);
    assert.equal((await anonymous.post('/api/v1/auth/forgot-password', { email: person.email })).status, 202);
    let families = await waitFor(origin, 'pillars_password_reset_mails_sent_total', 1);
    assert.equal(mails, 1);
    assert.equal(valueOf(families, 'pillars_password_reset_mails_sent_total'), 1);
    assert.equal(valueOf(families, 'pillars_password_reset_mails_failed_total'), 0);

    await new Promise((resolve) => mailServer.close(resolve));  // the mail server goes away
    assert.equal((await anonymous.post('/api/v1/auth/forgot-password', { email: person.email })).status, 202);
    families = await waitFor(origin, 'pillars_password_reset_mails_failed_total', 1);
    assert.equal(valueOf(families, 'pillars_password_reset_mails_sent_total'), 1);
    assert.equal(valueOf(families, 'pillars_password_reset_mails_failed_total'), 1);
  });
});

// ---- The reader itself refuses what Prometheus would -----------------------------------------

describe('the strict reader', () => {
  test('accepts a well-formed text', () => {
    const families = parseExposition('# HELP a_total A.\n# TYPE a_total counter\na_total{x="1\\"2"} 3\n'
      + '# HELP h H.\n# TYPE h histogram\nh_bucket{le="1"} 1\nh_bucket{le="+Inf"} 2\nh_sum 3.5\nh_count 2\n');
    assert.equal(families.get('a_total').samples[0].labels.x, '1"2');
  });
  for (const [why, text] of [
    ['no TYPE', '# HELP a A.\na 1\n'],
    ['no HELP', '# TYPE a counter\na 1\n'],
    ['a bad value', '# HELP a A.\n# TYPE a gauge\na one\n'],
    ['the same series twice', '# HELP a A.\n# TYPE a gauge\na{x="1"} 1\na{x="1"} 2\n'],
    ['a family split in two', '# HELP a A.\n# TYPE a gauge\na 1\n# HELP b B.\n# TYPE b gauge\nb 1\na{x="2"} 1\n'],
    ['buckets that fall', '# HELP h H.\n# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n'],
    ['a count that is not +Inf', '# HELP h H.\n# TYPE h histogram\nh_bucket{le="+Inf"} 2\nh_sum 1\nh_count 3\n'],
    ['an unquoted label', '# HELP a A.\n# TYPE a gauge\na{x=1} 1\n'],
    ['no last new line', '# HELP a A.\n# TYPE a gauge\na 1'],
  ]) {
    test(`refuses ${why}`, () => assert.throws(() => parseExposition(text)));
  }
});

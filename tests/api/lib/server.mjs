// Starts the real pillars binary for one test file and stops it again.
//
// Each server gets a fresh data folder and a port picked by the kernel. The server
// announces its address with exactly one stdout line; logs go to stderr and are kept
// so that a failing start or stop can say why, and so that stop() can check that no
// password or token ever reached the log. With PILLARS_TEST_POSTGRES set, each data folder also
// gets a PostgreSQL database of its own (lib/postgres.mjs), passed with --database.

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropDatabase, ensureDatabase, onPostgres } from './postgres.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const binaryPath = process.env.PILLARS_BIN ?? path.join(repoRoot, 'build', 'pillars');

const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 15_000;
const LOG_KEEP = 16 * 1024 * 1024;
const LOG_SHOW = 8 * 1024;
const LISTENING = /^pillars listening on (http:\/\/127\.0\.0\.1:(\d+))$/;
// With --demo, before it listens: whom to sign in as, with the demo's public password.
const DEMO_SIGN_IN = /^Demo: sign in as \S+ or \S+ with the password \S+$/;

// A test file that dies or is interrupted must not leave servers or data folders behind.
const running = new Set();
const ownedDirs = new Set();
function killAll() {
  for (const child of running) child.kill('SIGKILL');
  for (const dir of ownedDirs) rmSync(dir, { recursive: true, force: true });
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    killAll();
    process.kill(process.pid, signal);
  });
}

/**
 * Starts `pillars serve --listen 127.0.0.1:0 --data <dir> ...args`, with a fresh data
 * folder unless `dataDir` is given, under a file-descriptor limit of `nofile` when given.
 * Resolves once the listening line was printed.
 *
 * The result's stop() sends SIGTERM (or `signal`) and asserts that the server exited
 * with code 0, printed nothing to stdout but the listening line, and never logged a
 * value in `secrets` (the client helpers add every password they send and every session
 * and CSRF token they receive). It removes the data folder it created; a given `dataDir`
 * belongs to the caller and stays, and so does its PostgreSQL database.
 */
export async function startServer({ args = [], env = {}, dataDir: givenDir, nofile } = {}) {
  const dataDir = givenDir ?? await mkdtemp(path.join(tmpdir(), 'pillars-api-'));
  if (!givenDir) ownedDirs.add(dataDir);
  const removeData = async () => {
    if (!ownedDirs.delete(dataDir)) return;
    await rm(dataDir, { recursive: true, force: true });
    if (onPostgres) await dropDatabase(dataDir);
  };
  // The same folder, the same database: a server started again on a folder finds what it stored.
  const databaseArgs = onPostgres ? ['--database', await ensureDatabase(dataDir)] : [];
  const argv = ['serve', '--listen', '127.0.0.1:0', '--data', dataDir, ...databaseArgs, ...args];
  // `nofile`: start under that file-descriptor limit, soft and hard, so the server cannot raise it.
  const [command, commandArgs] = nofile === undefined ? [binaryPath, argv]
    : ['/bin/sh', ['-c', `ulimit -n ${Number(nofile)} && exec "$0" "$@"`, binaryPath, ...argv]];
  const child = spawn(command, commandArgs, {
    // Test files register many people from one address; login-limit.test.mjs sets its own limit.
    env: { PILLARS_SIGNUP_LIMIT_PER_ADDRESS: '1000', ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);

  let log = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    if (log.length < LOG_KEEP) log += chunk;
  });
  const logTail = () => `\n--- server stderr (last ${LOG_SHOW} characters) ---\n${log.slice(-LOG_SHOW)}`;

  let spawnError = null;
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
    // A binary that cannot be started never emits 'exit'.
    child.on('error', (err) => {
      if (child.pid !== undefined) return;
      spawnError = err;
      running.delete(child);
      resolve({ code: null, signal: null });
    });
  });
  let exit = null;
  exited.then((result) => { exit = result; });

  // stdout: the listening line once, and nothing else ever (but the demo's sign-in with --demo).
  let otherStdout = '';
  let demoSignIn = null;
  let origin;
  try {
    origin = await new Promise((resolve, reject) => {
      let pending = '';
      let found = false;
      const timer = setTimeout(() => reject(new Error(`no listening line within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(spawnError
          ? new Error(`cannot start ${binaryPath} (${spawnError.code}); build it with \`make build\` or set PILLARS_BIN`)
          : new Error(`server exited before listening (code ${code}, signal ${signal})`));
      });
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk) => {
        pending += chunk;
        let nl;
        while ((nl = pending.indexOf('\n')) >= 0) {
          const line = pending.slice(0, nl);
          pending = pending.slice(nl + 1);
          const match = found ? null : LISTENING.exec(line);
          if (!found && demoSignIn === null && args.includes('--demo') && DEMO_SIGN_IN.test(line)) {
            demoSignIn = line;
          } else if (match) {
            found = true;
            clearTimeout(timer);
            resolve(match[1]);
          } else if (otherStdout.length < LOG_SHOW) {
            otherStdout += `${line}\n`;
          }
        }
      });
    });
  } catch (err) {
    child.kill('SIGKILL');
    await exited;
    await removeData();
    throw new Error(`${err.message}${logTail()}`);
  }

  const secrets = new Set();
  const leakedSecrets = () => {
    const output = log + otherStdout;
    return [...secrets].filter((secret) => output.includes(secret));
  };
  return {
    origin,
    port: Number(new URL(origin).port),
    dataDir,
    child,
    /** Values that must never appear in the server's output. */
    secrets,
    /** Whether the process is still running (false once it exited for any reason). */
    get alive() { return exit === null; },
    get log() { return log; },
    /** With --demo: the line it printed before listening, saying how to sign in (else null). */
    demoSignIn,
    /** Resolves with the first match of `pattern` in the log, waiting up to `ms` for it. */
    async waitForLog(pattern, ms = 5_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const match = pattern.exec(log);
        if (match) return match;
        if (Date.now() > deadline) throw new Error(`no ${pattern} in the log within ${ms} ms${logTail()}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    /** The metrics listener's origin, for a server started with --metrics-listen 127.0.0.1:0. */
    async metricsOrigin() {
      const [, address] = await this.waitForLog(/metrics on (127\.0\.0\.1:\d+)/);
      return `http://${address}`;
    },
    /** Passwords and tokens from `secrets` that appear in the server's output so far. */
    leakedSecrets,
    /**
     * Kills the server with SIGKILL: no shutdown, no checkpoint, as in a power cut. Resolves once
     * the process is gone. The data folder stays, even one this helper created.
     */
    async crash() {
      assert.equal(exit, null, `server exited before it was killed (${JSON.stringify(exit)})${logTail()}`);
      child.kill('SIGKILL');
      assert.deepEqual(await exited, { code: null, signal: 'SIGKILL' });
    },
    async stop({ signal = 'SIGTERM' } = {}) {
      try {
        assert.equal(exit, null, `server exited during the tests (${JSON.stringify(exit)})${logTail()}`);
        child.kill(signal);
        let timer;
        const result = await Promise.race([
          exited,
          new Promise((resolve) => { timer = setTimeout(() => resolve(null), STOP_TIMEOUT_MS); }),
        ]);
        clearTimeout(timer);
        if (result === null) {
          child.kill('SIGKILL');
          await exited;
          assert.fail(`server did not exit within ${STOP_TIMEOUT_MS} ms of ${signal}${logTail()}`);
        }
        assert.deepEqual(result, { code: 0, signal: null }, `server should exit 0 on ${signal}${logTail()}`);
        assert.equal(otherStdout, '', 'stdout carries only the listening line; logs belong on stderr');
        assert.deepEqual(leakedSecrets(), [], 'passwords and tokens must never appear in the server log');
      } finally {
        await removeData();
      }
    },
  };
}

/** Runs a one-shot subcommand (for example `routes`) and resolves with its stdout. */
export function runPillars(args, { timeoutMs = 10_000 } = {}) {
  return new Promise((resolve, reject) => {
    execFile(binaryPath, args, { timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`pillars ${args.join(' ')} failed: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** The route table as the binary prints it; access rules are left for the callers to judge. */
export async function loadRoutes() {
  const routes = JSON.parse(await runPillars(['routes']));
  assert.ok(Array.isArray(routes) && routes.length > 0, '`pillars routes` should print a non-empty JSON array');
  for (const route of routes) {
    assert.equal(typeof route.method, 'string', `route without method: ${JSON.stringify(route)}`);
    assert.match(route.path, /^\//, `route path should start with /: ${JSON.stringify(route)}`);
  }
  return routes;
}

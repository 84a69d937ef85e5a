// Shared pieces of the browser tests: start a real server binary on a free port with the built web
// app, launch Debian's chromium, open one browser context per person, record console errors (CSP
// violations included), run axe-core, and set people up through the API when a test is not about
// the screens that do it.
//
// PILLARS_BIN overrides the server binary (default build/pillars, relative to the repo root).

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const bin = path.resolve(root, process.env.PILLARS_BIN || 'build/pillars');
export const webDir = path.join(root, 'web', 'dist');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const STEP_TIMEOUT = 15_000;
export const TEST_TIMEOUT = 90_000;

export const nav = (page) => page.getByRole('navigation', { name: 'Main' });
export const h1 = (page) => page.getByRole('heading', { level: 1 });
export const liveRegion = (page) => page.locator('[role="status"][aria-live="polite"]');

/** Today on the calendar of the person at `page` (YYYY-MM-DD), as the screens count it. */
export function localDay(page) {
  return page.evaluate(() => {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  });
}

/**
 * Runs axe-core on the page and fails on any violation, whatever its impact: the WCAG 2.1 A and AA
 * rules and axe's best practices, with no rule turned off and no element left out.
 */
export async function assertAccessible(page, screen) {
  // Colours are only final once transitions (say, after switching to dark) have finished.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  // Evaluated through the DevTools protocol, so the page's CSP (no inline script) still holds.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      resultTypes: ['violations'],
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
    }),
  );
  const bad = result.violations.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary})`).join(', ')}`);
  assert.ok(result.passes.length > 10, `axe really checked the ${screen} screen`);
  assert.deepEqual(bad, [], `accessibility problems on the ${screen} screen`);
}

/**
 * What `read` (run in the page) says of the focused element comes to equal `expected` within a few
 * seconds. Focus moves a moment after what announces it is drawn, and a busy machine can run the
 * test in between, so it is waited for, never read once.
 */
export async function assertFocus(page, read, expected, what) {
  const until = Date.now() + 5_000;
  let actual = await page.evaluate(read);
  while (actual !== expected && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    actual = await page.evaluate(read);
  }
  assert.equal(actual, expected, what);
}

/** The page's width never exceeds the window's: nothing scrolls sideways. */
export async function assertFitsWidth(page, where) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  assert.ok(scroll <= inner, `${where}: ${scroll} px wide in a ${inner} px window`);
}

/**
 * One server, one browser and the people in it, for one test file. Call `start` in `before` and
 * `stop` in `after`.
 */
/** Fills in the sign-up form on `page` (already at /signup or the welcome's form) and sends it. */
export async function fillSignUp(page, person) {
  await page.getByLabel('Your name').fill(person.name);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

/** Calls the API from inside a signed-in page, as the app would (same origin, CSRF token). */
export async function callIn(page, method, apiPath, data) {
  return page.evaluate(
    async ({ method, apiPath, data }) => {
      const me = await (await fetch('/api/v1/me')).json();
      const r = await fetch(apiPath, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf },
        body: data === undefined ? undefined : JSON.stringify(data),
      });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : null };
    },
    { method, apiPath, data },
  );
}

/**
 * `serverArgs` are added to the server's command line, say ['--demo'] for Ada and Ben with their
 * history (each server still has a data folder of its own, deleted at the end). `web` is the
 * folder of the built app it serves (web/dist unless a test serves a copy it changes).
 */
export function createHarness({ serverArgs = [], web = webDir } = {}) {
  const h = {
    server: null, // { url, child, dataDir, exited, log() }
    browser: null,
    people: {}, // name -> { context, page }
    consoleErrors: [], // { who, text, url }
    // Error answers a test provokes on purpose. The browser logs each such response as a failed
    // resource load; those, and only those, are not counted as console errors.
    expectedFailures: [{ path: '/api/v1/me', status: 401 }], // "who am I?" while signed out
  };
  let stopping = false;

  h.expectFailure = (p, status) => h.expectedFailures.push({ path: p, status });

  /** Starts the server on a free port and resolves once it prints where it listens. */
  async function startServer() {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pillars-e2e-'));
    const child = spawn(bin, ['serve', '--listen', '127.0.0.1:0', '--data', dataDir, '--web-dir', web, ...serverArgs], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    const keep = (chunk) => {
      log = (log + chunk).slice(-20_000);
    };
    child.stderr.on('data', keep);
    const exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
      child.once('error', () => resolve({ code: null, signal: 'spawn failed' }));
    });
    // A server that dies on its own explains why in its log; show it with the test output.
    exited.then(({ code, signal }) => {
      if (!stopping) console.error(`# the server exited unexpectedly (${code ?? signal}); its log ends with:\n${log}`);
    });
    const listening = new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`server did not report its address within 15 s\n${log}`)), 15_000);
      child.stdout.on('data', (chunk) => {
        out += chunk;
        keep(chunk);
        const match = /pillars listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`server exited before listening (${code ?? signal})\n${log}`));
      });
    });
    let url;
    try {
      url = await listening;
    } catch (error) {
      stopping = true;
      child.kill('SIGKILL');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
      throw error;
    }
    return { url, child, dataDir, exited, log: () => log };
  }

  h.start = async () => {
    assert.ok(existsSync(bin), `server binary not found at ${bin}: run make build, or set PILLARS_BIN`);
    assert.ok(existsSync(path.join(web, 'index.html')), 'web app not built: run npm run build in web/');
    h.server = await startServer();
    h.browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
      timeout: 30_000,
    });
  };

  /** Sends SIGTERM and waits for the exit; SIGKILL after 10 s. */
  h.stopServer = async () => {
    if (!h.server) return null;
    const { child, exited } = h.server;
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const result = await exited;
    clearTimeout(timer);
    return result;
  };

  h.closePeople = async () => {
    for (const { context } of Object.values(h.people)) await context.close().catch(() => {});
  };

  h.stop = async () => {
    await h.closePeople();
    await h.browser?.close().catch(() => {});
    await h.stopServer();
    if (h.server) await rm(h.server.dataDir, { recursive: true, force: true });
  };

  /**
   * A fresh browser context and page for one person, with console errors recorded. `options` are
   * added to the context's, say { serviceWorkers: 'block' } for a visit with no service worker.
   */
  h.openPerson = async (who, options = {}) => {
    const context = await h.browser.newContext({
      baseURL: h.server.url,
      locale: 'en-GB',
      timezoneId: 'Europe/Amsterdam',
      viewport: { width: 390, height: 844 },
      ...options,
    });
    context.setDefaultTimeout(STEP_TIMEOUT);
    context.setDefaultNavigationTimeout(STEP_TIMEOUT);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.server.url });
    // Report CSP violations through the console too, whatever the browser logs for them itself.
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
      });
    });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') h.consoleErrors.push({ who, text: message.text(), url: message.location().url });
    });
    page.on('pageerror', (error) => h.consoleErrors.push({ who, text: `uncaught: ${error.message}`, url: '' }));
    h.people[who] = { context, page };
    return page;
  };

  /** Console errors other than the failed loads a test provoked on purpose. */
  h.unexpectedConsoleErrors = () => {
    const provoked = (e) => {
      const status = /^Failed to load resource: the server responded with a status of (\d+)/.exec(e.text);
      if (!status || !e.url) return false;
      const p = new URL(e.url).pathname;
      return h.expectedFailures.some((f) => f.path === p && f.status === Number(status[1]));
    };
    return h.consoleErrors.filter((e) => !provoked(e));
  };

  /**
   * Registers `person` through the API inside `who`'s browser context (the context keeps the
   * cookie, so the person's pages are signed in) and returns a small client for further calls.
   */
  h.register = async (who, person) => {
    const { context } = h.people[who];
    const origin = h.server.url;
    const response = await context.request.post('/api/v1/auth/register', {
      data: { email: person.email, password: person.password, display_name: person.name, timezone: 'Europe/Amsterdam' },
      headers: { Origin: origin },
    });
    assert.equal(response.status(), 201, `register ${person.email}: ${await response.text()}`);
    const { user, csrf } = await response.json();
    const call = async (method, p, data) => {
      const r = await context.request.fetch(p, {
        method,
        data,
        headers: method === 'GET' ? {} : { Origin: origin, 'X-CSRF-Token': csrf },
      });
      const text = await r.text();
      return { status: r.status(), body: text ? JSON.parse(text) : null };
    };
    return { user, csrf, call };
  };

  /**
   * Opens a browser for each of two people, registers both through the API and makes them partners
   * (the first invites, the second accepts). Resolves to each one's API client and the bond's id.
   */
  h.partners = async (whoA, personA, whoB, personB) => {
    await h.openPerson(whoA);
    await h.openPerson(whoB);
    const a = await h.register(whoA, personA);
    const b = await h.register(whoB, personB);
    const invite = await a.call('POST', '/api/v1/invites', { kind: 'partner' });
    assert.equal(invite.status, 201, JSON.stringify(invite.body));
    const accepted = await b.call('POST', `/api/v1/invites/${invite.body.code}/accept`);
    assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
    return { a, b, bondId: accepted.body.bond.id };
  };

  return h;
}

// An HTTP client that behaves like one person's browser tab: a cookie jar, the CSRF
// token from the last register/login/me answer, and Origin + X-CSRF-Token on every
// mutating request. Plus helpers to register people, make bonds and check problems.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

const REQUEST_TIMEOUT_MS = 10_000;
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const PASSWORD_FIELDS = ['password', 'current_password', 'new_password'];

export const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export class Client {
  /** @param server the object startServer() resolved with */
  constructor(server, { userAgent = 'pillars-api-tests' } = {}) {
    this.server = server;
    this.userAgent = userAgent;
    this.jar = new Map();
    this.csrf = null;
    this.user = null;
  }

  /** The session token; behind https the cookie is named __Host-pillars_session. */
  get sessionCookie() {
    return this.jar.get('pillars_session') ?? this.jar.get('__Host-pillars_session');
  }

  /** The device cookie a successful sign-in leaves (see login-limit.test.mjs). */
  get deviceCookie() {
    return this.jar.get('pillars_device') ?? this.jar.get('__Host-pillars_device');
  }

  /**
   * Sends one request. Options:
   *  json     - a value sent as an application/json body
   *  body     - a raw body (string or Buffer); set content-type yourself in headers
   *  headers  - extra headers; a header set to undefined is not sent
   *  csrf     - send X-CSRF-Token on mutating requests (default true, when known)
   *  origin   - send Origin on mutating requests (default true)
   *  cookies  - send the cookie jar (default true)
   * Resolves with {method, path, status, headers, text, body, setCookies}; body is parsed JSON when the
   * response says it is JSON, else undefined.
   */
  async request(method, path, { json, body, headers = {}, csrf = true, origin = true, cookies = true } = {}) {
    const sent = { 'user-agent': this.userAgent };
    if (json !== undefined) {
      sent['content-type'] = 'application/json';
      body = JSON.stringify(json);
      for (const field of PASSWORD_FIELDS) this.#secret(json?.[field]);
    }
    if (cookies && this.jar.size > 0) {
      sent.cookie = [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    if (MUTATING.has(method)) {
      if (csrf && this.csrf) sent['x-csrf-token'] = this.csrf;
      if (origin) sent.origin = this.server.origin;
    }
    for (const [name, value] of Object.entries(headers)) {
      delete sent[name.toLowerCase()];
      if (value !== undefined) sent[name.toLowerCase()] = value;
    }

    const res = await fetch(this.server.origin + path, {
      method,
      headers: sent,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const setCookies = res.headers.getSetCookie();
    for (const line of setCookies) this.#remember(line);
    const text = await res.text();
    let parsed;
    if (/json/.test(res.headers.get('content-type') ?? '') && text.length > 0) {
      parsed = JSON.parse(text);
    }
    this.#secret(this.sessionCookie);
    this.#secret(parsed?.csrf);
    if (res.ok && parsed && typeof parsed.csrf === 'string') this.csrf = parsed.csrf;
    if (res.ok && parsed?.user?.id) this.user = parsed.user;
    return { method, path, status: res.status, headers: res.headers, text, body: parsed, setCookies };
  }

  get(path, options) { return this.request('GET', path, options); }
  post(path, json, options = {}) { return this.request('POST', path, { json, ...options }); }
  put(path, json, options = {}) { return this.request('PUT', path, { json, ...options }); }
  patch(path, json, options = {}) { return this.request('PATCH', path, { json, ...options }); }
  delete(path, options) { return this.request('DELETE', path, options); }

  /** Marks a value that must never show up in the server's log. */
  #secret(value) {
    if (typeof value === 'string' && value.length >= 8) this.server.secrets?.add(value);
  }

  #remember(line) {
    const cookie = parseSetCookie(line);
    const expired = cookie.value === '' || cookie.attributes['max-age'] === '0' ||
      (cookie.attributes.expires && Date.parse(cookie.attributes.expires) <= Date.now());
    if (expired) this.jar.delete(cookie.name);
    else this.jar.set(cookie.name, cookie.value);
  }
}

/** Splits a Set-Cookie line into name, value and lower-cased attributes (flags map to true). */
export function parseSetCookie(line) {
  const [pair, ...rest] = line.split(';');
  const eq = pair.indexOf('=');
  const attributes = {};
  for (const part of rest) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const i = trimmed.indexOf('=');
    if (i < 0) attributes[trimmed.toLowerCase()] = true;
    else attributes[trimmed.slice(0, i).trim().toLowerCase()] = trimmed.slice(i + 1).trim();
  }
  return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), attributes };
}

/** The Set-Cookie line for cookie `name` (or its __Host- form), parsed; fails when there is not exactly one. */
export function namedSetCookie(res, name) {
  const cookies = res.setCookies.map(parseSetCookie).filter((c) => c.name === name || c.name === `__Host-${name}`);
  assert.equal(cookies.length, 1, `expected one ${name} Set-Cookie, got ${JSON.stringify(res.setCookies)}`);
  return cookies[0];
}

/** The Set-Cookie line for the session cookie, parsed; fails when there is none. */
export function sessionSetCookie(res) {
  return namedSetCookie(res, 'pillars_session');
}

/** A unique address under a reserved domain; `label` keeps failures readable. */
export function uniqueEmail(label) {
  return `${label}-${randomBytes(4).toString('hex')}@example.test`;
}

/** A password the server should accept: long, random, unrelated to any email. */
export function strongPassword() {
  return `Tide-${randomBytes(9).toString('base64url')}-lantern`;
}

/**
 * Registers a new person and returns their signed-in Client, with .email, .password,
 * .user and .csrf set. Each call costs one Argon2id hash on the server; reuse people.
 */
export async function registerPerson(server, { name = 'Person', email = uniqueEmail(name.toLowerCase()), password = strongPassword(), timezone } = {}) {
  const client = new Client(server);
  const json = { email, password, display_name: name };
  if (timezone) json.timezone = timezone;
  const res = await client.post('/api/v1/auth/register', json);
  assert.equal(res.status, 201, `register ${email}: ${res.status} ${res.text}`);
  client.email = email;
  client.password = password;
  return client;
}

/** Signs an existing person in on a new Client (a second browser, a new session). */
export async function signIn(server, email, password, { userAgent } = {}) {
  const client = new Client(server, userAgent ? { userAgent } : {});
  const res = await client.post('/api/v1/auth/login', { email, password });
  assert.equal(res.status, 200, `login ${email}: ${res.status} ${res.text}`);
  client.email = email;
  client.password = password;
  return client;
}

/** `inviter` creates an invite of `kind`, `accepter` accepts it; resolves with the bond as the accepter sees it. */
export async function makeBond(inviter, accepter, kind = 'partner') {
  const invite = await inviter.post('/api/v1/invites', { kind });
  assert.equal(invite.status, 201, `create invite: ${invite.status} ${invite.text}`);
  const accepted = await accepter.post(`/api/v1/invites/${encodeURIComponent(invite.body.code)}/accept`, {});
  assert.equal(accepted.status, 201, `accept invite: ${accepted.status} ${accepted.text}`);
  return accepted.body.bond;
}

/**
 * Asserts an RFC 9457 problem: status, content type, `type` slug, and the fields
 * every problem carries. Returns the parsed body.
 */
export function assertProblem(res, status, slug) {
  assert.equal(res.status, status, `expected ${status} ${slug}, got ${res.status}: ${res.text}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json\b/,
    `problem content type for ${slug}`);
  const problem = res.body;
  assert.ok(problem && typeof problem === 'object', `problem body should be a JSON object: ${res.text}`);
  assert.equal(problem.type, `/problems/${slug}`);
  assert.equal(problem.status, status);
  assert.equal(typeof problem.title, 'string');
  assert.ok(problem.title.length > 0, 'problem title should not be empty');
  assert.equal(typeof problem.request_id, 'string');
  assert.equal(problem.request_id, res.headers.get('x-request-id'), 'problem request_id should match X-Request-Id');
  return problem;
}

/** Asserts a validation problem that names `field` among its errors. */
export function assertValidation(res, field) {
  const problem = assertProblem(res, 422, 'validation');
  assert.ok(Array.isArray(problem.errors), `validation problem should list errors: ${res.text}`);
  assert.ok(problem.errors.some((e) => e.field === field && typeof e.message === 'string'),
    `validation errors should name ${field}: ${JSON.stringify(problem.errors)}`);
  return problem;
}

/** Asserts the user object shape and that nothing secret rides along. */
export function assertUser(user, { email, display_name } = {}) {
  assert.ok(user && typeof user === 'object', 'user should be an object');
  assert.equal(typeof user.id, 'string');
  assert.ok(user.id.length > 0);
  assert.equal(typeof user.email, 'string');
  assert.equal(typeof user.display_name, 'string');
  assert.equal(typeof user.timezone, 'string');
  assert.match(user.created_at, RFC3339_UTC);
  if (email !== undefined) assert.equal(user.email, email);
  if (display_name !== undefined) assert.equal(user.display_name, display_name);
  for (const key of Object.keys(user)) {
    assert.doesNotMatch(key, /pass|hash|secret|token|salt/i, `user object should not carry ${key}`);
  }
}

/** Asserts the bond object shape from one member's point of view. */
export function assertBond(bond, { id, kind, status, other } = {}) {
  assert.ok(bond && typeof bond === 'object', 'bond should be an object');
  assert.equal(typeof bond.id, 'string');
  assert.ok(['partner', 'friend', 'family'].includes(bond.kind), `bond kind ${bond.kind}`);
  assert.ok(['active', 'ended'].includes(bond.status), `bond status ${bond.status}`);
  assert.match(bond.created_at, RFC3339_UTC);
  if (bond.status === 'active') assert.equal(bond.ended_at, null);
  else assert.match(bond.ended_at, RFC3339_UTC);
  assert.equal(typeof bond.other?.id, 'string');
  assert.equal(typeof bond.other?.display_name, 'string');
  if (id !== undefined) assert.equal(bond.id, id);
  if (kind !== undefined) assert.equal(bond.kind, kind);
  if (status !== undefined) assert.equal(bond.status, status);
  if (other !== undefined) {
    assert.equal(bond.other.id, other.user.id);
    assert.equal(bond.other.display_name, other.user.display_name);
    assert.ok(!JSON.stringify(bond).includes(other.user.email), 'a bond should not reveal the other person\'s email');
  }
}

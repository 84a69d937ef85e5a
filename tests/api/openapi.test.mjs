// docs/api/openapi.yaml tells the truth about the route table: every route the server
// serves is documented with the same access rule, and nothing else is.
//
// The document is read with a deliberately small line parser, which relies on the layout
// the file keeps: paths at two spaces under `paths:`, methods at four, operation keys at
// six and response codes (quoted) at eight.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { before, test } from 'node:test';
import { loadRoutes, repoRoot } from './lib/server.mjs';

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

/** Operations under `paths:` as {key: "METHOD /path", access, responses: [codes], security}. */
function parseOperations(text) {
  const operations = new Map();
  let inPaths = false;
  let currentPath = null;
  let op = null;
  let section = null;
  for (const line of text.split('\n')) {
    if (/^\S/.test(line)) {
      inPaths = line.startsWith('paths:');
      currentPath = null;
      op = null;
      continue;
    }
    if (!inPaths) continue;
    let m;
    if ((m = /^ {2}(\/\S*):\s*$/.exec(line))) {
      currentPath = m[1];
      op = null;
    } else if ((m = /^ {4}([a-z]+):\s*$/.exec(line)) && currentPath) {
      op = null;
      if (METHODS.has(m[1])) {
        const key = `${m[1].toUpperCase()} ${currentPath}`;
        assert.ok(!operations.has(key), `${key} is documented twice`);
        op = { key, access: null, responses: [], security: null, bodyLimit: null };
        operations.set(key, op);
      }
    } else if ((m = /^ {6}([A-Za-z-]+):\s*(.*)$/.exec(line)) && op) {
      section = m[1];
      if (section === 'x-access') op.access = m[2].trim();
      if (section === 'x-body-limit') op.bodyLimit = Number(m[2].trim());
      if (section === 'security') op.security = m[2].trim() === '[]' ? 'none' : '';
    } else if (op && section === 'responses' && (m = /^ {8}'(\d{3})':/.exec(line))) {
      op.responses.push(Number(m[1]));
    } else if (op && section === 'security' && (m = /^ {8}(?:- )?\s*(\w+): \[\]/.exec(line))) {
      op.security += ` ${m[1]}`;
    }
  }
  return operations;
}

let routes;
let operations;
let text;

before(async () => {
  routes = await loadRoutes();
  text = await readFile(path.join(repoRoot, 'docs', 'api', 'openapi.yaml'), 'utf8');
  operations = parseOperations(text);
});

test('the document is OpenAPI 3.1', () => {
  assert.match(text, /^openapi: 3\.1\.\d+$/m);
  assert.ok(operations.size > 0, 'no operations found under paths:');
});

test('every served route is documented', () => {
  const missing = routes.map((r) => `${r.method} ${r.path}`).filter((key) => !operations.has(key));
  assert.deepEqual(missing, [], 'document these routes in docs/api/openapi.yaml');
});

// The server's default is stated in the document's description; an operation that takes more says
// how much in x-body-limit, exactly what the route table holds.
test('every body limit is documented as the server holds it', () => {
  assert.match(text, /Bodies are limited to 64 KiB \(413\)/);
  const wrong = [];
  for (const r of routes) {
    const op = operations.get(`${r.method} ${r.path}`);
    if (!op) continue;
    const documented = op.bodyLimit ?? 64 * 1024;
    if (documented !== r.body_limit) wrong.push(`${r.method} ${r.path}: documented ${documented}, served ${r.body_limit}`);
  }
  assert.deepEqual(wrong, []);
  assert.ok(routes.some((r) => r.body_limit > 64 * 1024 && r.path === '/api/v1/entries'), 'an entry takes more than 64 KiB');
});

test('every documented operation is served', () => {
  const served = new Set(routes.map((r) => `${r.method} ${r.path}`));
  const extra = [...operations.keys()].filter((key) => !served.has(key));
  assert.deepEqual(extra, [], 'the server does not serve these documented operations');
});

test('each operation documents the access rule the server enforces', () => {
  for (const route of routes) {
    const op = operations.get(`${route.method} ${route.path}`);
    if (!op) continue; // reported by the test above
    assert.equal(op.access, route.access, `${op.key}: x-access`);
  }
});

test('each operation documents its security and the problems its access rule implies', () => {
  for (const op of operations.values()) {
    // 101: a WebSocket upgrade succeeds by switching protocols.
    assert.ok(op.responses.some((code) => (code >= 200 && code < 300) || code === 101), `${op.key}: no success response`);
    const mutating = !op.key.startsWith('GET ');
    if (op.access === 'public') {
      assert.equal(op.security, 'none', `${op.key}: public operations declare security: []`);
      continue;
    }
    const schemes = (op.security ?? '').trim().split(/\s+/).sort();
    assert.deepEqual(schemes, mutating ? ['csrf', 'session'] : ['session'], `${op.key}: security schemes`);
    assert.ok(op.responses.includes(401), `${op.key}: documents 401`);
    if (mutating) assert.ok(op.responses.includes(403), `${op.key}: documents 403 csrf`);
    if (op.access === 'bond_member' || op.access === 'author_scoped') {
      assert.ok(op.responses.includes(404), `${op.key}: documents 404 for non-members`);
    }
  }
});

test('every problem type the contract names is documented', () => {
  const slugs = ['bad-request', 'validation', 'unauthenticated', 'csrf', 'not-found', 'method-not-allowed',
    'email-taken', 'weak-password', 'invalid-credentials', 'rate-limited', 'payload-too-large',
    'unsupported-media-type', 'invite-expired', 'invite-used', 'own-invite', 'already-bonded', 'bond-ended',
    'conflict', 'wrong-password', 'internal', 'unavailable'];
  for (const slug of slugs) assert.ok(text.includes(`/problems/${slug}`), `problem type ${slug} is not documented`);
});

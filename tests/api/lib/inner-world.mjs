// Helpers for the inner world: entries, shares, responses, appreciations and comfort
// requests. Each helper asserts the status it expects so that a failing setup says where.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { RFC3339_UTC, assertProblem } from './client.mjs';

const enc = encodeURIComponent;

export const entryPath = (id, rest = '') => `/api/v1/entries/${enc(id)}${rest}`;
export const bondPath = (id, rest = '') => `/api/v1/bonds/${enc(id)}${rest}`;

/** The kinds one picks when writing an entry. */
export const ENTRY_KINDS = ['feeling', 'hope', 'fear', 'hurt', 'memory', 'daydream', 'achievement', 'knock'];
/**
 * Every kind an entry can have: a reflection is made only by answering its question, time of one's
 * own only by noting it in its log.
 */
export const ALL_ENTRY_KINDS = [...ENTRY_KINDS, 'reflection', 'own_time'];
export const RESPONSE_KINDS = ['hear', 'comfort', 'celebrate', 'thanks'];
export const APPRECIATION_KINDS = ['love', 'thanks', 'admire'];
export const VULNERABLE_FAMILIES = ['fear', 'hurt', 'loneliness', 'sadness', 'shame'];

/** A sentence nobody else would write, so that finding it anywhere means it came from here. */
export function uniqueText(label = 'note') {
  return `${label} ${randomBytes(6).toString('hex')}: the kettle sang while I wrote this`;
}

/** The catalog as the server serves it, plus word -> family and family -> [word ids]. */
export async function loadCatalog(client) {
  const res = await client.get('/api/v1/catalog');
  assert.equal(res.status, 200, `catalog: ${res.status} ${res.text}`);
  const familyOf = new Map();
  const wordsOf = new Map();
  for (const family of res.body.feelings.families) {
    wordsOf.set(family.id, family.words.map((w) => w.id));
    for (const word of family.words) familyOf.set(word.id, family.id);
  }
  return { ...res.body, familyOf, wordsOf, word: (family, i = 0) => wordsOf.get(family)[i] };
}

/** Creates an entry; resolves with it as the author sees it. */
export async function writeEntry(person, { kind = 'feeling', feelings = [], body = uniqueText('entry') } = {}) {
  const res = await person.post('/api/v1/entries', { kind, feelings, body });
  assert.equal(res.status, 201, `create entry: ${res.status} ${res.text}`);
  assertEntry(res.body.entry);
  return res.body.entry;
}

/** Shares an entry into a bond; resolves with the entry as its author sees it. */
export async function shareEntry(person, entryId, bondId) {
  const res = await person.post(entryPath(entryId, '/shares'), { bond_id: bondId });
  assert.equal(res.status, 200, `share entry: ${res.status} ${res.text}`);
  assertEntry(res.body.entry);
  assert.ok(res.body.entry.shared_with.includes(bondId), 'shared_with names the bond after sharing');
  return res.body.entry;
}

export async function respond(person, entryId, kind = 'hear', body) {
  const json = body === undefined ? { kind } : { kind, body };
  const res = await person.post(entryPath(entryId, '/responses'), json);
  assert.equal(res.status, 201, `respond: ${res.status} ${res.text}`);
  assertResponse(res.body.response);
  return res.body.response;
}

/** The entries shared in a bond, as `person` sees them (first page of 100). */
export async function bondEntries(person, bondId) {
  const res = await person.get(bondPath(bondId, '/entries?limit=100'));
  assert.equal(res.status, 200, `bond entries: ${res.status} ${res.text}`);
  assert.ok(Array.isArray(res.body.entries), 'entries is a list');
  for (const entry of res.body.entries) assertSharedEntry(entry);
  return res.body.entries;
}

/** All of `person`'s own entries, following next_cursor. */
export async function ownEntries(person, query = '') {
  const all = [];
  let cursor = null;
  for (let page = 0; page < 100; page++) {
    const params = new URLSearchParams(query);
    params.set('limit', '100');
    if (cursor) params.set('before', cursor);
    const res = await person.get(`/api/v1/entries?${params}`);
    assert.equal(res.status, 200, `list entries: ${res.status} ${res.text}`);
    for (const entry of res.body.entries) assertEntry(entry);
    all.push(...res.body.entries);
    cursor = res.body.next_cursor;
    if (cursor === null) return all;
  }
  assert.fail('paging did not end');
}

function assertFeelings(feelings) {
  assert.ok(Array.isArray(feelings), 'feelings is a list');
  assert.ok(feelings.length <= 3, 'at most three feelings');
  for (const f of feelings) {
    assert.equal(typeof f.word, 'string');
    assert.equal(typeof f.family, 'string');
    assert.ok(Number.isInteger(f.intensity) && f.intensity >= 1 && f.intensity <= 5, `intensity ${f.intensity}`);
  }
}

function assertPerson(p, who) {
  assert.ok(p && typeof p === 'object', `${who} is an object`);
  assert.equal(typeof p.id, 'string');
  assert.equal(typeof p.display_name, 'string');
  assert.deepEqual(Object.keys(p).sort(), ['display_name', 'id'], `${who} carries only id and display_name`);
}

/** An entry as its author sees it. */
export function assertEntry(entry) {
  assert.ok(entry && typeof entry === 'object', 'entry is an object');
  assert.equal(typeof entry.id, 'string');
  assert.ok(entry.id.length > 0);
  assert.ok(ALL_ENTRY_KINDS.includes(entry.kind), `entry kind ${entry.kind}`);
  assert.equal(entry.prompt === null, entry.kind !== 'reflection', 'a question exactly when it is a reflection');
  assertFeelings(entry.feelings);
  assert.equal(typeof entry.body, 'string');
  assert.match(entry.created_at, RFC3339_UTC);
  assert.match(entry.updated_at, RFC3339_UTC);
  assert.ok(Date.parse(entry.updated_at) >= Date.parse(entry.created_at), 'updated_at is not before created_at');
  assert.ok(Array.isArray(entry.shared_with), 'shared_with is a list');
  assert.ok(entry.follow_up === null || entry.follow_up === 'look_beneath_anger', `follow_up ${entry.follow_up}`);
  assert.ok(Array.isArray(entry.responses), 'responses is a list');
  for (const r of entry.responses) assertResponse(r);
}

/** An entry as it appears in a bond's shared space. */
export function assertSharedEntry(entry) {
  assert.ok(entry && typeof entry === 'object', 'shared entry is an object');
  for (const key of ['id', 'kind', 'feelings', 'body', 'created_at', 'updated_at', 'shared_at', 'author', 'mine', 'responses']) {
    assert.ok(key in entry, `shared entry has ${key}`);
  }
  assert.ok(ALL_ENTRY_KINDS.includes(entry.kind));
  assert.equal(entry.prompt === null, entry.kind !== 'reflection', 'a question exactly when it is a reflection');
  assertFeelings(entry.feelings);
  assert.equal(typeof entry.body, 'string');
  assert.match(entry.created_at, RFC3339_UTC);
  assert.match(entry.updated_at, RFC3339_UTC);
  assert.match(entry.shared_at, RFC3339_UTC);
  assertPerson(entry.author, 'author');
  assert.equal(typeof entry.mine, 'boolean');
  // Where else the author shared it is the author's business alone.
  assert.ok(!('shared_with' in entry), 'a shared entry must not say where else it is shared');
  assert.ok(Array.isArray(entry.responses));
  for (const r of entry.responses) assertResponse(r);
}

export function assertResponse(r) {
  assert.ok(r && typeof r === 'object', 'response is an object');
  assert.equal(typeof r.id, 'string');
  assert.equal(typeof r.entry_id, 'string');
  assert.equal(typeof r.bond_id, 'string');
  assert.ok(RESPONSE_KINDS.includes(r.kind), `response kind ${r.kind}`);
  assert.ok(r.body === null || typeof r.body === 'string', 'response body is a string or null');
  assertPerson(r.from, 'from');
  assert.equal(typeof r.mine, 'boolean');
  assert.match(r.created_at, RFC3339_UTC);
}

export function assertAppreciation(a) {
  assert.ok(a && typeof a === 'object', 'appreciation is an object');
  assert.equal(typeof a.id, 'string');
  assert.equal(typeof a.bond_id, 'string');
  assert.ok(APPRECIATION_KINDS.includes(a.kind), `appreciation kind ${a.kind}`);
  assert.ok(a.note === null || typeof a.note === 'string');
  assertPerson(a.from, 'from');
  assert.equal(typeof a.mine, 'boolean');
  assert.match(a.created_at, RFC3339_UTC);
}

export function assertComfortRequest(c) {
  assert.ok(c && typeof c === 'object', 'comfort request is an object');
  assert.equal(typeof c.id, 'string');
  assert.equal(typeof c.bond_id, 'string');
  assertPerson(c.from, 'from');
  assert.equal(typeof c.mine, 'boolean');
  assert.ok(c.note === null || typeof c.note === 'string');
  assert.match(c.created_at, RFC3339_UTC);
  assert.ok(c.answered_at === null || RFC3339_UTC.test(c.answered_at), `answered_at ${c.answered_at}`);
  assert.ok(c.answer_note === null || typeof c.answer_note === 'string');
  if (c.answered_at === null) assert.equal(c.answer_note, null, 'no answer note before an answer');
}

/**
 * Asserts a 422 validation problem naming `field` or a part of it (`feelings[1].word` counts
 * for `feelings`).
 */
export function assertInvalid(res, field) {
  const problem = assertProblem(res, 422, 'validation');
  assert.ok(Array.isArray(problem.errors), `validation problem should list errors: ${res.text}`);
  const named = problem.errors.some((e) => typeof e.message === 'string' &&
    (e.field === field || e.field.startsWith(`${field}[`) || e.field.startsWith(`${field}.`)));
  assert.ok(named, `validation errors should name ${field}: ${JSON.stringify(problem.errors)}`);
  return problem;
}

/** Asserts that `text` (a response body) does not contain any of `secrets` ({what: value}). */
export function assertNotIn(text, secrets, where) {
  for (const [what, value] of Object.entries(secrets)) {
    assert.ok(!text.includes(value), `${where} revealed ${what}`);
  }
}

// The catalog: the words for feelings, the kinds of entry, response and appreciation, and
// the gentle prompt offered under anger. Public, cacheable, and the same for everyone.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client, registerPerson } from './lib/client.mjs';
import { ALL_ENTRY_KINDS, APPRECIATION_KINDS, RESPONSE_KINDS, VULNERABLE_FAMILIES } from './lib/inner-world.mjs';
import { startServer } from './lib/server.mjs';

const TIMEOUT = { timeout: 30_000 };
const REQUIRED_FAMILIES = ['joy', 'love', 'pride', 'calm', 'hope', 'sadness', 'hurt', 'fear', 'anger', 'shame', 'loneliness'];
const ID = /^[a-z][a-z0-9_]*$/;

let server;
let res;
let catalog;

before(async () => {
  server = await startServer();
  res = await new Client(server).get('/api/v1/catalog');
  catalog = res.body;
});
after(() => server?.stop());

const nonEmpty = (value, what) => {
  assert.equal(typeof value, 'string', `${what} is a string`);
  assert.ok(value.trim().length > 0, `${what} is not empty`);
};

describe('GET /api/v1/catalog', TIMEOUT, () => {
  test('is public JSON that may be cached', () => {
    assert.equal(res.status, 200, res.text);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json\b/);
    const cache = res.headers.get('cache-control') ?? '';
    assert.doesNotMatch(cache, /no-store|no-cache|private/i, `Cache-Control should allow caching: ${cache}`);
    assert.ok(catalog && typeof catalog === 'object');
  });

  test('is the same for a signed-in person', async () => {
    const person = await registerPerson(server, { name: 'Reader' });
    const again = await person.get('/api/v1/catalog');
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, catalog);
  });

  test('has at least the eleven families, each named and described', () => {
    const families = catalog.feelings.families;
    assert.ok(Array.isArray(families));
    assert.ok(families.length >= 11, `${families.length} families`);
    const ids = families.map((f) => f.id);
    for (const id of REQUIRED_FAMILIES) assert.ok(ids.includes(id), `family ${id} is missing`);
    assert.equal(new Set(ids).size, ids.length, 'family ids are unique');
    for (const family of families) {
      assert.match(family.id, ID);
      nonEmpty(family.name, `family ${family.id} name`);
      nonEmpty(family.description, `family ${family.id} description`);
      assert.equal(typeof family.vulnerable, 'boolean', `family ${family.id} vulnerable`);
      assert.ok(Array.isArray(family.words) && family.words.length > 0, `family ${family.id} has words`);
    }
  });

  test('the vulnerable families are exactly sadness, hurt, fear, shame and loneliness', () => {
    const vulnerable = catalog.feelings.families.filter((f) => f.vulnerable).map((f) => f.id).sort();
    assert.deepEqual(vulnerable, VULNERABLE_FAMILIES);
  });

  test('has 60 or more words, each with a unique lower-case id, a name and a description', () => {
    const words = catalog.feelings.families.flatMap((f) => f.words);
    assert.ok(words.length >= 60, `${words.length} words`);
    const ids = words.map((w) => w.id);
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
    assert.deepEqual(duplicates, [], 'word ids are unique across all families');
    for (const word of words) {
      assert.match(word.id, ID, `word id ${word.id}`);
      nonEmpty(word.name, `word ${word.id} name`);
      nonEmpty(word.description, `word ${word.id} description`);
    }
  });

  test('offers a gentle look beneath anger', () => {
    nonEmpty(catalog.prompts?.look_beneath_anger, 'prompts.look_beneath_anger');
    assert.ok(catalog.feelings.families.find((f) => f.id === 'anger').words.length > 0);
  });

  test('lists every entry kind, four response kinds and three appreciation kinds', () => {
    const check = (list, ids, what) => {
      assert.ok(Array.isArray(list), `${what} is a list`);
      assert.deepEqual(list.map((k) => k.id).sort(), [...ids].sort(), what);
      for (const kind of list) nonEmpty(kind.name, `${what} ${kind.id} name`);
    };
    check(catalog.entry_kinds, ALL_ENTRY_KINDS, 'entry_kinds');
    for (const kind of catalog.entry_kinds) nonEmpty(kind.description, `entry kind ${kind.id} description`);
    check(catalog.response_kinds, RESPONSE_KINDS, 'response_kinds');
    check(catalog.appreciation_kinds, APPRECIATION_KINDS, 'appreciation_kinds');
    assert.equal(catalog.response_kinds.find((k) => k.id === 'hear').name, 'I hear you');
    assert.equal(catalog.appreciation_kinds.find((k) => k.id === 'love').name, 'I love you');
  });

  test('has the eight conversation decks, three levels each, every prompt saying which bonds it suits', () => {
    const decks = catalog.decks;
    assert.deepEqual(decks.map((d) => d.id),
      ['inner_world', 'feelings', 'self_worth', 'vulnerability', 'affection', 'own_space', 'journey', 'love_map']);
    const ids = new Set();
    let choices = 0;
    for (const deck of decks) {
      nonEmpty(deck.title, `${deck.id} title`);
      nonEmpty(deck.description, `${deck.id} description`);
      assert.deepEqual(deck.levels.map((l) => l.level), [1, 2, 3], deck.id);
      for (const level of deck.levels) nonEmpty(level.name, `${deck.id} level ${level.level}`);
      for (const p of deck.prompts) {
        assert.ok(!ids.has(p.id), `${p.id} is unique`);
        ids.add(p.id);
        assert.ok(p.id.startsWith(`${deck.id}.${p.level}.`), p.id);
        assert.ok(p.text.length >= 10 && p.text.length <= 200 && !p.text.includes('\n'), p.id);
        assert.ok(p.kinds.length > 0 && p.kinds.every((k) => deck.kinds.includes(k)), p.id);
        if (p.choices) {
          choices += 1;
          assert.equal(deck.id, 'love_map', p.id);
          assert.ok(p.choices.length >= 3 && p.choices.length <= 5 && new Set(p.choices).size === p.choices.length, p.id);
        }
      }
    }
    assert.deepEqual(decks.find((d) => d.id === 'affection').kinds, ['partner'], 'affection and sex: partners only');
    assert.ok(ids.size >= 240, `${ids.size} prompts`);
    assert.ok(choices >= 40, `${choices} love-map choices`);
  });
});

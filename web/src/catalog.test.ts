import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Catalog } from './api';
import { choosableKinds, countChars, familiesIn, familyName, findWord, kindName, offeredResponses, reflectionQuestion, wordName } from './catalog';

const catalog = {
  feelings: {
    families: [
      { id: 'joy', name: 'Joy', description: '', words: [{ id: 'glad', name: 'Glad', description: '' }] },
      { id: 'hurt', name: 'Hurt', description: '', words: [{ id: 'wounded', name: 'Wounded', description: '' }] },
      { id: 'fear', name: 'Fear', description: '', words: [] },
    ],
  },
  entry_kinds: [{ id: 'hope', name: 'A hope', description: '' }],
  response_kinds: [],
  appreciation_kinds: [],
  prompts: { look_beneath_anger: '' },
} as unknown as Catalog;

test('a reflection or time of one’s own is never a kind to choose, and each stays what it is', () => {
  const all = {
    ...catalog,
    entry_kinds: [
      ...catalog.entry_kinds,
      { id: 'reflection', name: 'A reflection', description: '' },
      { id: 'own_time', name: 'Time of my own', description: '' },
    ],
  } as Catalog;
  assert.deepEqual(choosableKinds(all, undefined).map((k) => k.id), ['hope']);
  assert.deepEqual(choosableKinds(all, 'hope').map((k) => k.id), ['hope']);
  assert.deepEqual(choosableKinds(all, 'reflection').map((k) => k.id), ['reflection']);
  assert.deepEqual(choosableKinds(all, 'own_time').map((k) => k.id), ['own_time']);
});

test('a question for oneself is found with the name of its theme', () => {
  const withQuestions = {
    ...catalog,
    reflections: { themes: { leaning: 'Leaning on someone' }, prompts: [{ id: 'lean_on', theme: 'leaning', text: 'How easy is it?' }, { id: 'odd', theme: 'gone', text: 'Odd?' }] },
  } as unknown as Catalog;
  assert.deepEqual(reflectionQuestion(withQuestions, 'lean_on'), { id: 'lean_on', theme: 'leaning', text: 'How easy is it?', themeName: 'Leaning on someone' });
  assert.equal(reflectionQuestion(withQuestions, 'odd')?.themeName, '');
  assert.equal(reflectionQuestion(withQuestions, 'nope'), undefined);
  assert.equal(reflectionQuestion(withQuestions, null), undefined);
  assert.equal(reflectionQuestion(undefined, 'lean_on'), undefined);
  assert.equal(reflectionQuestion(catalog, 'lean_on'), undefined, 'a catalog without questions');
});

test('a word is found with its family; unknown words read as their id', () => {
  assert.equal(findWord(catalog, 'wounded')?.family.id, 'hurt');
  assert.equal(findWord(catalog, 'nope'), undefined);
  assert.equal(wordName(catalog, 'glad'), 'Glad');
  assert.equal(wordName(undefined, 'quietly_glad'), 'quietly glad');
});

test('families by id, in the order asked, leaving out those the catalog lacks', () => {
  assert.deepEqual(familiesIn(catalog).map((f) => f.id), ['joy', 'hurt', 'fear']);
  assert.deepEqual(familiesIn(catalog, ['fear', 'nope', 'hurt']).map((f) => f.id), ['fear', 'hurt']);
  assert.equal(familyName(catalog, 'joy'), 'Joy');
  assert.equal(familyName(undefined, 'joy'), 'joy');
  assert.equal(kindName(catalog, 'hope'), 'A hope');
  assert.equal(kindName(undefined, 'memory'), 'Memory');
});

test('characters are counted as the server counts them', () => {
  assert.equal(countChars('abc'), 3);
  assert.equal(countChars('😀é'), 2);
});

test('only the responses that fit an entry are offered, in the catalog’s order', () => {
  const withResponses = {
    ...catalog,
    response_kinds: [
      { id: 'hear', name: 'I hear you' },
      { id: 'comfort', name: 'Sending comfort' },
      { id: 'celebrate', name: 'So glad for you' },
      { id: 'thanks', name: 'Thank you for telling me' },
    ],
  } as unknown as Catalog;
  const ids = (offered: string[] | undefined) => offeredResponses(withResponses, offered).map((k) => k.id);
  assert.deepEqual(ids(['thanks', 'comfort', 'hear']), ['hear', 'comfort', 'thanks'], 'a hurt: no celebrating');
  assert.deepEqual(ids(['celebrate', 'hear', 'thanks']), ['hear', 'celebrate', 'thanks']);
  assert.deepEqual(ids([]), []);
  assert.deepEqual(ids(undefined), []);
  assert.deepEqual(ids(['nope']), [], 'a kind the catalog does not know is not offered');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Bond, Entry } from '../api';
import { formatDay } from '../checkin/words';
import { catalog } from '../insights/fixture.test';
import { reflectionQuestion } from '../catalog';
import { answerProblem, answerTo, nextSaid, shareLinkText } from './reflections';

const answer = (prompt: string, shared_with: string[] = []): Entry => ({
  id: `e-${prompt}`,
  kind: 'reflection',
  prompt,
  own_time: null,
  feelings: [],
  body: 'Some words.',
  created_at: '2026-12-01T09:00:00Z',
  updated_at: '2026-12-01T09:00:00Z',
  shared_with,
  follow_up: null,
  responses: [],
});

const bond = (id: string, name: string, status: Bond['status'] = 'active') =>
  ({ id, kind: 'partner', status, other: { id: `u-${id}`, display_name: name } }) as unknown as Bond;

test('the answer to the question offered is found by its question', () => {
  const answers = [answer('lean_on'), answer('matter')];
  assert.equal(answerTo(answers, 'matter')?.id, 'e-matter');
  assert.equal(answerTo(answers, 'proud_of'), undefined);
  assert.equal(answerTo(answers, undefined), undefined);
});

test('an answer needs a few words, and no more than an entry may hold', () => {
  assert.match(answerProblem('  \n ') ?? '', /Write a few words first/);
  assert.equal(answerProblem('Quietly, yes.'), null);
  assert.match(answerProblem('x'.repeat(20001)) ?? '', /over the limit/);
});

test('the link to sharing names those it is not yet shared with', () => {
  const ben = bond('b1', 'Ben');
  const carla = bond('b2', 'Carla');
  const ended = bond('b3', 'Dan', 'ended');
  assert.equal(shareLinkText(answer('x'), [ben]), 'Share it with Ben');
  assert.equal(shareLinkText(answer('x'), [ben, carla, ended]), 'Share it with Ben or Carla');
  assert.equal(shareLinkText(answer('x', ['b1']), [ben, carla]), 'Share it with Carla');
  assert.equal(shareLinkText(answer('x', ['b1', 'b2']), [ben, carla]), 'Change who can see it');
  assert.equal(
    shareLinkText(answer('x'), [ben, carla, bond('b4', 'Eve'), bond('b5', 'Finn')]),
    'Share it with someone you are close to',
  );
  assert.equal(shareLinkText(answer('x'), [ended]), null, 'nobody to share with');
  assert.equal(shareLinkText(answer('x'), undefined), null);
  assert.equal(shareLinkText(answer('x', ['b3']), [ended]), 'Change who can see it', 'still shown where it was shared');
});

test('the next question is tomorrow, or on a day named in full', () => {
  assert.equal(nextSaid('2026-12-04', '2026-12-03'), 'tomorrow');
  assert.equal(nextSaid('2026-12-06', '2026-12-03'), `on ${formatDay('2026-12-06')}`);
  assert.equal(nextSaid('2027-01-01', '2026-12-31'), 'tomorrow', 'across a year');
  assert.equal(nextSaid('2026-12-03', '2026-12-03'), 'today');
});

test('every question in the catalog has a theme with a name', () => {
  const words = catalog.reflections;
  assert.ok(words.prompts.length >= 12);
  assert.ok(words.every_days >= 1);
  for (const p of words.prompts) assert.ok(reflectionQuestion(catalog, p.id)?.themeName, p.id);
});

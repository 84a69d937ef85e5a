// Reflections from both sides: a question for oneself every few days, by a rule of one's own that
// every device computes alike; the answer is an entry of the kind `reflection`, sealed, private,
// and shared only by its author's choice — then it reaches the other exactly like any entry.

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { assertProblem } from './lib/client.mjs';
import { shiftDay, utcDay } from './lib/checkins.mjs';
import { connectEvents } from './lib/events.mjs';
import { world } from './lib/fixture.mjs';
import { assertEntry, bondEntries, bondPath, entryPath, shareEntry, uniqueText } from './lib/inner-world.mjs';

const TIMEOUT = { timeout: 30_000 };
const enc = encodeURIComponent;
const answerPath = (id) => `/api/v1/reflections/${enc(id)}/answer`;

let w, ana, ben, ab, questions, benEvents;
let answer;

before(async () => {
  w = await world({});
  ({ a: ana, b: ben, bond: ab } = w);
  questions = (await ana.get('/api/v1/catalog')).body.reflections;
  benEvents = await connectEvents(w.server, ben);
});
after(async () => {
  await benEvents?.close();
  await w?.close();
});

describe('the questions', TIMEOUT, () => {
  test('at least 16, from every theme the product comes from, each short', () => {
    assert.ok(questions.prompts.length >= 16, `${questions.prompts.length} questions`);
    const themes = new Set(questions.prompts.map((p) => p.theme));
    for (const theme of ['own_life', 'knocks', 'leaning', 'unsaid', 'strong_one', 'self']) assert.ok(themes.has(theme), theme);
    assert.equal(new Set(questions.prompts.map((p) => p.id)).size, questions.prompts.length);
    for (const p of questions.prompts) assert.ok(p.text.length > 10 && p.text.length <= 200, p.id);
  });

  test('one is offered for a few days, the same on every device, and a new one after', async () => {
    const first = await ana.get('/api/v1/reflections');
    assert.equal(first.status, 200, first.text);
    const { offered, every_days: every } = first.body;
    assert.equal(every, questions.every_days);
    assert.ok(questions.prompts.some((p) => p.id === offered.id));
    assert.equal((Date.parse(offered.next) - Date.parse(offered.since)) / 86_400_000, every);
    assert.ok(offered.since <= utcDay() && utcDay() < offered.next);
    // Another device (another session), the same day: the same question.
    const again = await ana.get(`/api/v1/reflections?day=${utcDay()}`);
    assert.deepEqual(again.body.offered, offered);
    // The next period, when it falls within the days the server accepts, brings another.
    if (offered.next === shiftDay(utcDay(), 1)) {
      const next = await ana.get(`/api/v1/reflections?day=${offered.next}`);
      assert.notEqual(next.body.offered.id, offered.id);
    }
    for (const bad of ['2026-13-01', 'tomorrow', shiftDay(utcDay(), 5)]) {
      const res = await ana.get(`/api/v1/reflections?day=${enc(bad)}`);
      assertProblem(res, 422, 'validation');
      assert.equal(res.body.errors[0].field, 'day');
    }
  });
});

describe('an answer', TIMEOUT, () => {
  test('is a private entry of its own kind that names its question', async () => {
    const { offered } = (await ana.get('/api/v1/reflections')).body;
    const body = uniqueText('my own corner');
    const res = await ana.put(answerPath(offered.id), { body });
    assert.equal(res.status, 201, res.text);
    answer = res.body.entry;
    assertEntry(answer);
    assert.equal(answer.kind, 'reflection');
    assert.equal(answer.prompt, offered.id);
    assert.deepEqual(answer.shared_with, []);
    const listed = (await ana.get('/api/v1/reflections')).body.answers;
    assert.deepEqual(listed.map((a) => a.id), [answer.id]);
    const journal = await ana.get('/api/v1/entries?kind=reflection');
    assert.deepEqual(journal.body.entries.map((e) => e.id), [answer.id], 'it is in her journal too');
    // Nothing reaches Ben: not his list, not his bond, not an event.
    assert.deepEqual((await ben.get('/api/v1/reflections')).body.answers, []);
    assert.ok(!(await bondEntries(ben, ab.id)).some((e) => e.id === answer.id));
    assertProblem(await ben.get(entryPath(answer.id)), 404, 'not-found');
    await sleep(100);
    assert.ok(!benEvents.raw.join('\n').includes(answer.id), 'no event tells of it');
  });

  test('answering the same question again changes the one answer', async () => {
    const body = uniqueText('second thoughts');
    const res = await ana.put(answerPath(answer.prompt), { body, feelings: [] });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.entry.id, answer.id);
    assert.equal(res.body.entry.body, body);
    assert.equal(res.body.entry.created_at, answer.created_at);
    answer = res.body.entry;
    assert.equal((await ana.get('/api/v1/reflections')).body.answers.length, 1);
  });

  test('any question may be answered, but only a real one, with words or a feeling', async () => {
    const other = questions.prompts.find((p) => p.id !== answer.prompt);
    assert.equal((await ana.put(answerPath(other.id), { body: 'A second one.' })).status, 201);
    assertProblem(await ana.put(answerPath('no_such_question'), { body: 'x' }), 404, 'not-found');
    const empty = await ana.put(answerPath(other.id), { body: '   ' });
    assertProblem(empty, 422, 'validation');
    const kind = await ana.put(answerPath(other.id), { body: 'x', kind: 'hope' });
    assertProblem(kind, 422, 'validation');
    assert.equal(kind.body.errors[0].field, 'kind');
    assertProblem(await ana.put(answerPath(other.id), { body: 'x'.repeat(20_001) }), 422, 'validation');
  });

  test('is never made or unmade through the journal', async () => {
    const made = await ana.post('/api/v1/entries', { kind: 'reflection', body: 'Sneaking one in.' });
    assertProblem(made, 422, 'validation');
    assert.equal(made.body.errors[0].field, 'kind');
    const turned = await ana.patch(entryPath(answer.id), { kind: 'hope' });
    assertProblem(turned, 422, 'validation');
    const edited = await ana.patch(entryPath(answer.id), { body: answer.body });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.body.entry.kind, 'reflection');
  });

  test('shared by its author, it reaches the other like any entry, with its question', async () => {
    await shareEntry(ana, answer.id, ab.id);
    await benEvents.waitFor({ type: 'entry_shared', id: answer.id });
    const shared = (await bondEntries(ben, ab.id)).find((e) => e.id === answer.id);
    assert.equal(shared.kind, 'reflection');
    assert.equal(shared.prompt, answer.prompt);
    assert.equal(shared.body, answer.body);
    assert.ok(shared.responses_offered.includes('hear'));
    // An edit through its question is told to the one it is shared with.
    await ana.put(answerPath(answer.prompt), { body: uniqueText('third thoughts') });
    await benEvents.waitFor({ type: 'entry_updated', id: answer.id });
    const withdrawn = await ana.delete(entryPath(answer.id, `/shares/${enc(ab.id)}`));
    assert.equal(withdrawn.status, 204, withdrawn.text);
    assert.ok(!(await bondEntries(ben, ab.id)).some((e) => e.id === answer.id));
  });
});

// Conversation decks from both sides. Each member answers a prompt alone; until both have, the other
// sees only that you answered — byte for byte the same whatever you wrote, changed or set aside.
// The second answer reveals both together and locks them. Levels open after five revealed prompts of
// the level before; the affection deck is for partners only; the prompt of the day is the same for both.

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { assertProblem } from './lib/client.mjs';
import { utcDay } from './lib/checkins.mjs';
import { connectEvents } from './lib/events.mjs';
import { world } from './lib/fixture.mjs';
import { bondPath, uniqueText } from './lib/inner-world.mjs';

const TIMEOUT = { timeout: 60_000 };
const enc = encodeURIComponent;
const promptPath = (bondId, id, rest = '') => bondPath(bondId, `/prompts/${enc(id)}${rest}`);

let w, ana, ben, ab, sam, friend, decks, anaEvents, benEvents;

const deck = (id) => decks.find((d) => d.id === id);
const openPrompts = (id, level, kind = 'partner') => deck(id).prompts.filter((p) => p.level === level && !p.choices && p.kinds.includes(kind));
const choicePrompts = (level) => deck('love_map').prompts.filter((p) => p.level === level && p.choices);

async function view(person, bondId, id) {
  const res = await person.get(promptPath(bondId, id));
  assert.equal(res.status, 200, res.text);
  return res;
}
async function answer(person, bondId, id, body) {
  const res = await person.put(promptPath(bondId, id, '/answer'), body);
  assert.equal(res.status, 200, res.text);
  return res.body;
}
async function deckList(person, bondId) {
  const res = await person.get(bondPath(bondId, '/decks'));
  assert.equal(res.status, 200, res.text);
  return res.body;
}

before(async () => {
  w = await world({ stranger: 'Sam', other: { c: 'Cleo', d: 'Dev', kind: 'friend' } });
  ({ a: ana, b: ben, bond: ab, stranger: sam } = w);
  friend = w.other;
  decks = (await ana.get('/api/v1/catalog')).body.decks;
  anaEvents = await connectEvents(w.server, ana);
  benEvents = await connectEvents(w.server, ben);
});
after(async () => {
  await anaEvents?.close();
  await benEvents?.close();
  await w?.close();
});

describe('the decks of a bond', TIMEOUT, () => {
  test('partners have all eight, each at level 1; friends never the affection deck', async () => {
    const mine = await deckList(ana, ab.id);
    assert.deepEqual(mine.decks.map((d) => d.id), decks.map((d) => d.id));
    for (const d of mine.decks) {
      assert.equal(d.unlocked, 1);
      assert.deepEqual(d.levels.map((l) => [l.level, l.open, l.revealed]), [[1, true, 0], [2, false, 0], [3, false, 0]]);
      assert.ok(d.levels.every((l) => l.available >= 8), d.id);
    }
    const theirs = await deckList(friend.c, friend.bond.id);
    assert.ok(!theirs.decks.some((d) => d.id === 'affection'));
    assert.equal(theirs.decks.length, 7);
    assertProblem(await friend.c.get(bondPath(friend.bond.id, '/decks/affection')), 404, 'not-found');
    const affection = deck('affection').prompts[0].id;
    assertProblem(await friend.c.get(promptPath(friend.bond.id, affection)), 404, 'not-found');
    assertProblem(await friend.c.put(promptPath(friend.bond.id, affection, '/answer'), { body: 'x' }), 404, 'not-found');
  });

  test('the prompt of the day is the same for both, open, and suited to the bond', async () => {
    const a = await deckList(ana, ab.id);
    const b = await deckList(ben, ab.id);
    assert.deepEqual(a.today, b.today);
    assert.equal(a.today.level, 1);
    assert.equal(a.today.day, utcDay());
    assert.ok(deck(a.today.deck).prompts.some((p) => p.id === a.today.prompt_id));
    assertProblem(await ana.get(bondPath(ab.id, '/decks?day=2020-01-01')), 422, 'validation');
  });

  test('outsiders learn nothing: a stranger gets 404 everywhere', async () => {
    const id = openPrompts('feelings', 1)[0].id;
    for (const path of [bondPath(ab.id, '/decks'), bondPath(ab.id, '/decks/feelings'), promptPath(ab.id, id)])
      assertProblem(await sam.get(path), 404, 'not-found');
    assertProblem(await sam.put(promptPath(ab.id, id, '/answer'), { body: 'x' }), 404, 'not-found');
  });
});

describe('an answer', TIMEOUT, () => {
  test('stays hidden until both answered: the other sees only that you did, byte for byte alike', async () => {
    const id = openPrompts('inner_world', 1)[0].id;
    const before = (await view(ben, ab.id, id)).text;
    const words = uniqueText('the lighthouse');
    const mine = await answer(ana, ab.id, id, { body: words });
    assert.equal(mine.mine.body, words);
    assert.deepEqual(mine.other, { answered: false });
    assert.equal(mine.revealed_at, null);
    await benEvents.waitFor({ type: 'deck_answered', id });
    const seen = await view(ben, ab.id, id);
    assert.deepEqual(seen.body.other, { answered: true });
    assert.equal(seen.body.mine, null);
    assert.ok(!seen.text.includes('lighthouse'));
    assert.notEqual(seen.text, before, 'that she answered is all that changed');
    const toldBen = (await ben.get('/api/v1/notices')).body.notices.filter((n) => n.subject_id === id);
    assert.deepEqual(toldBen.map((n) => n.kind), ['deck_answered'], 'what is new tells Ben, without words');
    assert.ok(!JSON.stringify(toldBen).includes('lighthouse'));
    assert.ok(!(await ana.get('/api/v1/notices')).body.notices.some((n) => n.subject_id === id), 'nothing for Ana herself');

    // Her edit and her "not now" leave Ben's view exactly as it was, and tell him nothing.
    const events = benEvents.raw.length;
    await answer(ana, ab.id, id, { body: uniqueText('the harbour') });
    const skip = await ana.put(promptPath(ab.id, id, '/skip'), { skipped: true });
    assert.equal(skip.status, 200, skip.text);
    assert.equal(skip.body.skipped, true);
    assert.equal((await view(ben, ab.id, id)).text, seen.text);
    assert.equal((await ben.get(bondPath(ab.id, '/decks/inner_world'))).body.prompts.find((p) => p.prompt_id === id).skipped, false);
    await sleep(200);
    assert.equal(benEvents.raw.length, events, 'no event for an edit or a skip');
    assert.ok(!benEvents.raw.join('\n').includes('harbour') && !benEvents.raw.join('\n').includes('lighthouse'));
    await ana.put(promptPath(ab.id, id, '/skip'), { skipped: false });

    // Ben's deck list says one is waiting for him; Ana's that one waits for him.
    assert.equal((await deckList(ben, ab.id)).decks.find((d) => d.id === 'inner_world').waiting_for_you, 1);
    assert.equal((await deckList(ana, ab.id)).decks.find((d) => d.id === 'inner_world').waiting_for_other, 1);

    // Ben answers: both are revealed together, the same for both, and locked.
    const his = await answer(ben, ab.id, id, { body: 'A quiet room with a window.' });
    assert.ok(his.revealed_at);
    assert.equal(his.other.body.includes('harbour'), true);
    await anaEvents.waitFor({ type: 'deck_revealed', id });
    const hers = (await view(ana, ab.id, id)).body;
    assert.equal(hers.other.body, 'A quiet room with a window.');
    assert.equal(hers.revealed_at, his.revealed_at);
    // What is new: Ana is told both answers are open; Ben's "she answered" is old news, gone.
    const news = async (person) => (await person.get('/api/v1/notices')).body.notices.filter((n) => n.subject_id === id).map((n) => n.kind);
    assert.deepEqual(await news(ana), ['deck_revealed']);
    assert.deepEqual(await news(ben), []);
    const locked = await ana.put(promptPath(ab.id, id, '/answer'), { body: 'changed after all' });
    assertProblem(locked, 409, 'answer-locked');
    assert.ok(!locked.text.includes('changed after all'));
  });

  test('a love-map choice: one\'s own choice and a guess, and after the reveal who read whom right', async () => {
    const p = choicePrompts(1)[0];
    const mine = await answer(ana, ab.id, p.id, { choice: 0, guess: 1 });
    assert.deepEqual([mine.mine.choice, mine.mine.guess, mine.mine.guess_right], [0, 1, undefined]);
    const bens = (await view(ben, ab.id, p.id)).body;
    assert.deepEqual(bens.other, { answered: true }, 'no choice and no guess before he answers');
    const his = await answer(ben, ab.id, p.id, { choice: 1, guess: 0 });
    assert.deepEqual([his.mine.guess_right, his.other.choice, his.other.guess, his.other.guess_right], [true, 0, 1, true]);
  });

  test('bad input gets a 422 naming each field, and nothing is kept', async () => {
    const open = openPrompts('feelings', 1)[0].id;
    const choice = choicePrompts(1)[1];
    const cases = [
      [open, {}, ['body']],
      [open, { body: '   ' }, ['body']],
      [open, { body: 'x'.repeat(5001) }, ['body']],
      [open, { body: 'words', choice: 0 }, ['choice']],
      [open, { body: 7 }, ['body']],
      [choice.id, { choice: 0 }, ['guess']],
      [choice.id, { choice: choice.choices.length, guess: 0 }, ['choice']],
      [choice.id, { choice: -1, guess: 0 }, ['choice']],
      [choice.id, { choice: 0, guess: 0, body: 'words' }, ['body']],
      [choice.id, { choice: '0', guess: 0 }, ['choice']],
    ];
    for (const [id, body, fields] of cases) {
      const res = await ana.put(promptPath(ab.id, id, '/answer'), body);
      assertProblem(res, 422, 'validation');
      assert.deepEqual(res.body.errors.map((e) => e.field).sort(), fields, JSON.stringify(body).slice(0, 60));
      assert.ok(!res.text.includes('x'.repeat(40)));
    }
    assert.equal((await view(ana, ab.id, open)).body.mine, null);
    assert.equal((await view(ana, ab.id, choice.id)).body.mine, null);
    assertProblem(await ana.put(promptPath(ab.id, 'no.such.prompt', '/answer'), { body: 'x' }), 404, 'not-found');
    assertProblem(await ana.put(promptPath(ab.id, open, '/skip'), {}), 422, 'validation');
  });
});

describe('levels', TIMEOUT, () => {
  test('level 2 is locked until both revealed five of level 1; then it opens for both', async () => {
    const level2 = openPrompts('feelings', 2)[0].id;
    const locked = await ana.put(promptPath(ab.id, level2, '/answer'), { body: 'Too soon.' });
    assertProblem(locked, 409, 'level-locked');
    assert.equal((await view(ana, ab.id, level2)).body.open, false);
    const five = openPrompts('feelings', 1).slice(1, 6);
    for (const [i, p] of five.entries()) {
      await answer(ana, ab.id, p.id, { body: `Ana, ${i}` });
      await answer(ben, ab.id, p.id, { body: `Ben, ${i}` });
    }
    for (const person of [ana, ben]) {
      const f = (await deckList(person, ab.id)).decks.find((d) => d.id === 'feelings');
      assert.equal(f.unlocked, 2);
      assert.deepEqual(f.levels.map((l) => [l.open, l.revealed]), [[true, 5], [true, 0], [false, 0]]);
    }
    assert.equal((await answer(ana, ab.id, level2, { body: 'Now it opens.' })).open, true);
    // The journey marks the day the level opened, the same for both.
    for (const person of [ana, ben]) {
      const marks = (await person.get(bondPath(ab.id, '/moments'))).body.milestones.filter((m) => m.kind === 'deck_level');
      assert.deepEqual(marks.map((m) => [m.deck, m.level, m.day]), [['feelings', 2, utcDay()]]);
    }
    const other = (await deckList(ana, ab.id)).decks.find((d) => d.id === 'journey');
    assert.equal(other.unlocked, 1, 'each deck opens on its own');
  });
});

describe('an ended bond', TIMEOUT, () => {
  test('leaves each with only their own answers, and nothing can change', async () => {
    const { c: cleo, d: dev, bond } = friend;
    const p = openPrompts('own_space', 1, 'friend')[0].id;
    await answer(cleo, bond.id, p, { body: 'Cleo keeps this.' });
    await answer(dev, bond.id, p, { body: 'Dev keeps this.' });
    const ended = await cleo.post(bondPath(bond.id, '/end'), {});
    assert.equal(ended.status, 200, ended.text);
    const hers = (await view(cleo, bond.id, p)).body;
    assert.equal(hers.mine.body, 'Cleo keeps this.');
    assert.equal(hers.other, null);
    const his = await view(dev, bond.id, p);
    assert.ok(!his.text.includes('Cleo keeps this.'));
    assert.equal(his.body.mine.body, 'Dev keeps this.');
    assertProblem(await dev.put(promptPath(bond.id, openPrompts('own_space', 1, 'friend')[1].id, '/answer'), { body: 'x' }),
      409, 'bond-ended');
    assert.equal((await deckList(cleo, bond.id)).today, null);
  });
});

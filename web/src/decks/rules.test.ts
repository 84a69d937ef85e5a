import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PromptView } from '../api';
import { bothKnewSaid, guessSaid, levelSaid, theirGuessSaid, promptStage, stageSaid, viewStage, waitingSaid } from './rules';

const state = (over: Partial<{ mine: boolean; other: boolean; revealed: boolean; skipped: boolean }>) => ({
  mine: false,
  other: false,
  revealed: false,
  skipped: false,
  ...over,
});

test('a prompt is said from my side', () => {
  assert.equal(stageSaid(promptStage(state({})), 'Ben'), 'Answer');
  assert.equal(stageSaid(promptStage(state({ mine: true })), 'Ben'), 'You answered — waiting for Ben');
  assert.equal(stageSaid(promptStage(state({ other: true })), 'Ben'), 'Ben answered — your turn');
  assert.equal(stageSaid(promptStage(state({ mine: true, other: true, revealed: true })), 'Ben'), 'Read together');
  assert.equal(stageSaid(promptStage(state({ skipped: true })), 'Ben'), 'Set aside');
});

test('set aside gives way once the other answered, and to my own answer', () => {
  assert.equal(promptStage(state({ skipped: true, other: true })), 'your-turn');
  assert.equal(promptStage(state({ skipped: true, mine: true })), 'waiting');
});

test('the answer screen reads the same stage from its view', () => {
  const view: PromptView = { prompt_id: 'p', deck: 'd', level: 1, open: true, skipped: false, mine: null, other: { answered: true }, revealed_at: null };
  assert.equal(viewStage(view), 'your-turn');
  assert.equal(viewStage({ ...view, other: null }), 'answer', 'an ended bond tells nothing of the other');
  assert.equal(viewStage({ ...view, mine: { body: 'x', answered_at: '', updated_at: '' }, revealed_at: '2026-01-01T00:00:00Z' }), 'revealed');
});

test('a level on the path says how far it has opened, without a score', () => {
  const level = (n: number, open: boolean, revealed: number, available = 10) => ({ level: n, open, available, revealed });
  assert.equal(levelSaid(level(2, false, 0), level(1, true, 3)), 'Opens after 5 shared at the level before: 3 of 5');
  assert.equal(levelSaid(level(3, false, 0), level(2, false, 0)), 'Opens after 5 shared at the level before: 0 of 5');
  assert.equal(levelSaid(level(1, true, 0), undefined), 'Open · 10 to share');
  assert.equal(levelSaid(level(1, true, 4), undefined), 'Open · 4 of 10 shared');
  assert.equal(levelSaid(level(1, true, 10), undefined), 'Open · all 10 shared');
});

test('waiting is said only when something waits', () => {
  assert.equal(waitingSaid(0), null);
  assert.equal(waitingSaid(2), '2 waiting for you');
});

test('a missed guess is something to ask about, a matched one something known', () => {
  assert.equal(guessSaid(false, 'Ben'), 'Ask Ben about this.');
  assert.equal(guessSaid(true, 'Ben'), 'You knew this about Ben.');
  assert.equal(bothKnewSaid(true, true), 'You knew this about each other.');
  assert.equal(bothKnewSaid(true, false), null);
  assert.equal(bothKnewSaid(undefined, true), null);
  assert.equal(theirGuessSaid(true, 'Ben'), 'Ben knew this about you.');
  assert.equal(theirGuessSaid(false, 'Ben'), 'Tell Ben about this.');
  for (const said of [theirGuessSaid(false, 'Ben'), guessSaid(false, 'Ben')]) assert.doesNotMatch(said, /\d|wrong|score/i);
});

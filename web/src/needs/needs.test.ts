import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BondNeeds, NeedsResult } from '../api';
import { catalog } from '../insights/fixture.test';
import type { Person } from '../insights/words';
import { danceSaid, monthSaid, monthSplits, needSaid, needsSeries, profilesOf, scaleAt, scoreSaid, seriesRange, showingOf } from './profile';
import { answeredCount, answersBody, firstOpen, progressSaid, scalePoints, startingAnswers } from './questionnaire';

const words = catalog.needs;
const items = words.items;
const all = (value: number) => Object.fromEntries(items.map((i) => [i.id, value]));

function result(id: string, taken_at: string, closeness: number, independence: number, answers = all(4)): NeedsResult {
  return { id, taken_at, closeness, independence, bands: { closeness: 'middle', independence: 'middle' }, answers };
}

test('the scale runs 1 to 7, with the catalog’s words at its ends and middle', () => {
  const points = scalePoints(words);
  assert.deepEqual(points.map((p) => p.value), [1, 2, 3, 4, 5, 6, 7]);
  assert.deepEqual(points.filter((p) => p.label).map((p) => p.value), [1, 4, 7]);
  assert.equal(points[0]!.label, words.scale.labels['1']);
});

test('a first time begins with nothing answered; a retake begins from the last answers', () => {
  assert.deepEqual(startingAnswers(words, undefined), {});
  const last = result('r1', '2026-03-01T10:00:00Z', 5, 3, { ...all(6), retired_statement: 2, [items[0]!.id]: 9 });
  const start = startingAnswers(words, last);
  assert.equal(start.retired_statement, undefined, 'a statement no longer asked is left out');
  assert.equal(start[items[0]!.id], undefined, 'an answer off the scale is asked again');
  assert.equal(start[items[1]!.id], 6);
  assert.equal(firstOpen(items, start), 0, 'begins at the one statement left open');
  assert.equal(firstOpen(items, all(3)), 0, 'everything answered: from the start');
  assert.equal(firstOpen(items, { [items[0]!.id]: 2 }), 1);
  assert.equal(answeredCount(items, start), items.length - 1);
});

test('the answers are sent only when every statement has one', () => {
  assert.equal(answersBody(words, {}), null);
  const nearly = all(4);
  delete nearly[items.at(-1)!.id];
  assert.equal(answersBody(words, nearly), null);
  assert.equal(answersBody(words, { ...all(4), [items[2]!.id]: 8 }), null);
  assert.deepEqual(answersBody(words, { ...all(4), extra: 3 }), all(4), 'only the catalog’s statements');
  assert.equal(progressSaid(4, 16), 'Statement 5 of 16');
});

test('a score is said with one decimal at most, and placed along the scale', () => {
  assert.equal(scoreSaid(5.4375), '5.4');
  assert.equal(scoreSaid(5), '5');
  assert.equal(scoreSaid(4.96), '5');
  assert.equal(needSaid(words, 'independence', 3.25), `${words.needs.independence.name}: 3.3 of 7`);
  assert.equal(scaleAt(words, 1, 300), 0);
  assert.equal(scaleAt(words, 7, 300), 300);
  assert.equal(scaleAt(words, 4, 300), 150);
  assert.equal(scaleAt(words, 9, 300), 300, 'never off the end');
});

test('the history runs oldest first, with room either side', () => {
  const results = [result('b', '2026-05-01T09:00:00Z', 6, 3), result('a', '2025-05-01T09:00:00Z', 4.5, 5)];
  const series = needsSeries(results);
  assert.deepEqual(series.closeness, [4.5, 6]);
  assert.deepEqual(series.independence, [5, 3]);
  assert.ok(series.xs[0]! < series.xs[1]!);
  const [from, to] = seriesRange(series);
  assert.ok(from < series.xs[0]! && to > series.xs[1]!);
  assert.ok(to - series.xs[1]! < 0.1 * (series.xs[1]! - series.xs[0]!), 'a year of results: only a little room');
  const close = needsSeries([result('b', '2026-05-02T09:00:00Z', 6, 3), result('a', '2026-05-01T09:00:00Z', 4.5, 5)]);
  const [a, b] = seriesRange(close);
  assert.equal(b - a, 90 * 86_400, 'a day apart: three months wide, the two in the middle');
  assert.equal(close.xs[0]! - a, b - close.xs[1]!);
  assert.match(monthSaid(series.xs[0]!), /2025/);
});

test('the history’s axis names each month once, or every few months over the years', () => {
  const at = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;
  const days = (splits: number[]) => splits.map((s) => new Date(s * 1000).toISOString().slice(0, 10));
  assert.deepEqual(days(monthSplits([at('2026-10-18'), at('2027-01-15')], 4)), ['2026-11-01', '2026-12-01', '2027-01-01']);
  assert.deepEqual(days(monthSplits([at('2026-10-18'), at('2027-01-15')], 2)), ['2026-11-01', '2027-01-01'], 'every other month');
  assert.deepEqual(days(monthSplits([at('2022-05-01'), at('2026-05-01')], 5)), ['2023-01-01', '2024-01-01', '2025-01-01', '2026-01-01']);
  assert.deepEqual(monthSplits([at('2026-10-02'), at('2026-10-20')], 4), [], 'no first of a month within');
});

const ada: Person = { id: 'a', name: 'Ada', you: false };
const ben: Person = { id: 'b', name: 'Ben', you: false };
const as = (viewer: string) => [ada, ben].map((p) => ({ ...p, you: p.id === viewer }));
const scores = (c: number, i: number) => ({ taken_at: '2026-03-01T10:00:00Z', closeness: c, independence: i, bands: { closeness: 'middle' as const, independence: 'middle' as const } });

function view(a: ReturnType<typeof scores> | null, b: ReturnType<typeof scores> | null, dance: BondNeeds['dance'] = null, aShown = a !== null): BondNeeds {
  return { members: [{ member_id: 'a', shown: aShown, result: a }, { member_id: 'b', shown: b !== null, result: b }], dance };
}

test('the reader’s profile comes first; what shows depends on the scores sent', () => {
  const v = view(scores(5, 3), null);
  assert.deepEqual(profilesOf(v, as('b')).map((p) => p.person.name), ['Ben', 'Ada']);
  assert.equal(showingOf(profilesOf(v, as('b'))), 'theirs');
  assert.equal(showingOf(profilesOf(v, as('a'))), 'mine');
  assert.equal(showingOf(profilesOf(view(null, null), as('a'))), 'neither');
  assert.equal(showingOf(profilesOf(view(null, null, null, true), as('a'))), 'neither', 'chosen to show, nothing answered yet');
  assert.equal(showingOf(profilesOf(view(scores(5, 3), scores(4, 4)), as('a'))), 'both');
});

test('the dance names each member by name, or a lower-case “you”', () => {
  const v = view(scores(6, 3), scores(3, 6), { state: 'closer_and_roomier', closer: 'a', roomier: 'b', other: null });
  const toAda = danceSaid(words, v, as('a'))!;
  const toBen = danceSaid(words, v, as('b'))!;
  assert.match(toAda.sentence, /\byou would like a little more closeness, and Ben a little more/);
  assert.match(toBen.sentence, /\bAda would like a little more closeness, and you a little more/);
  assert.equal(toAda.suggestion, words.dance.states.closer_and_roomier!.suggestion);
  assert.equal(danceSaid(words, view(scores(5, 3), null), as('a')), null, 'no dance unless both show');
});

test('every state of the dance has words that read right with a name or with “you”', () => {
  const states = ['alike', 'closer_and_roomier', 'closeness_differs', 'room_differs', 'more_of_both'];
  assert.deepEqual(Object.keys(words.dance.states).sort(), [...states].sort());
  for (const state of states) {
    for (const viewer of ['a', 'b']) {
      const v = view(scores(5, 5), scores(3, 3), { state, closer: 'a', roomier: state === 'closeness_differs' ? null : 'a', other: 'b' });
      const said = danceSaid(words, v, as(viewer))!;
      for (const text of [said.sentence, said.suggestion]) {
        assert.doesNotMatch(text, /\{|\}|one of you/, `${state}: every slot filled`);
        assert.doesNotMatch(text, /\byou (is|was|has|leans|needs|wants|looks)\b/, `${state}: “you” takes its verb`);
        assert.match(text, /^[A-Z"]/, `${state}: starts with a capital`);
      }
    }
  }
});

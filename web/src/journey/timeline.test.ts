import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Deck, Moment } from '../api';
import { catalog } from '../insights/fixture.test';
import { TITLE_MAX, backdropPaths, draftOf, milestoneKey, milestoneSaid, momentBody, momentProblems, timeline } from './timeline';

const words = catalog.journey;

function moment(id: string, day: string, created_at = `${day}T12:00:00Z`): Moment {
  return {
    id,
    bond_id: 'bond1',
    day,
    kind: 'high',
    title: `Moment ${id}`,
    note: null,
    author: { id: 'a', display_name: 'Ada' },
    mine: true,
    created_at,
    updated_at: created_at,
  };
}

test('the timeline runs newest first, in years, the bond’s beginning last', () => {
  const years = timeline({
    moments: [moment('m1', '2025-06-01'), moment('m2', '2026-02-10'), moment('m3', '2026-02-10', '2026-02-11T08:00:00Z')],
    milestones: [
      { kind: 'began', day: '2025-03-01', count: 0 },
      { kind: 'first_reveal', day: '2025-03-01', count: 0 },
      { kind: 'days_both', day: '2026-02-10', count: 50 },
    ],
  });
  assert.deepEqual(years.map((y) => y.year), ['2026', '2025']);
  const ids = years.flatMap((y) => y.items.map((i) => (i.type === 'moment' ? i.moment.id : i.milestone.kind)));
  assert.deepEqual(ids, ['m3', 'm2', 'days_both', 'm1', 'first_reveal', 'began'], 'on one day: moments first, the later added first; the beginning last');
  assert.deepEqual(timeline({ moments: [], milestones: [] }), []);
});

test('milestones speak the catalog’s words, with the count filled in', () => {
  assert.equal(milestoneSaid(words, { kind: 'began', day: '2025-03-01', count: 0 }), words.milestones.began);
  const fifty = milestoneSaid(words, { kind: 'days_both', day: '2025-05-01', count: 50 });
  assert.match(fifty, /\b50\b/);
  assert.doesNotMatch(fifty, /\{count\}/);
});

test('a conversation level opened is said with the level’s name and the deck’s title', () => {
  const decks = [JSON.parse(readFileSync(path.join(process.env.PILLARS_WEB_DIR ?? process.cwd(), '..', 'content', 'decks', 'feelings.json'), 'utf8')) as Deck];
  const opened = { kind: 'deck_level' as const, day: '2026-03-01', count: 0, deck: 'feelings', level: 2 };
  const said = milestoneSaid(words, opened, decks);
  const [feelings] = decks;
  assert.ok(feelings && said.includes(feelings.title), said);
  assert.ok(said.includes(feelings.levels[1]?.name ?? '?'), said);
  assert.doesNotMatch(said, /[{}]|undefined/);
  assert.doesNotMatch(milestoneSaid(words, { ...opened, deck: 'gone' }, decks), /[{}]|undefined/, 'a deck no longer there still reads');
  const other = { ...opened, deck: 'journey' };
  assert.notEqual(milestoneKey(opened), milestoneKey(other), 'two levels on one day have keys of their own');
});

test('a moment needs a day that has come and a title of one line, up to 120 characters', () => {
  const today = '2026-03-01';
  const ok = { day: '2026-02-28', kind: 'low' as const, title: 'A hard week', note: null };
  assert.deepEqual(momentProblems(ok, today), {});
  assert.deepEqual(Object.keys(momentProblems({ ...ok, title: '  ' }, today)), ['title']);
  assert.deepEqual(Object.keys(momentProblems({ ...ok, day: '2026-03-02' }, today)), ['day']);
  assert.deepEqual(Object.keys(momentProblems({ ...ok, day: '' }, today)), ['day']);
  assert.deepEqual(momentProblems({ ...ok, title: '🌊'.repeat(TITLE_MAX) }, today), {}, 'characters, not UTF-16 units');
  assert.deepEqual(Object.keys(momentProblems({ ...ok, title: 'x'.repeat(TITLE_MAX + 1) }, today)), ['title']);
  assert.deepEqual(Object.keys(momentProblems({ ...ok, note: 'x'.repeat(5001) }, today)), ['note']);
});

test('what is sent: the title on one line, an empty note as none', () => {
  assert.deepEqual(momentBody({ day: '2026-02-28', kind: 'high', title: '  Our first\ntrip  ', note: '   ' }), {
    day: '2026-02-28',
    kind: 'high',
    title: 'Our first trip',
    note: null,
  });
  assert.equal(momentBody({ day: '2026-02-28', kind: 'high', title: 'x', note: ' Sea air. ' }).note, 'Sea air.');
  assert.deepEqual(draftOf(null, '2026-03-01'), { day: '2026-03-01', kind: 'high', title: '', note: null });
  assert.equal(draftOf(moment('m1', '2025-06-01'), '2026-03-01').title, 'Moment m1');
});

test('the closeness behind the journey: a line per member, newest at the top, none before two days', () => {
  assert.deepEqual(backdropPaths([{ day: '2026-01-01', now: [3, 5] }], 100, 1000), []);
  const paths = backdropPaths(
    [
      { day: '2026-01-01', now: [1, 7] },
      { day: '2026-01-02', now: [7, 1] },
    ],
    100,
    1000,
  );
  assert.equal(paths.length, 2);
  // Two days smooth to their mean; the oldest sits at the bottom.
  assert.equal(paths[0], 'M50.0 1000.0L50.0 0.0');
  const long = backdropPaths(Array.from({ length: 60 }, (_, i) => ({ day: `d${i}`, now: [i % 2 ? 7 : 1, 4] })), 100, 1000);
  const xs = long[0]!.split('L').map((p) => Number(p.replace('M', '').split(' ')[0]));
  assert.ok(xs.every((x) => x > 35 && x < 65), `a jumpy line is smoothed (${Math.min(...xs)} to ${Math.max(...xs)})`);
  assert.match(long[1]!, /^M50\.0 1000\.0(L50\.0 [\d.]+)+$/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chartRange, closenessChart, closenessSeries, dayToSeconds, latestBalance, tableDay, tableRows } from './series';
import { bondInsights } from './fixture.test';

test('the chart’s lines: the reader’s felt and wanted first, then the other’s', () => {
  const s = closenessSeries(bondInsights(), 'b');
  assert.deepEqual(s.days, ['2026-02-27', '2026-03-01']);
  assert.deepEqual(s.xs, [dayToSeconds('2026-02-27'), dayToSeconds('2026-03-01')]);
  assert.deepEqual(
    s.lines.map((l) => [l.person.name, l.kind, l.values]),
    [
      ['Ben', 'now', [3, 2]],
      ['Ben', 'wanted', [5, 6]],
      ['Ada', 'now', [4, 5]],
      ['Ada', 'wanted', [4, 5]],
    ],
  );
});

test('a day is placed at its start in UTC', () => {
  assert.equal(new Date(dayToSeconds('2026-03-01') * 1000).toISOString(), '2026-03-01T00:00:00.000Z');
});

test('the table lists the newest day first, values in the order of the lines', () => {
  const rows = tableRows(closenessSeries(bondInsights(), 'a'));
  assert.deepEqual(rows, [
    { day: '2026-03-01', values: [5, 5, 2, 6] },
    { day: '2026-02-27', values: [4, 4, 3, 5] },
  ]);
});

test('the balance is the latest day both answered, for each of them', () => {
  const b = latestBalance(bondInsights(), 'a')!;
  assert.equal(b.day, '2026-03-01');
  assert.deepEqual(b.people.map((p) => [p.person.name, p.now, p.wanted]), [['Ada', 5, 5], ['Ben', 2, 6]]);
  assert.equal(latestBalance(bondInsights((i) => (i.closeness.series = [])), 'a'), null);
});

test('a table day is its weekday and its date, in the reader’s language, in UTC', () => {
  const [weekday, date] = tableDay('2026-03-01');
  assert.equal(weekday, new Intl.DateTimeFormat(undefined, { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2026, 2, 1)));
  assert.match(date, /1/);
  assert.doesNotMatch(date, /2026/);
});

test('the chart runs from the first day both answered to the end of the window', () => {
  const s = closenessSeries(bondInsights(), 'a');
  assert.deepEqual(chartRange(s, '2025-03-02', '2026-03-01'), [dayToSeconds('2026-02-27'), dayToSeconds('2026-03-01')]);
  assert.deepEqual(chartRange(s, '2026-02-28', '2026-03-01'), [dayToSeconds('2026-02-28'), dayToSeconds('2026-03-01')]);
  const none = closenessSeries(bondInsights((i) => (i.closeness.series = [])), 'a');
  assert.deepEqual(chartRange(none, '2026-02-02', '2026-03-01'), [dayToSeconds('2026-02-02'), dayToSeconds('2026-03-01')]);
  const one = closenessSeries(bondInsights((i) => (i.closeness.series = i.closeness.series.slice(1))), 'a');
  assert.deepEqual(chartRange(one, '2026-02-02', '2026-03-01'), [dayToSeconds('2026-03-01'), dayToSeconds('2026-03-02')], 'a day of width at least');
});

test('the chart draws the reader in the first colour and wider, dots only while the days have room', () => {
  const series = closenessSeries(bondInsights(), 'b');
  const wide = closenessChart(series, '2026-02-02', '2026-03-01', 800);
  assert.deepEqual(wide.lines.map((l) => [l.colour, l.width, l.dash ?? null, l.hollow]), [
    ['--circle-one', 4, null, false],
    ['--circle-one', 3.5, [9, 6], true],
    ['--circle-two', 2, null, false],
    ['--circle-two', 2, [7, 5], true],
  ]);
  assert.ok(wide.lines.every((l) => l.dot > 0), 'a few days in 800 pixels: dots');
  assert.deepEqual(wide.x, chartRange(series, '2026-02-02', '2026-03-01'));
  const year = closenessChart(series, '2025-03-02', '2026-03-01', 300);
  assert.ok(year.lines.every((l) => l.dot > 0), 'the range starts at the first day both answered');
  const crowded = closenessChart({ ...series, xs: [dayToSeconds('2025-03-02'), ...series.xs.slice(1)] }, '2025-03-02', '2026-03-01', 300);
  assert.ok(crowded.lines.every((l) => l.dot === 0), 'a year in 300 pixels: the lines alone');
});

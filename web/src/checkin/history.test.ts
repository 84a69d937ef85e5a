import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Checkin, CheckinDay } from '../api';
import {
  addMonths,
  byDay,
  dayLabel,
  daysInMonth,
  firstMonth,
  isDay,
  markOf,
  monthOf,
  monthRange,
  monthSteps,
  monthTitle,
  monthToShow,
  monthWeeks,
  parseMonth,
  weekdayNames,
} from './history';

test('months step across years', () => {
  assert.equal(addMonths('2025-01', -1), '2024-12');
  assert.equal(addMonths('2024-12', 1), '2025-01');
  assert.equal(addMonths('2025-03', 0), '2025-03');
  assert.equal(addMonths('2025-03', -15), '2023-12');
  assert.equal(addMonths('2025-11', 14), '2027-01');
  assert.equal(monthOf('2025-03-14'), '2025-03');
});

test('a month has its own number of days, leap years included', () => {
  assert.equal(daysInMonth('2024-02'), 29);
  assert.equal(daysInMonth('2025-02'), 28);
  assert.equal(daysInMonth('1900-02'), 28);
  assert.equal(daysInMonth('2000-02'), 29);
  assert.equal(daysInMonth('2025-04'), 30);
  assert.equal(daysInMonth('2025-12'), 31);
  assert.deepEqual(monthRange('2024-02'), { from: '2024-02-01', to: '2024-02-29' });
});

test('only real months and days are taken from an address', () => {
  assert.equal(parseMonth('2025-03'), '2025-03');
  for (const bad of ['2025-13', '2025-00', '2025-3', 'March', '', null, undefined, '2025-03-01']) assert.equal(parseMonth(bad), null, String(bad));
  assert.equal(isDay('2024-02-29'), true);
  assert.equal(isDay('2025-02-29'), false);
  assert.equal(isDay('2025-04-31'), false);
  assert.equal(isDay('2025-4-01'), false);
  assert.equal(isDay('yesterday'), false);
});

test('weeks run from Monday to Sunday, with empty places around the month', () => {
  // 1 March 2025 was a Saturday; 31 March a Monday.
  const weeks = monthWeeks('2025-03');
  assert.equal(weeks.length, 6);
  assert.ok(weeks.every((w) => w.length === 7));
  assert.deepEqual(weeks[0], [null, null, null, null, null, '2025-03-01', '2025-03-02']);
  assert.deepEqual(weeks[5], ['2025-03-31', null, null, null, null, null, null]);
  assert.equal(weeks.flat().filter(Boolean).length, 31);
  // February 2021 began on a Monday and fills exactly four weeks.
  const feb = monthWeeks('2021-02');
  assert.equal(feb.length, 4);
  assert.equal(feb[0]![0], '2021-02-01');
  assert.equal(feb[3]![6], '2021-02-28');
});

const checkin = (name: string): Checkin => ({
  day: '2025-03-04',
  from: { id: name, display_name: name },
  feelings: [{ word: 'content', family: 'calm', intensity: 3 }],
  primary_family: 'calm',
  closeness_now: 4,
  closeness_wanted: 5,
  need: 'fine',
  own_minutes: 0,
  together_minutes: 0,
  guess: { family: 'calm', closeness_now: 4, family_right: null, closeness_right: null },
  created_at: '',
});

test('a day is marked from one’s own side: together once revealed, only you before', () => {
  const revealed: CheckinDay = { day: '2025-03-04', revealed: true, mine: checkin('me'), partner: checkin('them') };
  const mineAlone: CheckinDay = { day: '2025-03-05', revealed: false, mine: checkin('me') };
  const theyAreIn: CheckinDay = { day: '2025-03-06', revealed: false, mine: checkin('me'), partner: { status: 'checked_in' } };
  const waiting: CheckinDay = { day: '2025-03-07', revealed: false, mine: checkin('me'), partner: { status: 'waiting' } };
  assert.equal(markOf(revealed), 'together');
  assert.equal(markOf(mineAlone), 'only_you');
  assert.equal(markOf(theyAreIn), 'only_you', 'whether the other answered does not change the mark');
  assert.equal(markOf(waiting), 'only_you');
  assert.equal(markOf(undefined), 'none');
  assert.equal(markOf({ day: '2025-03-08', revealed: false, mine: null, partner: { status: 'checked_in' } }), 'none', 'a day of the other’s alone is not marked');
  assert.equal(byDay([revealed, mineAlone]).get('2025-03-05'), mineAlone);
});

test('the months one can go to: from the bond’s first to this one', () => {
  assert.deepEqual(monthSteps('2025-03', '2025-01', '2025-05'), { previous: '2025-02', next: '2025-04' });
  assert.deepEqual(monthSteps('2025-01', '2025-01', '2025-05'), { previous: null, next: '2025-02' });
  assert.deepEqual(monthSteps('2025-05', '2025-01', '2025-05'), { previous: '2025-04', next: null });
  assert.deepEqual(monthSteps('2025-05', '2025-05', '2025-05'), { previous: null, next: null });
  assert.equal(monthToShow(null, '2025-01', '2025-05'), '2025-05', 'this month by default');
  assert.equal(monthToShow('2025-02', '2025-01', '2025-05'), '2025-02');
  assert.equal(monthToShow('2026-01', '2025-01', '2025-05'), '2025-05', 'not after this month');
  assert.equal(monthToShow('2020-01', '2025-01', '2025-05'), '2025-01', 'not before the bond');
  assert.equal(monthToShow('nonsense', '2025-01', '2025-05'), '2025-05');
});

test('names of months, weekdays and days', () => {
  assert.equal(monthTitle('2025-03', 'en-GB'), 'March 2025');
  const names = weekdayNames('en-GB');
  assert.equal(names.length, 7);
  assert.deepEqual(names[0], { short: 'Mon', long: 'Monday' });
  assert.deepEqual(names[6], { short: 'Sun', long: 'Sunday' });
  assert.equal(dayLabel('2025-03-04', 'together', 'en-GB'), 'Tuesday 4 March: you both checked in');
  assert.equal(dayLabel('2025-03-05', 'only_you', 'en-GB'), 'Wednesday 5 March: only your check-in');
  assert.equal(dayLabel('2025-03-06', 'none', 'en-GB'), 'Thursday 6 March: no check-in');
});

test('the first month is that of the day before the bond began', () => {
  const utcDay = (d: Date) => d.toISOString().slice(0, 10);
  assert.equal(firstMonth('2025-03-14T10:00:00Z', utcDay), '2025-03');
  assert.equal(firstMonth('2025-03-01T00:30:00Z', utcDay), '2025-02', 'a check-in dated the day before still shows');
  assert.equal(firstMonth('2025-01-01T08:00:00Z', utcDay), '2024-12');
});

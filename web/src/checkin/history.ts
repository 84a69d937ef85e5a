// The rules of the check-in history, as plain functions: months and their weeks, which days to
// mark and how, and what each day is called. A day is marked from one's own side only: "together"
// once it is revealed, "only you" while it holds just one's own check-in. Nothing of the other's
// answers, nor whether they answered a day that did not open, ever decides a mark.
import type { CheckinDay } from '../api';

/** A month as YYYY-MM. */
export type Month = string;

export type DayMark = 'together' | 'only_you' | 'none';

const pad = (n: number) => String(n).padStart(2, '0');

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;
const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2025-03" from "2025-03-14". */
export function monthOf(day: string): Month {
  return day.slice(0, 7);
}

/** A month named in an address, or null when it is not one. */
export function parseMonth(value: string | null | undefined): Month | null {
  return value && monthPattern.test(value) ? value : null;
}

/** Whether `value` is a real calendar day, YYYY-MM-DD. */
export function isDay(value: string): boolean {
  const m = dayPattern.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(`${m[1]}-${m[2]}`) && y > 0;
}

function parts(month: Month): [number, number] {
  const m = monthPattern.exec(month);
  if (!m) throw new Error(`not a month: ${month}`);
  return [Number(m[1]), Number(m[2])];
}

/** The month `n` months after `month` (before, for a negative `n`). */
export function addMonths(month: Month, n: number): Month {
  const [y, m] = parts(month);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

export function daysInMonth(month: Month): number {
  const [y, m] = parts(month);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The first and last day of a month, for asking the server (a month is well under 366 days). */
export function monthRange(month: Month): { from: string; to: string } {
  return { from: `${month}-01`, to: `${month}-${pad(daysInMonth(month))}` };
}

/** 0 for Monday to 6 for Sunday. */
function weekdayOf(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return (new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay() + 6) % 7;
}

/**
 * The month as weeks from Monday to Sunday, each seven places: a day (YYYY-MM-DD), or null before
 * the first and after the last.
 */
export function monthWeeks(month: Month): (string | null)[][] {
  const count = daysInMonth(month);
  const cells: (string | null)[] = Array.from({ length: weekdayOf(`${month}-01`) }, () => null);
  for (let d = 1; d <= count; d++) cells.push(`${month}-${pad(d)}`);
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** How a day is marked, from one's own side only. */
export function markOf(day: CheckinDay | undefined): DayMark {
  if (!day || !day.mine) return 'none';
  return day.revealed ? 'together' : 'only_you';
}

/** The days of a list by date, for looking them up while drawing the month. */
export function byDay(days: readonly CheckinDay[]): Map<string, CheckinDay> {
  return new Map(days.map((d) => [d.day, d]));
}

/**
 * The first month with anything to show: the month of the day before the bond began, since a
 * check-in may be dated a day either side of the server's date. `localDay` turns a time into a
 * day on this device's calendar.
 */
export function firstMonth(createdAt: string, localDay: (date: Date) => string): Month {
  const at = Date.parse(createdAt);
  return monthOf(localDay(new Date((Number.isNaN(at) ? Date.now() : at) - 24 * 60 * 60 * 1000)));
}

/** Which months can be reached from `month`: none before the bond began, none after this one. */
export function monthSteps(month: Month, first: Month, last: Month): { previous: Month | null; next: Month | null } {
  return {
    previous: month > first ? addMonths(month, -1) : null,
    next: month < last ? addMonths(month, 1) : null,
  };
}

/** The month to show: the one asked for, kept between the bond's first month and this one. */
export function monthToShow(asked: string | null | undefined, first: Month, last: Month): Month {
  const month = parseMonth(asked) ?? last;
  if (month > last) return last;
  if (month < first && first <= last) return first;
  return month;
}

const utcNoon = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!, 12));
};

/** "March 2025". */
export function monthTitle(month: Month, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utcNoon(`${month}-01`));
}

/** Monday to Sunday, short and in full, for the calendar's column headings. */
export function weekdayNames(locale?: string): { short: string; long: string }[] {
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => {
    const date = utcNoon(`2024-01-${pad(i + 1)}`);
    return {
      short: new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(date),
      long: new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(date),
    };
  });
}

/** "Tuesday 4 March". */
export function dayName(day: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    utcNoon(day),
  );
}

/** What the mark says, in a few words. */
export const markWords: Record<DayMark, string> = {
  together: 'you both checked in',
  only_you: 'only your check-in',
  none: 'no check-in',
};

/** The whole name of a day in the calendar: "Tuesday 4 March: you both checked in". */
export function dayLabel(day: string, mark: DayMark, locale?: string): string {
  return `${dayName(day, locale)}: ${markWords[mark]}`;
}

// The closeness chart's numbers: felt ("now") and wanted for both members on each day both
// answered, the reader first, for the chart, the table beside it and the latest day's balance.
import type { BondInsights } from '../api';
import { CLOSENESS_MAX, CLOSENESS_MIN } from '../checkin/words';
import type { LineChart } from '../ui/plot';
import { peopleOf, type Person } from './words';

export interface Line {
  person: Person;
  kind: 'now' | 'wanted';
  values: number[];
}

export interface ClosenessSeries {
  /** Each day, YYYY-MM-DD, oldest first. */
  days: string[];
  /** Seconds since the epoch at the start of each day, in UTC: the chart's x. */
  xs: number[];
  /** The reader's felt and wanted, then the other's. */
  lines: Line[];
}

/**
 * The start of a YYYY-MM-DD day in UTC, in seconds: the chart's x. The chart and the tables write
 * their dates in UTC too, so a day is never shown as the one before or after.
 */
export function dayToSeconds(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 1000;
}

export function closenessSeries(insights: BondInsights, viewerId: string): ClosenessSeries {
  const people = peopleOf(insights.members, viewerId);
  const series = insights.closeness.series;
  const index = (p: Person) => insights.members.findIndex((m) => m.id === p.id);
  const lines: Line[] = [];
  for (const person of people) {
    const i = index(person);
    lines.push({ person, kind: 'now', values: series.map((s) => s.now[i] ?? Number.NaN) });
    lines.push({ person, kind: 'wanted', values: series.map((s) => s.wanted[i] ?? Number.NaN) });
  }
  return { days: series.map((s) => s.day), xs: series.map((s) => dayToSeconds(s.day)), lines };
}

export interface Balance {
  day: string;
  people: { person: Person; now: number; wanted: number }[];
}

/** The latest day both answered: how close each felt and wanted to be. Null before any. */
export function latestBalance(insights: BondInsights, viewerId: string): Balance | null {
  const { days, lines } = closenessSeries(insights, viewerId);
  const last = days.length - 1;
  if (last < 0) return null;
  const people = peopleOf(insights.members, viewerId).map((person) => {
    const of = (kind: Line['kind']) => lines.find((l) => l.person.id === person.id && l.kind === kind)?.values[last] ?? Number.NaN;
    return { person, now: of('now'), wanted: of('wanted') };
  });
  return { day: days[last]!, people };
}

/** The table's rows: newest day first, each with the values in the order of `lines`. */
export function tableRows(series: ClosenessSeries): { day: string; values: number[] }[] {
  return series.days.map((day, i) => ({ day, values: series.lines.map((l) => l.values[i] ?? Number.NaN) })).reverse();
}

const short = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short', timeZone: 'UTC' });

/** "1 Mar" for a time in seconds: the chart's days. */
export const shortDay = (seconds: number): string => short.format(new Date(seconds * 1000));

/** ["Sun", "1 Mar"] for a YYYY-MM-DD day: the table's rows, which may put the two on two lines. */
export function tableDay(day: string): [string, string] {
  const at = new Date(dayToSeconds(day) * 1000);
  return [weekday.format(at), short.format(at)];
}

/**
 * The chart's x range: from the first day both answered (or the window's first day, if later) to
 * the window's last, so a long window over a short history does not squeeze the days into a corner.
 */
export function chartRange(series: ClosenessSeries, from: string, to: string): [number, number] {
  const first = series.xs[0];
  const start = first === undefined ? dayToSeconds(from) : Math.max(dayToSeconds(from), first);
  return [start, Math.max(start + 86_400, dayToSeconds(to))];
}

/**
 * The closeness chart for a box `width` wide. The reader's lines are drawn first and wider, so
 * where both gave the same answer the other's line runs along the middle of the reader's and both
 * stay in sight; a dot on each day while the days have room to be told apart.
 */
export function closenessChart(series: ClosenessSeries, from: string, to: string, width: number): LineChart {
  const x = chartRange(series, from, to);
  const dots = width / Math.max(1, (x[1] - x[0]) / 86_400) >= 14;
  return {
    xs: series.xs,
    x,
    y: [CLOSENESS_MIN - 0.4, CLOSENESS_MAX + 0.4],
    ySplits: [1, 2, 3, 4, 5, 6, 7],
    xLabel: shortDay,
    lines: series.lines.map((line) => {
      const you = line.person.you;
      const now = line.kind === 'now';
      return {
        values: line.values,
        colour: you ? '--circle-one' : '--circle-two',
        width: you ? (now ? 4 : 3.5) : 2,
        ...(now ? {} : { dash: you ? [9, 6] : [7, 5] }),
        dot: dots ? (you ? 9 : 6) : 0,
        hollow: !now,
      };
    }),
  };
}

// The two needs said and drawn, as plain rules: a score in words and on a scale, one's results over
// time, and a bond's view from the reader's side (the reader first, the dance with names or "you").
import type { BondNeeds, NeedId, NeedsResult, NeedsScores, NeedsWords } from '../api';
import { dayToSeconds } from '../insights/series';
import { fillPeople, type Person } from '../insights/words';

/** A score as people read it: "5.4", "5" (one decimal, none for a whole number). */
export const scoreSaid = (score: number): string => String(Math.round(score * 10) / 10);

/** "Closeness: 5.4 of 7". */
export const needSaid = (words: NeedsWords, need: NeedId, score: number): string =>
  `${words.needs[need].name}: ${scoreSaid(score)} of ${words.scale.max}`;

/** Where a score sits along a scale `width` long: min at 0, max at width. */
export function scaleAt(words: NeedsWords, score: number, width: number): number {
  const { min, max } = words.scale;
  const clamped = Math.min(max, Math.max(min, score));
  return Math.round(((clamped - min) / (max - min)) * width * 10) / 10;
}

/** The day a result was taken, YYYY-MM-DD in UTC (the server keeps the time). */
export const takenDay = (r: Pick<NeedsScores, 'taken_at'>): string => r.taken_at.slice(0, 10);

export interface NeedsSeries {
  /** Each result, oldest first: the time it was taken, in seconds. */
  xs: number[];
  closeness: number[];
  independence: number[];
}

/** One's results over time for the chart, oldest first (the server lists them newest first). */
export function needsSeries(results: readonly NeedsResult[]): NeedsSeries {
  const oldest = [...results].sort((a, b) => a.taken_at.localeCompare(b.taken_at));
  return {
    xs: oldest.map((r) => Math.floor(Date.parse(r.taken_at) / 1000)),
    closeness: oldest.map((r) => r.closeness),
    independence: oldest.map((r) => r.independence),
  };
}

/**
 * The chart's x range: the first result to the last, with a little room, and at least three months
 * wide (the axis is labelled by month, and results taken days apart still stand apart).
 */
export function seriesRange(series: NeedsSeries): [number, number] {
  const first = series.xs[0] ?? dayToSeconds('2000-01-01');
  const last = series.xs[series.xs.length - 1] ?? first;
  const room = Math.max(45 * 86_400 - (last - first) / 2, (last - first) * 0.05);
  return [first - room, last + room];
}

const month = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "Mar 2026" for a time in seconds: the history chart's axis. */
export const monthSaid = (seconds: number): string => month.format(new Date(seconds * 1000));

/**
 * Where the history chart's axis is labelled: the first of a month (UTC) within the range, every
 * month or every few, so that at most `most` labels are shown and no month is named twice.
 */
export function monthSplits([from, to]: [number, number], most: number): number[] {
  const first = new Date(from * 1000);
  const at = (n: number) => Date.UTC(Math.floor(n / 12), n % 12, 1) / 1000;
  // Each month whose first day is in the range, counted in months since the year 0.
  const months: number[] = [];
  for (let n = first.getUTCFullYear() * 12 + first.getUTCMonth() + 1; at(n) <= to; n++) months.push(n);
  const every = [1, 2, 3, 6, 12, 24, 60, 120].find((e) => months.filter((n) => n % e === 0).length <= most) ?? 120;
  return months.filter((n) => n % every === 0).map(at);
}

/** A member of a bond as its view shows them: shown or not, with the scores they show. */
export interface Profile {
  person: Person;
  /** For the reader, their own choice; for the other, whether a result is shown. */
  shown: boolean;
  result: NeedsScores | null;
}

/** The bond's members from the reader's side: the reader first. */
export function profilesOf(view: BondNeeds, people: readonly Person[]): Profile[] {
  const profiles = view.members.flatMap((m) => {
    const person = people.find((p) => p.id === m.member_id);
    return person ? [{ person, shown: m.shown, result: m.result }] : [];
  });
  return [...profiles.filter((p) => p.person.you), ...profiles.filter((p) => !p.person.you)];
}

/**
 * What the bond sees: both profiles, only the reader's, only the other's, or neither. The reader's
 * counts as seen only once it has a result to show; the other's only when the server sends it.
 */
export type Showing = 'both' | 'mine' | 'theirs' | 'neither';

export function showingOf(profiles: readonly Profile[]): Showing {
  const mine = profiles.some((p) => p.person.you && p.result);
  const theirs = profiles.some((p) => !p.person.you && p.result);
  return mine && theirs ? 'both' : mine ? 'mine' : theirs ? 'theirs' : 'neither';
}

/** The dance's words for this reader: its sentence and suggestion with the members named. */
export function danceSaid(words: NeedsWords, view: BondNeeds, people: readonly Person[]): { sentence: string; suggestion: string } | null {
  const dance = view.dance;
  const said = dance && words.dance.states[dance.state];
  if (!dance || !said) return null;
  const slots = { closer: dance.closer, roomier: dance.roomier, other: dance.other };
  return { sentence: fillPeople(said.sentence, slots, people), suggestion: fillPeople(said.suggestion, slots, people) };
}

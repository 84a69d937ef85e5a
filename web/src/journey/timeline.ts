// A bond's journey as plain rules: the moments and milestones as one timeline, newest first and
// grouped by year; what a moment needs before it is sent; and the faint shape of closeness drawn
// behind it all.
import type { Deck, Journey, JourneyWords, Milestone, Moment, MomentDraft } from '../api';
import { countChars } from '../catalog';

export const TITLE_MAX = 120;
export const NOTE_MAX = 5000;

export type TimelineItem = { type: 'moment'; day: string; moment: Moment } | { type: 'milestone'; day: string; milestone: Milestone };

export interface TimelineYear {
  year: string;
  items: TimelineItem[];
}

/** Milestones of one day, newest first: the beginning is always the last word. */
const milestoneOrder = ['deck_level', 'days_both', 'first_reveal', 'began'];

/** Within a day: moments first, the later added first; then the milestones in their order. */
function withinDay(a: TimelineItem, b: TimelineItem): number {
  if (a.type === 'moment' && b.type === 'moment') return b.moment.created_at.localeCompare(a.moment.created_at);
  if (a.type === 'milestone' && b.type === 'milestone') return milestoneOrder.indexOf(a.milestone.kind) - milestoneOrder.indexOf(b.milestone.kind);
  return a.type === 'moment' ? -1 : 1;
}

/**
 * The journey, newest first, in years: what happened lately is in reach, and the day the bond began
 * closes the story at the end. On one day, moments come before milestones, the later added first.
 */
export function timeline(journey: Journey): TimelineYear[] {
  const items: TimelineItem[] = [
    ...journey.moments.map((moment): TimelineItem => ({ type: 'moment', day: moment.day, moment })),
    ...journey.milestones.map((milestone): TimelineItem => ({ type: 'milestone', day: milestone.day, milestone })),
  ];
  items.sort((a, b) => b.day.localeCompare(a.day) || withinDay(a, b));
  const years: TimelineYear[] = [];
  for (const item of items) {
    const year = item.day.slice(0, 4);
    const last = years[years.length - 1];
    if (last?.year === year) last.items.push(item);
    else years.push({ year, items: [item] });
  }
  return years;
}

/**
 * A milestone in the catalog's words: "100 days you have both checked in", or for a conversation
 * level "You opened “Closer” in Feelings" (the level's name and the deck's title from `decks`).
 */
export function milestoneSaid(words: JourneyWords, milestone: Milestone, decks: readonly Deck[] = []): string {
  const deck = decks.find((d) => d.id === milestone.deck);
  const level = deck?.levels.find((l) => l.level === milestone.level);
  const fill: Record<string, string> = {
    '{count}': String(milestone.count),
    '{deck}': deck?.title ?? 'a conversation deck',
    '{level}': level?.name ?? `level ${milestone.level ?? ''}`.trim(),
  };
  return (words.milestones[milestone.kind] ?? '').replace(/\{count\}|\{deck\}|\{level\}/g, (m) => fill[m] ?? m);
}

/** A key for a milestone, unique within a journey (two levels may open on one day). */
export const milestoneKey = (m: Milestone): string => [m.kind, m.day, m.deck ?? '', m.level ?? ''].join('-');

/**
 * What keeps a moment from being sent, by field: a title of one line up to TITLE_MAX characters, a
 * note up to NOTE_MAX, and a day that has come (a day ahead of the server's is allowed, for time
 * zones; `today` is the device's day).
 */
export function momentProblems(draft: MomentDraft, today: string): Record<string, string> {
  const problems: Record<string, string> = {};
  const title = draft.title.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.day)) problems.day = 'Choose the day it happened.';
  else if (draft.day > today) problems.day = 'Choose a day that has already come.';
  if (!title) problems.title = 'Give the moment a few words as its title.';
  else if (countChars(title) > TITLE_MAX) problems.title = `Keep the title to ${TITLE_MAX} characters; the note has room for more.`;
  if (draft.note && countChars(draft.note.trim()) > NOTE_MAX) problems.note = `Keep the note to ${NOTE_MAX.toLocaleString()} characters.`;
  return problems;
}

/** What is sent: the title on one line, trimmed; an empty note is no note (null clears it). */
export function momentBody(draft: MomentDraft): MomentDraft {
  const note = draft.note?.trim() ?? '';
  return { day: draft.day, kind: draft.kind, title: draft.title.replace(/\s+/g, ' ').trim(), note: note ? note : null };
}

/** A moment as a draft to edit; a new one is a high, today, with no words yet. */
export function draftOf(moment: Moment | null, today: string): MomentDraft {
  return moment ? { day: moment.day, kind: moment.kind, title: moment.title, note: moment.note } : { day: today, kind: 'high', title: '', note: null };
}

/**
 * The closeness of each member over the days both answered, as faint lines running down the
 * journey, newest at the top like the timeline: x from 1 (far apart, at 0) to 7 (at `width`), y
 * over `height`. Each line is a gently smoothed path; none until there are two days.
 */
export function backdropPaths(series: readonly { day: string; now: number[] }[], width: number, height: number): string[] {
  if (series.length < 2) return [];
  const members = series[0]!.now.length;
  const span = series.length - 1;
  const reach = Math.max(2, Math.round(series.length / 8));
  const paths: string[] = [];
  for (let m = 0; m < members; m++) {
    const points = series.map((_, i) => {
      const near = series.slice(Math.max(0, i - reach), i + reach + 1).map((s) => s.now[m] ?? 4);
      const mean = near.reduce((a, b) => a + b, 0) / near.length;
      const x = ((mean - 1) / 6) * width;
      const y = ((span - i) / span) * height;
      return `${x.toFixed(1)} ${y.toFixed(1)}`;
    });
    paths.push(`M${points.join('L')}`);
  }
  return paths;
}

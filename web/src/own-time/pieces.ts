// Time of one's own as plain rules: a length in words ("1 h 30 min"), a piece said in one line, the
// log grouped by day, the last seven days beside one's weekly wish, and what the form may send.
import type { Entry, OwnDay, OwnTimeDraft, OwnTimeLog, OwnTimeSpent, OwnTimeWords } from '../api';
import { formatDay, formatMinutes } from '../checkin/words';
import { ownTimeBar } from '../insights/words';

export const MIN_MINUTES = 5;
export const MAX_MINUTES = 24 * 60;
/** How far back a piece may be noted, in days (the server allows a little more). */
export const DAYS_BACK = 365;

/** "45 min", "1 h", "1 h 30 min"; "0 min" for none. */
export function shortMinutes(total: number): string {
  if (total <= 0) return '0 min';
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  return [hours ? `${hours} h` : '', minutes ? `${minutes} min` : ''].filter(Boolean).join(' ');
}

/** What a kind of time is called, or its id made readable when the catalog does not know it. */
export function activityName(words: OwnTimeWords | undefined, id: string): string {
  return words?.activities.find((a) => a.id === id)?.name ?? id.replace(/_/g, ' ');
}

/** A piece's parts as it is shown in one line: its kind of time, its length and its day. */
export function pieceParts(words: OwnTimeWords | undefined, spent: OwnTimeSpent) {
  return {
    activity: activityName(words, spent.activity),
    length: shortMinutes(spent.minutes),
    lengthSaid: formatMinutes(spent.minutes),
    day: formatDay(spent.day, 'short'),
  };
}

/** A YYYY-MM-DD day moved by `delta` days. */
export function addDays(day: string, delta: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + delta)).toISOString().slice(0, 10);
}

/** "Today", "Yesterday", or the day in words. */
export function dayHeading(day: string, today: string): string {
  if (day === today) return 'Today';
  if (day === addDays(today, -1)) return 'Yesterday';
  return formatDay(day);
}

/** A day of the log: what counts, and the pieces noted on it, newest first. */
export interface LogDay extends OwnDay {
  pieces: Entry[];
  /** A check-in of the day told of more time than the pieces add up to, so that is what counts. */
  checkinSaidMore: boolean;
}

/**
 * The log by day, newest first: every day with a piece, and every day a check-in counted some time
 * of one's own. A piece whose day the server did not list still gets its day.
 */
export function logDays(days: readonly OwnDay[], entries: readonly Entry[]): LogDay[] {
  const byDay = new Map<string, Entry[]>();
  for (const entry of entries) {
    if (!entry.own_time) continue;
    const list = byDay.get(entry.own_time.day) ?? [];
    list.push(entry);
    byDay.set(entry.own_time.day, list);
  }
  const out: LogDay[] = [];
  const seen = new Set<string>();
  for (const d of days) {
    seen.add(d.day);
    const pieces = byDay.get(d.day) ?? [];
    if (pieces.length === 0 && d.counted <= 0) continue;
    out.push({ ...d, pieces, checkinSaidMore: d.checked_in !== null && d.checked_in > d.logged });
  }
  for (const [day, pieces] of byDay) {
    if (seen.has(day)) continue;
    const logged = pieces.reduce((sum, p) => sum + (p.own_time?.minutes ?? 0), 0);
    out.push({ day, checked_in: null, logged, counted: logged, pieces, checkinSaidMore: false });
  }
  for (const d of out) d.pieces.sort((a, b) => b.created_at.localeCompare(a.created_at));
  return out.sort((a, b) => b.day.localeCompare(a.day));
}

/** The last seven days beside one's wish: the meter's parts and its words. */
export interface WeekMeter {
  /** "2 h 15 min". */
  total: string;
  /** "2 hours 15 minutes", for screen readers. */
  totalSaid: string;
  /** The catalog's words with the wish filled in, or null without a wish. */
  againstWish: string | null;
  /** A warm word on where the week stands, or null without a wish. */
  gentle: string | null;
  /** The bar: how far it is filled and where the wish stands, from 0 to 100; no mark without a wish. */
  fill: number;
  mark: number | null;
}

export function weekMeter(words: OwnTimeWords, week: OwnTimeLog['last_week']): WeekMeter {
  const { minutes, wish_per_week: wish } = week;
  const bar = ownTimeBar(minutes, wish);
  const base = { total: shortMinutes(minutes), totalSaid: formatMinutes(minutes), fill: bar.fill, mark: bar.mark };
  if (wish === null) return { ...base, againstWish: null, gentle: null };
  const againstWish = words.against_wish.replace('{wish}', wish > 0 ? formatMinutes(wish) : '0 hours');
  let gentle: string;
  if (minutes >= wish) gentle = 'That is the time you wished for, and you gave it to yourself.';
  else if (minutes === 0) gentle = 'Nothing noted in these seven days yet. Even a short walk of your own counts.';
  else gentle = `${shortMinutes(wish - minutes)} more would meet your wish, whenever it suits you.`;
  return { ...base, againstWish, gentle };
}

// The form: a day, a length (one of the catalog's or a number typed in), a kind of time and a note.

export type LengthPick = number | 'other' | null;

export interface PieceDraft {
  day: string;
  pick: LengthPick;
  /** The minutes typed in, when the pick is "other". */
  custom: string;
  activity: string | null;
  note: string;
}

/** A fresh draft for `today`, or one holding a piece to change (a length not offered is typed in). */
export function pieceDraft(today: string, offered: readonly number[], entry?: Entry): PieceDraft {
  const spent = entry?.own_time;
  if (!spent) return { day: today, pick: null, custom: '', activity: null, note: '' };
  const known = offered.includes(spent.minutes);
  return {
    day: spent.day,
    pick: known ? spent.minutes : 'other',
    custom: known ? '' : String(spent.minutes),
    activity: spent.activity,
    note: entry.body,
  };
}

/** The minutes the draft says, or null when it says none that can be kept. */
export function draftMinutes(draft: PieceDraft): number | null {
  if (typeof draft.pick === 'number') return draft.pick;
  if (draft.pick !== 'other' || !/^\d+$/.test(draft.custom.trim())) return null;
  const n = Number(draft.custom.trim());
  return n >= MIN_MINUTES && n <= MAX_MINUTES ? n : null;
}

export type PieceField = 'day' | 'minutes' | 'activity';

/** What keeps the draft from being kept, per field; empty when it can be. */
export function pieceProblems(draft: PieceDraft, today: string): Partial<Record<PieceField, string>> {
  const out: Partial<Record<PieceField, string>> = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.day)) out.day = 'Choose the day it was.';
  else if (draft.day > today) out.day = 'Choose today or a day before; time still to come can be noted once it is yours.';
  else if (draft.day < addDays(today, -DAYS_BACK)) out.day = 'Choose a day within the last year.';
  if (draft.pick === null) out.minutes = 'Choose about how long it was.';
  else if (draft.pick === 'other' && draftMinutes(draft) === null)
    out.minutes = `Type a whole number of minutes from ${MIN_MINUTES} to ${MAX_MINUTES}.`;
  if (!draft.activity) out.activity = 'Choose what kind of time it was.';
  return out;
}

/** What to send for a draft with no problems. The note goes as it is, so a blank one removes it. */
export function pieceToSend(draft: PieceDraft): OwnTimeDraft {
  return { day: draft.day, minutes: draftMinutes(draft) ?? 0, activity: draft.activity ?? '', note: draft.note.trim() };
}

/** How a shared piece is introduced in a bond: glad words, from the reader's side. */
export function sharedPieceSaid(author: string | null): string {
  return author === null ? 'You took some time of your own' : `${author} took some time of their own`;
}

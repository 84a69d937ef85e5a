// Words and small helpers for daily check-ins: the day, the closeness scale, needs and minutes.
import type { Need } from '../api';

/** Today's date on this device, YYYY-MM-DD: a check-in belongs to the person's own calendar day. */
export function localDay(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "Tuesday 25 November" (or, short, "Tue 25 Nov") for a YYYY-MM-DD day, whatever the time zone. */
export function formatDay(day: string, length: 'long' | 'short' = 'long'): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat(undefined, { weekday: length, day: 'numeric', month: length, timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d, 12)),
  );
}

export const CLOSENESS_MIN = 1;
export const CLOSENESS_MAX = 7;

/** What each point of the closeness scale means, from far apart to overlapping. */
const closenessWords = [
  '',
  'far apart',
  'at a distance',
  'a little apart',
  'close, with room',
  'close',
  'very close',
  'as close as can be',
];

export function closenessWord(value: number): string {
  return closenessWords[value] ?? '';
}

/** "4 of 7: close, with room" */
export function closenessText(value: number): string {
  return `${value} of ${CLOSENESS_MAX}: ${closenessWord(value)}`;
}

export const needWords: Record<Need, { name: string; hint: string }> = {
  space: { name: 'Some space', hint: 'Room to breathe and time of my own.' },
  closeness: { name: 'Closeness', hint: 'Time near each other, attention, being together.' },
  comfort: { name: 'Comfort', hint: 'Some care and reassurance; to be looked after a little.' },
  fine: { name: 'I am fine as I am', hint: 'Nothing in particular today.' },
};

/** "None", "45 minutes", "1 hour", "2 hours 30 minutes". */
export function formatMinutes(total: number): string {
  if (total <= 0) return 'None';
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  const h = hours ? `${hours} hour${hours === 1 ? '' : 's'}` : '';
  const m = minutes ? `${minutes} minute${minutes === 1 ? '' : 's'}` : '';
  return [h, m].filter(Boolean).join(' ');
}

export const MINUTES_MAX = 1440;
/** Quick picks for time: none, a quarter of an hour, half an hour, an hour, two hours. */
export const minutePicks = [0, 15, 30, 60, 120] as const;

export function minutesLabel(value: number): string {
  if (value === 0) return 'None';
  if (value < 60) return `${value} min`;
  return `${value / 60} h`;
}

// The weekly wish for time of one's own, as Settings edits it: an amount in hours or minutes,
// kept by the server in minutes (0 to a whole week, 10080), or no wish at all.
import { formatMinutes } from '../checkin/words';

export type WishUnit = 'hours' | 'minutes';
export const WISH_MAX_MINUTES = 7 * 24 * 60;

export interface WishDraft {
  amount: string;
  unit: WishUnit;
}

/** The form's fields for a saved wish: whole hours as hours, anything else as minutes. */
export function wishDraft(minutes: number | null | undefined): WishDraft {
  if (minutes === null || minutes === undefined) return { amount: '', unit: 'hours' };
  if (minutes % 60 === 0) return { amount: String(minutes / 60), unit: 'hours' };
  if (minutes % 30 === 0 && minutes > 60) return { amount: String(minutes / 60), unit: 'hours' };
  return { amount: String(minutes), unit: 'minutes' };
}

/** The wish in minutes, or why it cannot be saved (in words for the field). */
export function wishMinutes(draft: WishDraft): { minutes: number } | { error: string } {
  const text = draft.amount.trim().replace(',', '.');
  if (text === '') return { error: 'Say how much time you would like, or clear your wish.' };
  if (!/^\d+(\.\d+)?$/.test(text)) return { error: 'Use a number, like 5 or 1.5.' };
  const minutes = Math.round(Number(text) * (draft.unit === 'hours' ? 60 : 1));
  if (minutes > WISH_MAX_MINUTES) return { error: 'A week has 168 hours; ask for that at most.' };
  return { minutes };
}

/** "10 hours a week", "1 hour 30 minutes a week", "0 hours a week". */
export function wishSaid(minutes: number): string {
  return minutes <= 0 ? '0 hours a week' : `${formatMinutes(minutes)} a week`;
}

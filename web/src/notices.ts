// The rules of notices, as plain functions: how long one stays to be read, and which are kept to
// look back on. status.tsx shows them.

/** How many notices are kept to look back on, and how many cards are shown at once. */
export const RECENT_MAX = 20;
export const SHOWN_MAX = 3;

/** Long enough to read: eight seconds at least, and 0.4 s more for each word past a dozen. */
export function readingTime(text: string): number {
  const words = text.trim().split(/\s+/).filter(Boolean).length;
  return 8000 + Math.max(0, words - 12) * 400;
}

/** `list` (newest first) with `item` in front, cut to `max`. */
export function newestFirst<T>(list: readonly T[], item: T, max: number): T[] {
  return [item, ...list].slice(0, max);
}

/** `list` (oldest first) with `item` at the end, keeping only the last `max`. */
export function newestLast<T>(list: readonly T[], item: T, max: number): T[] {
  return [...list, item].slice(-max);
}

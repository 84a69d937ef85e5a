// The window of days an insight looks back over, kept in the address as ?days=. The picker offers
// a week, a month, three months and a year; any other whole number the server takes (7 to 365) is kept
// as it is, and anything else means the usual four weeks.

export const MIN_WINDOW = 7;
export const MAX_WINDOW = 365;
export const DEFAULT_WINDOW = 28;

export interface WindowChoice {
  days: number;
  /** On the picker. */
  label: string;
  /** In a sentence: "over the last four weeks". */
  phrase: string;
}

export const windowChoices: readonly WindowChoice[] = [
  { days: 7, label: 'A week', phrase: 'the last week' },
  { days: 28, label: 'A month', phrase: 'the last four weeks' },
  { days: 91, label: 'Three months', phrase: 'the last three months' },
  { days: 365, label: 'A year', phrase: 'the last year' },
];

/** The window asked for by `?days=`, or the usual one when it is absent or not a window. */
export function windowOf(search: URLSearchParams): number {
  const raw = search.get('days');
  if (raw === null || !/^\d{1,3}$/.test(raw)) return DEFAULT_WINDOW;
  const days = Number(raw);
  return days >= MIN_WINDOW && days <= MAX_WINDOW ? days : DEFAULT_WINDOW;
}

/** `path` looking back over `days`; the address keeps every other part of the query. */
export function windowHref(path: string, search: URLSearchParams, days: number): string {
  const q = new URLSearchParams(search);
  q.set('days', String(days));
  return `${path}?${q.toString()}`;
}

/** "the last four weeks", or "the last 10 days" for a window the picker does not name. */
export function windowPhrase(days: number): string {
  return windowChoices.find((w) => w.days === days)?.phrase ?? `the last ${days} days`;
}

// Dates and words shown to people, in their own time zone when we know it.
import type { BondKind } from './api';

let zone: string | undefined;

/** Uses `timeZone` for every date shown from now on; ignored when the browser does not know it. */
export function setDisplayTimeZone(timeZone: string | undefined): void {
  zone = undefined;
  if (!timeZone) return;
  try {
    new Intl.DateTimeFormat(undefined, { timeZone });
    zone = timeZone;
  } catch {
    // Unknown zone: fall back to the device's own.
  }
}

/** "sadness", "calm and anger", "fear, hurt and shame"; with `last` "or": "Ben, Carla or Dan". */
export function listSaid(items: readonly string[], last: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeZone: zone }).format(new Date(iso));
}

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: zone,
  }).format(new Date(iso));
}

// [unit, seconds in it, from how many seconds on to use it]. Hours run up to two days, so an
// invite made now reads "in 24 hours" rather than sometimes "tomorrow".
const units: [Intl.RelativeTimeFormatUnit, number, number][] = [
  ['year', 365 * 86400, 365 * 86400],
  ['month', 30 * 86400, 30 * 86400],
  ['week', 7 * 86400, 14 * 86400],
  ['day', 86400, 2 * 86400],
  ['hour', 3600, 3600],
  ['minute', 60, 60],
];

/** "in 24 hours", "5 minutes ago", "just now". */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, size, from] of units) {
    if (Math.abs(seconds) >= from) return format.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

export const kindLabel: Record<BondKind, string> = {
  partner: 'Partner',
  friend: 'Close friend',
  family: 'Family',
};

/** What the two people in a bond of this kind are to each other: "joined as partners". */
export const kindOfTwo: Record<BondKind, string> = {
  partner: 'partners',
  friend: 'close friends',
  family: 'family',
};

/** A short, human description of a browser's user agent: "Firefox on Linux". */
export function describeDevice(userAgent: string): string {
  const ua = userAgent || '';
  const browser =
    (/Edg\//.test(ua) && 'Edge') ||
    (/OPR\//.test(ua) && 'Opera') ||
    (/Firefox\//.test(ua) && 'Firefox') ||
    (/Chrom(e|ium)\//.test(ua) && 'Chrome') ||
    (/Safari\//.test(ua) && 'Safari') ||
    '';
  const os =
    (/Android/.test(ua) && 'Android') ||
    (/iPhone|iPad|iPod/.test(ua) && 'iOS') ||
    (/Windows/.test(ua) && 'Windows') ||
    (/Mac OS X|Macintosh/.test(ua) && 'macOS') ||
    (/CrOS/.test(ua) && 'ChromeOS') ||
    (/Linux/.test(ua) && 'Linux') ||
    '';
  if (browser && os) return `${browser} on ${os}`;
  return browser || os || 'Unknown device';
}

export function deviceTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

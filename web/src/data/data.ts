// The pure parts of one's data: how far a download has come, what the saved file is called, which
// kind of file is brought in, what bringing it in did (in words), and the key a reset link carries.
import type { ImportResult } from '../api';
import { listSaid } from '../format';

/** The largest file the server takes to bring in: 32 MiB. */
export const IMPORT_MAX_BYTES = 32 * 1024 * 1024;

/** "0 KB", "340 KB", "1.2 MB", "14 MB": a size as people read it (1 KB is 1024 bytes). */
export function formatSize(bytes: number): string {
  const kb = bytes / 1024;
  if (kb < 1024) return `${bytes > 0 ? Math.max(1, Math.round(kb)) : 0} KB`;
  const mb = kb / 1024;
  return `${mb < 10 ? (Math.round(mb * 10) / 10).toFixed(1) : Math.round(mb)} MB`;
}

/** What the progress says while the archive comes: "Preparing your archive… 340 KB". */
export function progressText(bytes: number, total: number | null = null): string {
  if (bytes <= 0) return 'Preparing your archive…';
  if (total) return `Preparing your archive… ${formatSize(bytes)} of ${formatSize(total)}`;
  return `Preparing your archive… ${formatSize(bytes)}`;
}

/** The local date as YYYY-MM-DD, for a file name when the server gave none. */
export function dayOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The file name from a Content-Disposition header (`filename*=UTF-8''…` before `filename="…"`),
 * kept to one plain name; without a usable one, "pillars-export-<day>.zip".
 */
export function filenameFrom(disposition: string | null, day: string): string {
  const fallback = `pillars-export-${day}.zip`;
  if (!disposition) return fallback;
  let name: string | undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended) {
    try {
      name = decodeURIComponent(extended[1]!.trim());
    } catch {
      name = undefined;
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/.exec(disposition);
    name = plain ? (plain[1] ?? plain[2] ?? '').replace(/\\(.)/g, '$1') : undefined;
  }
  // Only the last part of a path, and nothing a file system might refuse or read as hidden.
  const cleaned = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f<>:"|?*]/g, '').trim();
  return cleaned && !cleaned.startsWith('.') ? cleaned : fallback;
}

export type ImportType = 'application/zip' | 'application/json';

/** The Content-Type to send a file with, by its name: a zip or the JSON inside one; else null. */
export function importType(name: string): ImportType | null {
  const lower = name.trim().toLowerCase();
  if (lower.endsWith('.zip')) return 'application/zip';
  if (lower.endsWith('.json')) return 'application/json';
  return null;
}

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** What came along, in the order they are said, each as one and as many. */
const importedWords: [key: string, one: string, many: string][] = [
  ['entries', 'entry', 'entries'],
  ['reflections', 'reflection', 'reflections'],
  ['own_time', 'piece of time of your own', 'pieces of time of your own'],
  ['needs', 'result of the two needs', 'results of the two needs'],
];

/** What stayed in the file: things that belonged to a bond. */
const bondWords: Record<string, [one: string, many: string]> = {
  bonds: ['bond', 'bonds'],
  checkins: ['check-in', 'check-ins'],
  shared_with_me: ['entry shared with you', 'entries shared with you'],
  responses_written: ['response you wrote', 'responses you wrote'],
  appreciations: ['warm word', 'warm words'],
  requests: ['call for comfort or time alone', 'calls for comfort or time alone'],
  moments: ['moment of a journey', 'moments of a journey'],
  conversations: ['answer in a conversation', 'answers in conversations'],
  deck_answers: ['answer in a conversation', 'answers in conversations'],
  wishes: ['answer in the menus', 'answers in the menus'],
  menu_answers: ['answer in the menus', 'answers in the menus'],
};

export interface ImportSummary {
  /** "12 entries, 3 reflections and your settings came along." */
  came: string;
  /** "1 bond and 20 check-ins stayed in the file.", or null when nothing did. */
  stayed: string | null;
}

/** What bringing a file in did, in plain words. */
export function importSummary(result: ImportResult): ImportSummary {
  const { imported, not_imported: left } = result;
  const came = importedWords
    .filter(([key]) => Number(imported[key]) > 0)
    .map(([key, one, many]) => count(Number(imported[key]), one, many));
  if (imported.settings) came.push('your settings');
  const stayed = Object.entries(left)
    .filter(([, n]) => typeof n === 'number' && n > 0)
    .map(([key, n]) => {
      const [one, many] = bondWords[key] ?? [key.replace(/_/g, ' '), key.replace(/_/g, ' ')];
      return count(n, one, many);
    });
  return {
    came: came.length ? `${capitalise(listSaid(came))} came along.` : 'The file held no writing of your own, so nothing new is here.',
    stayed: stayed.length ? `${capitalise(listSaid(stayed))} stayed in the file.` : null,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

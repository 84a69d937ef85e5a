// What the service worker (worker.ts) decides, as plain functions the unit tests can reach: which
// requests it may answer from its cache, and what a push turns into. Nothing here touches a cache.

/** Where the shell lives in the cache; every navigation falls back to it when offline. */
export const SHELL = '/index.html';

/** The cache of one release: a new release gets a new one, and the old one is deleted. */
export function cacheName(release: string): string {
  return `pillars-shell-${release}`;
}

/** True for the caches this worker made, of any release (others on the origin are left alone). */
export function isOurCache(name: string): boolean {
  return name.startsWith('pillars-shell-');
}

/**
 * May a GET of `url` be answered from, or stored in, the cache? Only the files of the release
 * (`files`: the shell, the hashed code and styles, the icons, the manifest), on this origin.
 * Never /api/ (what people write), never anything with a query (an address someone typed).
 */
export function isStatic(url: URL, origin: string, files: ReadonlySet<string>): boolean {
  if (url.origin !== origin || url.search !== '') return false;
  if (url.pathname.startsWith('/api/')) return false;
  return files.has(url.pathname);
}

export interface PushPayload {
  title?: unknown;
  body?: unknown;
  tag?: unknown;
  url?: unknown;
}

export interface Shown {
  title: string;
  body: string;
  tag: string;
  url: string;
}

const text = (value: unknown, fallback: string) => (typeof value === 'string' && value.trim() !== '' ? value : fallback);

/**
 * The notification a push shows. A push says as little as it can (the server never puts what
 * someone wrote into it); whatever is missing or odd gets a plain default.
 */
export function notificationOf(payload: PushPayload | null | undefined): Shown {
  const p = payload ?? {};
  return {
    title: text(p.title, 'Pillars'),
    body: text(p.body, 'Something new in Pillars'),
    tag: text(p.tag, 'pillars'),
    url: typeof p.url === 'string' ? p.url : '/',
  };
}

/**
 * Where a tap on a notification leads: its `url` when that is a path on this origin ("/journal"),
 * otherwise Home. "//elsewhere.example" and "/\elsewhere" are addresses of other sites, not paths.
 */
export function targetOf(url: unknown, origin: string): string {
  if (typeof url !== 'string' || !url.startsWith('/') || url.startsWith('//') || url.startsWith('/\\')) return '/';
  try {
    const resolved = new URL(url, origin);
    if (resolved.origin !== origin) return '/';
    return resolved.pathname + resolved.search + resolved.hash;
  } catch {
    return '/';
  }
}

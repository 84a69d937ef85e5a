// The service worker, built into dist/sw.js by the Vite plugin in vite.config.ts, which fills in
// this release's name and files. It keeps the app's shell and code on the device, and nothing
// else: no answer from /api/, nothing anyone wrote, nothing a push carried.
// - Install: every file of the release goes into a cache named after the release.
// - Navigations: the network first; the cached shell when the network fails, so the app opens
//   offline and says so.
// - The release's files: from the cache first (their names change whenever their content does).
// - A new release waits until the app asks it to take over (the person chose "Reload"); when it
//   activates it deletes the caches of older releases.
// - Push: one calm notification; a tap opens the app where the push pointed, on this origin only.
import { SHELL, cacheName, isOurCache, isStatic, notificationOf, targetOf, type PushPayload } from './rules';
import { OPEN_MESSAGE, UPDATE_MESSAGE } from './messages';

declare const __PILLARS_RELEASE__: string;
declare const __PILLARS_FILES__: string[];

// The parts of the service worker's world this file uses (the DOM's types do not describe it).
interface WaitEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchLike extends WaitEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface PushLike extends WaitEvent {
  data: { json(): unknown } | null;
}
interface WindowLike {
  url: string;
  focus(): Promise<WindowLike>;
  postMessage(message: unknown): void;
}
interface ClickLike extends WaitEvent {
  notification: Notification;
}
interface WorkerScope {
  location: Location;
  registration: ServiceWorkerRegistration;
  clients: {
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<WindowLike[]>;
    openWindow(url: string): Promise<WindowLike | null>;
  };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: WaitEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchLike) => void): void;
  addEventListener(type: 'push', listener: (event: PushLike) => void): void;
  addEventListener(type: 'notificationclick', listener: (event: ClickLike) => void): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

const scope = self as unknown as WorkerScope;
const origin = scope.location.origin;
const files = new Set(__PILLARS_FILES__);
const cache = cacheName(__PILLARS_RELEASE__);

scope.addEventListener('install', (event) => {
  // `reload`: straight from the server, never from the browser's own HTTP cache.
  event.waitUntil(caches.open(cache).then((c) => c.addAll([...files].map((f) => new Request(f, { cache: 'reload' })))));
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((names) => Promise.all(names.filter((n) => isOurCache(n) && n !== cache).map((n) => caches.delete(n)))),
  );
});

scope.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === UPDATE_MESSAGE) void scope.skipWaiting();
});

async function networkThenShell(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch {
    return (await caches.open(cache).then((c) => c.match(SHELL))) ?? Response.error();
  }
}

async function cacheThenNetwork(request: Request, path: string): Promise<Response> {
  const c = await caches.open(cache);
  const kept = await c.match(path);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await c.put(path, response.clone());
  return response;
}

scope.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') event.respondWith(networkThenShell(request));
  else if (isStatic(url, origin, files)) event.respondWith(cacheThenNetwork(request, url.pathname));
});

scope.addEventListener('push', (event) => {
  let payload: PushPayload | null = null;
  try {
    payload = (event.data?.json() as PushPayload | null) ?? null;
  } catch {
    payload = null; // not JSON: the plain words below
  }
  const shown = notificationOf(payload);
  const options = {
    body: shown.body,
    tag: shown.tag,
    renotify: false,
    icon: '/icons/icon-192.png',
    badge: '/icons/badge-96.png',
    data: { url: shown.url },
  } as NotificationOptions;
  event.waitUntil(scope.registration.showNotification(shown.title, options));
});

scope.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = targetOf((event.notification.data as { url?: unknown } | null)?.url, origin);
  event.waitUntil(
    (async () => {
      const open = (await scope.clients.matchAll({ type: 'window', includeUncontrolled: true })).find(
        (w) => new URL(w.url).origin === origin,
      );
      if (!open) {
        await scope.clients.openWindow(target);
        return;
      }
      // The app moves there itself (pwa/register.ts), without reloading the page.
      const focused = await open.focus().catch(() => open);
      focused.postMessage({ type: OPEN_MESSAGE, url: target });
    })(),
  );
});

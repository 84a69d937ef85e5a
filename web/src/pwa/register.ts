// Registers the service worker (worker.ts, served as /sw.js) and follows its updates. A new
// release's worker installs in the background and then waits: the app offers it (update.tsx),
// and only when the person chooses "Reload" does it take over and the page reload. Nothing
// reloads by itself while someone may be writing.
import { navigate } from '../router';
import { OPEN_MESSAGE, UPDATE_MESSAGE } from './messages';

type Listener = (ready: boolean) => void;
const listeners = new Set<Listener>();
let waiting: ServiceWorker | null = null;

function offer(worker: ServiceWorker) {
  waiting = worker;
  listeners.forEach((l) => l(true));
}

/** Calls `listener` with whether a new version waits, now and whenever that changes. */
export function onUpdateReady(listener: Listener): () => void {
  listeners.add(listener);
  listener(waiting !== null);
  return () => listeners.delete(listener);
}

/** Lets the waiting version take over, and reloads the page once it has. */
export function applyUpdate(): void {
  const worker = waiting;
  if (!worker) return;
  worker.addEventListener('statechange', () => {
    if (worker.state === 'activated') window.location.reload();
  });
  worker.postMessage({ type: UPDATE_MESSAGE });
}

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const { serviceWorker } = navigator;
  serviceWorker.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as { type?: unknown; url?: unknown } | null;
    // The worker sends only paths on this origin (rules.ts, targetOf); checked again here.
    if (data?.type === OPEN_MESSAGE && typeof data.url === 'string' && data.url.startsWith('/') && !data.url.startsWith('//'))
      navigate(data.url);
  });
  serviceWorker
    .register('/sw.js', { scope: '/' })
    .then((registration) => {
      // A worker waiting already means a new version came while this one ran (and there is an
      // older one in control); a first install has none in control and simply starts.
      const watch = (worker: ServiceWorker | null) => {
        if (!worker) return;
        const settle = () => {
          if (worker.state === 'installed' && serviceWorker.controller) offer(worker);
        };
        settle();
        worker.addEventListener('statechange', settle);
      };
      watch(registration.waiting ?? registration.installing);
      registration.addEventListener('updatefound', () => watch(registration.installing));
      // A page left open for days looks for a new release now and then, and when it comes back.
      const check = () => void registration.update().catch(() => undefined);
      window.setInterval(check, 60 * 60 * 1000);
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') check();
      });
    })
    .catch(() => {
      // Without a worker the app works as before, just not offline.
    });
}

// Screens that load their code when first shown. `lazy(() => import('./inner/journal'), 'Journal')`
// is a component like the one it names: Vite makes each such import a file of its own, fetched the
// first time the screen is opened (or when `preload` asks), and kept for the rest of the visit.
// While it comes, a quiet "Opening…"; when it cannot be fetched, the "cannot reach" screen with
// a retry (or, when a new release removed the file, a reload into that release: pwa/release.ts).
// When it arrives, its heading takes the focus a navigation owed it (ui/focus.ts).
import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Loading, Unreachable } from './ui/feedback';
import { headingArrived, oweHeading } from './ui/focus';
import { reloadIfReleased } from './pwa/release';

export interface LazyScreen<P> {
  (props: P): JSX.Element;
  /** Starts fetching the screen's code, e.g. while the app still asks who is signed in. */
  preload: () => Promise<unknown>;
}

type PropsOf<C> = C extends ComponentType<infer P> ? P : never;
type AnyScreen = ComponentType<Record<string, unknown>>;

export function lazy<M, K extends keyof M & string>(load: () => Promise<M>, name: K): LazyScreen<PropsOf<M[K]>> {
  let loaded: AnyScreen | undefined;
  let pending: Promise<AnyScreen> | undefined;
  const preload = () => {
    pending ??= load().then(
      (module) => (loaded = module[name] as AnyScreen),
      (error: unknown) => {
        pending = undefined; // the next attempt fetches again
        throw error;
      },
    );
    return pending;
  };

  function Screen(props: PropsOf<M[K]>) {
    const [, arrived] = useState(0);
    const [failed, setFailed] = useState(false);
    const drawnLoaded = loaded !== undefined;
    useEffect(() => {
      if (failed) return;
      // The code may have come between drawing "Opening…" and this effect (a preload started it):
      // draw again, or "Opening…" would stay.
      if (loaded) {
        if (!drawnLoaded) arrived((n) => n + 1);
        return;
      }
      let current = true;
      preload().then(
        () => current && arrived((n) => n + 1),
        // After a new release the file may be gone: then the page reloads into the new one.
        () =>
          void reloadIfReleased().then((reloading) => {
            if (current && !reloading) setFailed(true);
          }),
      );
      return () => {
        current = false;
      };
    }, [failed]);
    const ready = loaded !== undefined;
    useEffect(() => {
      if (ready || failed) headingArrived();
    }, [ready, failed]);

    if (loaded) {
      const Loaded = loaded;
      return <Loaded {...(props as Record<string, unknown>)} />;
    }
    const retry = () => {
      oweHeading();
      setFailed(false);
    };
    if (failed) return <Unreachable onRetry={retry} />;
    return <Loading label="Opening…" later />;
  }
  Screen.preload = preload;
  return Screen;
}

/** Starts fetching the code of the screen `element` shows, when it is a lazy one. */
export function preloadScreen(element: JSX.Element): void {
  const type = element.type as Partial<LazyScreen<never>>;
  type.preload?.().catch(() => {
    // The screen itself says so, and offers to try again, when it is shown.
  });
}

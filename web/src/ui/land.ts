// Landing on the thing a link points at: once a screen's data has loaded, the element whose id is
// the address's hash ("/bonds/b1#entry-e7") is scrolled into view, takes focus (so a screen reader
// reads it and the keyboard goes on from there) and is marked for a moment with `.landed`. The
// ids come from target.ts. An element that appears a little later (a list that loads after the
// rest) is still found; one that never comes is left alone.
import { useEffect, useRef } from 'preact/hooks';
import { hashTarget } from './target';

export const LANDED_CLASS = 'landed';
/** How long the mark stays. */
export const LANDED_MS = 4000;
/** How long to wait for an element that is not there yet. */
const WAIT_MS = 5000;

/** How long the element is kept in view while the rest of the screen may still fill in. */
const FOLLOW_MS = 2000;

export function landOn(element: HTMLElement): void {
  if (!element.hasAttribute('tabindex') && element.tabIndex < 0) element.tabIndex = -1;
  // Smooth unless the person asked for less motion: the page's own scroll-behavior decides.
  const show = () => element.scrollIntoView({ block: 'center' });
  show();
  element.focus({ preventScroll: true });
  element.classList.add(LANDED_CLASS);
  window.setTimeout(() => element.classList.remove(LANDED_CLASS), LANDED_MS);

  // Parts of the screen that load a moment later can push it away: keep it in view until the
  // person moves on their own, or for a short while.
  const follow = typeof ResizeObserver === 'function' ? new ResizeObserver(show) : null;
  follow?.observe(document.body);
  const moves = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;
  const stop = () => {
    follow?.disconnect();
    moves.forEach((type) => window.removeEventListener(type, stop));
  };
  moves.forEach((type) => window.addEventListener(type, stop, { passive: true }));
  window.setTimeout(stop, FOLLOW_MS);
}

/**
 * Lands on the address's hash once `ready` (the screen's data is there). Each address is landed
 * on once, so a list fetched again later does not pull the person back.
 */
export function useLandOnTarget(ready: boolean): void {
  const key = window.location.pathname + window.location.hash;
  const landed = useRef<string | null>(null);

  useEffect(() => {
    if (!ready || landed.current === key) return;
    const id = hashTarget(window.location.hash);
    if (!id) return;
    let done = false;
    let observer: MutationObserver | null = null;
    let giveUp = 0;
    const finish = () => {
      done = true;
      observer?.disconnect();
      window.clearTimeout(giveUp);
    };
    const attempt = () => {
      if (done) return;
      const element = document.getElementById(id);
      if (!element) return;
      finish();
      landed.current = key;
      landOn(element);
    };
    // After this render's other effects (the layout puts focus on a new screen's heading first).
    const timer = window.setTimeout(() => {
      attempt();
      if (done) return;
      observer = new MutationObserver(attempt);
      observer.observe(document.body, { childList: true, subtree: true });
      giveUp = window.setTimeout(finish, WAIT_MS);
    }, 0);
    return () => {
      window.clearTimeout(timer);
      finish();
    };
  }, [ready, key]);
}

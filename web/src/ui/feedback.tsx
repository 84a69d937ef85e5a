// Shared ways of saying "wait" and "that did not work" on a screen.
import { useEffect, useRef } from 'preact/hooks';
import type { ApiError } from '../api';
import { useTitle } from '../hooks';
import { OFFLINE_DETAIL, Offline } from '../pwa/offline';
import { useOnline, useWhenOnline } from '../pwa/online';

/** `later`: said only after a moment, so a wait too short to notice shows nothing. */
export function Loading({ label = 'Loading…', later = false }: { label?: string; later?: boolean }) {
  return (
    <p class={later ? 'loading loading--later' : 'loading'} role="status">
      {label}
    </p>
  );
}

/**
 * A whole screen that could not be reached: the server, or a screen's code, did not answer. With
 * no connection at all it says the device is offline, and tries again once it is back.
 */
export function Unreachable({ onRetry }: { onRetry: () => void }) {
  const online = useOnline();
  useWhenOnline(!online, onRetry);
  return online ? <CannotReach onRetry={onRetry} /> : <Offline onRetry={onRetry} />;
}

// Tries made by CannotReach since the page loaded: each waits twice as long as the last (2 s, 4 s,
// ... at most 30 s), so a server that is restarting, or a connection that has just come back and
// does not carry requests yet, is tried again without anyone pressing the button, and a server
// that stays away is not pestered.
let triesSinceLoad = 0;

function CannotReach({ onRetry }: { onRetry: () => void }) {
  useTitle('Cannot reach Pillars');
  const latest = useRef(onRetry);
  latest.current = onRetry;
  useEffect(() => {
    const wait = Math.min(30_000, 2_000 * 2 ** triesSinceLoad);
    const timer = window.setTimeout(() => {
      triesSinceLoad += 1;
      latest.current();
    }, wait);
    return () => window.clearTimeout(timer);
  }, []);
  return (
    <>
      <h1 tabIndex={-1}>We cannot reach Pillars just now</h1>
      <p>Check your connection, or whether the server is running, and try again.</p>
      <button type="button" class="button button--primary" onClick={onRetry}>
        Try again
      </button>
    </>
  );
}

/** A part of a screen that did not load. Offline, it says so and loads again once back online. */
export function LoadError({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const offline = !useOnline() && error.status === 0;
  useWhenOnline(offline && onRetry !== undefined, () => onRetry?.());
  return (
    <div class="notice notice--error" role="alert">
      <p>{offline ? OFFLINE_DETAIL : error.detail}</p>
      {onRetry && (
        <button type="button" class="button button--secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

// Shared ways of saying "wait" and "that did not work" on a screen.
import type { ApiError } from '../api';
import { useTitle } from '../hooks';

/** `later`: said only after a moment, so a wait too short to notice shows nothing. */
export function Loading({ label = 'Loading…', later = false }: { label?: string; later?: boolean }) {
  return (
    <p class={later ? 'loading loading--later' : 'loading'} role="status">
      {label}
    </p>
  );
}

/** A whole screen that could not be reached: the server, or a screen's code, did not answer. */
export function Unreachable({ onRetry }: { onRetry: () => void }) {
  useTitle('Cannot reach Pillars');
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

export function LoadError({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  return (
    <div class="notice notice--error" role="alert">
      <p>{error.detail}</p>
      {onRetry && (
        <button type="button" class="button button--secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

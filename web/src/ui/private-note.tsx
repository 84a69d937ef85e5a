// What is seen by one person alone says so first, plainly, beside a small lock.
import type { ComponentChildren } from 'preact';

export function PrivateNote({ children }: { children: ComponentChildren }) {
  return (
    <p class="private-note">
      <svg class="private-note__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <rect x="5" y="11" width="14" height="9" rx="2" />
        <path d="M8 11V8a4 4 0 0 1 8 0v3" />
      </svg>
      <span>{children}</span>
    </p>
  );
}

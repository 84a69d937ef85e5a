// Asking before something that cannot be undone (deleting, ending a bond): a card with the question
// as its heading (focused when it opens, by the ref given), what it means, the error if it failed,
// and the two answers: go ahead, or keep things as they are.
import type { ComponentChildren, Ref } from 'preact';
import type { ApiError } from '../api';
import { Button } from './forms';

interface ConfirmProps {
  /** The heading's id, which names the card. */
  id: string;
  question: ComponentChildren;
  headingRef: Ref<HTMLHeadingElement>;
  /** What going ahead means. */
  children: ComponentChildren;
  error: ApiError | null;
  busy: boolean;
  yes: string;
  busyLabel: string;
  no: string;
  onYes: () => void;
  onNo: () => void;
}

export function Confirm({ id, question, headingRef, children, error, busy, yes, busyLabel, no, onYes, onNo }: ConfirmProps) {
  return (
    <div class="card confirm" role="group" aria-labelledby={id}>
      <h3 id={id} tabIndex={-1} ref={headingRef}>
        {question}
      </h3>
      {children}
      {error && (
        <p class="form-error" role="alert">
          {error.detail}
        </p>
      )}
      <div class="actions">
        <Button variant="danger" busy={busy} busyLabel={busyLabel} onClick={onYes}>
          {yes}
        </Button>
        <Button variant="secondary" onClick={onNo}>
          {no}
        </Button>
      </div>
    </div>
  );
}

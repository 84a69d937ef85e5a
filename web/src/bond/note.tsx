// A short note beside a request, an answer or a warm word: optional, up to NOTE_MAX characters;
// and the small form that asks the other for something (comfort, time alone) with such a note.
import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api';
import { Button } from '../ui/forms';

export const NOTE_MAX = 2000;

export function NoteField({
  id,
  label,
  value,
  onInput,
  rows = 2,
}: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  rows?: number;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea
        id={id}
        class="input textarea textarea--note"
        rows={rows}
        maxLength={NOTE_MAX}
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </div>
  );
}

/**
 * Asking the other for something: the form's own questions (`children`), then a note for them, the
 * error if sending failed, and "send" beside "Not now".
 */
export function AskForm({
  name,
  noteId,
  note,
  onNote,
  error,
  busy,
  submitLabel,
  onSubmit,
  onClose,
  label,
  children,
}: {
  /** The other's name. */
  name: string;
  noteId: string;
  note: string;
  onNote: (value: string) => void;
  error: ApiError | null | undefined;
  busy: boolean;
  submitLabel: string;
  onSubmit: () => void;
  onClose: () => void;
  /** The form's accessible name, when its button does not say enough. */
  label?: string;
  children?: ComponentChildren;
}) {
  return (
    <form
      class="quick__ask stack"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
      <NoteField id={noteId} label={`Anything you would like ${name} to know? (optional)`} value={note} onInput={onNote} />
      {error && (
        <p class="form-error" role="alert">
          {error.detail}
        </p>
      )}
      <div class="actions">
        <Button type="submit" busy={busy} busyLabel="Sending…">
          {submitLabel}
        </Button>
        <Button variant="quiet" onClick={onClose}>
          Not now
        </Button>
      </div>
    </form>
  );
}

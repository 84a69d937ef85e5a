// Form pieces that show the server's problem next to the right field. A field with an error gets
// aria-invalid and points at its message with aria-describedby; the form's own message is an alert.
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError } from '../api';
import { useAction } from '../hooks';

/**
 * The message for `field`: the server's per-field message, or the whole problem's detail when the
 * problem is about that field (e.g. "weak-password" is about the password).
 */
export function fieldError(
  error: ApiError | null,
  field: string,
  problemFields: Record<string, string> = {},
): string | undefined {
  if (!error) return undefined;
  return error.fields[field] ?? (problemFields[error.problem] === field ? error.detail : undefined);
}

/**
 * What to say above the form: the problem's detail unless a field already says it, plus any
 * per-field message for a field this form does not show (so nothing the server said is lost).
 */
export function formError(
  error: ApiError | null,
  problemFields: Record<string, string> = {},
  shownFields: readonly string[] = [],
): string | undefined {
  if (!error) return undefined;
  const absorbed = problemFields[error.problem];
  if (absorbed && shownFields.includes(absorbed)) return undefined;
  const entries = Object.entries(error.fields);
  const hidden = entries.filter(([field]) => !shownFields.includes(field)).map(([, message]) => message);
  const fieldSpeaks = entries.length > hidden.length;
  let message = fieldSpeaks ? '' : error.detail;
  if (error.status === 429 && error.retryAfter) {
    const minutes = Math.ceil(error.retryAfter / 60);
    message += ` You can try again in about ${minutes} minute${minutes === 1 ? '' : 's'}.`;
  }
  return [message.trim(), ...hidden].filter(Boolean).join(' ') || undefined;
}

type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'label'>;

interface FieldProps extends InputProps {
  /** The input's id; its hint and error ids are derived from it. */
  id: string;
  label: string;
  hint?: ComponentChildren;
  error?: string | undefined;
}

export function Field({ id, label, hint, error, class: className, ...input }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field field--invalid' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      <input
        id={id}
        class={className ? `input ${className}` : 'input'}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
        {...input}
      />
      {error && (
        <p class="field__error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * A new password, with a box to show it as it is typed (easier than typing it twice on a phone).
 * `id` is the input's; the box's is `${id}-show`.
 */
export function NewPasswordField({ id, label, error, value, onValue }: { id: string; label: string; error?: string | undefined; value: string; onValue: (value: string) => void }) {
  const [shown, setShown] = useState(false);
  return (
    <div class="new-password">
      <Field
        id={id}
        label={label}
        hint="At least 10 characters. A few unrelated words together make a strong one."
        type={shown ? 'text' : 'password'}
        name="password"
        autocomplete="new-password"
        autocapitalize="none"
        spellcheck={false}
        required
        minLength={10}
        maxLength={256}
        value={value}
        onInput={(e) => onValue(e.currentTarget.value)}
        error={error}
      />
      <div class="choice choice--plain new-password__show">
        <input type="checkbox" class="choice__input" id={`${id}-show`} checked={shown} onChange={(e) => setShown(e.currentTarget.checked)} />
        <label class="choice__label" for={`${id}-show`}>
          <span class="choice__title">Show password</span>
        </label>
      </div>
    </div>
  );
}

interface FormProps extends Omit<JSX.FormHTMLAttributes<HTMLFormElement>, 'onSubmit'> {
  onSubmit: () => void;
  /** The problem from the last try; focus moves to it so nobody misses it. */
  error: ApiError | null;
  /** Which field each problem slug is about, for problems without per-field errors. */
  problemFields?: Record<string, string>;
  /** The API field names this form shows next to an input. */
  fields: readonly string[];
  children: ComponentChildren;
}

export function Form({ onSubmit, error, problemFields = {}, fields, children, ...rest }: FormProps) {
  const ref = useRef<HTMLFormElement>(null);
  const message = formError(error, problemFields, fields);

  useEffect(() => {
    if (!error || !ref.current) return;
    const target =
      ref.current.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      ref.current.querySelector<HTMLElement>('.form-error');
    target?.focus();
  }, [error]);

  return (
    <form
      ref={ref}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
      {...rest}
    >
      {message && (
        <div class="form-error" role="alert" tabIndex={-1}>
          {message}
        </div>
      )}
      {children}
    </form>
  );
}

interface ButtonProps extends JSX.ButtonHTMLAttributes<HTMLButtonElement> {
  busy?: boolean;
  busyLabel?: string;
  variant?: 'primary' | 'secondary' | 'danger' | 'quiet';
}

/** A real button; while busy it stays focusable but refuses a second press. */
export function Button({ busy, busyLabel, variant = 'primary', children, type, onClick, ...rest }: ButtonProps) {
  return (
    <button
      type={type ?? 'button'}
      class={`button button--${variant}`}
      aria-disabled={busy ? 'true' : undefined}
      onClick={(event) => {
        if (busy) {
          event.preventDefault();
          return;
        }
        if (typeof onClick === 'function') onClick(event);
      }}
      {...rest}
    >
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}

/** A form's buttons: the one that sends it (saying so while busy) and, when it can be left, Cancel. */
export function FormActions({ label, busy, busyLabel, onCancel, class: className }: { label: string; busy: boolean; busyLabel: string; onCancel?: (() => void) | undefined; class?: string }) {
  return (
    <div class={className ? `actions ${className}` : 'actions'}>
      <Button type="submit" busy={busy} busyLabel={busyLabel}>
        {label}
      </Button>
      {onCancel && (
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      )}
    </div>
  );
}

interface SettingCheckboxProps {
  /** The input's id; its hint's id is `${id}-hint`. */
  id: string;
  label: string;
  /** What turning it on means, and who sees what. */
  hint: ComponentChildren;
  checked: boolean;
  /** Saves the new value; a rejection puts the box back and shows why. */
  save: (next: boolean) => Promise<unknown>;
}

/**
 * A setting that is on or off, saved as soon as it changes: shown at once, put back if the server
 * does not take it. While a save is under way the box keeps its place and refuses another change.
 */
export function SettingCheckbox({ id, label, hint, checked, save }: SettingCheckboxProps) {
  const action = useAction(async (next: boolean) => {
    await save(next);
    return true;
  });
  const [on, setOn] = useState(checked);

  const toggle = async (next: boolean) => {
    setOn(next);
    if (!(await action.run(next))) setOn(!next);
  };

  return (
    <>
      <div class="choice choice--plain">
        <input
          type="checkbox"
          class="choice__input"
          id={id}
          checked={on}
          aria-describedby={`${id}-hint`}
          aria-disabled={action.busy ? 'true' : undefined}
          onChange={(e) => {
            if (action.busy) {
              e.currentTarget.checked = on;
              return;
            }
            void toggle(e.currentTarget.checked);
          }}
        />
        <label class="choice__label" for={id}>
          <span class="choice__title">{label}</span>
        </label>
      </div>
      <div class="field__hint setting__hint" id={`${id}-hint`}>
        {hint}
      </div>
      {action.error && (
        <p class="form-error" role="alert">
          {action.error.detail}
        </p>
      )}
    </>
  );
}

// The words of an entry, or of an answer to a question for oneself: a large text box with a hint,
// the count of characters against the limit, and what is wrong with it, all tied to the box.
import type { ComponentChildren } from 'preact';
import { countChars } from '../catalog';
import { MAX_BODY } from './entries';

interface BodyFieldProps {
  /** The text box's id; the hint, counter and error ids are derived from it. */
  id: string;
  label: ComponentChildren;
  hint: ComponentChildren;
  value: string;
  onInput: (value: string) => void;
  error?: string | undefined;
  rows?: number;
  class?: string;
  /** The most characters it takes; an entry's by default. */
  max?: number;
}

export function BodyField({ id, label, hint, value, onInput, error, rows = 7, class: className, max = MAX_BODY }: BodyFieldProps) {
  const chars = countChars(value);
  const over = chars > max;
  const counterId = `${id}-count`;
  return (
    <div class={['field', error ? 'field--invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label for={id}>{label}</label>
      <p class="field__hint" id={`${id}-hint`}>
        {hint}
      </p>
      <textarea
        id={id}
        class="input textarea"
        rows={rows}
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
        aria-invalid={error || over ? 'true' : undefined}
        aria-describedby={[`${id}-hint`, counterId, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
      />
      <p class={over ? 'counter counter--over' : 'counter'} id={counterId}>
        {chars.toLocaleString()} of {max.toLocaleString()} characters
      </p>
      {error && (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

// Adding a moment to the journey, or changing one's own: the day, a high or a low, a title of one
// line (with its count of characters) and an optional note. The rules are in timeline.ts.
import { useState } from 'preact/hooks';
import type { ApiError, JourneyWords, MomentDraft } from '../api';
import { momentKinds } from '../api';
import { countChars } from '../catalog';
import { localDay } from '../checkin/words';
import { Choices } from '../ui/choices';
import { Field, Form, FormActions, fieldError } from '../ui/forms';
import { NOTE_MAX, TITLE_MAX, momentBody, momentProblems } from './timeline';

interface MomentFormProps {
  id: string;
  words: JourneyWords;
  initial: MomentDraft;
  submitLabel: string;
  busy: boolean;
  error: ApiError | null;
  onSubmit: (draft: MomentDraft) => void;
  onCancel: () => void;
}

export function MomentForm({ id, words, initial, submitLabel, busy, error, onSubmit, onCancel }: MomentFormProps) {
  const [draft, setDraft] = useState<MomentDraft>(initial);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const today = localDay();
  const change = (changes: Partial<MomentDraft>) => setDraft((d) => ({ ...d, ...changes }));
  const problem = (field: string) => problems[field] ?? fieldError(error, field);
  const chars = countChars(draft.title.trim());
  const titleId = `${id}-title`;
  const titleError = problem('title');
  const noteError = problem('note');

  const submit = () => {
    const found = momentProblems(draft, today);
    setProblems(found);
    const first = Object.keys(found)[0];
    if (first) {
      window.setTimeout(() => document.getElementById(`${id}-${first}`)?.focus(), 0);
      return;
    }
    onSubmit(momentBody(draft));
  };

  return (
    <Form class="card moment-form stack" onSubmit={submit} error={error} fields={['day', 'kind', 'title', 'note']} aria-label={submitLabel}>
      <Choices
        id={`${id}-kind`}
        look="card"
        legend="A high or a low?"
        options={momentKinds.map((k) => ({ value: k, label: words.kinds[k].name, hint: words.kinds[k].description }))}
        value={draft.kind}
        onChange={(kind) => change({ kind })}
      />
      <Field
        id={`${id}-day`}
        label="When was it?"
        type="date"
        max={today}
        value={draft.day}
        error={problem('day')}
        onInput={(e) => change({ day: e.currentTarget.value })}
        class="moment-form__day"
      />
      <div class={titleError ? 'field field--invalid' : 'field'}>
        <label for={titleId}>In a few words</label>
        <input
          id={titleId}
          class="input"
          value={draft.title}
          autoComplete="off"
          aria-invalid={titleError || chars > TITLE_MAX ? 'true' : undefined}
          aria-describedby={[`${titleId}-count`, titleError ? `${titleId}-error` : ''].filter(Boolean).join(' ')}
          onInput={(e) => change({ title: e.currentTarget.value })}
        />
        <p class={chars > TITLE_MAX ? 'counter counter--over' : 'counter'} id={`${titleId}-count`}>
          {chars} of {TITLE_MAX} characters
        </p>
        {titleError && (
          <p class="field__error" id={`${titleId}-error`}>
            {titleError}
          </p>
        )}
      </div>
      <div class={noteError ? 'field field--invalid' : 'field'}>
        <label for={`${id}-note`}>Anything more you would like to remember? (optional)</label>
        <textarea
          id={`${id}-note`}
          class="input textarea textarea--note"
          rows={3}
          maxLength={NOTE_MAX}
          value={draft.note ?? ''}
          aria-invalid={noteError ? 'true' : undefined}
          aria-describedby={noteError ? `${id}-note-error` : undefined}
          onInput={(e) => change({ note: e.currentTarget.value })}
        />
        {noteError && (
          <p class="field__error" id={`${id}-note-error`}>
            {noteError}
          </p>
        )}
      </div>
      <FormActions label={submitLabel} busy={busy} busyLabel="Saving…" onCancel={onCancel} />
    </Form>
  );
}

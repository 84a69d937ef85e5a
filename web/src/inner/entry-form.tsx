// Write or edit an entry: the words themselves first, what kind it is, and how it feels. Used by
// the journal (where, on a wide screen, the feelings stand beside the words) and by an entry's own
// page.
import { useState } from 'preact/hooks';
import type { ApiError, Catalog, EntryDraft, EntryKind, FeelingInput } from '../api';
import { choosableKinds, countChars } from '../catalog';
import { FeelingsPicker } from '../feelings/feelings';
import { Choices } from '../ui/choices';
import { Button, Form, fieldError } from '../ui/forms';
import { MAX_BODY, entryProblem } from './entries';
import './inner.css';

interface EntryFormProps {
  id: string;
  catalog: Catalog;
  initial?: EntryDraft;
  submitLabel: string;
  busyLabel: string;
  busy: boolean;
  error: ApiError | null;
  onSubmit: (draft: EntryDraft) => void;
  onCancel?: () => void;
  /** Two columns on a wide screen: the words and the kind on the left, the feelings on the right. */
  wide?: boolean;
}

/** Write or edit an entry: what kind it is, how it feels, and the words themselves. */
export function EntryForm({ id, catalog, initial, submitLabel, busyLabel, busy, error, onSubmit, onCancel, wide = false }: EntryFormProps) {
  const [kind, setKind] = useState<EntryKind>(initial?.kind ?? 'feeling');
  const [feelings, setFeelings] = useState<FeelingInput[]>(initial?.feelings ?? []);
  const [body, setBody] = useState(initial?.body ?? '');
  const [local, setLocal] = useState<string | null>(null);
  const chars = countChars(body);
  const over = chars > MAX_BODY;

  const submit = () => {
    const problem = entryProblem(feelings, body);
    if (problem) {
      setLocal(problem);
      document.getElementById(`${id}-body`)?.focus();
      return;
    }
    setLocal(null);
    onSubmit({ kind, feelings, body });
  };

  const bodyError = local ?? fieldError(error, 'body');
  const counterId = `${id}-count`;

  return (
    <Form class={wide ? 'entry-form entry-form--wide' : 'entry-form'} onSubmit={submit} error={error} fields={['kind', 'feelings', 'body']} aria-label={submitLabel}>
      <div class={bodyError ? 'field field--invalid entry-form__body' : 'field entry-form__body'}>
        <label for={`${id}-body`}>In your own words</label>
        <p class="field__hint" id={`${id}-body-hint`}>
          As much or as little as you like. It stays yours until you choose to share it.
        </p>
        <textarea
          id={`${id}-body`}
          class="input textarea"
          rows={7}
          value={body}
          onInput={(e) => setBody(e.currentTarget.value)}
          aria-invalid={bodyError || over ? 'true' : undefined}
          aria-describedby={[`${id}-body-hint`, counterId, bodyError ? `${id}-body-error` : ''].filter(Boolean).join(' ')}
        />
        <p class={over ? 'counter counter--over' : 'counter'} id={counterId}>
          {chars.toLocaleString()} of {MAX_BODY.toLocaleString()} characters
        </p>
        {bodyError && (
          <p class="field__error" id={`${id}-body-error`}>
            {bodyError}
          </p>
        )}
      </div>

      <Choices
        id={`${id}-kind`}
        class="kinds entry-form__kind"
        large
        legend="What kind of entry is this?"
        options={choosableKinds(catalog, kind).map((k) => ({ value: k.id, label: k.name, hint: k.description || undefined }))}
        value={kind}
        onChange={setKind}
        before={fieldError(error, 'kind') && <p class="field__error">{fieldError(error, 'kind')}</p>}
      >
        {/* The same words each radio is described by, shown for the one that is chosen. */}
        <p class="kinds__desc" aria-hidden="true">
          {catalog.entry_kinds.find((k) => k.id === kind)?.description}
        </p>
      </Choices>

      <FeelingsPicker
        id={`${id}-feelings`}
        catalog={catalog}
        value={feelings}
        onChange={setFeelings}
        legend="How does it feel?"
        hint="Every feeling belongs here, the heavy ones as much as the light ones."
        error={fieldError(error, 'feelings')}
      />

      <div class="actions entry-form__actions">
        <Button type="submit" busy={busy} busyLabel={busyLabel}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </Form>
  );
}

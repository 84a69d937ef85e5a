// Write or edit an entry: the words themselves first, what kind it is, and how it feels. Used by
// the journal (where, on a wide screen, the feelings stand beside the words) and by an entry's own
// page.
import { useState } from 'preact/hooks';
import type { ApiError, Catalog, EntryDraft, EntryKind, FeelingInput } from '../api';
import { choosableKinds } from '../catalog';
import { FeelingsPicker } from '../feelings/feelings';
import { Choices } from '../ui/choices';
import { Form, FormActions, fieldError } from '../ui/forms';
import { BodyField } from './body-field';
import { entryProblem } from './entries';
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

  return (
    <Form class={wide ? 'entry-form entry-form--wide' : 'entry-form'} onSubmit={submit} error={error} fields={['kind', 'feelings', 'body']} aria-label={submitLabel}>
      <BodyField
        id={`${id}-body`}
        class="entry-form__body"
        label="In your own words"
        hint="As much or as little as you like. It stays yours until you choose to share it."
        value={body}
        onInput={setBody}
        error={bodyError}
      />

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

      <FormActions class="entry-form__actions" label={submitLabel} busy={busy} busyLabel={busyLabel} onCancel={onCancel} />
    </Form>
  );
}

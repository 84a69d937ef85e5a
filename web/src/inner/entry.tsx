// Pieces of an entry shared by the journal, the entry view and the bond's space: the form to
// write or edit one, the gentle look beneath anger, the responses, and "who can see this".
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  api,
  type ApiError,
  type Bond,
  type Catalog,
  type Entry,
  type EntryDraft,
  type EntryKind,
  type EntryResponse,
  type FeelingInput,
} from '../api';
import { beneathAnger, countChars, findWord, responseName } from '../catalog';
import { formatDateTime } from '../format';
import { useAction } from '../hooks';
import { useAnnounce } from '../status';
import { FeelingsPicker } from '../feelings/feelings';
import { Button, Form, fieldError } from '../ui/forms';

export const MAX_BODY = 20000;
export const MAX_NOTE = 2000;

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
}

/** Write or edit an entry: what kind it is, how it feels, and the words themselves. */
export function EntryForm({ id, catalog, initial, submitLabel, busyLabel, busy, error, onSubmit, onCancel }: EntryFormProps) {
  const [kind, setKind] = useState<EntryKind>(initial?.kind ?? 'feeling');
  const [feelings, setFeelings] = useState<FeelingInput[]>(initial?.feelings ?? []);
  const [body, setBody] = useState(initial?.body ?? '');
  const [local, setLocal] = useState<string | null>(null);
  const chars = countChars(body);
  const over = chars > MAX_BODY;

  const submit = () => {
    const problem =
      feelings.length === 0 && !body.trim()
        ? 'Choose a feeling or write a few words first; either one is enough.'
        : over
          ? `This is ${(chars - MAX_BODY).toLocaleString()} characters over the limit. Shorten it a little, or split it in two.`
          : null;
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
    <Form class="stack entry-form" onSubmit={submit} error={error} fields={['kind', 'feelings', 'body']} aria-label={submitLabel}>
      <fieldset class="kinds">
        <legend>What kind of entry is this?</legend>
        {fieldError(error, 'kind') && <p class="field__error">{fieldError(error, 'kind')}</p>}
        <div class="pills">
          {catalog.entry_kinds.map((k) => (
            <span class="pill" key={k.id}>
              <input
                type="radio"
                class="pill__input"
                id={`${id}-kind-${k.id}`}
                name={`${id}-kind`}
                value={k.id}
                checked={kind === k.id}
                onChange={() => setKind(k.id)}
                aria-describedby={k.description ? `${id}-kind-${k.id}-hint` : undefined}
              />
              <label class="pill__label" for={`${id}-kind-${k.id}`}>
                {k.name}
              </label>
              {k.description && (
                <span hidden id={`${id}-kind-${k.id}-hint`}>
                  {k.description}
                </span>
              )}
            </span>
          ))}
        </div>
        {/* The same words each radio is described by, shown for the one that is chosen. */}
        <p class="kinds__desc" aria-hidden="true">
          {catalog.entry_kinds.find((k) => k.id === kind)?.description}
        </p>
      </fieldset>

      <FeelingsPicker
        id={`${id}-feelings`}
        catalog={catalog}
        value={feelings}
        onChange={setFeelings}
        legend="How does it feel?"
        hint="Every feeling belongs here, the heavy ones as much as the light ones."
        error={fieldError(error, 'feelings')}
      />

      <div class={bodyError ? 'field field--invalid' : 'field'}>
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

      <div class="actions">
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

/** The gentle question after anger: is there hurt, sadness or fear underneath? */
export function BeneathAnger({
  catalog,
  entry,
  onAdded,
  onDismiss,
  focusOnOpen = false,
}: {
  catalog: Catalog;
  entry: Entry;
  onAdded: (entry: Entry) => void;
  onDismiss: () => void;
  focusOnOpen?: boolean;
}) {
  const announce = useAnnounce();
  const [chosen, setChosen] = useState<FeelingInput[]>([]);
  const [nudge, setNudge] = useState(false);
  const add = useAction(api.updateEntry);
  const heading = useRef<HTMLHeadingElement>(null);
  const room = 3 - entry.feelings.length;
  const prompt =
    catalog.prompts.look_beneath_anger ||
    'Anger often stands guard over something softer. Is there something underneath it?';

  useEffect(() => {
    if (focusOnOpen) heading.current?.focus();
  }, []);

  const save = async () => {
    if (chosen.length === 0) {
      setNudge(true);
      return;
    }
    setNudge(false);
    const feelings = [...entry.feelings.map((f) => ({ word: f.word, intensity: f.intensity })), ...chosen];
    const updated = await add.run(entry.id, { feelings });
    if (!updated) return;
    const names = chosen.map((f) => findWord(catalog, f.word)?.word.name ?? f.word).join(' and ');
    announce(`Added “${names}” to this entry.`);
    onAdded(updated);
  };

  return (
    <section class="card beneath" aria-labelledby={`beneath-${entry.id}`}>
      <h2 id={`beneath-${entry.id}`} tabIndex={-1} ref={heading}>
        A gentle question
      </h2>
      <p class="beneath__prompt">{prompt}</p>
      {room > 0 ? (
        <>
          <p class="muted">
            If something softer is there, you can name it here too. If not, that is all right.
          </p>
          <FeelingsPicker
            id={`beneath-${entry.id}-picker`}
            catalog={catalog}
            value={chosen}
            onChange={setChosen}
            max={Math.min(room, 1)}
            families={beneathAnger}
            expanded
            legend="Something underneath"
          />
          {(add.error || (nudge && chosen.length === 0)) && (
            <p class="form-error" role="alert">
              {add.error ? add.error.detail : 'Choose a word first, or leave it for now.'}
            </p>
          )}
          <div class="actions">
            <Button onClick={save} busy={add.busy} busyLabel="Adding…">
              Add this feeling
            </Button>
            <Button variant="secondary" onClick={onDismiss}>
              Not now
            </Button>
          </div>
        </>
      ) : (
        <>
          <p class="muted">
            This entry already holds three feelings. If a softer one fits better, you can swap it in
            when you edit the entry.
          </p>
          <div class="actions">
            <Button variant="secondary" onClick={onDismiss}>
              Not now
            </Button>
          </div>
        </>
      )}
    </section>
  );
}

/** True when the look beneath anger still has something to offer for this entry. */
export function wantsLookBeneath(entry: Entry): boolean {
  return entry.follow_up === 'look_beneath_anger' && !entry.feelings.some((f) => beneathAnger.includes(f.family));
}

/** "Only you can see this", "Ben can see this", "Ben and Carla can see this". */
export function whoCanSee(sharedWith: string[], bonds: Bond[] | undefined): string {
  const names = sharedWith.map((id) => bonds?.find((b) => b.id === id)?.other.display_name ?? 'someone you are bonded with');
  if (names.length === 0) return 'Only you can see this.';
  const list =
    names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
  return `${list} can see this.`;
}

/** The responses an entry received, oldest first, as they arrived. */
export function ResponseList({
  responses,
  catalog,
  label = 'Responses',
}: {
  responses: EntryResponse[];
  catalog: Catalog | undefined;
  label?: string;
}) {
  if (responses.length === 0) return null;
  return (
    <ul class="responses" aria-label={label}>
      {responses.map((r) => (
        <li class={`response response--${r.kind}`} key={r.id}>
          <p class="response__head">
            <strong>{r.mine ? 'You' : r.from.display_name}</strong>
            <span class="response__kind">{responseName(catalog, r.kind)}</span>
            <time class="response__time" dateTime={r.created_at}>
              {formatDateTime(r.created_at)}
            </time>
          </p>
          {r.body && <p class="response__body">{r.body}</p>}
        </li>
      ))}
    </ul>
  );
}

/** The first words of a body, cut at a word boundary. */
export function excerpt(body: string, length = 160): string {
  const text = body.replace(/\s+/g, ' ').trim();
  if (countChars(text) <= length) return text;
  const cut = Array.from(text).slice(0, length).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > length * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

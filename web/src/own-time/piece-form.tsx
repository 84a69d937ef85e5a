// Noting a piece of time of one's own, or changing one: the day, about how long (a length offered
// or a number typed in), what kind of time it was, and a note if one likes. Used by the log, inline
// for a change, and by the piece's own page in the journal.
import { useState } from 'preact/hooks';
import { api, type ApiError, type Entry, type OwnTimeDraft, type OwnTimeWords } from '../api';
import { localDay } from '../checkin/words';
import { NoteField } from '../bond/note';
import { useChangeForm } from '../inner/changes';
import { Choices } from '../ui/choices';
import { Button, Form, fieldError } from '../ui/forms';
import { Minutes } from './piece';
import { DAYS_BACK, MAX_MINUTES, MIN_MINUTES, addDays, pieceDraft, pieceProblems, pieceToSend, type PieceDraft, type PieceField } from './pieces';
import './own-time.css';

interface PieceFormProps {
  /** The prefix of every field's id. */
  id: string;
  words: OwnTimeWords;
  /** The piece to change; a fresh piece for today without it. */
  entry?: Entry;
  label: string;
  submitLabel: string;
  busyLabel: string;
  busy: boolean;
  error: ApiError | null;
  onSubmit: (draft: OwnTimeDraft) => void;
  onCancel?: () => void;
}

export function PieceForm({ id, words, entry, label, submitLabel, busyLabel, busy, error, onSubmit, onCancel }: PieceFormProps) {
  const today = localDay();
  const [draft, setDraft] = useState<PieceDraft>(() => pieceDraft(today, words.minutes, entry));
  const [problems, setProblems] = useState<Partial<Record<PieceField, string>>>({});
  const patch = (change: Partial<PieceDraft>) => setDraft((d) => ({ ...d, ...change }));

  const submit = () => {
    const found = pieceProblems(draft, today);
    setProblems(found);
    const first = (['day', 'minutes', 'activity'] as const).find((f) => found[f]);
    if (first) {
      const target =
        first === 'day'
          ? `${id}-day`
          : first === 'minutes'
            ? draft.pick === 'other'
              ? `${id}-custom`
              : `${id}-minutes-${words.minutes[0]}`
            : `${id}-activity-${words.activities[0]?.id}`;
      document.getElementById(target)?.focus();
      return;
    }
    onSubmit(pieceToSend(draft));
  };

  const problem = (field: PieceField) => problems[field] ?? fieldError(error, field);
  const dayError = problem('day');
  const minutesError = problem('minutes');
  const activityError = problem('activity');
  const minutesErrorId = `${id}-minutes-error`;
  const activityErrorId = `${id}-activity-error`;

  return (
    <Form class="piece-form stack" onSubmit={submit} error={error} fields={['day', 'minutes', 'activity']} aria-label={label}>
      <div class={dayError ? 'field field--invalid' : 'field'}>
        <label for={`${id}-day`}>Which day</label>
        <input
          id={`${id}-day`}
          class="input input--day"
          type="date"
          required
          value={draft.day}
          min={addDays(today, -DAYS_BACK)}
          max={today}
          aria-invalid={dayError ? 'true' : undefined}
          aria-describedby={dayError ? `${id}-day-error` : undefined}
          onInput={(e) => patch({ day: e.currentTarget.value })}
        />
        {dayError && (
          <p class="field__error" id={`${id}-day-error`}>
            {dayError}
          </p>
        )}
      </div>

      <Choices
        id={`${id}-minutes`}
        class="piece-form__lengths"
        legend="About how long"
        describedBy={minutesError ? minutesErrorId : undefined}
        invalid={Boolean(minutesError) && draft.pick !== 'other'}
        options={[
          ...words.minutes.map((n) => ({ value: n as number | 'other', label: <Minutes minutes={n} /> })),
          { value: 'other' as const, label: 'Other' },
        ]}
        value={draft.pick}
        onChange={(pick) => patch({ pick })}
      >
        {draft.pick === 'other' && (
          <div class={minutesError ? 'field field--invalid piece-form__custom' : 'field piece-form__custom'}>
            <label for={`${id}-custom`}>Minutes</label>
            <input
              id={`${id}-custom`}
              class="input input--minutes"
              type="number"
              inputMode="numeric"
              min={MIN_MINUTES}
              max={MAX_MINUTES}
              step={1}
              value={draft.custom}
              aria-invalid={minutesError ? 'true' : undefined}
              aria-describedby={minutesError ? minutesErrorId : undefined}
              onInput={(e) => patch({ custom: e.currentTarget.value })}
            />
          </div>
        )}
        {minutesError && (
          <p class="field__error" id={minutesErrorId}>
            {minutesError}
          </p>
        )}
      </Choices>

      <Choices
        id={`${id}-activity`}
        class="piece-form__kinds"
        legend="What kind of time"
        describedBy={activityError ? activityErrorId : undefined}
        invalid={Boolean(activityError)}
        options={words.activities.map((a) => ({ value: a.id, label: a.name }))}
        value={draft.activity}
        onChange={(activity) => patch({ activity })}
      >
        {activityError && (
          <p class="field__error" id={activityErrorId}>
            {activityError}
          </p>
        )}
      </Choices>

      <NoteField id={`${id}-note`} label="A few words about it (optional)" value={draft.note} onInput={(note) => patch({ note })} rows={3} />

      <div class="actions">
        <Button type="submit" busy={busy} busyLabel={busyLabel}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button variant="quiet" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </Form>
  );
}

/** Changing a piece: the form filled in with it, saved through the log's own route. */
export function EditPiece({ id, words, entry, label, onDone }: { id: string; words: OwnTimeWords; entry: Entry; label: string; onDone: (updated: Entry | null) => void }) {
  const form = useChangeForm(entry, api.editOwnTime, onDone);
  return <PieceForm id={id} words={words} entry={entry} label={label} {...form} />;
}

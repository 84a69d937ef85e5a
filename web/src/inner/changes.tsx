// Changing and deleting one's own entry, alike from an entry's page and from the log of time of
// one's own: a change is saved and said (with who sees the new version), and deleting asks first,
// saying what goes with it.
import type { Ref } from 'preact';
import { api, type Entry } from '../api';
import { useAction } from '../hooks';
import { useAnnounce } from '../status';
import { Confirm } from '../ui/confirm';

/**
 * The props of a form that changes `entry`: it saves through `save` and says so, and `onDone` gets
 * the entry as it is now, or null when the person cancels.
 */
export function useChangeForm<D>(entry: Entry, save: (id: string, draft: D) => Promise<Entry>, onDone: (updated: Entry | null) => void) {
  const action = useAction(save);
  const announce = useAnnounce();
  const onSubmit = async (draft: D) => {
    const updated = await action.run(entry.id, draft);
    if (!updated) return;
    announce(entry.shared_with.length ? 'Saved. Whoever can see it now sees the new version.' : 'Saved.');
    onDone(updated);
  };
  return { submitLabel: 'Save changes', busyLabel: 'Saving…', busy: action.busy, error: action.error, onSubmit, onCancel: () => onDone(null) };
}

interface DeleteQuestionProps {
  /** The question's heading id. */
  id: string;
  entry: Entry;
  /** What the person calls it: "entry", "piece". */
  noun: string;
  headingRef: Ref<HTMLHeadingElement>;
  onDeleted: () => void;
  onKeep: () => void;
}

/** The question before deleting an entry for good (with its shares and responses). */
export function DeleteQuestion({ id, entry, noun, headingRef, onDeleted, onKeep }: DeleteQuestionProps) {
  const remove = useAction(async () => {
    await api.deleteEntry(entry.id);
    return true;
  });
  return (
    <Confirm
      id={id}
      question={`Delete this ${noun} for good?`}
      headingRef={headingRef}
      error={remove.error}
      busy={remove.busy}
      yes="Yes, delete it"
      busyLabel="Deleting…"
      no="Keep it"
      onYes={async () => {
        if (await remove.run()) onDeleted();
      }}
      onNo={onKeep}
    >
      <p>
        It goes from {entry.own_time ? 'your log' : 'your journal'}
        {entry.shared_with.length ? ', and from everywhere you shared it, with the responses it received' : ''}. This cannot
        be undone.
      </p>
    </Confirm>
  );
}

// The gentle question after anger: is there hurt, sadness or fear underneath?
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Catalog, type Entry, type FeelingInput } from '../api';
import { beneathAnger, findWord } from '../catalog';
import { FeelingsPicker } from '../feelings/feelings';
import { useAction } from '../hooks';
import { useAnnounce } from '../status';
import { Button } from '../ui/forms';
import './inner.css';

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

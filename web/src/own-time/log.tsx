// The log of time of one's own, a day at a time, newest first: what each day counts (the larger of
// what a check-in said and what the pieces add up to, said quietly where the check-in said more),
// and each piece with its note and who can see it, to change, delete or share.
import type { Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Bond, Entry, OwnTimeWords } from '../api';
import { useConfirmStep } from '../hooks';
import { DeleteQuestion } from '../inner/changes';
import { excerpt, whoCanSee } from '../inner/entries';
import { Link } from '../router';
import { useAnnounce } from '../status';
import { Button } from '../ui/forms';
import { entryHref } from '../ui/target';
import { Minutes, PieceLine } from './piece';
import { EditPiece } from './piece-form';
import { dayHeading, pieceParts, type LogDay } from './pieces';
import './own-time.css';

/** The id of a piece in the log, which takes focus after a change. */
export const pieceId = (entryId: string) => `piece-${entryId}`;

interface PieceProps {
  entry: Entry;
  words: OwnTimeWords;
  bonds: Bond[] | undefined;
  /** After a change: the piece as it is now, or null when it is gone. */
  onChanged: (entry: Entry | null) => void;
}

function Piece({ entry, words, bonds, onChanged }: PieceProps) {
  const announce = useAnnounce();
  const [editing, setEditing] = useState(false);
  const { confirming, setConfirming, question, opener } = useConfirmStep();
  const spent = entry.own_time!;
  const parts = pieceParts(words, spent);
  const about = `${parts.activity}, ${parts.lengthSaid}, ${parts.day}`;
  const shared = entry.shared_with.length > 0;

  // Focus follows the form: into it when it opens, back to Edit when it is put away.
  const actions = useRef<HTMLDivElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (editing) document.getElementById(`edit-${entry.id}-day`)?.focus();
    else if (wasEditing.current) actions.current?.querySelector('button')?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const edited = (updated: Entry | null) => {
    setEditing(false);
    if (updated) onChanged(updated);
  };

  const deleted = () => {
    announce(shared ? 'Deleted, here and wherever you shared it.' : 'Deleted.');
    onChanged(null);
  };

  const headingId = `${pieceId(entry.id)}-title`;
  return (
    <li class="piece" id={pieceId(entry.id)} tabIndex={-1}>
      <h4 class="piece__title" id={headingId}>
        {parts.activity}
        <span class="visually-hidden">,</span> <span class="piece__length"><Minutes minutes={spent.minutes} /></span>
      </h4>
      {editing ? (
        <EditPiece id={`edit-${entry.id}`} words={words} entry={entry} label={`Change ${about}`} onDone={edited} />
      ) : (
        <>
          {entry.body && <p class="piece__note">{excerpt(entry.body)}</p>}
          <p class={shared ? 'piece__who visibility visibility--shared' : 'piece__who visibility'}>{whoCanSee(entry.shared_with, bonds)}</p>
          {confirming ? (
            <DeleteQuestion
              id={`${pieceId(entry.id)}-delete`}
              entry={entry}
              noun="piece"
              headingRef={question}
              onDeleted={deleted}
              onKeep={() => setConfirming(false)}
            />
          ) : (
            <div class="piece__actions" ref={actions}>
              <Button variant="secondary" onClick={() => setEditing(true)}>
                Edit<span class="visually-hidden"> {about}</span>
              </Button>
              <div ref={opener}>
                <Button variant="secondary" onClick={() => setConfirming(true)}>
                  Delete…<span class="visually-hidden"> {about}</span>
                </Button>
              </div>
              <Link class="button button--quiet" href={entryHref(entry.id)}>
                Share…<span class="visually-hidden"> {about}</span>
              </Link>
            </div>
          )}
        </>
      )}
    </li>
  );
}

function Day({ day, today, words, bonds, onChanged }: { day: LogDay; today: string; words: OwnTimeWords; bonds: Bond[] | undefined; onChanged: PieceProps['onChanged'] }) {
  const headingId = `own-day-${day.day}`;
  return (
    <li class="own-day">
      <section aria-labelledby={headingId}>
        <h3 class="own-day__head" id={headingId}>
          <time dateTime={day.day}>{dayHeading(day.day, today)}</time>
          <span class="own-day__counted">
            <span class="visually-hidden">: </span>
            <Minutes minutes={day.counted} />
          </span>
        </h3>
        {day.checkinSaidMore && day.checked_in !== null && (
          <details class="own-day__once">
            <summary>
              Your check-in said <Minutes minutes={day.checked_in} />, so that is what counts
            </summary>
            <p>{words.counted}</p>
          </details>
        )}
        {day.pieces.length > 0 ? (
          <ul class="plain-list pieces" aria-label={`Noted on ${dayHeading(day.day, today)}`}>
            {day.pieces.map((p) => (
              <Piece key={p.id} entry={p} words={words} bonds={bonds} onChanged={onChanged} />
            ))}
          </ul>
        ) : (
          <p class="muted own-day__none">Nothing noted here; the time comes from your check-in.</p>
        )}
      </section>
    </li>
  );
}

export function OwnTimeLogList({ days, today, words, bonds, onChanged }: { days: LogDay[]; today: string; words: OwnTimeWords; bonds: Bond[] | undefined; onChanged: PieceProps['onChanged'] }) {
  return (
    <ul class="plain-list own-days" aria-label="Your time, day by day">
      {days.map((d) => (
        <Day key={d.day} day={d} today={today} words={words} bonds={bonds} onChanged={onChanged} />
      ))}
    </ul>
  );
}

/** The piece just noted, said warmly at the top, with where to share it. Takes focus when shown. */
export function JustNoted({ entry, words, noteRef }: { entry: Entry; words: OwnTimeWords; noteRef: Ref<HTMLDivElement> }) {
  return (
    <div class="notice saved just-noted" tabIndex={-1} ref={noteRef}>
      <p class="just-noted__head">Noted. Time well spent.</p>
      <PieceLine spent={entry.own_time!} words={words} />
      <p>
        Only you can see it. <Link href={entryHref(entry.id)}>Share it</Link> with someone close, if you like.
      </p>
    </div>
  );
}

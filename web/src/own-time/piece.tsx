// A piece of time of one's own in one line, wherever it is shown (the log, the journal, an entry's
// page, a bond's shared space): its kind of time, its length and its day.
import type { OwnTimeSpent, OwnTimeWords } from '../api';
import { formatMinutes } from '../checkin/words';
import { pieceParts, shortMinutes } from './pieces';
import './own-time.css';

/** "1 h 30 min" on screen, "1 hour 30 minutes" to a screen reader. */
export function Minutes({ minutes }: { minutes: number }) {
  return (
    <>
      <span aria-hidden="true">{shortMinutes(minutes)}</span>
      <span class="visually-hidden">{formatMinutes(minutes)}</span>
    </>
  );
}

export function PieceLine({ spent, words }: { spent: OwnTimeSpent; words: OwnTimeWords | undefined }) {
  const parts = pieceParts(words, spent);
  return (
    <p class="piece-line">
      <span class="piece-line__what">{parts.activity}</span>
      <span class="piece-line__dot" aria-hidden="true">
        {' · '}
      </span>
      <span class="piece-line__length">
        <span class="visually-hidden">, </span>
        <Minutes minutes={spent.minutes} />
      </span>
      <span class="piece-line__dot" aria-hidden="true">
        {' · '}
      </span>
      <span class="visually-hidden">, on </span>
      <time dateTime={spent.day}>{parts.day}</time>
    </p>
  );
}

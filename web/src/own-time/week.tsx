// The last seven days of time of one's own beside one's weekly wish: the total in words, a calm bar
// with the wish marked on it (drawn only; the words say it all), and a warm word. Without a wish,
// the catalog's words and a way to set one.
import type { OwnTimeLog, OwnTimeWords } from '../api';
import { Link } from '../router';
import { ownTimeWishHref } from '../ui/target';
import { weekMeter } from './pieces';
import './own-time.css';

export function WeekMeter({ words, week, compact = false }: { words: OwnTimeWords; week: OwnTimeLog['last_week']; compact?: boolean }) {
  const m = weekMeter(words, week);
  return (
    <div class={compact ? 'week week--compact' : 'week'}>
      <p class="week__total">
        <strong class="week__minutes">
          <span aria-hidden="true">{m.total}</span>
          <span class="visually-hidden">{m.totalSaid}</span>
        </strong>{' '}
        <span class="week__span">{compact ? 'of time to yourself in the last seven days' : 'of time to yourself'}</span>
      </p>
      {m.mark !== null && (
        <svg class="week__bar" viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true" focusable="false">
          <rect class="week__track" x="0" y="3" width="100" height="6" rx="3" />
          {m.fill > 0 && <rect class="week__fill" x="0" y="3" width={m.fill} height="6" rx="3" />}
          <rect class="week__wish" x={Math.max(0, m.mark - 0.6)} y="0" width="1.2" height="12" />
        </svg>
      )}
      {m.againstWish ? (
        <>
          <p class="week__wish-line">{m.againstWish}</p>
          {!compact && <p class="week__gentle">{m.gentle}</p>}
        </>
      ) : (
        <p class="week__no-wish">
          {words.no_wish} {!compact && <Link href={ownTimeWishHref}>Set a wish for yourself</Link>}
        </p>
      )}
    </div>
  );
}

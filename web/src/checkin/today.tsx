// Today's check-in outside the flow: the day fetched again live, and the gentle reminder shown on
// home and on the bond page.
import { api, otherCheckedIn, type Bond } from '../api';
import { useResource } from '../hooks';
import { useLiveEvents } from '../live';
import { Link } from '../router';
import './checkin.css';
import { localDay } from './words';

export const checkinHref = (bond: Bond) => `/bonds/${encodeURIComponent(bond.id)}/checkin`;

/** Today's check-in for a bond, fetched again when either of you checks in. */
export function useCheckinDay(bondId: string, day: string) {
  const resource = useResource(() => api.checkinDay(bondId, day), [bondId, day]);
  useLiveEvents((event) => {
    if (
      event.type === 'resync' ||
      (event.bond_id === bondId &&
        (event.type === 'checkin_added' || event.type === 'checkin_revealed' || event.type === 'bond_ended'))
    ) {
      resource.reload();
    }
  });
  return resource;
}

/**
 * The daily reminder for one active bond: a soft card when you have not checked in today (saying
 * so, without pressure, when the other already has), or a quiet line once you have.
 */
export function CheckinToday({ bond }: { bond: Bond }) {
  const today = localDay();
  const day = useCheckinDay(bond.id, today);
  const name = bond.other.display_name;
  const d = day.data;
  if (bond.status !== 'active' || !d) return null;
  const theyAreIn = otherCheckedIn(d);

  if (!d.mine) {
    return (
      <div class="nudge">
        <p class="nudge__title">You haven’t checked in with {name} today.</p>
        <p class="nudge__text">
          {theyAreIn
            ? `${name} has checked in — your answers will open both.`
            : `It takes about a minute. ${name} sees your answers only once they have checked in too.`}
        </p>
        <Link href={checkinHref(bond)} class="button button--primary nudge__button">
          Check in with {name}
        </Link>
      </div>
    );
  }
  return (
    <p class="nudge nudge--done">
      {d.revealed ? `You and ${name} both checked in today. ` : `You checked in today; it opens when ${name} checks in too. `}
      <Link href={checkinHref(bond)}>{d.revealed ? 'See today together' : 'See your check-in'}</Link>
    </p>
  );
}

// Where the Check in tab leads when there is not exactly one bond to check in with: each active
// bond with today's reminder, or a word on how to make a bond.
import { api } from '../api';
import { NewBondLinks } from '../bond/home';
import { useResource, useTitle } from '../hooks';
import { useLiveEvents } from '../live';
import { LoadError, Loading } from '../ui/feedback';
import './checkin.css';
import { CheckinToday } from './today';

export function CheckinChooser() {
  useTitle('Check in');
  const bonds = useResource(api.bonds, []);
  const active = bonds.data?.filter((b) => b.status === 'active') ?? [];
  useLiveEvents((event) => {
    if (event.type === 'bond_ended' || event.type === 'resync') bonds.reload();
  });

  return (
    <>
      <h1 tabIndex={-1}>Check in</h1>
      {bonds.loading && !bonds.data && <Loading label="Finding your bonds…" />}
      {bonds.error && <LoadError error={bonds.error} onRetry={bonds.reload} />}
      {bonds.data && active.length === 0 && (
        <div class="card empty">
          <p>
            A check-in is shared with someone you are bonded with, and you have no bond yet. One of you makes a
            code, the other enters it.
          </p>
          <NewBondLinks />
        </div>
      )}
      {active.length > 0 && (
        <>
          <p class="lede">Who would you like to check in with today?</p>
          <ul class="plain-list choose-list">
            {active.map((bond) => (
              <li class="card choose-list__item" key={bond.id}>
                <h2 class="choose-list__name">{bond.other.display_name}</h2>
                <CheckinToday bond={bond} />
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

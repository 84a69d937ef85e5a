import { api, type Bond } from '../api';
import { useUser } from '../auth';
import { CheckinToday } from '../checkin/today';
import { LoadError, Loading } from '../ui/feedback';
import { QuickActions } from './together';
import { formatDate, kindLabel } from '../format';
import { useResource, useTitle } from '../hooks';
import { useLiveEvents } from '../live';
import { Link } from '../router';
import { bondHref } from '../ui/target';
import { WhatsNew } from '../news/whats-new';
import { HomeSuggestion, useHomeSuggestion } from '../insights/home-suggestion';
import './bond.css';

function BondCard({ bond }: { bond: Bond }) {
  const active = bond.status === 'active';
  return (
    <li class={active ? 'bond-card bond-card--active' : 'bond-card bond-card--ended'}>
      <Link href={bondHref(bond.id)} class="bond-card__link">
        <span class="bond-card__name">{bond.other.display_name}</span>{' '}
        <span class="bond-card__meta">
          <span class={`tag tag--${bond.kind}`}>{kindLabel[bond.kind]}</span>
          {bond.status === 'ended' && bond.ended_at
            ? ` · ended ${formatDate(bond.ended_at)}`
            : ` · since ${formatDate(bond.created_at)}`}
        </span>
      </Link>
      {active && (
        <div class="bond-card__more">
          <CheckinToday bond={bond} />
          <QuickActions bond={bond} compact />
        </div>
      )}
    </li>
  );
}

/** The two ways to a new bond: make a code, or enter one. */
export function NewBondLinks() {
  return (
    <div class="actions">
      <Link href="/invite" class="button button--primary">
        Invite someone
      </Link>
      <Link href="/join" class="button button--secondary">
        I have a code
      </Link>
    </div>
  );
}

export function Home() {
  useTitle('Home');
  const user = useUser();
  const bonds = useResource(api.bonds, []);
  const suggestion = useHomeSuggestion(bonds.data);
  const active = bonds.data?.filter((b) => b.status === 'active') ?? [];
  const ended = bonds.data?.filter((b) => b.status === 'ended') ?? [];
  // What is new in each bond is Home's list of notices (news/); here only the bonds themselves.
  useLiveEvents((event) => {
    if (event.type === 'bond_ended' || event.type === 'invite_accepted' || event.type === 'resync') bonds.reload();
  });

  // On a wide screen, the suggestion stands beside what is new and the bonds; on a phone it comes
  // right after what is new.
  return (
    <>
      <h1 tabIndex={-1}>Hello, {user.display_name}</h1>
      <div class={suggestion ? 'home home--two wide' : 'home'}>
        <div class="home__news">
          <WhatsNew bonds={bonds.data} />
        </div>
        {suggestion && (
          <div class="home__side">
            <HomeSuggestion suggestion={suggestion} />
          </div>
        )}
        <div class="home__main">
          <section class="section" aria-labelledby="bonds-heading">
            <h2 id="bonds-heading">Your bonds</h2>
            <p class="lede">
              Two people can lean on each other and still each stand on their own. This is where you keep
              the bonds that matter to you.
            </p>
            {bonds.loading && !bonds.data && <Loading label="Finding your bonds…" />}
            {bonds.error && <LoadError error={bonds.error} onRetry={bonds.reload} />}
            {bonds.data && active.length === 0 && (
              <div class="empty card">
                <p>
                  No bonds yet. A bond joins you and one other person: a partner, a close friend or
                  someone in your family. One of you makes a code, the other enters it.
                </p>
                <p>
                  <Link href="/start">Take the first steps together</Link>
                </p>
              </div>
            )}
            {active.length > 0 && (
              <ul class="plain-list bond-list" aria-label="Active bonds">
                {active.map((bond) => (
                  <BondCard key={bond.id} bond={bond} />
                ))}
              </ul>
            )}
            <NewBondLinks />
          </section>

          <section class="section" aria-labelledby="journal-heading">
            <h2 id="journal-heading">Your journal</h2>
            <div class="card journal-invite">
              <p>
                Somewhere to put what is going on inside: the heavy and the light. Private until you choose
                to share a piece of it.
              </p>
              <Link href="/journal" class="button button--secondary">
                Write in your journal
              </Link>
            </div>
          </section>

          {ended.length > 0 && (
            <section class="section" aria-labelledby="ended-heading">
              <h2 id="ended-heading">Bonds that have ended</h2>
              <p class="muted">Each of you still keeps what you wrote yourself.</p>
              <ul class="plain-list bond-list" aria-label="Ended bonds">
                {ended.map((bond) => (
                  <BondCard key={bond.id} bond={bond} />
                ))}
              </ul>
            </section>
          )}
        </div>
      </div>
    </>
  );
}

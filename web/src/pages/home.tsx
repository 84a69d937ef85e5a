import { api, type Bond } from '../api';
import { useUser } from '../auth';
import { LoadError, Loading } from '../components/feedback';
import { formatDate, kindLabel } from '../format';
import { useResource, useTitle } from '../hooks';
import { Link } from '../router';

function BondCard({ bond }: { bond: Bond }) {
  return (
    <li class={bond.status === 'ended' ? 'bond-card bond-card--ended' : 'bond-card'}>
      <Link href={`/bonds/${encodeURIComponent(bond.id)}`} class="bond-card__link">
        <span class="bond-card__name">{bond.other.display_name}</span>
        <span class="bond-card__meta">
          <span class={`tag tag--${bond.kind}`}>{kindLabel[bond.kind]}</span>
          {bond.status === 'ended' && bond.ended_at
            ? ` · ended ${formatDate(bond.ended_at)}`
            : ` · since ${formatDate(bond.created_at)}`}
        </span>
      </Link>
    </li>
  );
}

export function Home() {
  useTitle('Home');
  const user = useUser();
  const bonds = useResource(api.bonds, []);
  const active = bonds.data?.filter((b) => b.status === 'active') ?? [];
  const ended = bonds.data?.filter((b) => b.status === 'ended') ?? [];

  return (
    <>
      <h1 tabIndex={-1}>Hello, {user.display_name}</h1>
      <p class="lede">
        Two people can lean on each other and still each stand on their own. This is where you keep
        the bonds that matter to you.
      </p>

      <section class="section" aria-labelledby="bonds-heading">
        <h2 id="bonds-heading">Your bonds</h2>
        {bonds.loading && !bonds.data && <Loading label="Finding your bonds…" />}
        {bonds.error && <LoadError error={bonds.error} onRetry={bonds.reload} />}
        {bonds.data && active.length === 0 && (
          <div class="empty card">
            <p>
              No bonds yet. A bond joins you and one other person: a partner, a close friend or
              someone in your family. One of you makes a code, the other enters it.
            </p>
          </div>
        )}
        {active.length > 0 && (
          <ul class="bond-list" aria-label="Active bonds">
            {active.map((bond) => (
              <BondCard key={bond.id} bond={bond} />
            ))}
          </ul>
        )}
        <div class="actions">
          <Link href="/invite" class="button button--primary">
            Invite someone
          </Link>
          <Link href="/join" class="button button--secondary">
            I have a code
          </Link>
        </div>
      </section>

      {ended.length > 0 && (
        <section class="section" aria-labelledby="ended-heading">
          <h2 id="ended-heading">Bonds that have ended</h2>
          <p class="muted">Each of you still keeps what you wrote yourself.</p>
          <ul class="bond-list" aria-label="Ended bonds">
            {ended.map((bond) => (
              <BondCard key={bond.id} bond={bond} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

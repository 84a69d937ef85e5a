// A bond's insights at /bonds/:id/insights?days=W: how close the two have felt and wished to be
// (the latest day as two circles each, the days as a chart or a table), then a small card for each
// pattern, each with one thing to try. Both members see the same, each from their own side; nothing
// here ranks one of them against the other. The words are the catalog's (words.ts).
import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { api, type Bond, type BondInsights, type Catalog } from '../api';
import { useUser } from '../auth';
import { BondMissing } from '../bond/bond-missing';
import { wishText } from '../checkin/wishes';
import { useCatalog, useResource, useTitle } from '../hooks';
import { useLiveEvents } from '../live';
import { Link } from '../router';
import { LoadError, Loading } from '../ui/feedback';
import { bondHref, myInsightsHref, ownTimeWishHref } from '../ui/target';
import { BalancePictures } from './balance';
import { InsightCard, WindowPicker } from './card';
import { ClosenessChart } from './chart';
import { changesInsights } from './live';
import { closenessSeries, latestBalance } from './series';
import { windowPhrase } from './window';
import {
  affectionSaid,
  livedWishesSaid,
  answeredSaid,
  bondCardText,
  needsSaid,
  peopleOf,
  label,
  spaceSaid,
  wishShown,
  type BondCard,
  type Person,
} from './words';
import './insights.css';

/** Each member's line: "You" or the name, then what is said of them. */
function PerPerson({ people, said }: { people: Person[]; said: (p: Person) => string[] }) {
  const rows = people.map((p) => ({ p, said: said(p) })).filter((r) => r.said.length > 0);
  if (rows.length === 0) return null;
  return (
    <dl class="insight__people">
      {rows.map(({ p, said }) => (
        <div key={p.id}>
          <dt>{label(p)}</dt>
          {said.map((line) => (
            <dd key={line}>{line}</dd>
          ))}
        </div>
      ))}
    </dl>
  );
}

function Card({
  card,
  insights,
  catalog,
  viewerId,
  wide,
  children,
}: {
  card: BondCard;
  insights: BondInsights;
  catalog: Catalog;
  viewerId: string;
  wide?: boolean;
  children?: ComponentChildren;
}) {
  const text = bondCardText(catalog, insights, card, viewerId);
  if (!text) return null;
  return (
    <InsightCard id={`insight-${card}`} text={text} wide={wide}>
      {children}
    </InsightCard>
  );
}

function Closeness({ insights, catalog, viewerId }: { insights: BondInsights; catalog: Catalog; viewerId: string }) {
  const series = useMemo(() => closenessSeries(insights, viewerId), [insights, viewerId]);
  const balance = useMemo(() => latestBalance(insights, viewerId), [insights, viewerId]);
  const c = insights.closeness;
  const waitingFor = c.days < c.needed;
  return (
    <Card card="closeness" insights={insights} catalog={catalog} viewerId={viewerId} wide>
      {waitingFor && (
        <p class="insight__progress">
          {c.days === 0 ? 'No days' : c.days === 1 ? 'One day' : `${c.days} days`} checked in by you both so far, of the{' '}
          {c.needed} it takes.
        </p>
      )}
      <div class="closeness-view">
        {balance && <BalancePictures balance={balance} />}
        {series.days.length > 1 && <ClosenessChart series={series} from={insights.from} to={insights.to} />}
      </div>
    </Card>
  );
}

function Cards({ insights, catalog, bond }: { insights: BondInsights; catalog: Catalog; bond: Bond }) {
  const user = useUser();
  const viewerId = user.id;
  const people = peopleOf(insights.members, viewerId);
  const member = <T extends { member_id: string }>(list: T[], p: Person) => list.find((m) => m.member_id === p.id);
  const answered = insights.closeness.days;
  const space = insights.space;
  const spaceWaiting = space.state === 'not_enough';
  const warmWords = insights.appreciation.members.reduce((sum, m) => sum + m.sent, 0);
  const responses = answeredSaid(insights.responsiveness);
  const common = { insights, catalog, viewerId };
  return (
    <div class="insights__grid">
      <Closeness {...common} />
      <Card card="needs" {...common}>
        {insights.needs.state !== 'not_enough' && (
          <PerPerson people={people} said={(p) => { const m = member(insights.needs.members, p); return m ? needsSaid(m) : []; }} />
        )}
      </Card>
      <Card card="space" {...common}>
        <PerPerson
          people={people}
          said={(p) => {
            const m = member(space.members, p);
            if (!m) return [];
            if (!spaceWaiting) return spaceSaid(m, answered);
            const wish = wishShown(m);
            return wish ? [wish] : [];
          }}
        />
        {!user.show_own_time_wish && (
          <p class="insight__note">
            Your own wish for time alone, if you have set one, stays with you. You can choose to show it here in{' '}
            <Link href={ownTimeWishHref}>Settings</Link>.
          </p>
        )}
      </Card>
      <Card card="vulnerability" {...common} />
      <Card card="responsiveness" {...common}>
        {responses && <p class="insight__fact">{responses}</p>}
      </Card>
      <Card card="appreciation" {...common}>
        {warmWords > 0 && (
          <p class="insight__fact">
            {warmWords === 1 ? 'One warm word' : `${warmWords} warm words`} between you over {windowPhrase(insights.days)}.
          </p>
        )}
      </Card>
      {insights.affection && (
        <Card card="affection" {...common}>
          <p class="insight__fact">Over {windowPhrase(insights.days)}: {affectionSaid(insights.affection).join(' · ')}.</p>
          {(insights.affection.wishes ?? []).length > 0 && (
            <p class="insight__fact">Shared wishes you lived: {livedWishesSaid(insights.affection.wishes ?? [], (id) => wishText(id, catalog)).join(' · ')}.</p>
          )}
        </Card>
      )}
      <aside class="card insight insight--self" aria-labelledby="just-for-you-heading">
        <h2 class="insight__title" id="just-for-you-heading">
          Just for you
        </h2>
        <p>
          Some insights are yours alone: what you write and what you share, your own time against your own wish, and
          how well you read {bond.other.display_name}. Nobody else sees them.
        </p>
        <p>
          <Link href={myInsightsHref}>See what is just for you</Link>
        </p>
      </aside>
    </div>
  );
}

export function BondInsightsPage({ id, days }: { id: string; days: number }) {
  const bond = useResource(() => api.bond(id), [id]);
  const insights = useResource(() => api.bondInsights(id, days), [id, days]);
  const catalog = useCatalog();
  const b = bond.data;
  useTitle(b ? `You and ${b.other.display_name}, lately` : 'Lately');
  useLiveEvents((event) => {
    if (!changesInsights(event, id)) return;
    insights.reload();
    if (event.type === 'bond_ended' || event.type === 'resync') bond.reload();
  });

  if (!b) {
    return (
      <>
        <h1 tabIndex={-1}>Lately</h1>
        <BondMissing error={bond.error} onRetry={bond.reload} />
      </>
    );
  }

  const name = b.other.display_name;
  const data = insights.data;
  const error = insights.error ?? catalog.error;
  return (
    <>
      <p class="breadcrumb">
        <Link href={bondHref(b.id)}>← You and {name}</Link>
      </p>
      <h1 tabIndex={-1}>You and {name}, lately</h1>
      <p class="lede">
        Patterns over {windowPhrase(days)}, drawn from the days you both checked in and what you shared. {name} sees
        the same picture from their side. It describes the two of you; it never ranks one against the other.
      </p>
      <div class="insights__controls">
        <WindowPicker days={days} />
      </div>
      {b.status === 'ended' ? (
        <p class="notice">This bond has ended, so there is nothing more to show about the two of you.</p>
      ) : error && !data ? (
        <LoadError error={error} onRetry={() => (insights.error ? insights.reload() : catalog.reload())} />
      ) : !data || !catalog.data ? (
        <Loading label="Gathering what the days have shown…" />
      ) : (
        <div class="wide" aria-busy={insights.loading ? 'true' : 'false'}>
          <Cards insights={data} catalog={catalog.data} bond={b} />
        </div>
      )}
    </>
  );
}

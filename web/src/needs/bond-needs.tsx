// A bond's two needs at /bonds/:id/needs: each member's latest scores where they chose to show them,
// side by side when both do, with the dance between them; gentle words otherwise, which never hint
// whether the other has answered at all. The reader's own switch sits beneath.
import { api, type Bond, type BondNeeds, type NeedsWords } from '../api';
import { useUser } from '../auth';
import { BondMissing } from '../bond/bond-missing';
import { useCatalog, useResource, useTitle } from '../hooks';
import { label, type Person } from '../insights/words';
import { useLiveEvents } from '../live';
import { Link } from '../router';
import { LoadError, Loading } from '../ui/feedback';
import { bondHref, myNeedsHref, takeNeedsHref } from '../ui/target';
import { danceSaid, profilesOf, showingOf, type Profile } from './profile';
import { AnsweredOn, NeedScales } from './scale';
import { ShowNeeds } from './show';
import '../insights/insights.css';
import './needs.css';

function ProfileCard({ words, profile }: { words: NeedsWords; profile: Profile }) {
  const id = `needs-of-${profile.person.id}`;
  return (
    <section class="card needs-profile" aria-labelledby={id}>
      <h2 id={id} class="needs-profile__who">
        {label(profile.person)}
      </h2>
      {profile.result && (
        <>
          <AnsweredOn result={profile.result} />
          <NeedScales words={words} result={profile.result} />
        </>
      )}
    </section>
  );
}

function View({ words, view, bond, people }: { words: NeedsWords; view: BondNeeds; bond: Bond; people: Person[] }) {
  const profiles = profilesOf(view, people);
  const showing = showingOf(profiles);
  const dance = danceSaid(words, view, people);
  const name = bond.other.display_name;
  const shownProfiles = profiles.filter((p) => p.result);
  return (
    <>
      {shownProfiles.length > 0 && (
        <div class={shownProfiles.length === 2 ? 'needs-pair' : 'needs-pair needs-pair--one'}>
          {shownProfiles.map((p) => (
            <ProfileCard key={p.person.id} words={words} profile={p} />
          ))}
        </div>
      )}
      {dance && (
        <section class="card insight" aria-labelledby="needs-dance-heading">
          <h2 id="needs-dance-heading" class="insight__title">
            How your needs meet
          </h2>
          <p class="insight__sentence">{dance.sentence}</p>
          <p class="insight__try">
            <span class="insight__try-label">Something to try</span> {dance.suggestion}
          </p>
        </section>
      )}
      {showing !== 'both' && (
        <p class="needs-gentle card">
          {showing === 'mine'
            ? `${name} sees your two needs here. Whether to show theirs is ${name}’s to choose, whenever it feels right; there is no hurry.`
            : showing === 'theirs'
              ? `${name} chose to show you their two needs. If you like, show yours too, and you will both see how your needs meet.`
              : `Nothing is shown here yet. Each of you decides alone whether to show your two needs; when you both do, you will see how they meet.`}
        </p>
      )}
    </>
  );
}

export function BondNeedsPage({ id }: { id: string }) {
  const user = useUser();
  const bond = useResource(() => api.bond(id), [id]);
  const view = useResource(() => api.bondNeeds(id), [id]);
  const mine = useResource(api.myNeeds, []);
  const catalog = useCatalog();
  const b = bond.data;
  const words = catalog.data?.needs;
  useTitle(b ? `Your two needs, you and ${b.other.display_name}` : 'Your two needs');
  useLiveEvents((event) => {
    if (event.type === 'resync' || (event.bond_id === id && (event.type === 'needs_changed' || event.type === 'bond_ended'))) {
      view.reload();
      bond.reload();
    }
  });

  if (!b) {
    return (
      <>
        <h1 tabIndex={-1}>Your two needs</h1>
        <BondMissing error={bond.error} onRetry={bond.reload} />
      </>
    );
  }
  const name = b.other.display_name;
  const people: Person[] = [
    { id: user.id, name: user.display_name, you: true },
    { id: b.other.id, name, you: false },
  ];
  const me = view.data?.members.find((m) => m.member_id === user.id);
  const answered = (mine.data?.results.length ?? 0) > 0;
  const error = view.error ?? catalog.error;
  return (
    <>
      <p class="breadcrumb">
        <Link href={bondHref(b.id)}>← You and {name}</Link>
      </p>
      <h1 tabIndex={-1}>{words?.dance.title ?? 'Your two needs, side by side'}</h1>
      <p class="lede">
        How much closeness and how much room of your own each of you needs right now, where each chose to show it. Neither mix is
        better; they are simply yours.
      </p>
      {b.status === 'ended' || view.error?.status === 409 ? (
        <p class="notice">This bond has ended, so nothing of your two needs is shown in it any more.</p>
      ) : error && !view.data ? (
        <LoadError error={error} onRetry={() => (view.reload(), catalog.reload())} />
      ) : !view.data || !words || !me ? (
        <Loading />
      ) : (
        <div aria-busy={view.loading ? 'true' : 'false'}>
          <View words={words} view={view.data} bond={b} people={people} />
          <section class="section" aria-labelledby="needs-yours-heading">
            <h2 id="needs-yours-heading">Your choice</h2>
            <div class="card">
              <ShowNeeds bond={b} shown={me.shown} answered={answered} onSaved={view.set} />
            </div>
            <p class="needs-links">
              {mine.data && !answered ? (
                <Link href={takeNeedsHref}>Answer the statements</Link>
              ) : (
                <Link href={myNeedsHref}>Your own two needs, with your answers over time</Link>
              )}
            </p>
          </section>
        </div>
      )}
    </>
  );
}

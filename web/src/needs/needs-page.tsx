// "Your two needs" at /me/needs, a part of "Just for you": the latest result as two calm scales with
// each band's words, the results over time, and for each active bond whether the other sees them.
// The answers themselves are never shown to anyone else.
import { api, type Bond, type NeedsWords, type MyNeeds } from '../api';
import { useCatalog, useResource, useTitle } from '../hooks';
import { Link } from '../router';
import { LoadError, Loading } from '../ui/feedback';
import { PrivateNote } from '../ui/private-note';
import { justForYouHref, takeNeedsHref } from '../ui/target';
import { NeedsHistory } from './history';
import { AnsweredOn, NeedScales } from './scale';
import { ShowNeeds } from './show';
import './needs.css';

function Sharing({ bonds, mine, onChange }: { bonds: Bond[]; mine: MyNeeds; onChange: () => void }) {
  const active = bonds.filter((b) => b.status === 'active');
  return (
    <section class="section" aria-labelledby="needs-sharing-heading">
      <h2 id="needs-sharing-heading">Who sees them</h2>
      <p>Nobody, unless you choose. You can show your latest two needs in a bond, and the two of you can see how your needs meet.</p>
      {active.length === 0 ? (
        <p class="muted">Once you are joined with someone, you can choose here whether they see them.</p>
      ) : (
        <ul class="plain-list needs-sharing">
          {active.map((bond) => (
            <li key={bond.id} class="card">
              <ShowNeeds bond={bond} shown={mine.shown_in.includes(bond.id)} answered={mine.results.length > 0} onSaved={onChange} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Intro({ words }: { words: NeedsWords }) {
  return (
    <>
      <p class="lede">{words.intro}</p>
      <p class="needs-reflection">{words.not_a_test}</p>
    </>
  );
}

export function MyNeedsPage() {
  const catalog = useCatalog();
  const mine = useResource(api.myNeeds, []);
  const bonds = useResource(api.bonds, []);
  const words = catalog.data?.needs;
  useTitle(words?.title ?? 'Your two needs');
  const error = mine.error ?? catalog.error ?? bonds.error;
  const latest = mine.data?.results[0];
  return (
    <>
      <p class="breadcrumb">
        <Link href={justForYouHref}>← Just for you</Link>
      </p>
      <h1 tabIndex={-1}>{words?.title ?? 'Your two needs'}</h1>
      <PrivateNote>Only you see your answers. Your two scores reach someone else only where you choose to show them.</PrivateNote>
      {error && !mine.data ? (
        <LoadError error={error} onRetry={() => (mine.reload(), catalog.reload(), bonds.reload())} />
      ) : !words || !mine.data || !bonds.data ? (
        <Loading />
      ) : !latest ? (
        <>
          <Intro words={words} />
          <p>
            <Link href={takeNeedsHref} class="button button--primary">
              Begin
            </Link>
          </p>
          <Sharing bonds={bonds.data} mine={mine.data} onChange={mine.reload} />
        </>
      ) : (
        <>
          <section class="section section--first card needs-latest" aria-labelledby="needs-latest-heading">
            <h2 id="needs-latest-heading">Your mix right now</h2>
            <AnsweredOn result={latest} />
            <NeedScales words={words} result={latest} bands />
            <p class="needs-reflection">{words.not_a_test}</p>
            <p>
              <Link href={takeNeedsHref} class="button button--secondary">
                Answer again
              </Link>
            </p>
          </section>
          <NeedsHistory words={words} results={mine.data.results} onDeleted={mine.reload} />
          <Sharing bonds={bonds.data} mine={mine.data} onChange={mine.reload} />
        </>
      )}
    </>
  );
}

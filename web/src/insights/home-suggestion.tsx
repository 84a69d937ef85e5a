// Home's one gentle suggestion, beside what is new: fetched from the insights of each active bond
// (the usual four weeks) and chosen by `homeSuggestion` (suggest.ts). Nothing at all is shown when
// there is nothing to suggest.
import { api, type Bond, type BondInsights } from '../api';
import { useUser } from '../auth';
import { useCatalog, useResource } from '../hooks';
import { useLiveEvents } from '../live';
import { Link } from '../router';
import { insightsHref, justForYouHref } from '../ui/target';
import { changesInsights } from './live';
import { homeSuggestion, type Suggestion } from './suggest';
import './insights.css';

/** The suggestion for this person's bonds, or null (also while it loads, or when a load fails). */
export function useHomeSuggestion(bonds: readonly Bond[] | undefined): Suggestion | null {
  const user = useUser();
  const catalog = useCatalog();
  const active = (bonds ?? []).filter((b) => b.status === 'active');
  const found = useResource(async () => {
    const all = await Promise.all(
      active.map((bond) =>
        api.bondInsights(bond.id).then(
          (insights): { bond: Bond; insights: BondInsights } => ({ bond, insights }),
          () => null,
        ),
      ),
    );
    return all.filter((x) => x !== null);
  }, [active.map((b) => b.id).join(' ')]);
  useLiveEvents((event) => {
    // An ended bond leaves `active` once Home has its bonds again, and that fetches anew; asking now
    // would ask for the insights of a bond that has just ended.
    if (event.type !== 'bond_ended' && changesInsights(event, null)) found.reload();
  });
  if (!found.data || !catalog.data) return null;
  return homeSuggestion(found.data, user.id, catalog.data);
}

export function HomeSuggestion({ suggestion }: { suggestion: Suggestion }) {
  return (
    <section class="section home-suggestion" aria-labelledby="suggestion-heading">
      <h2 id="suggestion-heading">Something to try</h2>
      <div class="card insight insight--home">
        <p class="insight__about">
          With {suggestion.name} · {suggestion.title}
        </p>
        <p class="insight__sentence">{suggestion.sentence}</p>
        <p class="insight__suggestion">{suggestion.suggestion}</p>
        <ul class="plain-list insight__links">
          <li>
            <Link href={insightsHref(suggestion.bondId)}>How you and {suggestion.name} are doing</Link>
          </li>
          <li>
            <Link href={justForYouHref}>Just for you</Link>
          </li>
        </ul>
      </div>
    </section>
  );
}

// The one gentle suggestion Home offers beside what is new. Each bond's insights name the card
// worth offering first (`highlight`: what needs care before what goes well); across bonds, one
// that needs care comes before one that is going well, else the first bond in the list. Nothing
// when a bond's card still waits for more days: there is nothing to suggest yet.
import type { Bond, BondInsights, Catalog } from '../api';
import { bondCardText, type BondCard } from './words';

export interface Suggestion {
  bondId: string;
  /** The other member's name. */
  name: string;
  card: string;
  /** The card's title and sentence, for context. */
  title: string;
  sentence: string;
  suggestion: string;
}

/** States that say things go well; any other told state is something to tend. */
const goingWell = new Set(['closeness:balanced', 'appreciation:some', 'needs:fine', 'vulnerability:both', 'responsiveness:answered']);

const bondCards = new Set<string>(['closeness', 'needs', 'vulnerability', 'appreciation', 'space', 'affection', 'responsiveness']);

/** What Home suggests, from the insights of the person's active bonds; null when nothing fits. */
export function homeSuggestion(
  found: readonly { bond: Bond; insights: BondInsights }[],
  viewerId: string,
  catalog: Catalog,
): Suggestion | null {
  const offered: { suggestion: Suggestion; tends: boolean }[] = [];
  for (const { bond, insights } of found) {
    if (bond.status !== 'active' || !bondCards.has(insights.highlight)) continue;
    const text = bondCardText(catalog, insights, insights.highlight as BondCard, viewerId);
    if (!text || text.waiting || !text.suggestion) continue;
    offered.push({
      suggestion: {
        bondId: bond.id,
        name: bond.other.display_name,
        card: text.card,
        title: text.title,
        sentence: text.sentence,
        suggestion: text.suggestion,
      },
      tends: !goingWell.has(`${text.card}:${text.state}`),
    });
  }
  return (offered.find((o) => o.tends) ?? offered[0])?.suggestion ?? null;
}

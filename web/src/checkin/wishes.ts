// The shared wishes of the affection menu, as the check-in names them: which the two share now
// (to offer in the affection step), and a wish's words wherever it is shown again (the reveal, the
// history, the affection insight). Plain functions; the step and the reveal fetch what they need.
import type { Catalog, MenuMatch, MenuSuggestion } from '../api';

export interface SharedWish {
  id: string;
  text: string;
}

/** The words of a wish: the catalog's, or the bond's suggestion's; a gentle stand-in otherwise. */
export function wishText(id: string, catalog: Pick<Catalog, 'menus'> | undefined, suggestions: readonly MenuSuggestion[] = []): string {
  for (const menu of catalog?.menus ?? []) {
    const item = menu.items.find((i) => i.id === id);
    if (item) return item.text;
  }
  return suggestions.find((s) => s.id === id)?.text ?? 'Something you both wished for';
}

/** The affection matches to offer in a check-in, in the order the bond sees its matches. */
export function affectionWishes(
  catalog: Pick<Catalog, 'menus'> | undefined,
  matches: readonly MenuMatch[],
  suggestions: readonly MenuSuggestion[],
): SharedWish[] {
  return matches.filter((m) => m.menu === 'affection').map((m) => ({ id: m.item_id, text: wishText(m.item_id, catalog, suggestions) }));
}

/** Whether any of these wishes is a suggestion (its words are not in the catalog), so worth fetching. */
export const needsSuggestions = (ids: readonly string[], catalog: Pick<Catalog, 'menus'> | undefined): boolean =>
  ids.some((id) => !(catalog?.menus ?? []).some((m) => m.items.some((i) => i.id === id)));

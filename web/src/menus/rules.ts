// The rules of the menus, as plain functions: which items a bond sees (the catalog's that suit its
// kind, then the suggestions), how far one has answered, the shared wishes grouped as the screen
// shows them, what an answer says, and what undoing the last answer sends. Nothing here speaks of
// the other's answers: the server never sends them, and no count or share of them is made up.
import type { BondKind, Menu, MenuAnswer, MenuAnswerValue, MenuId, MenuMatch, MenuSuggestion } from '../api';

export const SUGGESTION_MIN = 3;
export const SUGGESTION_MAX = 90;

/** An item as the screens show it: from the catalog, or suggested by one of the two. */
export interface ShownItem {
  id: string;
  category: string;
  text: string;
  detail?: string;
  suggestion?: MenuSuggestion;
}

/** The menu's items for a bond of this kind, in the catalog's order, then its suggestions oldest first. */
export function menuItems(menu: Menu, kind: BondKind, suggestions: readonly MenuSuggestion[]): ShownItem[] {
  const items: ShownItem[] = menu.items
    .filter((item) => item.kinds.includes(kind))
    .map(({ id, category, text, detail }) => (detail ? { id, category, text, detail } : { id, category, text }));
  for (const s of suggestions) {
    if (s.menu === menu.id) items.push({ id: s.id, category: s.category, text: s.text, suggestion: s });
  }
  return items;
}

export interface Section<T> {
  id: string;
  title: string;
  description: string;
  items: T[];
}

/** Items by the menu's categories, in the menu's order; empty categories are left out. */
export function byCategory<T extends { category: string }>(menu: Menu, items: readonly T[]): Section<T>[] {
  return menu.categories
    .map((c) => ({ id: c.id, title: c.title, description: c.description, items: items.filter((i) => i.category === c.id) }))
    .filter((section) => section.items.length > 0);
}

export type Answers = ReadonlyMap<string, MenuAnswer>;

export function answerMap(answers: readonly MenuAnswer[]): Map<string, MenuAnswer> {
  return new Map(answers.map((a) => [a.item_id, a]));
}

/** How many of these items one has answered, of how many. */
export function progress(items: readonly ShownItem[], answers: Answers): { answered: number; total: number } {
  return { answered: items.filter((i) => answers.has(i.id)).length, total: items.length };
}

/** "You have answered 12 of 68", said of one's own answers only. */
export function progressSaid({ answered, total }: { answered: number; total: number }): string {
  if (answered === 0) return `${total} to look through, whenever you like`;
  if (answered >= total) return `You have answered all ${total}`;
  return `You have answered ${answered} of ${total}`;
}

/** Where answering one at a time begins: the first item not yet answered, or the first of all. */
export function firstUnanswered(items: readonly ShownItem[], answers: Answers): number {
  const i = items.findIndex((item) => !answers.has(item.id));
  return i === -1 ? 0 : i;
}

export const ANSWER_WORDS: Record<MenuAnswerValue, string> = { yes: 'Yes', maybe: 'Maybe', no: 'No' };

/** One's own answer in words: "You said yes", "You said maybe, and to be asked first". */
export function answerSaid(answer: Pick<MenuAnswer, 'answer' | 'ask_first'> | undefined): string {
  if (!answer) return 'Not answered yet';
  if (answer.answer === 'maybe' && answer.ask_first) return 'You said maybe, and to be asked first';
  return `You said ${answer.answer}`;
}

/** The last answer given, so it can be taken back: the item, and what it had before (null: nothing). */
export interface LastAnswer {
  itemId: string;
  before: Pick<MenuAnswer, 'answer' | 'ask_first'> | null;
}

export type UndoStep = { clear: true; itemId: string } | { clear: false; itemId: string; answer: MenuAnswerValue; askFirst: boolean };

/** What undoing sends: clearing an item that had no answer, or giving back the answer it had. */
export function undoStep(last: LastAnswer): UndoStep {
  if (!last.before) return { clear: true, itemId: last.itemId };
  return { clear: false, itemId: last.itemId, answer: last.before.answer, askFirst: last.before.answer === 'maybe' && last.before.ask_first };
}

/** The answers after a save: the item's new answer, or none when it was cleared. */
export function withAnswer(answers: Answers, itemId: string, answer: MenuAnswer | null): Map<string, MenuAnswer> {
  const next = new Map(answers);
  if (answer) next.set(itemId, answer);
  else next.delete(itemId);
  return next;
}

/** A shared wish as the screen shows it. */
export interface Wish {
  id: string;
  text: string;
  bothYes: boolean;
  askFirst: boolean;
  suggestion?: MenuSuggestion;
}

export interface WishMenu {
  id: MenuId;
  title: string;
  sections: Section<Wish>[];
}

/**
 * The matches grouped by menu (in the catalog's order), then by category. A match whose item is not
 * known here (a suggestion removed since) is left out.
 */
export function groupWishes(menus: readonly Menu[], matches: readonly MenuMatch[], suggestions: readonly MenuSuggestion[]): WishMenu[] {
  const out: WishMenu[] = [];
  for (const menu of menus) {
    const wishes: (Wish & { category: string })[] = [];
    for (const m of matches) {
      if (m.menu !== menu.id) continue;
      const item = menu.items.find((i) => i.id === m.item_id);
      const suggestion = item ? undefined : suggestions.find((s) => s.id === m.item_id && s.menu === menu.id);
      const found = item ?? suggestion;
      if (!found) continue;
      const wish: Wish & { category: string } = { id: m.item_id, text: found.text, category: found.category, bothYes: m.both_yes, askFirst: m.ask_first };
      if (suggestion) wish.suggestion = suggestion;
      wishes.push(wish);
    }
    if (wishes.length > 0) out.push({ id: menu.id, title: menu.title, sections: byCategory(menu, wishes) });
  }
  return out;
}

/** "Suggested by Ben", or "Suggested by you" for one's own. */
export function suggestedSaid(s: MenuSuggestion): string {
  return `Suggested by ${s.mine ? 'you' : s.author.display_name}`;
}

/** The gentle mark on a shared wish, if any: both said yes, or one would like to be asked first. */
export function wishMark(wish: Pick<Wish, 'bothYes' | 'askFirst'>): string | null {
  if (wish.bothYes) return 'You both said yes';
  if (wish.askFirst) return 'Ask first';
  return null;
}

// The words the app speaks with, from GET /api/v1/catalog: feeling families and their words, the
// kinds of entries, responses and appreciations. Fetched once (useCatalog in hooks.ts); these plain
// functions look things up in it.
import type { Catalog, CatalogFamily, CatalogWord, ReflectionQuestion } from './api';

export interface WordInfo {
  word: CatalogWord;
  family: CatalogFamily;
}

const indexes = new WeakMap<Catalog, Map<string, WordInfo>>();

/** The word with this id and the family it belongs to, or undefined for a word we do not know. */
export function findWord(catalog: Catalog, id: string): WordInfo | undefined {
  let index = indexes.get(catalog);
  if (!index) {
    index = new Map();
    for (const family of catalog.feelings.families) {
      for (const word of family.words) index.set(word.id, { word, family });
    }
    indexes.set(catalog, index);
  }
  return index.get(id);
}

export function wordName(catalog: Catalog | undefined, id: string): string {
  return (catalog && findWord(catalog, id)?.word.name) || id.replace(/_/g, ' ');
}

export function familyName(catalog: Catalog | undefined, id: string): string {
  return catalog?.feelings.families.find((f) => f.id === id)?.name ?? id;
}

/** These families in this order (those the catalog does not know left out), or all of them. */
export function familiesIn(catalog: Catalog, ids?: readonly string[]): CatalogFamily[] {
  if (!ids) return catalog.feelings.families;
  return ids.map((id) => catalog.feelings.families.find((f) => f.id === id)).filter((f) => f !== undefined);
}

/**
 * Kinds made apart from the journal's form: a reflection by answering its question, time of one's
 * own in its log. Neither is chosen as a kind, and neither becomes another.
 */
const kindsMadeApart: readonly string[] = ['reflection', 'own_time'];

/**
 * The kinds one may choose for an entry: every kind not made apart, or, for an entry of a kind
 * made apart, that kind alone.
 */
export function choosableKinds(catalog: Catalog, current: string | undefined): Catalog['entry_kinds'] {
  if (current !== undefined && kindsMadeApart.includes(current)) return catalog.entry_kinds.filter((k) => k.id === current);
  return catalog.entry_kinds.filter((k) => !kindsMadeApart.includes(k.id));
}

export function kindName(catalog: Catalog | undefined, kind: string): string {
  return catalog?.entry_kinds.find((k) => k.id === kind)?.name || kind.charAt(0).toUpperCase() + kind.slice(1);
}

/**
 * The responses to offer on an entry: those the server says fit it (`responses_offered`), in the
 * catalog's order. No "so glad for you" beside a hurt: the server fits them to the entry.
 */
export function offeredResponses(catalog: Catalog, offered: readonly string[] | undefined): Catalog['response_kinds'] {
  const fits = new Set(offered ?? []);
  return catalog.response_kinds.filter((k) => fits.has(k.id));
}

export function responseName(catalog: Catalog | undefined, kind: string): string {
  return catalog?.response_kinds.find((k) => k.id === kind)?.name || kind;
}

export function appreciationName(catalog: Catalog | undefined, kind: string): string {
  return catalog?.appreciation_kinds.find((k) => k.id === kind)?.name || kind;
}

/** A question for oneself with its theme's name ("Leaning on someone"), or undefined when unknown. */
export function reflectionQuestion(catalog: Catalog | undefined, id: string | null): (ReflectionQuestion & { themeName: string }) | undefined {
  const words = catalog?.reflections;
  const question = id ? words?.prompts.find((p) => p.id === id) : undefined;
  if (!words || !question) return undefined;
  return { ...question, themeName: words.themes[question.theme] ?? '' };
}

/** The families offered when someone looks beneath anger. */
export const beneathAnger = ['hurt', 'sadness', 'fear'];

/** Intensity 1..5 in words, for labels and for screen readers. */
export const intensityWords = ['', 'a little', 'somewhat', 'clearly', 'strongly', 'overwhelmingly'];

/** Characters as the server counts them: code points, not UTF-16 units. */
export function countChars(text: string): number {
  return Array.from(text).length;
}

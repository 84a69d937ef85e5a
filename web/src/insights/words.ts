// What an insight card says: its title, its warm sentence with `{who}` filled in, and the one
// suggestion meant for the person reading. The words come from the catalog (content/insights.json);
// the server says which state each card is in. Bond insights list their members in a fixed order,
// the same for both; here the reader comes first and is "you".
import type { BondInsights, Catalog, InsightWords } from '../api';
import { closenessWord, formatMinutes } from '../checkin/words';
import { listSaid } from '../format';

export interface Person {
  id: string;
  name: string;
  /** The person reading. */
  you: boolean;
}

/** The two members, the reader first. */
export function peopleOf(members: BondInsights['members'], viewerId: string): Person[] {
  const people = members.map((m) => ({ id: m.id, name: m.name, you: m.id === viewerId }));
  return [...people.filter((p) => p.you), ...people.filter((p) => !p.you)];
}

/** What a person is called on the reader's screen: "You", or their name. */
export const label = (person: Person): string => (person.you ? 'You' : person.name);

/**
 * The sentence with each `{slot}` replaced by the member it names: their name, or "you" for the
 * reader ("one of you" for a member not known). The content never starts a sentence with a slot,
 * so "you" is always lower-case. Insights name `{who}`; the two needs' dance names `{closer}`,
 * `{roomier}` and `{other}`.
 */
export function fillPeople(sentence: string, slots: Record<string, string | null | undefined>, people: readonly Person[]): string {
  return sentence.replace(/\{(\w+)\}/g, (slot, key: string) => {
    if (!(key in slots)) return slot;
    const person = people.find((p) => p.id === slots[key]);
    return !person ? 'one of you' : person.you ? 'you' : person.name;
  });
}

/** The sentence with `{who}` replaced (see fillPeople). */
export const fillWho = (sentence: string, whoId: string | undefined, people: readonly Person[]): string =>
  fillPeople(sentence, { who: whoId }, people);

/** The states in which a card waits for more to go on; its sentence says what would help. */
export const waiting = (state: string): boolean => state === 'not_enough';

export interface CardText {
  /** The card's key: "closeness", "needs", ... */
  card: string;
  state: string;
  title: string;
  sentence: string;
  suggestion: string;
  waiting: boolean;
}

function textOf(card: string, state: string, title: string, words: InsightWords | undefined, suggestion: string | undefined): CardText | null {
  if (!words) return null;
  return { card, state, title, sentence: words.sentence, suggestion: suggestion ?? words.suggestion ?? '', waiting: waiting(state) };
}

export type BondCard = 'closeness' | 'needs' | 'vulnerability' | 'appreciation' | 'space' | 'affection' | 'responsiveness';

/**
 * What a bond card says to this reader, or null when the answer has no such card (affection, where
 * not both track it) or the catalog has no words for its state.
 */
export function bondCardText(catalog: Catalog, insights: BondInsights, card: BondCard, viewerId: string): CardText | null {
  const data = insights[card];
  const words = catalog.insights?.bond[card];
  if (!data || !words) return null;
  const people = peopleOf(insights.members, viewerId);
  const stateWords = words.states[data.state];
  let who: string | undefined;
  let suggestion: string | undefined;
  if (card === 'closeness') who = insights.closeness.who;
  if (card === 'space') who = insights.space.who;
  if (card === 'vulnerability' && insights.vulnerability.one_sided !== undefined) {
    // One suggestion for the one who has been letting the other in, another for the quieter one.
    suggestion = insights.vulnerability.one_sided === viewerId ? stateWords?.suggestion_open : stateWords?.suggestion_quiet;
  }
  const text = textOf(card, data.state, words.title, stateWords, suggestion);
  return text && { ...text, sentence: fillWho(text.sentence, who, people) };
}

/** What a card of one's own insights says. */
export function selfCardText(catalog: Catalog, card: 'sharing_gap' | 'own_time' | 'mind_reading', state: string): CardText | null {
  const words = catalog.insights?.self[card];
  return words ? textOf(card, state, words.title, words.states[state], undefined) : null;
}

/**
 * Minutes said roughly, as a person would: "45 minutes", "about 1 hour 15 minutes", "about 5 and a
 * half hours", "none". Under an hour to five minutes, under three hours to a quarter, then to half
 * an hour.
 */
export function roughMinutes(total: number): string {
  if (total <= 0) return 'none';
  const step = total < 60 ? 5 : total < 180 ? 15 : 30;
  const rounded = Math.max(5, Math.round(total / step) * step);
  const hours = Math.floor(rounded / 60);
  const minutes = rounded % 60;
  const said = hours < 3 ? formatMinutes(rounded) : minutes ? `${hours} and a half hours` : `${hours} hours`;
  return rounded === total ? said : `about ${said}`;
}

/** "once", "twice", "3 times". */
export function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

/** "1 day", "3 days". */
export function dayCount(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}

type NeedMember = BondInsights['needs']['members'][number];

/** One member's needs, said plainly: "closeness on 5 days", "asked for time alone once". */
export function needsSaid(m: NeedMember): string[] {
  const said: string[] = [];
  if (m.closeness > 0) said.push(`closeness on ${dayCount(m.closeness)}`);
  if (m.space > 0) said.push(`some space on ${dayCount(m.space)}`);
  if (m.comfort > 0) said.push(`comfort on ${dayCount(m.comfort)}`);
  if (m.space_requests > 0) said.push(`asked for time alone ${times(m.space_requests)}`);
  if (m.comfort_requests > 0) said.push(`asked for comfort ${times(m.comfort_requests)}`);
  if (said.length === 0) said.push(m.fine > 0 ? 'fine as things were' : 'nothing named yet');
  return said;
}

/** Minutes in `days` days as a week's worth, rounded as the server rounds its own figures. */
export function perWeek(minutes: number, days: number): number {
  return days > 0 ? Math.floor((minutes * 7 + Math.floor(days / 2)) / days) : 0;
}

/** How long an answer usually took: "within about 2 hours", "within about 3 days". */
export function waitSaid(minutes: number): string {
  if (minutes < 2) return 'within a minute or two';
  if (minutes < 48 * 60) return `within ${roughMinutes(minutes)}`;
  return `within about ${Math.round(minutes / 1440)} days`;
}

/** A member's latest day: "felt close, with room; wished for very close". */
export function balanceWords(now: number, wanted: number): string {
  if (now === wanted) return `felt ${closenessWord(now)}, just as close as wished`;
  return `felt ${closenessWord(now)}; wished for ${closenessWord(wanted)}`;
}

type SpaceMember = BondInsights['space']['members'][number];

/** A member's time, said plainly: alone and together a week, and the wish they chose to show. */
export function spaceSaid(m: SpaceMember, days: number): string[] {
  const said = [`alone: ${roughMinutes(m.weekly_own_minutes)} a week`, `together: ${roughMinutes(perWeek(m.together_minutes, days))} a week`];
  const wish = wishShown(m);
  return wish ? [...said, wish] : said;
}

/** The wish a member chose to show, said; null when they keep it to themselves. */
export function wishShown(m: SpaceMember): string | null {
  return m.wish_per_week === undefined ? null : `wish for time alone: ${roughMinutes(m.wish_per_week)} a week`;
}

/** Affection for the two together: on how many days, with and without making love. */
export function affectionSaid(a: NonNullable<BondInsights['affection']>): string[] {
  return [
    `affection on ${dayCount(a.with_affection)}`,
    `making love on ${dayCount(a.with_lovemaking)}`,
    `affection without making love on ${dayCount(a.affection_without_lovemaking)}`,
  ];
}

/** The shared wishes lived most, in their words: "a long hug (3 days)", most first. */
export function livedWishesSaid(wishes: readonly { item_id: string; days: number }[], text: (id: string) => string): string[] {
  const lowerFirst = (t: string) => (t.length > 1 && t[1] === t[1]!.toLowerCase() ? t[0]!.toLowerCase() + t.slice(1) : t);
  return wishes.map((w) => `${lowerFirst(text(w.item_id))} (${dayCount(w.days)})`);
}

/** How calls were answered, for the two together: "3 of the 4 times one of you reached out, ...". */
export function answeredSaid(r: BondInsights['responsiveness']): string | null {
  if (r.calls === 0) return null;
  if (r.answered === 0) return r.calls === 1 ? 'The one time one of you reached out has no answer yet.' : `None of the ${r.calls} times one of you reached out has an answer yet.`;
  const wait = r.median_wait_minutes === null ? '' : `, ${r.answered === 1 ? '' : 'usually '}${waitSaid(r.median_wait_minutes)}`;
  const which = r.calls === 1 ? 'The one time' : `${r.answered} of the ${r.calls} times`;
  return `${which} one of you reached out, the other answered${wait}.`;
}

/** How one's guesses about the other went, said plainly to the guesser alone. */
export function guessesSaid(b: { name: string; days: number; needed: number; family_right: number; closeness_right: number }): string {
  if (b.days < b.needed) {
    return `After a few more days you have both checked in, how your guesses about ${b.name} went will show here.`;
  }
  return (
    `On ${b.family_right} of the ${b.days} days you both checked in, you guessed the kind of feeling ${b.name} felt most; ` +
    `on ${b.closeness_right}, you came within a step of how close ${b.name} felt.`
  );
}

/**
 * Where a week's time alone and the wish fall on a bar from 0 to 100: the longer of the two reaches
 * 90, so both fit with a little room. `mark` is the wish, null without one.
 */
export function ownTimeBar(weekly: number, wish: number | null): { fill: number; mark: number | null } {
  const top = Math.max(weekly, wish ?? 0);
  if (top <= 0) return { fill: 0, mark: wish === null ? null : 0 };
  const at = (n: number) => Math.round((n / top) * 90);
  return { fill: at(weekly), mark: wish === null ? null : at(wish) };
}

/** The feelings one's guesses missed most, as something to ask about rather than guess. */
export function askAboutSaid(name: string, families: readonly string[]): string {
  return `Your guesses missed ${name}’s ${listSaid(families)} most often. When you sense ${families.length === 1 ? 'it' : 'one of these'}, ask rather than guess.`;
}

// Where a notice or a link leads, as plain functions: the screen that holds the thing, with the
// thing's own id as the address's hash ("/bonds/b1#entry-e7"), so the screen can land on it (see
// land.ts). The ids are given here once, and the screens give their items the same ones.
import type { NoticeKind } from '../api';

/** What a notice (GET /api/v1/notices) or a live event says about what happened. */
export interface Target {
  kind: NoticeKind;
  bond_id: string;
  /** The entry, response, appreciation, request, day or bond it concerns. */
  subject_id: string;
  /** For a share or a response: the entry. */
  entry_id?: string;
  /** For a check-in: the day, YYYY-MM-DD. */
  day?: string;
}

const part = encodeURIComponent;

/** The id an item has on its screen, and so the hash that lands on it. */
export const targetId = {
  entry: (id: string) => `entry-${id}`,
  response: (id: string) => `response-${id}`,
  appreciation: (id: string) => `appreciation-${id}`,
  /** Requests for comfort and for space alike. */
  request: (id: string) => `request-${id}`,
  moment: (id: string) => `moment-${id}`,
};

export const bondHref = (bondId: string, hash?: string) => `/bonds/${part(bondId)}${hash ? `#${hash}` : ''}`;
export const checkinHref = (bondId: string) => `/bonds/${part(bondId)}/checkin`;
export const historyHref = (bondId: string, day?: string) =>
  `/bonds/${part(bondId)}/history${day ? `/${part(day)}` : ''}`;
export const entryHref = (entryId: string, hash?: string) => `/journal/${part(entryId)}${hash ? `#${hash}` : ''}`;
/** A bond's insights, and one's own patterns (part of "Just for you"). */
export const insightsHref = (bondId: string) => `/bonds/${part(bondId)}/insights`;
export const myInsightsHref = '/insights/me';
/** A bond's journey of highs and lows, and the two needs as the bond sees them. */
export const journeyHref = (bondId: string, hash?: string) => `/bonds/${part(bondId)}/journey${hash ? `#${hash}` : ''}`;
/** Conversations: a bond's decks, one deck's prompts, and one prompt to answer or read together. */
export const decksHref = (bondId: string) => `/bonds/${part(bondId)}/decks`;
export const deckHref = (bondId: string, deckId: string) => `/bonds/${part(bondId)}/decks/${part(deckId)}`;
/**
 * A prompt's id ("feelings.1.flash_of_joy") is written with dashes in its address, since the server
 * takes an address whose last part has a dot for a file; ids hold no dashes, so it reads back whole.
 */
export const promptHref = (bondId: string, promptId: string) => `/bonds/${part(bondId)}/prompts/${part(promptId.replaceAll('.', '-'))}`;
export const promptIdOf = (param: string) => param.replaceAll('-', '.');
/** Menus: a bond's shared wishes and menus, and one menu to answer. */
export const menusHref = (bondId: string) => `/bonds/${part(bondId)}/menus`;
export const menuHref = (bondId: string, menuId: string, list = false) => `/bonds/${part(bondId)}/menus/${part(menuId)}${list ? '?view=list' : ''}`;
export const bondNeedsHref = (bondId: string) => `/bonds/${part(bondId)}/needs`;
/** What is one's own alone: "Just for you", one's two needs, and the questionnaire. */
export const justForYouHref = '/me';
export const myNeedsHref = '/me/needs';
export const takeNeedsHref = '/me/needs/take';
/** Questions for oneself, every few days, and one's answers (each answer is an entry at entryHref). */
export const reflectionsHref = '/me/reflections';
/** One's log of time of one's own, and the setting of one's weekly wish for it. */
export const ownTimeHref = '/me/own-time';
export const ownTimeWishHref = '/settings#own-time';

const isDay = (day: string | undefined): day is string => typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day);

/**
 * Where a notice leads. A response leads to one's own entry, at the response; without the entry
 * (a live event names only the response) it leads to the journal.
 */
export function noticeHref(notice: Target): string {
  const bond = notice.bond_id;
  const subject = notice.subject_id;
  switch (notice.kind) {
    case 'entry_shared':
      return bondHref(bond, targetId.entry(notice.entry_id ?? subject));
    case 'response_added':
      return notice.entry_id ? entryHref(notice.entry_id, targetId.response(subject)) : '/journal';
    case 'appreciation_added':
      return bondHref(bond, targetId.appreciation(subject));
    case 'comfort_requested':
    case 'comfort_answered':
    case 'space_requested':
    case 'space_answered':
      return bondHref(bond, targetId.request(subject));
    case 'checkin_added':
      return checkinHref(bond);
    case 'checkin_revealed': {
      const day = notice.day ?? subject;
      return isDay(day) ? historyHref(bond, day) : checkinHref(bond);
    }
    case 'invite_accepted':
    case 'bond_ended':
      return bondHref(bond);
    case 'moment_added':
      return journeyHref(bond, targetId.moment(subject));
    case 'deck_answered':
    case 'deck_revealed':
      return promptHref(bond, subject);
  }
}

/** The id named by an address's hash ("#entry-e7" → "entry-e7"), or null when there is none. */
export function hashTarget(hash: string): string | null {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

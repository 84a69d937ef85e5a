// The one place the app talks to the server. Every call goes through `request`, which:
// - sends and expects JSON, with the session cookie (same origin only);
// - adds X-CSRF-Token to every mutating request, from the last `csrf` the server gave us
//   (kept in memory only; refreshed by GET /api/v1/me when the app loads);
// - turns an RFC 9457 problem into an ApiError carrying `detail` and per-field `errors`.

export type BondKind = 'partner' | 'friend' | 'family';
export const bondKinds: readonly BondKind[] = ['partner', 'friend', 'family'];

export interface User {
  id: string;
  email: string;
  display_name: string;
  timezone: string;
  /** Whether affection and love-making ticks appear in this person's partner check-ins. */
  track_affection: boolean;
  /** Time of one's own this person would like each week, in minutes; only ever in their own user. */
  own_time_wish_minutes?: number | null;
  /** Whether that wish appears in the insights of this person's bonds (off unless they turn it on). */
  show_own_time_wish?: boolean;
  created_at: string;
}

/** The changes PATCH /api/v1/me accepts. */
export interface UserChanges {
  display_name?: string;
  timezone?: string;
  track_affection?: boolean;
  own_time_wish_minutes?: number | null;
  show_own_time_wish?: boolean;
}

export interface Bond {
  id: string;
  kind: BondKind;
  status: 'active' | 'ended';
  created_at: string;
  ended_at: string | null;
  other: { id: string; display_name: string };
}

export interface Invite {
  code: string;
  kind: BondKind;
  expires_at: string;
}

export interface Session {
  id: string;
  created_at: string;
  last_seen_at: string;
  user_agent: string;
  current: boolean;
}

// The inner world (entries, responses, comfort, appreciations) and the catalog that names it all.

export type EntryKind =
  | 'feeling'
  | 'hope'
  | 'fear'
  | 'hurt'
  | 'memory'
  | 'daydream'
  | 'achievement'
  | 'knock'
  | 'reflection'
  | 'own_time';
export type ResponseKind = 'hear' | 'comfort' | 'celebrate' | 'thanks';
export type AppreciationKind = 'love' | 'thanks' | 'admire';

export interface CatalogWord {
  id: string;
  name: string;
  description: string;
}

export interface CatalogFamily {
  id: string;
  name: string;
  vulnerable: boolean;
  description: string;
  words: CatalogWord[];
}

export interface Named<Id extends string = string> {
  id: Id;
  name: string;
  description?: string;
}

/**
 * The words of one state of an insight card. `{who}` in the sentence names a member. The
 * vulnerability card's one_sided state has a suggestion for each side instead of one for both.
 */
export interface InsightWords {
  sentence: string;
  suggestion?: string;
  suggestion_open?: string;
  suggestion_quiet?: string;
}

export interface InsightCardWords {
  title: string;
  states: Record<string, InsightWords>;
}

export interface Catalog {
  feelings: { families: CatalogFamily[] };
  prompts: { look_beneath_anger?: string } & Record<string, string | undefined>;
  entry_kinds: Named<EntryKind>[];
  response_kinds: Named<ResponseKind>[];
  appreciation_kinds: Named<AppreciationKind>[];
  /** The insights' words: `bond` cards are seen by both members, `self` cards by one person alone. */
  insights: { bond: Record<string, InsightCardWords>; self: Record<string, InsightCardWords> };
  needs: NeedsWords;
  journey: JourneyWords;
  reflections: ReflectionsWords;
  own_time: OwnTimeWords;
  decks: Deck[];
  /** The affection and intimacy menus (content/menus/). */
  menus: Menu[];
}

// Time of one's own: a private log of pieces of time for oneself, each a private entry of the kind
// `own_time`, shared like any entry only by its author's choice.

/** The log's words and choices (content/own_time.json). */
export interface OwnTimeWords {
  title: string;
  intro: string;
  private: string;
  empty: string;
  /** `{wish}` is the weekly wish, in words. */
  against_wish: string;
  no_wish: string;
  /** Why a day counts once when a check-in and the log both tell of it. */
  counted: string;
  /** The lengths offered, in minutes, rising. */
  minutes: number[];
  activities: { id: string; name: string }[];
}

/** A piece of time of one's own: its day (YYYY-MM-DD), how long, and what kind of time it was. */
export interface OwnTimeSpent {
  day: string;
  minutes: number;
  activity: string;
}

/** A day's own time: the largest a check-in of the day said, the log's pieces added, and what counts. */
export interface OwnDay {
  day: string;
  checked_in: number | null;
  logged: number;
  /** The larger of the two, never their sum. */
  counted: number;
}

/** GET /api/v1/me/own-time: only ever the caller's own. */
export interface OwnTimeLog {
  days: number;
  from: string;
  to: string;
  /** Oldest first: the days of the window with a check-in or a piece. */
  own_days: OwnDay[];
  /** The window's last seven days against one's weekly wish. */
  last_week: { days: number; from: string; to: string; minutes: number; wish_per_week: number | null; under_wish: boolean | null };
  /** The pieces, newest day first. */
  entries: Entry[];
}

/** What noting a piece sends; for a change, any of the fields (a blank note removes it). */
export interface OwnTimeDraft {
  day: string;
  minutes: number;
  activity: string;
  note?: string;
}

// The two needs: a private questionnaire, its results over the years, and what a bond is shown.

export type NeedId = 'closeness' | 'independence';
export const needIds: readonly NeedId[] = ['closeness', 'independence'];
export type NeedBand = 'light' | 'middle' | 'strong';

export interface NeedItem {
  id: string;
  need: NeedId;
  /** Agreeing speaks for less of the need; the server scores it so. */
  reverse: boolean;
  text: string;
}

/** A sentence and one thing to try; `{closer}`, `{roomier}` and `{other}` name members. */
export interface DanceWords {
  sentence: string;
  suggestion: string;
}

/** The questionnaire's words (content/needs.json). */
export interface NeedsWords {
  title: string;
  intro: string;
  not_a_test: string;
  /** The answers run from `min` to `max`; some points have a label ("1": "Not like me at all"). */
  scale: { min: number; max: number; labels: Record<string, string> };
  needs: Record<NeedId, { name: string; description: string; bands: Record<NeedBand, string> }>;
  items: NeedItem[];
  dance: { title: string; states: Record<string, DanceWords> };
}

/** A result's date and scores: what a bond is shown when its owner shows it. */
export interface NeedsScores {
  taken_at: string;
  closeness: number;
  independence: number;
  bands: Record<NeedId, NeedBand>;
}

/** One of one's own results, with the answers it came from. */
export interface NeedsResult extends NeedsScores {
  id: string;
  answers: Record<string, number>;
}

export interface MyNeeds {
  /** Newest first. */
  results: NeedsResult[];
  /** The active bonds where one shows one's needs. */
  shown_in: string[];
}

export interface Dance {
  state: string;
  closer: string | null;
  roomier: string | null;
  other: string | null;
}

/** A bond's view of the two needs: the same for both members, members in id order. */
export interface BondNeeds {
  /**
   * For the caller, `shown` is their own choice; for the other, whether a result is shown. The
   * other's result is null unless they show it, whether or not they ever answered.
   */
  members: { member_id: string; shown: boolean; result: NeedsScores | null }[];
  /** Only when both show theirs. */
  dance: Dance | null;
}

// Moments: a bond's journey of highs and lows, and the milestones the server marks by itself.

export type MomentKind = 'high' | 'low';
export const momentKinds: readonly MomentKind[] = ['high', 'low'];
export type MilestoneKind = 'began' | 'first_reveal' | 'days_both' | 'deck_level';

export interface Moment {
  id: string;
  bond_id: string;
  day: string;
  kind: MomentKind;
  title: string;
  note: string | null;
  author: Person;
  mine: boolean;
  created_at: string;
  updated_at: string;
}

export interface Milestone {
  kind: MilestoneKind;
  day: string;
  /** For days_both: 50, 100, ... */
  count: number;
  /** For deck_level: the conversation deck, and the level it opened. */
  deck?: string;
  level?: number;
}

export interface Journey {
  /** Oldest day first. */
  moments: Moment[];
  milestones: Milestone[];
}

export interface MomentDraft {
  day: string;
  kind: MomentKind;
  title: string;
  /** Null clears the note when editing. */
  note: string | null;
}

/** The journey screen's words (content/journey.json). */
export interface JourneyWords {
  title: string;
  intro: string;
  empty: string;
  kinds: Record<MomentKind, { name: string; description: string }>;
  /** `{count}` in days_both is the number of days. */
  milestones: Record<MilestoneKind, string>;
}

// Conversation decks: prompts in three levels that deepen, each answered alone and revealed to
// both once both have answered.

export interface DeckLevelWords {
  level: number;
  name: string;
  description: string;
}

export interface DeckPrompt {
  id: string;
  level: number;
  text: string;
  kinds: BondKind[];
  /** A love-map choice: one's own answer and a guess for the other, as indices into these. */
  choices?: string[];
}

/** A deck as the catalog has it. */
export interface Deck {
  id: string;
  title: string;
  description: string;
  kinds: BondKind[];
  levels: DeckLevelWords[];
  prompts: DeckPrompt[];
}

/** How far a level has opened in a bond. */
export interface DeckLevel {
  level: number;
  open: boolean;
  /** Prompts of the level that suit the bond. */
  available: number;
  revealed: number;
}

export interface DeckToday {
  prompt_id: string;
  deck: string;
  level: number;
  day: string;
}

export interface BondDeck {
  id: string;
  unlocked: number;
  levels: DeckLevel[];
  waiting_for_you: number;
  waiting_for_other: number;
}

export interface BondDecks {
  /** The prompt of the day, the same for both; null in an ended bond. */
  today: DeckToday | null;
  decks: BondDeck[];
}

/** Where one prompt stands, from the caller's side. */
export interface DeckPromptState {
  prompt_id: string;
  level: number;
  open: boolean;
  mine: boolean;
  other: boolean;
  revealed: boolean;
  skipped: boolean;
}

export interface BondDeckDetail {
  id: string;
  unlocked: number;
  levels: DeckLevel[];
  prompts: DeckPromptState[];
}

export interface DeckAnswer {
  body?: string;
  choice?: number;
  guess?: number;
  /** Once revealed, for a love-map choice: whether this guess read the other right. */
  guess_right?: boolean;
  answered_at: string;
  updated_at: string;
}

export interface PromptView {
  prompt_id: string;
  deck: string;
  level: number;
  open: boolean;
  skipped: boolean;
  mine: DeckAnswer | null;
  /** Null after the bond ended; only `answered` until revealed; then the other's answer too. */
  other: ({ answered: boolean } & Partial<Omit<DeckAnswer, 'answered_at' | 'updated_at'>>) | null;
  revealed_at: string | null;
}

/** Words for an open prompt; a choice and a guess for a love-map one. */
export type PromptAnswer = { body: string } | { choice: number; guess: number };

// Menus: affection for every bond, intimacy for partners who open it for themselves. Each answers
// alone; only what both want is shown, and nothing tells whether the other answered or opened.

export type MenuId = 'affection' | 'intimacy';
export type MenuAnswerValue = 'yes' | 'maybe' | 'no';

export interface MenuCategory {
  id: string;
  title: string;
  description: string;
}

export interface MenuItem {
  id: string;
  category: string;
  text: string;
  detail?: string;
  kinds: BondKind[];
}

/** A menu as the catalog has it. */
export interface Menu {
  id: MenuId;
  title: string;
  description: string;
  kinds: BondKind[];
  categories: MenuCategory[];
  items: MenuItem[];
}

/** An item one of the two added; shown with its author. */
export interface MenuSuggestion {
  id: string;
  menu: MenuId;
  category: string;
  text: string;
  author: { id: string; display_name: string };
  mine: boolean;
  created_at: string;
}

export interface MenusView {
  /** Open to the caller (intimacy once they opened it); nothing says whether the other did. Empty once the bond ended. */
  menus: { id: MenuId; open: boolean; opt_in: boolean }[];
  adult_confirmed: boolean;
  suggestions: MenuSuggestion[];
}

/** One's own answer to an item (catalog item or suggestion). */
export interface MenuAnswer {
  item_id: string;
  answer: MenuAnswerValue;
  ask_first: boolean;
  updated_at: string;
}

/** An item both said yes or maybe to. */
export interface MenuMatch {
  item_id: string;
  menu: MenuId;
  both_yes: boolean;
  ask_first: boolean;
}

// Reflections: a question for oneself every few days; an answer is a private entry of the kind
// `reflection` whose `prompt` names the question.

/** A question for oneself (content/reflections.json). */
export interface ReflectionQuestion {
  id: string;
  theme: string;
  text: string;
}

/** The reflections' words (content/reflections.json). */
export interface ReflectionsWords {
  title: string;
  intro: string;
  private: string;
  every_days: number;
  /** A theme's name by its id. */
  themes: Record<string, string>;
  prompts: ReflectionQuestion[];
}

/** GET /api/v1/reflections: the question offered now (days as YYYY-MM-DD) and one's own answers. */
export interface Reflections {
  offered: { id: string; since: string; next: string } | null;
  every_days: number;
  /** Newest first, one per question. */
  answers: Entry[];
}

export interface Person {
  id: string;
  display_name: string;
}

export interface Feeling {
  word: string;
  family: string;
  intensity: number;
}

/** What the server needs to store a feeling: the word and how strong it is. */
export interface FeelingInput {
  word: string;
  intensity: number;
}

export interface EntryResponse {
  id: string;
  entry_id: string;
  bond_id: string;
  kind: ResponseKind;
  body: string | null;
  from: Person;
  mine: boolean;
  created_at: string;
}

/** An entry as its author sees it. */
export interface Entry {
  id: string;
  kind: EntryKind;
  /** A reflection's question (see ReflectionsWords); null for every other kind. */
  prompt: string | null;
  feelings: Feeling[];
  body: string;
  created_at: string;
  updated_at: string;
  shared_with: string[];
  follow_up: 'look_beneath_anger' | null;
  /** A piece of time of one's own; null for every other kind. The note is the body. */
  own_time: OwnTimeSpent | null;
  responses: EntryResponse[];
}

/** An entry as it appears in a bond's shared space, written by either member. */
export interface SharedEntry {
  id: string;
  kind: EntryKind;
  /** A reflection's question; null for every other kind. */
  prompt: string | null;
  feelings: Feeling[];
  body: string;
  created_at: string;
  updated_at: string;
  shared_at: string;
  /** A piece of time of one's own; null for every other kind. */
  own_time: OwnTimeSpent | null;
  author: Person;
  mine: boolean;
  responses: EntryResponse[];
  /** The responses that fit this entry's kind and feelings; empty on one's own entries. */
  responses_offered: ResponseKind[];
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export type RequestKind = 'comfort' | 'space';
export type SpaceWhen = 'now' | 'tonight' | 'tomorrow';
export type SpaceReply = 'enjoy' | 'of_course' | 'here_after';

export interface ComfortRequest {
  id: string;
  bond_id: string;
  kind: RequestKind;
  from: Person;
  mine: boolean;
  note: string | null;
  created_at: string;
  answered_at: string | null;
  answer_note: string | null;
}

/** A request for time to oneself: a comfort request's fields, plus when and the reply chosen. */
export interface SpaceRequest extends ComfortRequest {
  kind: 'space';
  when: SpaceWhen | null;
  reply: SpaceReply | null;
}

/** Every kind of thing that happened in a bond while this person was away, for Home's "what is new". */
export const NOTICE_KINDS = [
  'entry_shared',
  'response_added',
  'appreciation_added',
  'comfort_requested',
  'comfort_answered',
  'space_requested',
  'space_answered',
  'checkin_added',
  'checkin_revealed',
  'invite_accepted',
  'bond_ended',
  'moment_added',
  /** Conversations: the other answered a question (its id the subject); gone once both have. */
  'deck_answered',
  /** Conversations: both answered, so both answers are open. */
  'deck_revealed',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface Notice {
  id: string;
  bond_id: string;
  kind: NoticeKind;
  /** What to open: the entry, response, appreciation, request, day (YYYY-MM-DD) or bond. */
  subject_id: string;
  /** For entry_shared and response_added. */
  entry_id?: string;
  /** For checkin_added and checkin_revealed. */
  day?: string;
  from_id: string;
  created_at: string;
  seen: boolean;
  /** For a request: not answered yet. */
  open?: boolean;
}

export interface Appreciation {
  id: string;
  bond_id: string;
  kind: AppreciationKind;
  note: string | null;
  from: Person;
  mine: boolean;
  created_at: string;
}

export interface EntryFilter {
  kind?: string;
  family?: string;
  before?: string | null;
  limit?: number;
}

// Daily check-ins: one per person, bond and day, revealed to both only once both have answered.

export type Need = 'space' | 'closeness' | 'comfort' | 'fine';
export const needs: readonly Need[] = ['space', 'closeness', 'comfort', 'fine'];

export interface Checkin {
  day: string;
  from: Person;
  feelings: Feeling[];
  primary_family: string;
  closeness_now: number;
  closeness_wanted: number;
  need: Need;
  own_minutes: number;
  together_minutes: number;
  /**
   * Present only where it may be shown: one's own while one tracks affection, the other's only
   * when both do. Absent otherwise, so nobody can tell who has not opted in.
   */
  affection?: boolean | null;
  lovemaking?: boolean | null;
  /** The shared wishes of the affection menu lived that day (item ids), shown like the ticks. */
  wishes?: string[];
  guess: {
    family: string;
    closeness_now: number;
    /** Both null until the day is revealed. */
    family_right: boolean | null;
    closeness_right: boolean | null;
  };
  created_at: string;
  /** Only on one's own check-in before the reveal: a revealed check-in shows no edit time. */
  updated_at?: string;
}

/**
 * One day of a bond. Before the reveal, all there is of the other's check-in is whether it exists,
 * and only for a day that can still be answered; for other days, and in an ended bond, there is no
 * `partner` at all.
 */
/** The reveal's gentle word on how the two answers meet; `who` is from the caller's side. */
export interface Reflection {
  kind: 'comfort' | 'space_and_closeness' | 'both_closer' | 'both_space';
  who: 'me' | 'them' | 'both';
}

export interface CheckinDay {
  day: string;
  revealed: boolean;
  /** On a revealed day: a gentle word on how the answers meet, or null. Absent before the reveal. */
  reflection?: Reflection | null;
  mine: Checkin | null;
  partner?: { status: 'waiting' | 'checked_in' } | Checkin;
}

export interface CheckinDraft {
  feelings: FeelingInput[];
  closeness_now: number;
  closeness_wanted: number;
  need: Need;
  own_minutes: number;
  together_minutes: number;
  affection?: boolean;
  lovemaking?: boolean;
  /** Up to five of the bond's affection matches lived today; only with the affection step. */
  wishes?: string[];
  guess: { family: string; closeness_now: number };
}

/** Whether the other has checked in on a day not yet revealed, as far as the day shows it. */
export function otherCheckedIn(day: CheckinDay): boolean {
  return !day.revealed && day.partner !== undefined && 'status' in day.partner && day.partner.status === 'checked_in';
}

/** The other's check-in, once the day is revealed; null before. */
export function partnerCheckin(day: CheckinDay): Checkin | null {
  return day.partner && 'from' in day.partner ? day.partner : null;
}

// Insights: patterns over a window of days, described gently, never a score of one against the other.

/** The window an insight looks at: `days` days from `from` to `to` (YYYY-MM-DD), both included. */
export interface InsightWindow {
  days: number;
  from: string;
  to: string;
}

export type Lean = 'more_closeness' | 'more_space' | 'balanced';

/** Per member, each carries `member_id`; members come in a fixed order, the same for both. */
export interface BondInsights extends InsightWindow {
  bond_id: string;
  members: { id: string; name: string }[];
  /** The card whose suggestion is worth offering first. */
  highlight: string;
  closeness: {
    state: string;
    /** The member one_closer or one_space speaks of. */
    who?: string;
    /** Days both answered in the window, and how many are needed before the means are told. */
    days: number;
    needed: number;
    members?: { member_id: string; mean_now: number; mean_wanted: number; gap: number; direction: Lean }[];
    pursue_withdraw: boolean;
    /** Each day both answered, oldest first: `now` and `wanted` in the order of `members`. */
    series: { day: string; now: number[]; wanted: number[] }[];
  };
  needs: {
    state: string;
    members: {
      member_id: string;
      space: number;
      closeness: number;
      comfort: number;
      fine: number;
      space_requests: number;
      comfort_requests: number;
    }[];
  };
  vulnerability: {
    state: string;
    /** With one_sided: the member who has been letting the other in. */
    one_sided?: string;
    members: { member_id: string; shared_vulnerable: number; comfort_requests: number; comfort_days: number }[];
  };
  appreciation: { state: string; members: { member_id: string; sent: number; days_since_love: number | null }[] };
  space: {
    state: string;
    /** With room_unmet: a member under the wish they chose to show. */
    who?: string;
    members: {
      member_id: string;
      own_minutes: number;
      together_minutes: number;
      own_share: number | null;
      weekly_own_minutes: number;
      /** Only when that member chose to show their wish. */
      wish_per_week?: number;
      under_wish?: boolean;
    }[];
  };
  /** Only when both members track affection; nothing says who ticked what. */
  affection?: {
    state: string;
    with_affection: number;
    with_lovemaking: number;
    affection_without_lovemaking: number;
    /** The shared wishes lived most, by days (a day counts once), most first. */
    wishes?: { item_id: string; days: number }[];
  };
  /** For the two together, never per person. */
  responsiveness: { state: string; calls: number; answered: number; median_wait_minutes: number | null };
}

/** What belongs to the caller alone: never in a bond's insights. */
export interface MyInsights extends InsightWindow {
  sharing_gap: { state: string; families: { family: string; written: number; shared: number }[] };
  own_time: { state: string; days: number; weekly_minutes: number; wish_per_week: number | null };
  mind_reading: {
    state: string;
    bonds: {
      bond_id: string;
      name: string;
      days: number;
      family_right: number;
      closeness_right: number;
      ask_about: string[];
      needed: number;
    }[];
  };
}

export interface EntryDraft {
  kind: EntryKind;
  feelings: FeelingInput[];
  body: string;
}

/** A file downloaded whole: its bytes and the server's Content-Disposition (which names it). */
export interface Download {
  blob: Blob;
  disposition: string | null;
}

/**
 * What bringing in another Pillars' download took (POST /api/v1/me/import): counts of what came,
 * and of what stayed in the file because it belonged to a bond that is not on this Pillars.
 */
export interface ImportResult {
  imported: { entries: number; own_time: number; needs: number; reflections: number; settings: boolean } & Record<string, number | boolean>;
  not_imported: Record<string, number>;
}

/** A failed call. `status` is 0 when the server could not be reached at all. */
export class ApiError extends Error {
  readonly status: number;
  /** The problem's slug, e.g. "invite-expired" (from type "/problems/invite-expired"). */
  readonly problem: string;
  readonly detail: string;
  /** Per-field messages, keyed by field name. */
  readonly fields: Readonly<Record<string, string>>;
  /** Seconds to wait before trying again, from Retry-After, when the server sent one. */
  readonly retryAfter: number | null;

  constructor(
    status: number,
    problem: string,
    detail: string,
    fields: Record<string, string> = {},
    retryAfter: number | null = null,
  ) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.detail = detail;
    this.fields = fields;
    this.retryAfter = retryAfter;
  }
}

let csrfToken: string | null = null;
const signedOutListeners = new Set<() => void>();

/** Called when the server says our session is gone (401 outside sign-in and sign-up). */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const fallbackDetail: Record<number, string> = {
  0: 'We could not reach Pillars. Check your connection and try again.',
  401: 'Please sign in again.',
  403: 'That was not allowed.',
  404: 'We could not find that.',
  429: 'Too many tries in a short while. Please wait a little and try again.',
  500: 'Something went wrong on our side. Please try again.',
  503: 'Pillars is not ready just now. Please try again shortly.',
};

async function problemFrom(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: fall back to a message of our own below.
  }
  const obj = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const type = typeof obj.type === 'string' ? obj.type : '';
  const problem = type.slice(type.lastIndexOf('/') + 1);
  const detail =
    (typeof obj.detail === 'string' && obj.detail) ||
    (typeof obj.title === 'string' && obj.title) ||
    fallbackDetail[response.status] ||
    'Something went wrong. Please try again.';
  const fields: Record<string, string> = {};
  if (Array.isArray(obj.errors)) {
    for (const e of obj.errors as unknown[]) {
      if (e && typeof e === 'object') {
        const { field, message } = e as { field?: unknown; message?: unknown };
        if (typeof field === 'string' && typeof message === 'string' && !fields[field]) {
          fields[field] = message;
        }
      }
    }
  }
  const retry = Number(response.headers.get('Retry-After'));
  return new ApiError(
    response.status,
    problem,
    detail,
    fields,
    Number.isFinite(retry) && retry > 0 ? retry : null,
  );
}

/** A body sent as it is (an archive to bring in), its Content-Type the Blob's own type. */
async function send(method: Method, path: string, body: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const raw = body instanceof Blob;
  if (body !== undefined) headers['Content-Type'] = raw ? body.type : 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  try {
    return await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', fallbackDetail[0]!);
  }
}

/** Sends the request and answers the response when it is a success; a problem is thrown. */
async function fetchOk(method: Method, path: string, body?: unknown): Promise<Response> {
  let response = await send(method, path, body);
  // A stale token (say, after signing in on another tab) is refreshed once, then retried.
  if (response.status === 403 && method !== 'GET') {
    const error = await problemFrom(response.clone());
    if (error.problem === 'csrf' && (await refreshCsrf())) {
      response = await send(method, path, body);
    }
  }
  if (!response.ok) {
    const error = await problemFrom(response);
    if (error.status === 401 && !path.startsWith('/api/v1/auth/')) {
      csrfToken = null;
      signedOutListeners.forEach((listener) => listener());
    }
    throw error;
  }
  return response;
}

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const response = await fetchOk(method, path, body);
  if (response.status === 204) return undefined as T;
  const data = (await response.json()) as T;
  if (data && typeof data === 'object' && 'csrf' in data) {
    const token = (data as { csrf?: unknown }).csrf;
    if (typeof token === 'string') csrfToken = token;
  }
  return data;
}

/**
 * A file the server makes as it goes (the archive of one's data): read piece by piece, telling
 * `onReceived` the bytes so far and the whole size when the server said it (else null).
 */
async function download(path: string, onReceived: (bytes: number, total: number | null) => void): Promise<Download> {
  const response = await fetchOk('GET', path);
  const length = Number(response.headers.get('Content-Length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const type = response.headers.get('Content-Type') ?? 'application/octet-stream';
  const disposition = response.headers.get('Content-Disposition');
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let bytes = 0;
  try {
    const reader = (response.body as ReadableStream<Uint8Array<ArrayBuffer>> | null)?.getReader();
    if (!reader) {
      const whole = new Uint8Array(await response.arrayBuffer());
      onReceived(whole.byteLength, total);
      return { blob: new Blob([whole], { type }), disposition };
    }
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      bytes += value.byteLength;
      onReceived(bytes, total);
    }
  } catch {
    throw new ApiError(0, 'network', 'The download stopped before it was complete. Check your connection and try again.');
  }
  return { blob: new Blob(parts, { type }), disposition };
}

async function refreshCsrf(): Promise<boolean> {
  const response = await send('GET', '/api/v1/me', undefined);
  if (!response.ok) return false;
  const data = (await response.json()) as { csrf?: unknown };
  if (typeof data.csrf !== 'string') return false;
  csrfToken = data.csrf;
  return true;
}

function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') q.set(key, String(value));
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** Empty notes are left out, so the server stores "no note" rather than an empty one. */
const withNote = <T extends object>(body: T, note?: string): T & { note?: string } =>
  note && note.trim() ? { ...body, note: note.trim() } : body;

let catalogPromise: Promise<Catalog> | null = null;

const path = (strings: TemplateStringsArray, ...parts: string[]): string =>
  strings.reduce((out, s, i) => out + s + (i < parts.length ? encodeURIComponent(parts[i]!) : ''), '');

/** What a person chose for notifications: times are HH:MM on their own clock, null for off. */
export interface NotifySettings {
  reminder: string | null;
  events: boolean;
  quiet_from: string | null;
  quiet_to: string | null;
}

/** A browser the person turned pushes on for. */
export interface PushDevice {
  id: string;
  service: string;
  created_at: string;
  last_sent_at: string | null;
}

export interface Notifications {
  push: { available: boolean; public_key: string | null };
  settings: NotifySettings;
  devices: PushDevice[];
}

export const api = {
  register: (email: string, password: string, display_name: string, timezone: string) =>
    request<{ user: User; csrf: string }>('POST', '/api/v1/auth/register', {
      email,
      password,
      display_name,
      timezone,
    }),
  login: (email: string, password: string) =>
    request<{ user: User; csrf: string }>('POST', '/api/v1/auth/login', { email, password }),
  logout: async () => {
    try {
      await request<void>('POST', '/api/v1/auth/logout');
    } finally {
      csrfToken = null;
    }
  },
  /** Resolves to null when nobody is signed in. */
  me: async (): Promise<User | null> => {
    try {
      return (await request<{ user: User; csrf: string }>('GET', '/api/v1/me')).user;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  },
  updateMe: (changes: UserChanges) =>
    request<{ user: User }>('PATCH', '/api/v1/me', changes).then((r) => r.user),
  /** The server starts a new session for this browser; request() keeps its new CSRF token. */
  changePassword: (current_password: string, new_password: string) =>
    request<{ csrf: string }>('POST', '/api/v1/me/password', { current_password, new_password }),
  /** Deletes the account for good; the server clears the session cookie. */
  deleteAccount: async (password: string) => {
    await request<void>('DELETE', '/api/v1/me', { password });
    csrfToken = null;
  },
  /** Answers the same whether or not an account uses the address. */
  forgotPassword: (email: string) => request<unknown>('POST', '/api/v1/auth/forgot-password', { email }).then(() => undefined),
  /** Every session of the person is signed out, this browser's included. */
  resetPassword: async (token: string, password: string) => {
    await request<void>('POST', '/api/v1/auth/reset-password', { token, password });
    csrfToken = null;
  },
  /** The archive of everything one wrote and was shown, as a zip made while it is sent. */
  exportData: (onReceived: (bytes: number, total: number | null) => void) => download('/api/v1/me/export', onReceived),
  /** `archive`: the zip or its pillars-export.json, typed application/zip or application/json. */
  importData: (archive: Blob) => request<ImportResult>('POST', '/api/v1/me/import', archive),
  sessions: () => request<{ sessions: Session[] }>('GET', '/api/v1/me/sessions').then((r) => r.sessions),
  revokeSession: (id: string) => request<void>('DELETE', path`/api/v1/me/sessions/${id}`),
  notifications: () => request<Notifications>('GET', '/api/v1/me/notifications'),
  saveNotifications: (changes: Partial<NotifySettings>) =>
    request<{ settings: NotifySettings }>('PUT', '/api/v1/me/notifications', changes).then((r) => r.settings),
  addPushDevice: (subscription: PushSubscriptionJSON) =>
    request<{ device: PushDevice }>('POST', '/api/v1/me/push-devices', subscription).then((r) => r.device),
  removePushDevice: (id: string) => request<void>('DELETE', path`/api/v1/me/push-devices/${id}`),

  createInvite: (kind: BondKind) => request<Invite>('POST', '/api/v1/invites', { kind }),
  invites: () => request<{ invites: Invite[] }>('GET', '/api/v1/invites').then((r) => r.invites),
  acceptInvite: (code: string) =>
    request<{ bond: Bond }>('POST', path`/api/v1/invites/${code}/accept`).then((r) => r.bond),

  bonds: () => request<{ bonds: Bond[] }>('GET', '/api/v1/bonds').then((r) => r.bonds),
  bond: (id: string) => request<{ bond: Bond }>('GET', path`/api/v1/bonds/${id}`).then((r) => r.bond),
  endBond: (id: string) =>
    request<{ bond: Bond }>('POST', path`/api/v1/bonds/${id}/end`).then((r) => r.bond),

  /** The catalog changes only with a new server, so it is fetched once per page load. */
  catalog: (): Promise<Catalog> => {
    catalogPromise ??= request<Catalog>('GET', '/api/v1/catalog').catch((e: unknown) => {
      catalogPromise = null;
      throw e;
    });
    return catalogPromise;
  },

  entries: (filter: EntryFilter = {}) =>
    request<{ entries: Entry[]; next_cursor: string | null }>(
      'GET',
      `/api/v1/entries${query({ kind: filter.kind, family: filter.family, before: filter.before, limit: filter.limit })}`,
    ).then((r): Page<Entry> => ({ items: r.entries, next_cursor: r.next_cursor })),
  entry: (id: string) => request<{ entry: Entry }>('GET', path`/api/v1/entries/${id}`).then((r) => r.entry),
  createEntry: (draft: EntryDraft) =>
    request<{ entry: Entry }>('POST', '/api/v1/entries', draft).then((r) => r.entry),
  updateEntry: (id: string, changes: Partial<EntryDraft>) =>
    request<{ entry: Entry }>('PATCH', path`/api/v1/entries/${id}`, changes).then((r) => r.entry),
  deleteEntry: (id: string) => request<void>('DELETE', path`/api/v1/entries/${id}`),
  shareEntry: (id: string, bondId: string) =>
    request<{ entry: Entry }>('POST', path`/api/v1/entries/${id}/shares`, { bond_id: bondId }).then((r) => r.entry),
  withdrawEntry: (id: string, bondId: string) =>
    request<void>('DELETE', path`/api/v1/entries/${id}/shares/${bondId}`),
  respond: (entryId: string, kind: ResponseKind, body?: string) =>
    request<{ response: EntryResponse }>(
      'POST',
      path`/api/v1/entries/${entryId}/responses`,
      body && body.trim() ? { kind, body: body.trim() } : { kind },
    ).then((r) => r.response),

  bondEntries: (bondId: string, before?: string | null, limit?: number) =>
    request<{ entries: SharedEntry[]; next_cursor: string | null }>(
      'GET',
      `${path`/api/v1/bonds/${bondId}/entries`}${query({ before, limit })}`,
    ).then((r): Page<SharedEntry> => ({ items: r.entries, next_cursor: r.next_cursor })),
  appreciations: (bondId: string) =>
    request<{ appreciations: Appreciation[] }>('GET', path`/api/v1/bonds/${bondId}/appreciations`).then(
      (r) => r.appreciations,
    ),
  appreciate: (bondId: string, kind: AppreciationKind, note?: string) =>
    request<{ appreciation: Appreciation }>(
      'POST',
      path`/api/v1/bonds/${bondId}/appreciations`,
      withNote({ kind }, note),
    ).then((r) => r.appreciation),
  comfortRequests: (bondId: string) =>
    request<{ comfort_requests: ComfortRequest[] }>('GET', path`/api/v1/bonds/${bondId}/comfort-requests`).then(
      (r) => r.comfort_requests,
    ),
  askForComfort: (bondId: string, note?: string) =>
    request<{ comfort_request: ComfortRequest }>(
      'POST',
      path`/api/v1/bonds/${bondId}/comfort-requests`,
      withNote({}, note),
    ).then((r) => r.comfort_request),
  answerComfort: (bondId: string, requestId: string, note?: string) =>
    request<{ comfort_request: ComfortRequest }>(
      'POST',
      path`/api/v1/bonds/${bondId}/comfort-requests/${requestId}/answer`,
      withNote({}, note),
    ).then((r) => r.comfort_request),

  spaceRequests: (bondId: string) =>
    request<{ space_requests: SpaceRequest[] }>('GET', path`/api/v1/bonds/${bondId}/space-requests`).then(
      (r) => r.space_requests,
    ),
  askForSpace: (bondId: string, when: SpaceWhen, note?: string) =>
    request<{ space_request: SpaceRequest }>(
      'POST',
      path`/api/v1/bonds/${bondId}/space-requests`,
      withNote({ when }, note),
    ).then((r) => r.space_request),
  answerSpace: (bondId: string, requestId: string, reply: SpaceReply, note?: string) =>
    request<{ space_request: SpaceRequest }>(
      'POST',
      path`/api/v1/bonds/${bondId}/space-requests/${requestId}/answer`,
      withNote({ reply }, note),
    ).then((r) => r.space_request),

  notices: () => request<{ notices: Notice[]; unread: number }>('GET', '/api/v1/notices'),
  /** Marks the given notices seen, or all of them; answers how many changed. */
  markNoticesSeen: (which: { ids: string[] } | { all: true }) =>
    request<{ marked: number }>('POST', '/api/v1/notices/seen', which).then((r) => r.marked),

  checkinDays: (bondId: string, from?: string, to?: string) =>
    request<{ days: CheckinDay[] }>('GET', `${path`/api/v1/bonds/${bondId}/checkins`}${query({ from, to })}`).then(
      (r) => r.days,
    ),
  checkinDay: (bondId: string, day: string) =>
    request<CheckinDay>('GET', path`/api/v1/bonds/${bondId}/checkins/${day}`),
  checkIn: (bondId: string, day: string, draft: CheckinDraft) =>
    request<{ checkin: Checkin; revealed: boolean }>('PUT', path`/api/v1/bonds/${bondId}/checkins/${day}`, draft),

  bondInsights: (bondId: string, days?: number) =>
    request<BondInsights>('GET', `${path`/api/v1/bonds/${bondId}/insights`}${query({ days })}`),
  myInsights: (days?: number) => request<MyInsights>('GET', `/api/v1/me/insights${query({ days })}`),

  myNeeds: () => request<MyNeeds>('GET', '/api/v1/me/needs'),
  takeNeeds: (answers: Record<string, number>) =>
    request<{ result: NeedsResult }>('POST', '/api/v1/me/needs', { answers }).then((r) => r.result),
  deleteNeeds: (id: string) => request<void>('DELETE', path`/api/v1/me/needs/${id}`),
  bondNeeds: (bondId: string) => request<BondNeeds>('GET', path`/api/v1/bonds/${bondId}/needs`),
  showNeeds: (bondId: string, shown: boolean) => request<BondNeeds>('PUT', path`/api/v1/bonds/${bondId}/needs`, { shown }),

  myOwnTime: (days?: number) => request<OwnTimeLog>('GET', `/api/v1/me/own-time${query({ days })}`),
  logOwnTime: (draft: OwnTimeDraft) =>
    request<{ entry: Entry }>('POST', '/api/v1/me/own-time', withNote({ day: draft.day, minutes: draft.minutes, activity: draft.activity }, draft.note)).then(
      (r) => r.entry,
    ),
  /** A blank note removes the note. */
  editOwnTime: (id: string, changes: Partial<OwnTimeDraft>) =>
    request<{ entry: Entry }>('PATCH', path`/api/v1/me/own-time/${id}`, changes).then((r) => r.entry),

  journey: (bondId: string) => request<Journey>('GET', path`/api/v1/bonds/${bondId}/moments`),
  addMoment: (bondId: string, draft: MomentDraft) =>
    request<{ moment: Moment }>('POST', path`/api/v1/bonds/${bondId}/moments`, draft).then((r) => r.moment),
  editMoment: (bondId: string, momentId: string, draft: MomentDraft) =>
    request<{ moment: Moment }>('PATCH', path`/api/v1/bonds/${bondId}/moments/${momentId}`, draft).then((r) => r.moment),
  deleteMoment: (bondId: string, momentId: string) => request<void>('DELETE', path`/api/v1/bonds/${bondId}/moments/${momentId}`),

  /** `day`: the person's own date today, so the prompt of the day changes at their midnight. */
  bondDecks: (bondId: string, day: string) => request<BondDecks>('GET', `${path`/api/v1/bonds/${bondId}/decks`}${query({ day })}`),
  bondDeck: (bondId: string, deckId: string) => request<BondDeckDetail>('GET', path`/api/v1/bonds/${bondId}/decks/${deckId}`),
  prompt: (bondId: string, promptId: string) => request<PromptView>('GET', path`/api/v1/bonds/${bondId}/prompts/${promptId}`),
  answerPrompt: (bondId: string, promptId: string, answer: PromptAnswer) =>
    request<PromptView>('PUT', path`/api/v1/bonds/${bondId}/prompts/${promptId}/answer`, answer),
  skipPrompt: (bondId: string, promptId: string, skipped: boolean) =>
    request<PromptView>('PUT', path`/api/v1/bonds/${bondId}/prompts/${promptId}/skip`, { skipped }),

  menus: (bondId: string) => request<MenusView>('GET', path`/api/v1/bonds/${bondId}/menus`),
  myMenuAnswers: (bondId: string) =>
    request<{ answers: MenuAnswer[] }>('GET', path`/api/v1/bonds/${bondId}/menus/mine`).then((r) => r.answers),
  menuMatches: (bondId: string) =>
    request<{ matches: MenuMatch[] }>('GET', path`/api/v1/bonds/${bondId}/menus/matches`).then((r) => r.matches),
  /** `ask_first` only goes with maybe. */
  answerMenuItem: (bondId: string, itemId: string, answer: MenuAnswerValue, ask_first = false) =>
    request<{ answer: MenuAnswer }>('PUT', path`/api/v1/bonds/${bondId}/menus/items/${itemId}`, answer === 'maybe' ? { answer, ask_first } : { answer }).then(
      (r) => r.answer,
    ),
  clearMenuAnswer: (bondId: string, itemId: string) => request<void>('DELETE', path`/api/v1/bonds/${bondId}/menus/items/${itemId}`),
  /** Opening the first time needs `adult: true`; closing deletes one's answers and suggestions in the menu. */
  setMenuOpening: (bondId: string, menuId: MenuId, opened: boolean, adult?: boolean) =>
    request<MenusView>('PUT', path`/api/v1/bonds/${bondId}/menus/${menuId}/opening`, adult ? { opened, adult } : { opened }),
  suggestMenuItem: (bondId: string, draft: { menu: MenuId; category: string; text: string }) =>
    request<{ suggestion: MenuSuggestion }>('POST', path`/api/v1/bonds/${bondId}/menus/suggestions`, draft).then((r) => r.suggestion),
  removeMenuSuggestion: (bondId: string, suggestionId: string) =>
    request<void>('DELETE', path`/api/v1/bonds/${bondId}/menus/suggestions/${suggestionId}`),

  /** `day`: the person's own date today (YYYY-MM-DD), so the question changes at their midnight. */
  reflections: (day: string) => request<Reflections>('GET', `/api/v1/reflections${query({ day })}`),
  /** The first answer makes the entry, a later one changes it. */
  answerReflection: (id: string, body: string) =>
    request<{ entry: Entry }>('PUT', path`/api/v1/reflections/${id}/answer`, { body }).then((r) => r.entry),
};

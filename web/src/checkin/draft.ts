// The check-in flow's rules as plain functions: which steps a person is asked, what a draft holds,
// what each step still needs before Next, and the body sent to the server. No Preact here, so the
// rules are tested on their own (draft.test.ts).
import type { Checkin, CheckinDraft, FeelingInput, Need } from '../api';
import { MINUTES_MAX, minutePicks } from './words';

export type StepId = 'feelings' | 'now' | 'wanted' | 'need' | 'time' | 'affection' | 'guess';

/** Minutes as chosen: one of the quick picks, or "other" with the number typed in. */
export interface Minutes {
  pick: number | 'other' | null;
  custom: string;
}

export interface Draft {
  feelings: FeelingInput[];
  now: number;
  wanted: number;
  need: Need | null;
  own: Minutes;
  together: Minutes;
  affection: boolean;
  lovemaking: boolean;
  /** Shared wishes of the affection menu lived today (item ids), at most WISHES_MAX. */
  wishes: string[];
  guessFamily: string | null;
  guessNow: number;
}

/** How many shared wishes a check-in may name. */
export const WISHES_MAX = 5;

/**
 * A shared wish ticked or unticked: at most WISHES_MAX, and naming one ticks affection (a wish lived
 * is affection); unticking leaves the affection tick as it was.
 */
export function withWish(draft: Draft, id: string, on: boolean): Partial<Draft> {
  if (!on) return { wishes: draft.wishes.filter((w) => w !== id) };
  if (draft.wishes.includes(id) || draft.wishes.length >= WISHES_MAX) return {};
  return { wishes: [...draft.wishes, id], affection: true };
}

/** The affection step is asked only in partner bonds, of someone who turned it on in Settings. */
export function withAffection(bondKind: string, trackAffection: boolean | undefined): boolean {
  return bondKind === 'partner' && trackAffection === true;
}

export function stepsFor(affection: boolean): StepId[] {
  return ['feelings', 'now', 'wanted', 'need', 'time', ...(affection ? (['affection'] as const) : []), 'guess'];
}

export const minutesFrom = (value: number): Minutes =>
  (minutePicks as readonly number[]).includes(value) ? { pick: value, custom: '' } : { pick: 'other', custom: String(value) };

/** A fresh draft, or one holding what was sent before (to change it). */
export function draftFrom(mine: Checkin | null): Draft {
  if (!mine) {
    return {
      feelings: [],
      now: 4,
      wanted: 4,
      need: null,
      own: { pick: null, custom: '' },
      together: { pick: null, custom: '' },
      affection: false,
      lovemaking: false,
      wishes: [],
      guessFamily: null,
      guessNow: 4,
    };
  }
  return {
    feelings: mine.feelings.map((f) => ({ word: f.word, intensity: f.intensity })),
    now: mine.closeness_now,
    wanted: mine.closeness_wanted,
    need: mine.need,
    own: minutesFrom(mine.own_minutes),
    together: minutesFrom(mine.together_minutes),
    affection: mine.affection === true,
    lovemaking: mine.lovemaking === true,
    wishes: mine.wishes ?? [],
    guessFamily: mine.guess.family,
    guessNow: mine.guess.closeness_now,
  };
}

/** The minutes as a number, or a reason they are not one yet. */
export function minutesValue(m: Minutes): number | string {
  if (m.pick === null) return 'Choose how much time, even if it was none.';
  if (m.pick !== 'other') return m.pick;
  const text = m.custom.trim();
  const n = Number(text);
  if (!text || !Number.isInteger(n) || n < 0 || n > MINUTES_MAX) {
    return `Type a whole number of minutes from 0 to ${MINUTES_MAX}.`;
  }
  return n;
}

/** Which step shows a field the server complained about. */
export function stepOfField(field: string): StepId | null {
  if (field.startsWith('feelings')) return 'feelings';
  if (field === 'closeness_now') return 'now';
  if (field === 'closeness_wanted') return 'wanted';
  if (field === 'need') return 'need';
  if (field.endsWith('_minutes')) return 'time';
  if (field === 'affection' || field === 'lovemaking' || field === 'wishes') return 'affection';
  if (field.startsWith('guess')) return 'guess';
  return null;
}

/** What is missing or wrong on `step`, by field; empty when the step is ready. */
export function checkStep(step: StepId, draft: Draft, otherName: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (step === 'feelings' && draft.feelings.length === 0) out.feelings = 'Choose at least one word for how you feel.';
  if (step === 'need' && !draft.need) out.need = 'Choose the one that fits best today.';
  if (step === 'time') {
    const own = minutesValue(draft.own);
    const together = minutesValue(draft.together);
    if (typeof own === 'string') out.own_minutes = own;
    if (typeof together === 'string') out.together_minutes = together;
  }
  if (step === 'guess' && !draft.guessFamily) out['guess.family'] = `Choose the feeling you think is strongest for ${otherName}.`;
  return out;
}

/** The body for PUT .../checkins/{day}; call it once every step has passed `checkStep`. */
export function checkinBody(draft: Draft, affection: boolean): CheckinDraft {
  const body: CheckinDraft = {
    feelings: draft.feelings,
    closeness_now: draft.now,
    closeness_wanted: draft.wanted,
    need: draft.need!,
    own_minutes: minutesValue(draft.own) as number,
    together_minutes: minutesValue(draft.together) as number,
    guess: { family: draft.guessFamily!, closeness_now: draft.guessNow },
  };
  if (affection) {
    body.affection = draft.affection;
    body.lovemaking = draft.lovemaking;
    body.wishes = draft.wishes;
  }
  return body;
}

/** The first step, in the order asked, that shows one of the fields the server refused. */
export function firstStepOf(fields: string[], steps: StepId[]): StepId | null {
  return fields.map(stepOfField).find((s): s is StepId => s !== null && steps.includes(s)) ?? null;
}

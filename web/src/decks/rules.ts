// The words of Conversations, as plain functions: where a prompt stands from one's own side, how
// far a level has opened, and what a love-map guess says once both have answered. No scores: a
// guess that missed is something to ask about, one that matched is something known.
import type { DeckLevel, DeckPromptState, PromptView } from '../api';

/** The revealed prompts of the level before that open the next. */
export const LEVEL_OPENS_AFTER = 5;
export const ANSWER_MAX = 5000;

export type PromptStage = 'answer' | 'waiting' | 'your-turn' | 'revealed' | 'set-aside';

/** Where a prompt stands for me. Setting aside yields once the other has answered: it is waiting. */
export function promptStage(p: Pick<DeckPromptState, 'mine' | 'other' | 'revealed' | 'skipped'>): PromptStage {
  if (p.revealed) return 'revealed';
  if (p.mine) return 'waiting';
  if (p.other) return 'your-turn';
  if (p.skipped) return 'set-aside';
  return 'answer';
}

/** "Answer", "You answered — waiting for Ben", "Ben answered — your turn", "Read together", "Set aside". */
export function stageSaid(stage: PromptStage, other: string): string {
  switch (stage) {
    case 'answer':
      return 'Answer';
    case 'waiting':
      return `You answered — waiting for ${other}`;
    case 'your-turn':
      return `${other} answered — your turn`;
    case 'revealed':
      return 'Read together';
    case 'set-aside':
      return 'Set aside';
  }
}

/** The same, for a prompt as the answer screen has it. */
export function viewStage(view: PromptView): PromptStage {
  return promptStage({ mine: view.mine !== null, other: view.other?.answered ?? false, revealed: view.revealed_at !== null, skipped: view.skipped });
}

/** What a level on the path says about how far it has opened. */
export function levelSaid(level: DeckLevel, before: DeckLevel | undefined): string {
  if (!level.open) {
    const done = Math.min(before?.revealed ?? 0, LEVEL_OPENS_AFTER);
    return `Opens after ${LEVEL_OPENS_AFTER} shared at the level before: ${done} of ${LEVEL_OPENS_AFTER}`;
  }
  if (level.revealed === 0) return `Open · ${level.available} to share`;
  if (level.revealed >= level.available) return `Open · all ${level.available} shared`;
  return `Open · ${level.revealed} of ${level.available} shared`;
}

/** "2 waiting for you", or nothing. */
export function waitingSaid(count: number): string | null {
  return count > 0 ? `${count} waiting for you` : null;
}

/** My love-map guess at the other, once both answered: something known, or something to ask. */
export function guessSaid(right: boolean, other: string): string {
  return right ? `You knew this about ${other}.` : `Ask ${other} about this.`;
}

/** Said once above the two sides when both guesses matched. */
export function bothKnewSaid(myGuessRight: boolean | undefined, theirGuessRight: boolean | undefined): string | null {
  return myGuessRight && theirGuessRight ? 'You knew this about each other.' : null;
}

/** The other's love-map guess at me, once both answered. */
export function theirGuessSaid(right: boolean, other: string): string {
  return right ? `${other} knew this about you.` : `Tell ${other} about this.`;
}

/** The invitation after a reveal. */
export const TALK_ABOUT_IT = 'What surprised you? Ask each other one question about it.';

// The two needs' questionnaire as plain rules: the scale's points and their words, the answers to
// start from (a retake begins from the last result), what is still missing, and what is sent.
import type { NeedItem, NeedsResult, NeedsWords } from '../api';

/** Statement id to answer, from the scale's min to its max. */
export type Answers = Record<string, number>;

export interface ScalePoint {
  value: number;
  /** The catalog's words for this point ("Not like me at all"), where it has any. */
  label?: string;
}

/** The scale's points, low to high. */
export function scalePoints(words: NeedsWords): ScalePoint[] {
  const points: ScalePoint[] = [];
  for (let value = words.scale.min; value <= words.scale.max; value++) {
    const label = words.scale.labels[String(value)];
    points.push(label ? { value, label } : { value });
  }
  return points;
}

const inScale = (words: NeedsWords, value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= words.scale.min && (value as number) <= words.scale.max;

/**
 * The answers to begin with: the last result's, for the statements the catalog still asks (a
 * retake changes only what has changed); none for a first time.
 */
export function startingAnswers(words: NeedsWords, last: NeedsResult | undefined): Answers {
  const answers: Answers = {};
  if (!last) return answers;
  for (const item of words.items) {
    const value = last.answers[item.id];
    if (inScale(words, value)) answers[item.id] = value;
  }
  return answers;
}

/** Where a retake with these answers begins: the first statement without one, else the first. */
export function firstOpen(items: readonly NeedItem[], answers: Answers): number {
  return Math.max(0, items.findIndex((item) => answers[item.id] === undefined));
}

/** How many statements have an answer. */
export const answeredCount = (items: readonly NeedItem[], answers: Answers): number =>
  items.filter((item) => answers[item.id] !== undefined).length;

/** What is sent: every statement's answer, or null while any is missing or out of the scale. */
export function answersBody(words: NeedsWords, answers: Answers): Answers | null {
  const body: Answers = {};
  for (const item of words.items) {
    const value = answers[item.id];
    if (!inScale(words, value)) return null;
    body[item.id] = value;
  }
  return body;
}

/** "Statement 5 of 16". */
export const progressSaid = (index: number, total: number): string => `Statement ${index + 1} of ${total}`;
